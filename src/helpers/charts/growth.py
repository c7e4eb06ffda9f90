"""Notebook 1, how the estimates grew: the headline step chart with every story's interval."""

import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers import estimates, style
from helpers.charts.geometry import interval_segments
from helpers.charts.hover import statement_hovers
from helpers.charts.marks import intervals_interactive, intervals_static
from helpers.charts.registry import register
from helpers.record import Record

NOTEBOOK = "1_how_the_estimates_grew.ipynb"
Y_TITLE = "North Korean troops"


def growth_title(record: Record) -> str:
    g = estimates.growth(record)
    return (f"The largest official estimate grew {g['multiple']:.1f}-fold in {g['days']} days, "
            f"from {g['first_figure']:,} to {g['last_figure']:,}")


def _subtitle(record: Record) -> str:
    steps = estimates.headline_steps(record)
    arrows = " → ".join(f"{f:,}" for f in steps["figure"])
    return f"Troops said to be in Russia, by date said: {arrows}. Each bar is one story's qualifier as an interval."


def _headline_rows(record: Record) -> pd.DataFrame:
    """Claims of the headline measure, one bar each, with their statement's hover."""
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    claims = estimates.with_wording(record)
    rows = interval_segments(claims[claims["measure"].isin(headline)])
    return rows.assign(hover=rows["statement_id"].map(statement_hovers(record)))


def _claimant_paths(record: Record) -> pd.DataFrame:
    """Each claimant's headline statements in date order, for the thin per-claimant lines."""
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    table = estimates.statements(record)
    table = table[table["measure"].isin(headline)]
    return table.assign(x=table["said_on"] + pd.Timedelta(hours=12)).sort_values(["claimant", "said_on"])


def _pledges(record: Record) -> pd.DataFrame:
    table = estimates.statements(record)
    return table[table["measure"] == "pledged"]


def draw_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    series = estimates.headline_series(record)
    steps = estimates.headline_steps(record)
    rows = _headline_rows(record)
    figure = style.new_figure((10, 5.8))
    ax = figure.subplots()
    ax.step(series["date"], series["figure"], where="post", color=style.INK, linewidth=2.2, alpha=0.5,
            label="largest official figure known", zorder=1)
    for claimant, path in _claimant_paths(record).groupby("claimant"):
        ax.plot(path["x"], path["figure"], color=colours[claimant], linewidth=0.8, alpha=0.6, zorder=1)
    intervals_static(ax, rows, colours)
    for pledge in _pledges(record).itertuples():
        ax.axhline(pledge.figure, color=colours[pledge.claimant], linestyle="--", linewidth=1, zorder=0)
        ax.annotate(f"{pledge.claimant}: {pledge.wordings} pledged in total", (series["date"].min(), pledge.figure),
                    xytext=(0, 4), textcoords="offset points", fontsize=8, color=colours[pledge.claimant])
    middle = series["date"].min() + (series["date"].max() - series["date"].min()) / 2
    for step in steps.itertuples():
        left = step.said_on < middle
        ax.annotate(f"{step.figure:,}: {step.claimant}", (step.said_on, step.figure), xytext=(10 if left else -10, 12),
                    textcoords="offset points", ha="left" if left else "right", fontsize=8.5,
                    color=colours[step.claimant], weight="bold")
    style.set_titles(figure, ax, growth_title(record), _subtitle(record))
    ax.set_ylabel(Y_TITLE)
    ax.set_ylim(0, rows["y1"].max() * 1.08)
    style.thousands_axis(ax.yaxis)
    style.date_axis(ax.xaxis)
    ax.legend(loc="lower right", fontsize=8.5)
    style.add_source_line(figure, style.source_line(record, rows))
    return figure


def draw_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    series = estimates.headline_series(record)
    rows = _headline_rows(record)
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=series["date"], y=series["figure"], mode="lines", opacity=0.5, hoverinfo="skip",
                                line={"shape": "hv", "width": 3, "color": style.INK},
                                name="largest official figure known"))
    for claimant, path in _claimant_paths(record).groupby("claimant"):
        figure.add_trace(go.Scatter(x=path["x"], y=path["figure"], mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"color": colours[claimant], "width": 1}, opacity=0.6, legendgroup=claimant))
    for pledge in _pledges(record).itertuples():
        figure.add_hline(y=pledge.figure, line={"dash": "dash", "width": 1, "color": colours[pledge.claimant]},
                         annotation_text=style.escaped_wrapped(f"{pledge.claimant}: {pledge.wordings} pledged in total"),
                         annotation_position="top left", annotation_font_color=colours[pledge.claimant])
    intervals_interactive(figure, rows, colours)
    return style.finish_plotly(figure, growth_title(record), _subtitle(record), style.source_line(record, rows),
                               y_title=Y_TITLE)


register("headline_growth", NOTEBOOK, growth_title)(draw_static, draw_interactive)
