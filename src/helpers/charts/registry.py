"""The chart registry: a chart's name, notebook, caption and its two drawings."""

from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers import style
from helpers.record import Record

# How a notebook carries an interactive chart: JupyterLab draws it, nbval compares it, and the
# report turns it into a drawing with the local plotly.js.
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"


@dataclass(frozen=True)
class Chart:
    """One chart. `name` is also the stem of its exported files."""

    name: str
    notebook: str
    caption: Callable[[Record], str]
    draw_static: Callable[[Record], Figure]
    draw_interactive: Callable[[Record], go.Figure]


CHARTS: dict[str, Chart] = {}


def register(name: str, notebook: str, caption: Callable[[Record], str],
             nothing_to_show: Callable[[Record], str | None] = lambda record: None):
    """Decorate a class-free pair: use as `register(...)(static_fn, interactive_fn)`.

    `nothing_to_show(record)` says in words why a record gives the chart nothing to draw (e.g. "No
    casualty figure is in the record yet"), or None; both drawings and the caption then say that.
    """

    def add(draw_static: Callable[[Record], Figure], draw_interactive: Callable[[Record], go.Figure]) -> Chart:
        if name in CHARTS:
            raise ValueError(f"chart {name!r} is defined twice")

        def said(record: Record) -> str:
            return nothing_to_show(record) or caption(record)

        def static(record: Record) -> Figure:
            message = nothing_to_show(record)
            return style.finish_static(style.nothing_static(message) if message else draw_static(record))

        def interactive(record: Record) -> go.Figure:
            message = nothing_to_show(record)
            return style.nothing_interactive(message) if message else draw_interactive(record)

        CHARTS[name] = Chart(name, notebook, said, static, interactive)
        return CHARTS[name]

    return add


def static(name: str, record: Record) -> Figure:
    return CHARTS[name].draw_static(record)


def interactive(name: str, record: Record) -> go.Figure:
    return CHARTS[name].draw_interactive(record)
