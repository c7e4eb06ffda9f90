"""Two builds of the same record are identical to the byte.

The second build runs the fixture notebook alone, so every file it writes but the index (which
lists the notebooks) is also written by the first: charts, table, plotly.js and a notebook page.
That each project notebook repeats its outputs exactly is what strict nbval checks.
"""

from helpers.charts import CHARTS
from helpers.export import FORMATS
from report_builds import FIXTURE_NOTEBOOK, file_hashes


def test_a_second_build_repeats_every_file_to_the_byte(rebuilt_report, built_report):
    first, second = file_hashes(built_report.out_dir), file_hashes(rebuilt_report.out_dir)
    del second["index.html"]
    assert {f"{name}.{fmt}" for name in CHARTS for fmt in FORMATS} <= second.keys()
    assert FIXTURE_NOTEBOOK.replace(".ipynb", ".html") in second
    assert {name: first.get(name) for name in second} == second
