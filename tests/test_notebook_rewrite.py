"""`make notebooks`: re-executing notebooks in place writes fresh outputs and no run-time stamps."""

import nbformat

from helpers.report import notebooks
from report_builds import write_fixture_notebook


def test_notebooks_are_rewritten_in_place_without_timing_metadata(tmp_path, capsys):
    path = write_fixture_notebook(tmp_path)
    assert notebooks.main([str(path)]) == 0
    assert f"rewrote {path}" in capsys.readouterr().out
    code_cells = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    assert all(cell.outputs or cell is code_cells[0] for cell in code_cells)
    assert all("execution" not in cell.metadata for cell in code_cells)
    assert [cell.execution_count for cell in code_cells] == list(range(1, len(code_cells) + 1))
