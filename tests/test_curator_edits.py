"""The curator steps (README.md, docs/curating.md), on a copy of the record: an edit that passes the loader runs in every notebook cell,
and the test run tells the curator to re-execute the notebooks rather than failing cell by cell.

The two edits are those a newcomer tried first: Zelenskyy's 11,000 in Kursk Oblast (a part with no total of
his own), and a claim from a new claimant (a casualty figure).
"""

import nbformat
import pytest

from helpers import findings, load_record
from helpers.bench.timing import ONE_CLAIM_EDIT
from helpers.record.paths import NOTEBOOKS_DIR
from helpers.report.notebooks import ExecutedNotebook, executed_on_another_record, find_notebooks
from helpers.report.update import changed_cells, describe_changes

from conftest import read_rows, write_rows
from notebook_cells import CELLS, run_notebook

ZELENSKYY_SOURCE, ZELENSKYY_CLAIM = ONE_CLAIM_EDIT["sources.csv"], ONE_CLAIM_EDIT["claims.csv"]
NEW_CLAIMANT = {"claimant_id": "edit_uk_mod", "name": "Ministry of Defence (United Kingdom)",
                "short_name": "UK Ministry of Defence (an edit)", "country": "United Kingdom",
                "kind": "defence ministry", "colour": "#a0522d", "party_to_deployment": "false"}
NEW_CLAIMANT_CLAIM = {
    **ZELENSKYY_CLAIM, "claim_id": "edit_c2", "statement_id": "edit_uk_killed_1000", "claimant_id": "edit_uk_mod",
    "speaker": "the ministry", "speaker_kind": "institutional", "said_on_basis": "made up for a test",
    "figure": "1000", "qualifier": "about", "qualifier_wording": "about", "low": "900", "high": "1100",
    "measure": "killed", "location": "kursk_oblast", "quote_kind": "paraphrase", "quote": "",
    "notes": "made up: about 1,000 killed, the outlet's paraphrase of the ministry",
}


def add_rows(data_dir, name, *rows):
    path = data_dir / name
    write_rows(path, read_rows(path) + list(rows))


def edited(record_copy, edits):
    data_dir, archive_dir = record_copy
    for name, row in edits:
        add_rows(data_dir, name, row)
    return data_dir, archive_dir


ZELENSKYY_EDIT = [("sources.csv", ZELENSKYY_SOURCE), ("claims.csv", ZELENSKYY_CLAIM)]


@pytest.fixture
def zelenskyy_edit(record_copy):
    return edited(record_copy, ZELENSKYY_EDIT)


@pytest.fixture
def new_claimant_edit(record_copy):
    return edited(record_copy, [*ZELENSKYY_EDIT, ("claimants.csv", NEW_CLAIMANT), ("claims.csv", NEW_CLAIMANT_CLAIM)])


def test_every_notebook_cell_runs_after_both_edits(monkeypatch, new_claimant_edit):
    record = load_record(*new_claimant_edit)
    for name in CELLS:
        run_notebook(name, record, monkeypatch)


def test_a_part_with_no_total_of_its_own_is_said_so(zelenskyy_edit):
    text = findings.locations(load_record(*zelenskyy_edit)).data
    assert "Zelenskyy (4 November 2024): 11,000 in Kursk Oblast — no total of Zelenskyy's by then to compare it with" in text


def test_the_test_run_names_the_notebooks_executed_on_another_record(zelenskyy_edit):
    assert executed_on_another_record(NOTEBOOKS_DIR, zelenskyy_edit[0]) == find_notebooks(NOTEBOOKS_DIR)


def test_the_update_says_which_cells_and_findings_changed():
    path = NOTEBOOKS_DIR / "1_how_the_estimates_grew.ipynb"
    before = nbformat.read(path, as_version=4)
    after = nbformat.read(path, as_version=4)
    finding = next(cell for cell in after.cells if cell.source.startswith("findings.growth"))
    finding.outputs[0]["data"]["text/markdown"] = "changed"
    assert changed_cells(before, after) == [finding]
    lines = describe_changes({path: before}, [ExecutedNotebook(path, after)])
    assert lines == ["1 cell changed in 1 of 1 notebooks:",
                     "  1_how_the_estimates_grew.ipynb: 1 cell changed; findings whose sentences changed: findings.growth"]
