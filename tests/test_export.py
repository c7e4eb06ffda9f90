"""The chart exporter: every chart in every format, options, reproducible bytes, clear failures."""

import hashlib

import pytest
from PIL import Image

from conftest import set_cell
from helpers import export
from helpers.charts import CHARTS


def run_export(capsys, *arguments: str) -> tuple[int, str, str]:
    status = export.main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_every_chart_is_written_in_every_format_with_progress(tmp_path, capsys):
    status, out, _ = run_export(capsys, "--out", str(tmp_path))
    assert status == 0
    names = list(CHARTS)
    for number, name in enumerate(names, start=1):
        assert f"chart {number} of {len(names)}: {name}" in out
        for file_format in export.FORMATS:
            assert (tmp_path / f"{name}.{file_format}").stat().st_size > 0
            assert f"wrote {name}.{file_format}" in out
    assert (tmp_path / export.PLOTLY_JS).is_file()
    assert f"Exported {len(names)} chart" in out


def test_options_choose_charts_and_formats(tmp_path, capsys):
    name = next(iter(CHARTS))
    status, _, _ = run_export(capsys, "--charts", name, "--formats", "svg", "--out", str(tmp_path))
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{name}.svg"]


def test_an_unknown_chart_is_refused_with_the_known_names(tmp_path, capsys):
    with pytest.raises(SystemExit):
        export.main(["--charts", "no_such_chart", "--out", str(tmp_path)])
    assert next(iter(CHARTS)) in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_two_exports_are_byte_identical(tmp_path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        assert run_export(capsys, "--out", str(folder))[0] == 0
    digest = lambda folder: {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert digest(first) == digest(second)


def test_files_carry_no_date_software_or_remote_script(tmp_path, capsys):
    run_export(capsys, "--out", str(tmp_path))
    for name in CHARTS:
        svg = (tmp_path / f"{name}.svg").read_text(encoding="utf-8")
        assert "<dc:date>" not in svg and "Matplotlib v" not in svg
        assert "Software" not in Image.open(tmp_path / f"{name}.png").info
        html = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert '<script charset="utf-8" src="plotly.min.js"></script>' in html
        assert "cdn.plot.ly" not in html and f'id="{name}"' in html


def test_an_invalid_record_stops_the_export_with_the_file_and_reason(record_copy, tmp_path, capsys):
    data_dir, _ = record_copy
    line = set_cell(data_dir / "claims.csv", "claim_id", "c001", "figure", "1,500")
    status, _, err = run_export(capsys, "--data", str(data_dir), "--out", str(tmp_path / "out"))
    assert status == 1
    assert f"claims.csv:{line}: figure: '1,500'" in err
    assert not (tmp_path / "out").exists()
