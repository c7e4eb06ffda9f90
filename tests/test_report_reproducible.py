"""Two builds of the same record are identical to the byte.

The second build runs the fixture notebook alone and exports two charts, so every file it writes
but the index (which lists the notebooks and charts) is also written by the first: charts, table,
plotly.js and a notebook page. That every chart's SVG and plotly figure, and each project
notebook's outputs, repeat exactly is what strict nbval checks.
"""

from helpers.charts import CHARTS
from helpers.report.export import FORMATS, PLOTLY_JS, TABLE_FILE
from html_checks import parse
from report_builds import FIXTURE_NOTEBOOK, REBUILT_CHARTS, file_hashes


def test_a_second_build_repeats_every_file_to_the_byte(rebuilt_report, built_report):
    first, second = file_hashes(built_report.out_dir), file_hashes(rebuilt_report.out_dir)
    del second["index.html"]
    # Only the charts asked for, and the rest of a report.
    assert second.keys() == ({f"{name}.{fmt}" for name in REBUILT_CHARTS for fmt in FORMATS}
                             | {FIXTURE_NOTEBOOK.replace(".ipynb", ".html"), PLOTLY_JS, TABLE_FILE})
    assert {name: first.get(name) for name in second} == second


def test_a_build_with_some_charts_lists_only_those(rebuilt_report):
    links = {a["href"] for a in parse(rebuilt_report.out_dir / "index.html").find_all("a", href=True)}
    charts_linked = {href.rsplit(".", 1)[0] for href in links} & set(CHARTS)
    assert charts_linked == set(REBUILT_CHARTS)
