"""Notebook 0, the record: every claim on one timeline, by outlet and claimant."""

import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers import estimates, style
from helpers.charts.hover import claim_hovers
from helpers.charts.registry import register
from helpers.memo import per_record
from helpers.record import Record

NOTEBOOK = "0_the_record.ipynb"


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


def draw_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _rows(record)
    figure = style.new_figure((10, 4.8))
    ax = figure.subplots()
    for claimant, group in rows.groupby("claimant_short_name"):
        ax.scatter(group["x"], group["y"], color=colours[claimant], s=60, edgecolor="white", label=claimant, zorder=3)
    outlets = rows.drop_duplicates("y").sort_values("y")
    ax.set_yticks(outlets["y"], [style.shortened(o, 34) for o in outlets["outlet"]])
    ax.grid(axis="x", color=style.GRID)
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    style.date_axis(ax.xaxis, maxticks=6)  # monthly ticks ran into each other beside the legend
    style.set_titles(figure, ax, overview_title(record), "Each dot is one figure as one story reported it, placed on the day it was said")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8.5)
    style.add_source_line(figure, style.source_line(record, rows))
    return figure


def draw_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _rows(record)
    figure = go.Figure()
    for claimant, group in rows.groupby("claimant_short_name"):
        figure.add_trace(go.Scatter(x=group["x"], y=group["outlet"], mode="markers", name=claimant,
                                    marker={"color": colours[claimant], "size": 12, "line": {"color": "white", "width": 1}},
                                    text=group["hover"], hovertemplate="%{text}<extra></extra>"))
    figure = style.finish_plotly(figure, overview_title(record),
                                 "Each dot is one figure as one story reported it, placed on the day it was said",
                                 style.source_line(record, rows), y_title="", row_labels=rows["outlet"])
    figure.update_yaxes(tickformat=None, categoryorder="category descending")
    return figure


register("record_timeline", NOTEBOOK, overview_title)(draw_static, draw_interactive)
