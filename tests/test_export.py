"""The chart exporter: charts in every format with progress, options, clear failures.

That exports repeat to the byte is shown across two report builds (test_report_reproducible).
"""

import pytest

from conftest import set_cell
from helpers import export
from helpers.charts import CHARTS

FIRST_CHART = next(iter(CHARTS))


def run_export(capsys, *arguments: str) -> tuple[int, str, str]:
    status = export.main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_charts_are_written_in_every_format_with_progress(tmp_path, capsys):
    """Two charts here; every chart in every format is exported by the report build and checked there."""
    names = list(CHARTS)[:2]
    status, out, _ = run_export(capsys, "--charts", *names, "--out", str(tmp_path))
    assert status == 0
    for number, name in enumerate(names, start=1):
        assert f"chart {number} of {len(names)}: {name}" in out
        for file_format in export.FORMATS:
            assert (tmp_path / f"{name}.{file_format}").stat().st_size > 0
            assert f"wrote {name}.{file_format}" in out
    assert (tmp_path / export.PLOTLY_JS).is_file()
    assert f"Exported {len(names)} charts as {3 * len(names)} files" in out


def test_options_choose_charts_and_formats(tmp_path, capsys):
    status, _, _ = run_export(capsys, "--charts", FIRST_CHART, "--formats", "svg", "--out", str(tmp_path))
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{FIRST_CHART}.svg"]


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
