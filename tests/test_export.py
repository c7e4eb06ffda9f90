"""The chart exporter: charts in every format with progress, options, clear failures.

That exports repeat to the byte is shown across two report builds (test_report_reproducible).
"""

import contextlib
import io
import re

import nbformat
import pytest
from matplotlib.figure import Figure

from conftest import set_cell
from helpers.report import export
from helpers import load_record
from helpers.charts import CHARTS
from helpers.record.paths import NOTEBOOKS_DIR

FIRST_CHART = next(iter(CHARTS))
# Two charts here, from two notebooks; every chart in every format is exported by the report build and checked there.
TWO_CHARTS = list(CHARTS)[:2]


def run_export(capsys, *arguments: str) -> tuple[int, str, str]:
    status = export.main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """(folder, exit status, what was printed) of exporting TWO_CHARTS from the project's record."""
    out_dir = tmp_path_factory.mktemp("export")
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        status = export.main(["--charts", *TWO_CHARTS, "--out", str(out_dir)])
    return out_dir, status, printed.getvalue()


def shown_in_notebook(chart_name: str) -> str:
    """The SVG that the chart's committed notebook shows for `charts.static(chart_name, record)`."""
    notebook = nbformat.read(NOTEBOOKS_DIR / CHARTS[chart_name].notebook, as_version=4)
    drawing = re.compile(rf"charts\.static\([\"']{chart_name}[\"'], record\)")
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and drawing.search(c.source)]
    (svg,) = [o["data"]["image/svg+xml"] for o in cell.outputs if "image/svg+xml" in o.get("data", {})]
    return svg


def test_charts_are_written_in_every_format_with_progress(exported):
    out_dir, status, out = exported
    assert status == 0
    for number, name in enumerate(TWO_CHARTS, start=1):
        assert f"chart {number} of {len(TWO_CHARTS)}: {name}" in out
        for file_format in export.FORMATS:
            assert (out_dir / f"{name}.{file_format}").stat().st_size > 0
            assert f"wrote {name}.{file_format}" in out
    assert (out_dir / export.PLOTLY_JS).is_file()
    assert f"Exported {len(TWO_CHARTS)} charts as {3 * len(TWO_CHARTS)} files" in out


def test_the_notebooks_show_each_static_chart_as_it_is_exported(exported):
    """A reader who downloads the SVG gets, byte for byte, the chart the committed notebook shows."""
    out_dir, _, _ = exported
    assert {CHARTS[name].notebook for name in TWO_CHARTS} == {"0_the_record.ipynb", "1_how_the_estimates_grew.ipynb"}
    for name in TWO_CHARTS:
        assert shown_in_notebook(name) == (out_dir / f"{name}.svg").read_text(encoding="utf-8"), name


def test_options_choose_charts_and_formats(tmp_path, capsys):
    status, _, _ = run_export(capsys, "--charts", FIRST_CHART, "--formats", "svg", "--out", str(tmp_path))
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{FIRST_CHART}.svg"]


def test_charts_named_alone_adds_every_chart_to_the_table(tmp_path, capsys, monkeypatch):
    asked = []
    monkeypatch.setattr(export, "export_charts", lambda record, names, formats, out: asked.extend(names) or [])
    status, _, _ = run_export(capsys, "--table", "--charts", "--out", str(tmp_path))
    assert status == 0
    assert (tmp_path / export.TABLE_FILE).is_file()
    assert asked == list(export.CHARTS)


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


def test_the_png_is_laid_out_as_the_svg(tmp_path, monkeypatch):
    """Both files of a chart show the same layout: the PNG's panels are where the SVG's are."""
    placed = []
    save = Figure.savefig

    def save_and_note_the_panels(figure, *args, **kwargs):
        save(figure, *args, **kwargs)
        placed.append((kwargs["format"], [tuple(ax.get_position().bounds) for ax in figure.axes]))

    monkeypatch.setattr(Figure, "savefig", save_and_note_the_panels)
    written = export.write_static(CHARTS["troops_by_location"], load_record(archive_dir=None), ["png", "svg"], tmp_path)
    assert [path.suffix for path in written] == [".svg", ".png"]
    (_, svg_panels), (_, png_panels) = placed
    assert len(svg_panels) > 1 and png_panels == svg_panels
