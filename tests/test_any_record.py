"""Any record the loader accepts works: every notebook cell, chart, finding, the table and the summary.

Records are drawn by `record_strategies.records()`: the shapes curators will add. The run in
`make test` is small; `make test-deep` multiplies the examples (RECORD_EXAMPLES_SCALE) and saves
every chart in every format.
"""

import contextlib
import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from helpers import load_record
from helpers.record import summary
from helpers.report import table
from helpers.charts import CHARTS
from helpers.report.export import FORMATS, export_charts

from notebook_cells import CELLS, run_notebook
from record_strategies import records, write_tables

# A chart whose layout collapses (matplotlib only warns) has drawn nothing readable.
pytestmark = pytest.mark.filterwarnings("error::UserWarning")
SCALE = int(os.environ.get("RECORD_EXAMPLES_SCALE", "1"))
DEEP = SCALE > 1
BOUNDED = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                          HealthCheck.data_too_large])


@contextlib.contextmanager
def drawn_record(tables, changelog: bool = True):
    with tempfile.TemporaryDirectory(prefix="nk-drawn-") as folder:
        yield load_record(write_tables(Path(folder) / "data", tables, changelog), archive_dir=None)


@given(tables=records())
@settings(BOUNDED, max_examples=6 * SCALE)
def test_every_drawn_record_passes_the_loader(tables):
    with drawn_record(tables) as record:
        assert len(record.claims) == len(tables["claims.csv"])


@given(tables=records())
@settings(BOUNDED, max_examples=4 * SCALE)
def test_every_notebook_cell_runs_on_any_record(monkeypatch, tables):
    # Every notebook on one record, as a reader runs them: the analyses each works out are kept for the next.
    with drawn_record(tables) as record:
        for name in sorted(CELLS):
            run_notebook(name, record, monkeypatch, draw=DEEP)


@given(tables=records())
@settings(BOUNDED, max_examples=2 * SCALE)
def test_the_table_and_the_summary_work_on_any_record(tables):
    with drawn_record(tables, changelog=False) as record, tempfile.TemporaryDirectory() as out:
        table.write_table(record, Path(out) / "claims_table.csv")
        with contextlib.redirect_stdout(io.StringIO()):
            assert summary.main(["--data", str(record.data_dir)]) == 0


@pytest.mark.skipif(not DEEP, reason="saving every chart in every format is the deep run's (make test-deep)")
@given(tables=records())
@settings(BOUNDED, max_examples=2 * SCALE)
def test_every_chart_saves_in_every_format_on_any_record(tables):
    with drawn_record(tables) as record, tempfile.TemporaryDirectory() as out:
        export_charts(record, list(CHARTS), FORMATS, Path(out), lambda line: None)
