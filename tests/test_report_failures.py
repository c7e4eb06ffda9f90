"""A failed build stops with the file and the reason, and leaves the previous output as it was."""

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from conftest import copy_record, set_cell
from helpers.record.paths import DATA_DIR
from helpers.report.build import main as build_main
from report_builds import file_hashes, write_fixture_notebook


def run_build(capsys, out_dir, data_dir, notebooks_dir) -> tuple[int, str]:
    """The build as `python -m helpers.report` runs it, in this process: (exit status, what it printed to stderr)."""
    status = build_main(["--out", str(out_dir), "--data", str(data_dir), "--notebooks", str(notebooks_dir)])
    return status, capsys.readouterr().err


def previous_output(root):
    out_dir = root / "output"
    out_dir.mkdir()
    (out_dir / "index.html").write_text("the previous report\n", encoding="utf-8")
    return out_dir, file_hashes(out_dir)


def leftovers(root):
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".output-"))


def test_an_invalid_record_stops_the_build_and_keeps_the_previous_output(tmp_path, capsys):
    data_dir = copy_record(tmp_path)
    line = set_cell(data_dir / "claims.csv", "claim_id", "c001", "figure", "1,500")
    notebooks_dir = tmp_path / "notebooks"
    write_fixture_notebook(notebooks_dir)
    out_dir, before = previous_output(tmp_path)
    status, stderr = run_build(capsys, out_dir, data_dir, notebooks_dir)
    assert status == 1
    assert f"claims.csv:{line}: figure: '1,500'" in stderr
    assert f"{out_dir} was left as it was" in stderr
    assert file_hashes(out_dir) == before
    assert leftovers(tmp_path) == []


def test_a_failing_notebook_stops_the_build_and_keeps_the_previous_output(tmp_path, capsys):
    notebooks_dir = tmp_path / "notebooks"
    notebooks_dir.mkdir()
    broken = notebooks_dir / "2_broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("raise ValueError('deliberately broken')")]),
                   broken)
    out_dir, before = previous_output(tmp_path)
    status, stderr = run_build(capsys, out_dir, DATA_DIR, notebooks_dir)
    assert status == 1
    assert f"{broken}: cell 2 raised ValueError: deliberately broken" in stderr
    assert file_hashes(out_dir) == before
    assert leftovers(tmp_path) == []
