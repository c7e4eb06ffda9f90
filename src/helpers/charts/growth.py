"""Notebook 1, how the estimates grew: the headline step chart with every statement's interval."""

import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers import estimates, style
from helpers.charts.geometry import interval_segments
from helpers.charts.hover import statement_hovers
from helpers.charts.registry import register
from helpers.record import Record

NOTEBOOK = "1_how_the_estimates_grew.ipynb"


def growth_title(record: Record) -> str:
    g = estimates.growth(record)
    return (f"The largest official estimate grew {g['multiple']:.1f}-fold in {g['days']} days, "
            f"from {g['first_figure']:,} to {g['last_figure']:,}")


def _headline_rows(record: Record) -> pd.DataFrame:
    """Claims of the headline measure, with their wording, one bar each."""
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    claims = estimates.with_wording(record)
    return claims[claims["measure"].isin(headline)]


def _pledges(record: Record) -> pd.DataFrame:
    table = estimates.statements(record)
    return table[table["measure"] == "pledged"]


def _subtitle(record: Record) -> str:
    steps = estimates.headline_steps(record)
    arrows = " → ".join(f"{f:,}" for f in steps["figure"])
    return f"Troops said to be in Russia, by date said: {arrows}. Bars show each story's qualifier as an interval."


def draw_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    series = estimates.headline_series(record)
    steps = estimates.headline_steps(record)
    rows = interval_segments(_headline_rows(record))
    figure = style.new_figure((10, 5.8))
    ax = figure.subplots()
    ax.step(series["date"], series["figure"], where="post", color=style.INK, linewidth=2.2, alpha=0.55,
            label="largest official figure known", zorder=1)
    for claimant, group in rows.groupby("claimant_short_name", sort=True):
        colour = colours[claimant]
        ax.vlines(group["x"], group["y0"], group["y1"], color=colour, linewidth=2.2, alpha=0.8, zorder=2)
        for end, marker in (("open_high", "^"), ("open_low", "v")):
            ends = group[group[end]]
            ax.scatter(ends["x"], ends["y1" if end == "open_high" else "y0"], marker=marker, color=colour, s=30, zorder=3)
        ax.scatter(group["x"], group["figure"], color=colour, edgecolor="white", s=55, zorder=4, label=claimant)
    for pledge in _pledges(record).itertuples():
        ax.axhline(pledge.figure, color=colours[pledge.claimant], linestyle="--", linewidth=1, zorder=0)
        ax.annotate(f"{pledge.claimant}: {pledge.wordings} pledged in total", (series["date"].min(), pledge.figure),
                    xytext=(0, 4), textcoords="offset points", fontsize=8, color=colours[pledge.claimant])
    middle = series["date"].min() + (series["date"].max() - series["date"].min()) / 2
    for step in steps.itertuples():
        left = step.said_on < middle
        ax.annotate(f"{step.figure:,}: {step.claimant}", (step.said_on, step.figure), xytext=(8 if left else -8, 8),
                    textcoords="offset points", ha="left" if left else "right", fontsize=8.5,
                    color=colours[step.claimant], weight="bold")
    figure.suptitle(growth_title(record), x=0.01, ha="left", fontsize=13, weight="bold")
    ax.set_title(_subtitle(record), fontsize=9, color=style.MUTED, weight="normal")
    ax.set_ylabel("North Korean troops")
    ax.set_ylim(0, rows["y1"].max() * 1.08)
    style.thousands_axis(ax.yaxis)
    style.date_axis(ax.xaxis)
    ax.legend(loc="lower right", fontsize=8.5)
    style.add_source_line(figure, style.source_line(record, rows))
    return figure


def draw_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    series = estimates.headline_series(record)
    rows = interval_segments(_headline_rows(record))
    hovers = statement_hovers(record)
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=series["date"], y=series["figure"], mode="lines", line={"shape": "hv", "width": 3,
                                "color": style.INK}, opacity=0.5, name="largest official figure known", hoverinfo="skip"))
    for pledge in _pledges(record).itertuples():
        figure.add_hline(y=pledge.figure, line={"dash": "dash", "width": 1, "color": colours[pledge.claimant]},
                         annotation_text=f"{pledge.claimant}: {pledge.wordings} pledged in total",
                         annotation_position="top left", annotation_font_color=colours[pledge.claimant])
    for claimant, group in rows.groupby("claimant_short_name", sort=True):
        colour = colours[claimant]
        xs, ys = [], []
        for x, y0, y1 in zip(group["x"], group["y0"], group["y1"]):
            xs += [x, x, None]
            ys += [y0, y1, None]
        figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": 3}, opacity=0.8,
                                    hoverinfo="skip", showlegend=False, legendgroup=claimant))
        for end, symbol, y in (("open_high", "triangle-up", "y1"), ("open_low", "triangle-down", "y0")):
            ends = group[group[end]]
            figure.add_trace(go.Scatter(x=ends["x"], y=ends[y], mode="markers", marker={"symbol": symbol, "color": colour,
                                        "size": 9}, hoverinfo="skip", showlegend=False, legendgroup=claimant))
        figure.add_trace(go.Scatter(
            x=group["x"], y=group["figure"], mode="markers", name=claimant, legendgroup=claimant,
            marker={"color": colour, "size": 11, "line": {"color": "white", "width": 1}},
            text=group["statement_id"].map(hovers), hovertemplate="%{text}<extra></extra>",
        ))
    return style.finish_plotly(figure, growth_title(record), _subtitle(record), style.source_line(record, rows),
                               y_title="North Korean troops")


register("headline_growth", NOTEBOOK, growth_title)(draw_static, draw_interactive)
