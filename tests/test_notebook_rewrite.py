"""`make notebooks`: re-executing notebooks in place writes fresh outputs and no run-time stamps."""

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.report import notebooks


def test_notebooks_are_rewritten_in_place_without_timing_metadata(tmp_path, capsys):
    # A notebook of its own: what is tested is the rewriting, not the helpers (the builds run those).
    path = tmp_path / "small.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Small"), new_code_cell("answer = 6 * 7"),
                                       new_code_cell("print(answer)"), new_code_cell("answer")]), path)
    assert notebooks.main([str(path)]) == 0
    assert f"rewrote {path}" in capsys.readouterr().out
    code_cells = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    assert [cell.outputs for cell in code_cells[1:]] == [
        [{"name": "stdout", "output_type": "stream", "text": "42\n"}],
        [{"data": {"text/plain": "42"}, "execution_count": 3, "metadata": {}, "output_type": "execute_result"}],
    ]
    assert all("execution" not in cell.metadata for cell in code_cells)
    assert [cell.execution_count for cell in code_cells] == list(range(1, len(code_cells) + 1))
