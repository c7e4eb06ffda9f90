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


def register(name: str, notebook: str, caption: Callable[[Record], str]):
    """Decorate a class-free pair: use as `register(...)(static_fn, interactive_fn)`."""

    def add(draw_static: Callable[[Record], Figure], draw_interactive: Callable[[Record], go.Figure]) -> Chart:
        if name in CHARTS:
            raise ValueError(f"chart {name!r} is defined twice")
        CHARTS[name] = Chart(name, notebook, caption, lambda record: style.finish_static(draw_static(record)),
                             draw_interactive)
        return CHARTS[name]

    return add


def static(name: str, record: Record) -> Figure:
    return CHARTS[name].draw_static(record)


def interactive(name: str, record: Record) -> go.Figure:
    return CHARTS[name].draw_interactive(record)
