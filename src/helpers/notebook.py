"""What every notebook does first, and how it shows findings: one place, so all notebooks look alike.

`setup()` makes outputs deterministic at the source (SVG without dates and with a fixed
hash salt; plotly as its JSON mimetype, which JupyterLab draws and nbval compares), then
loads and validates the record.
"""

import json
import re

import pandas as pd
from IPython import get_ipython
from IPython.display import Markdown, display
from plotly.basedatatypes import BaseFigure
from plotly.io import to_json

from helpers import style
from helpers.report.readable import ReaderTable, for_readers, one_row
from helpers.charts import PLOTLY_MIMETYPE
from helpers.record import Record, load_record

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def plotly_mimebundle(figure: BaseFigure) -> dict:
    """What plotly's "plotly_mimetype" renderer displays (the figure's JSON, no config), built directly.

    plotly's renderers module imports nbformat, and with it jsonschema and its URI grammar, only
    to check nbformat's version: about 1.5 s of every kernel's start, for nothing the output needs.
    """
    return {PLOTLY_MIMETYPE: json.loads(to_json(figure.to_dict(), validate=False, remove_uids=False))}


def show_plotly_figure(figure: BaseFigure) -> None:
    display(plotly_mimebundle(figure), raw=True)


def setup() -> Record:
    """Style, renderers and display options for a notebook; returns the validated record."""
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    style.apply_matplotlib_style()
    # The exported SVG itself: the whole figure at the saving resolution. The inline backend's
    # default, a tight bounding box, would crop to the drawn parts, which takes a second drawing.
    set_matplotlib_formats("svg", metadata=style.SVG_METADATA, bbox_inches=None, dpi=style.SAVE_DPI)
    shell = get_ipython()
    if shell is not None:  # a registered formatter takes precedence over the figure's own display
        shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, show_plotly_figure)
    pd.set_option("display.max_colwidth", None)  # a quote or a note is never cut short with "..."
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 200)
    return load_record()


def table(record: Record, frame: pd.DataFrame) -> ReaderTable:
    """An analysis's rows as a table for readers: headers and values in words, ids as names (helpers.report.readable)."""
    return for_readers(frame, record)


def row(frame: pd.DataFrame) -> ReaderTable:
    """One row of a record's table, column by column, with its values written for reading (helpers.report.readable)."""
    return one_row(frame)


def escape(text: object) -> str:
    """Text from the data made inert in Markdown: no markup, no links, no HTML."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\\&lt;", "&lt;").replace("\\&gt;", "&gt;")


def finding(text: str) -> Markdown:
    """A finding for display; `text` is Markdown whose data parts were passed through `escape`."""
    return Markdown(text)
