"""The chart exporter: every chart in every format, options, reproducible bytes, clear failures."""

import contextlib
import hashlib
import io

import pytest
from PIL import Image

from conftest import set_cell
from helpers import export
from helpers.charts import CHARTS

FIRST_CHART = next(iter(CHARTS))


def run_export(capsys, *arguments: str) -> tuple[int, str, str]:
    status = export.main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """(folder, printed output) of one export of every chart in every format."""
    folder = tmp_path_factory.mktemp("exported")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert export.main(["--out", str(folder)]) == 0
    return folder, printed.getvalue()


def test_every_chart_is_written_in_every_format_with_progress(exported):
    folder, out = exported
    names = list(CHARTS)
    for number, name in enumerate(names, start=1):
        assert f"chart {number} of {len(names)}: {name}" in out
        for file_format in export.FORMATS:
            assert (folder / f"{name}.{file_format}").stat().st_size > 0
            assert f"wrote {name}.{file_format}" in out
    assert (folder / export.PLOTLY_JS).is_file()
    assert f"Exported {len(names)} charts as {3 * len(names)} files" in out


def test_files_carry_no_date_software_or_remote_script(exported):
    folder, _ = exported
    for name in CHARTS:
        svg = (folder / f"{name}.svg").read_text(encoding="utf-8")
        assert "<dc:date>" not in svg and "Matplotlib v" not in svg
        assert "Software" not in Image.open(folder / f"{name}.png").info
        html = (folder / f"{name}.html").read_text(encoding="utf-8")
        assert '<script charset="utf-8" src="plotly.min.js"></script>' in html
        assert "cdn.plot.ly" not in html and f'id="{name}"' in html


def test_options_choose_charts_and_formats(tmp_path, capsys):
    status, _, _ = run_export(capsys, "--charts", FIRST_CHART, "--formats", "svg", "--out", str(tmp_path))
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{FIRST_CHART}.svg"]


def test_an_export_repeats_byte_for_byte(exported, tmp_path, capsys):
    assert run_export(capsys, "--charts", FIRST_CHART, "--out", str(tmp_path))[0] == 0
    for path in tmp_path.iterdir():
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256((exported[0] / path.name).read_bytes()).digest()


def test_an_unknown_chart_is_refused_with_the_known_names(tmp_path, capsys):
    with pytest.raises(SystemExit):
        export.main(["--charts", "no_such_chart", "--out", str(tmp_path)])
    assert FIRST_CHART in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_an_invalid_record_stops_the_export_with_the_file_and_reason(record_copy, tmp_path, capsys):
    data_dir, _ = record_copy
    line = set_cell(data_dir / "claims.csv", "claim_id", "c001", "figure", "1,500")
    status, _, err = run_export(capsys, "--data", str(data_dir), "--out", str(tmp_path / "out"))
    assert status == 1
    assert f"claims.csv:{line}: figure: '1,500'" in err
    assert not (tmp_path / "out").exists()
