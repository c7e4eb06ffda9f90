"""Notebook 0, the record: every claim on one timeline, by outlet and claimant."""

import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers import estimates, style
from helpers.charts.hover import claim_hovers
from helpers.charts.registry import register
from helpers.record.memo import per_record
from helpers.record import Record

NOTEBOOK = "0_the_record.ipynb"
SUBTITLE = ("Each dot is one figure as one story reported it, on the day it was said; hollow: the story does not "
            "date it, so it stands on the day the story was published (said no later than then)")


def overview_title(record: Record) -> str:
    claims = record.claims
    first, last = claims["said_on"].min(), claims["said_on"].max()
    return (f"{len(claims)} figures in {claims['source_id'].nunique()} stories from "
            f"{claims['claimant_id'].nunique()} claimants, said {first:%d %b %Y} to {last:%d %b %Y}")


@per_record
def _rows(record: Record) -> pd.DataFrame:
    """One point per claim: x = date said, y = the outlet's row; claims sharing a day and outlet sit side by side."""
    claims = estimates.with_wording(record).sort_values(["outlet", "said_on", "claim_id"])
    outlets = sorted(claims["outlet"].unique())
    position = claims.groupby(["outlet", "said_on"]).cumcount()
    count = claims.groupby(["outlet", "said_on"])["claim_id"].transform("size")
    x = claims["said_on"] + pd.to_timedelta(0.5 + (position - (count - 1) / 2) * 0.16, unit="D")
    return claims.assign(x=x, y=claims["outlet"].map({o: i for i, o in enumerate(outlets)}),
                         hover=claims["claim_id"].map(claim_hovers(record)))


def _by_dating(group: pd.DataFrame):
    """A claimant's dots said on a known day first, then those its stories do not date; the legend shows the first."""
    dated = group["said_on_precision"] == "day"
    return [(on_the_day, group[dated == on_the_day]) for on_the_day in (True, False) if (dated == on_the_day).any()]


def _dot_colours(colour: str, on_the_day: bool) -> tuple[str, str]:
    """(fill, edge): filled for a figure said on a known day, hollow for one said no later than its story."""
    return (colour, "white") if on_the_day else ("white", colour)


# Outlets' names beside their rows: lines of at most this many characters, each row this much room a line.
OUTLET_CHARACTERS, ROW_INCHES_A_LINE = 34, 0.2


def draw_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _rows(record)
    outlets = rows.drop_duplicates("y").sort_values("y")
    names = [style.wrapped(outlet, OUTLET_CHARACTERS) for outlet in outlets["outlet"]]
    # Tall enough for each outlet's name, in full, on as many lines as it takes.
    figure = style.new_figure((10, max(4.8, 2.6 + ROW_INCHES_A_LINE * max(name.count("\n") + 1 for name in names)
                                      * len(names))))
    ax = figure.subplots()
    handles = []
    for claimant, group in rows.groupby("claimant_short_name"):
        for nth, (on_the_day, points) in enumerate(_by_dating(group)):
            fill, edge = _dot_colours(colours[claimant], on_the_day)
            dots = ax.scatter(points["x"], points["y"], color=fill, s=60, edgecolor=edge,
                              linewidth=1 if on_the_day else 1.8, label=claimant, zorder=3)
            handles += [dots] if nth == 0 else []
    ax.set_yticks(outlets["y"], names)
    ax.grid(axis="x", color=style.GRID)
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    style.date_axis(ax.xaxis, maxticks=6)  # monthly ticks ran into each other beside the legend
    style.set_titles(figure, ax, overview_title(record), SUBTITLE)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8.5)
    style.add_source_line(figure, style.source_line(record, rows))
    return figure


def draw_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _rows(record)
    figure = go.Figure()
    for claimant, group in rows.groupby("claimant_short_name"):
        for nth, (on_the_day, points) in enumerate(_by_dating(group)):
            fill, edge = _dot_colours(colours[claimant], on_the_day)
            figure.add_trace(go.Scatter(x=points["x"], y=points["outlet"], mode="markers", name=claimant,
                                        legendgroup=claimant, showlegend=nth == 0,
                                        marker={"color": fill, "size": 12,
                                                "line": {"color": edge, "width": 1 if on_the_day else 2}},
                                        text=points["hover"], hovertemplate="%{text}<extra></extra>"))
    figure = style.finish_plotly(figure, overview_title(record), SUBTITLE,
                                 style.source_line(record, rows), y_title="", row_labels=rows["outlet"])
    figure.update_yaxes(tickformat=None, categoryorder="category descending")
    return figure


register("record_timeline", NOTEBOOK, overview_title)(draw_static, draw_interactive)
