"""What every notebook does first, and how it shows findings: one place, so all notebooks look alike.

`setup()` makes outputs deterministic at the source (SVG without dates and with a fixed
hash salt; plotly as its JSON mimetype, which JupyterLab draws and nbval compares), then
loads and validates the record.
"""

import re

import pandas as pd
import plotly.io as pio
from IPython.display import Markdown

from helpers import style
from helpers.record import Record, load_record

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def setup() -> Record:
    """Style, renderers and display options for a notebook; returns the validated record."""
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    style.apply_matplotlib_style()
    set_matplotlib_formats("svg", metadata=style.SVG_METADATA)
    pio.renderers.default = "plotly_mimetype"
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 200)
    return load_record()


def escape(text: object) -> str:
    """Text from the data made inert in Markdown: no markup, no links, no HTML."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\\&lt;", "&lt;").replace("\\&gt;", "&gt;")


def finding(text: str) -> Markdown:
    """A finding for display; `text` is Markdown whose data parts were passed through `escape`."""
    return Markdown(text)
