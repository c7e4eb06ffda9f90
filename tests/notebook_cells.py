"""Run every notebook's code cells in this process on a given record, as a kernel would, without a kernel.

A kernel costs seconds to start; a property test runs the cells on many records. Each cell's last
expression is shown the way the notebook shows it: a table's and a finding's text and HTML, an
interactive chart's JSON, and a static chart drawn (saved to SVG, as the notebook's inline
backend does) when `draw` is set.
"""

import ast
import io
import re
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
from matplotlib.figure import Figure
from plotly.basedatatypes import BaseFigure

from helpers import notebook
from helpers.record.paths import NOTEBOOKS_DIR
from helpers.record import Record

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
# What a missing value prints as: a finding that shows one states nothing true.
MISSING_VALUE = re.compile(r"\bnan\b|\bNaT\b|<NA>|&lt;NA&gt;")


def code_cells(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


CELLS = {path.name: code_cells(path) for path in NOTEBOOKS}


def show(value, draw: bool) -> None:
    """What the notebook's display does with a cell's value, so a failing repr fails here too."""
    if isinstance(value, Figure):
        assert not MISSING_VALUE.search(value._suptitle.get_text()), value._suptitle.get_text()
        if draw:
            value.savefig(io.BytesIO(), format="svg")
        plt.close(value)
    elif isinstance(value, BaseFigure):
        notebook.plotly_mimebundle(value)
    elif hasattr(value, "_repr_markdown_"):  # a finding
        text = value._repr_markdown_()
        assert not MISSING_VALUE.search(text), f"a missing value in the finding: {text}"
    elif value is not None:
        if hasattr(value, "_repr_html_"):
            value._repr_html_()
        repr(value)


def run_cells(source: str, names: dict, draw: bool) -> None:
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), names)
    if last is not None:
        show(eval(compile(ast.Expression(last.value), "<cell>", "eval"), names), draw)


def run_notebook(name: str, record: Record, monkeypatch, draw: bool = False) -> None:
    """Every code cell of notebook `name`, in order, with `nb.setup()` giving `record`."""
    monkeypatch.setattr(notebook, "load_record", lambda: record)
    names: dict = {}
    for number, source in enumerate(CELLS[name], start=1):
        try:
            run_cells(source, names, draw)
        except Exception as error:
            raise AssertionError(f"{name}, code cell {number} ({source.splitlines()[-1]}): "
                                 f"{type(error).__name__}: {error}") from error
