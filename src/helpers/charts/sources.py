"""Notebook 4, who said it: statements × stories, the lag to print, and how speakers are named."""

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from helpers import estimates, provenance, style
from helpers.charts.hover import claim_hovers, claim_lines, joined_hovers
from helpers.charts.registry import register
from helpers.record.memo import per_record
from helpers.record import Record

NOTEBOOK = "4_who_said_it.ipynb"
# Speaker kinds from most to least accountable, darkest to lightest.
SPEAKER_SHADES = {"named": "#333333", "anonymous": "#888888", "institutional": "#bbbbbb", "unattributed": "#e8e8e8"}
# The statement × story matrix: row labels wrapped to two lines, a column per outlet, a cell's line length.
MATRIX_LABEL_CHARACTERS, MATRIX_LABELS_INCHES, MATRIX_COLUMN_INCHES, MATRIX_LINE_CHARACTERS = 40, 2.6, 0.8, 10
# Its plotly drawing: a column and a row in pixels, the cells' font size, and the room on the right for the
# last outlet's slanted name.
MATRIX_COLUMN_PIXELS, MATRIX_ROW_PIXELS, MATRIX_FONT_SIZE, MATRIX_SLANT_PIXELS = 72, 52, 9, 100
# Row labels in up to three lines there, so the grid fits a report page (about 1,300 pixels).
MATRIX_PLOTLY_LABEL_CHARACTERS = 30
# An outlet's name over its column in the interactive chart, slanted: in lines of this many characters at most
# (two for the longest today); the static chart writes it on one line, and grows to hold it.
MATRIX_OUTLET_CHARACTERS, MATRIX_OUTLET_POINTS = 30, 7.5
# A cell's half width and half height, in columns and rows, in both drawings.
CELL_HALF_WIDTH, CELL_HALF_HEIGHT = 0.46, 0.42


@per_record
def matrix_title(record: Record) -> str:
    coverage = provenance.coverage(record)
    single = int((coverage["stories"] == 1).sum())
    return (f"{len(coverage)} statements in {record.claims['source_id'].nunique()} stories: "
            f"{single} carried by one story only, none by more than {coverage['stories'].max()}")


@per_record
def _matrix_cells(record: Record) -> pd.DataFrame:
    """One cell per (statement, story) that carries it, with the story's wording and the claims' hovers."""
    matrix = provenance.statement_story_matrix(record)
    claims = estimates.with_wording(record)
    labels = dict(zip(estimates.statements(record)["statement_id"], matrix.index))
    hovers = claims["claim_id"].map(claim_hovers(record))
    cells = claims.assign(hover=hovers).groupby(["statement_id", "outlet"], as_index=False).agg(
        claimant=("claimant_short_name", "first"), hover=("hover", "<br><br>".join))
    cells["statement"] = cells["statement_id"].map(labels)
    cells["wording"] = [matrix.at[s, o] for s, o in zip(cells["statement"], cells["outlet"])]
    cells["row"] = cells["statement"].map({label: i for i, label in enumerate(matrix.index)})
    cells["column"] = cells["outlet"].map({outlet: i for i, outlet in enumerate(matrix.columns)})
    return cells


def cell_lines(wording: str) -> str:
    """A story's wordings of one statement, each ended by " /" but the last; a long one gives its figure a line."""
    wordings = []
    for said in wording.split(" / "):
        if len(said) > MATRIX_LINE_CHARACTERS:  # "about\n8,000", "11,000–\n12,000", "a couple\nthousand\n(2,000)"
            words, space, figure = said.rpartition(" ")
            words = "\n".join(textwrap.wrap(words, MATRIX_LINE_CHARACTERS))
            said = f"{words}\n{figure}" if space else said.replace("–", "–\n", 1)
        wordings.append(said)
    return " /\n".join(wordings)


def draw_matrix_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    matrix = provenance.statement_story_matrix(record)
    cells = _matrix_cells(record)
    # Wide enough for each outlet's column to hold its longest line ("approximately", "11,000–12,000"), and for
    # the outlets' names, slanted over their columns, to run on in full past the last ones.
    slant = max(map(len, matrix.columns), default=0) * style.CHARACTER_WIDTH * MATRIX_OUTLET_POINTS / 72 * np.cos(np.radians(35))
    width = max(10.0, MATRIX_LABELS_INCHES + MATRIX_COLUMN_INCHES * len(matrix.columns) + slant)
    figure = style.new_figure((width, 0.45 * len(matrix) + 2.6))
    ax = figure.subplots()
    for cell in cells.itertuples():
        ax.add_patch(Rectangle((cell.column - CELL_HALF_WIDTH, cell.row - CELL_HALF_HEIGHT), 2 * CELL_HALF_WIDTH,
                               2 * CELL_HALF_HEIGHT, color=colours[cell.claimant], alpha=0.25))
        ax.text(cell.column, cell.row, cell_lines(cell.wording), ha="center", va="center", fontsize=6.5,
                linespacing=1.1)
    ax.set_xlim(-0.5, len(matrix.columns) - 0.5)
    ax.set_ylim(len(matrix) - 0.5, -0.5)
    # Slanted: a dozen outlets' names side by side overran each other.
    ax.set_xticks(range(len(matrix.columns)), list(matrix.columns), fontsize=MATRIX_OUTLET_POINTS,
                  rotation=35, ha="left", rotation_mode="anchor")
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(matrix)), ["\n".join(textwrap.wrap(label, MATRIX_LABEL_CHARACTERS)) for label in matrix.index],
                  fontsize=7.5)
    ax.grid(False)
    style.set_titles(figure, ax, matrix_title(record), "")
    style.add_source_line(figure, style.source_line(record, record.claims))
    return figure


def draw_matrix_interactive(record: Record) -> go.Figure:
    """The same grid as the static chart: a shaded cell per (statement, story), its wording inside, the claims on hover."""
    colours = style.claimant_colours(record)
    matrix = provenance.statement_story_matrix(record)
    cells = _matrix_cells(record)
    figure = go.Figure()
    for claimant, group in cells.groupby("claimant"):
        # The cells as filled outlines, one trace a claimant, so its legend entry shows and hides them.
        xs, ys = [], []
        for column, row in zip(group["column"], group["row"]):
            left, right = column - CELL_HALF_WIDTH, column + CELL_HALF_WIDTH
            top, bottom = row - CELL_HALF_HEIGHT, row + CELL_HALF_HEIGHT
            xs += [left, right, right, left, left, None]
            ys += [top, top, bottom, bottom, top, None]
        figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=colours[claimant], opacity=0.3,
                                    line={"width": 0}, name=claimant, legendgroup=claimant, hoverinfo="skip"))
        wordings = [cell_lines(wording).replace("\n", "<br>") for wording in group["wording"].map(html.escape)]
        figure.add_trace(go.Scatter(x=group["column"], y=group["row"], mode="text", text=wordings,
                                    textfont={"size": MATRIX_FONT_SIZE}, legendgroup=claimant, showlegend=False,
                                    hovertext=group["hover"], hovertemplate="%{hovertext}<extra></extra>"))
    row_labels = [style.escaped_wrapped(label, MATRIX_PLOTLY_LABEL_CHARACTERS) for label in matrix.index]
    columns = len(matrix.columns)
    # As narrow as the labels and columns allow (a report page is about 1,300 pixels wide): the legend
    # goes in a row under the title instead of beside the grid.
    width = style.left_margin(row_labels) + 40 + columns * MATRIX_COLUMN_PIXELS + MATRIX_SLANT_PIXELS
    figure = style.finish_plotly(figure, matrix_title(record), "Each cell: how that story worded that statement",
                                 style.source_line(record, record.claims), y_title="", row_labels=row_labels,
                                 width=width)
    height = MATRIX_ROW_PIXELS * len(matrix) + 480
    # The title at the top, then the legend, both clear of the slanted outlet names above the grid.
    figure.update_layout(height=height, hovermode="closest", margin_t=270, margin_r=MATRIX_SLANT_PIXELS,
                         title_y=1 - 16 / height, title_yanchor="top",
                         legend={"orientation": "h", "xref": "container", "x": 0.01, "xanchor": "left",
                                 "yref": "container", "y": 1 - 80 / height, "yanchor": "top"})
    figure.update_xaxes(tickvals=list(range(columns)), ticktext=[style.wrapped(html.escape(c), MATRIX_OUTLET_CHARACTERS, "<br>") for c in matrix.columns],
                        side="top", tickangle=-50, range=[-0.5, columns - 0.5], showgrid=False, zeroline=False)
    figure.update_yaxes(tickvals=list(range(len(matrix))), ticktext=row_labels, range=[len(matrix) - 0.5, -0.5],
                        showgrid=False, zeroline=False, tickformat=None, rangemode="normal")
    return figure


@per_record
def lag_title(record: Record) -> str:
    lags = provenance.publication_lag(record)
    dated = lags[lags["lag_max"].notna()]
    undated = len(lags) - len(dated)
    if dated.empty:
        return f"No lag to print is known: for all {len(lags)} figures the statement or the page is undated"
    return (f"Dated statements reached print {dated['lag_min'].min()}–{dated['lag_max'].max()} days after they were made; "
            f"for {undated} of {len(lags)} figures the lag is unknown (the statement or the page is undated)")


@per_record
def _lag_rows(record: Record) -> pd.DataFrame:
    lags = provenance.publication_lag(record).reset_index(drop=True)
    label = lags["claim_id"] + " · " + lags["as_worded"] + " · " + lags["outlet"]
    # Why a figure has no lag, written where its bar would be.
    reason = lags["published"].isna().map({True: "the page shows no date",
                                           False: "not dated by the story (said no later than publication)"})
    return lags.assign(y=lags.index, label=label, hover=lags["claim_id"].map(claim_hovers(record)),
                       reason=reason.where(lags["lag_max"].isna(), ""))


LAG_AXIS_DAYS = (-0.3, 6.3)


def draw_lag_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _lag_rows(record)
    figure = style.new_figure((10, 0.28 * len(rows) + 2.4))
    ax = figure.subplots()
    dated = rows[rows["lag_max"].notna()]
    undated = rows[rows["lag_max"].isna()]
    for row in dated.itertuples():
        colour = colours[row.claimant_short_name]
        ax.hlines(row.y, row.lag_min, row.lag_max, color=colour, linewidth=3)
        ax.scatter([row.lag_min, row.lag_max], [row.y, row.y], color=colour, s=30, zorder=3,
                   label=row.claimant_short_name)
    for row in undated.itertuples():
        ax.text(0, row.y, row.reason, va="center", fontsize=7.5, color=style.MUTED)
    # At least the week from the day said, as today's record spans: a reason is written from day 0, and an axis
    # that starts after it (every lag the same) or spans a day draws it off the page.
    left, right = ax.get_xlim()
    ax.set_xlim(min(left, LAG_AXIS_DAYS[0]), max(right, LAG_AXIS_DAYS[1]))
    ax.set_yticks(rows["y"], rows["label"], fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlabel("days from statement to publication (a bar where the publication date is a window)")
    ax.grid(axis="x", color=style.GRID)
    ax.grid(axis="y", visible=False)
    # The rows name claims and outlets, so the colours need a legend: each claimant once, sorted
    # as in the plotly legend.
    entries = sorted(style.legend_entries([ax]).items())
    ax.legend([handle for _, handle in entries], [label for label, _ in entries], loc="lower right", fontsize=8)
    style.set_titles(figure, ax, lag_title(record), "")
    style.add_source_line(figure, style.source_line(record, record.claims))
    return figure


def draw_lag_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _lag_rows(record)
    dated = rows[rows["lag_max"].notna()]
    figure = go.Figure()
    for claimant, group in dated.groupby("claimant_short_name"):
        figure.add_trace(go.Scatter(
            x=group["lag_max"].astype(float), y=group["label"], mode="markers", name=claimant,
            marker={"color": colours[claimant], "size": 11},
            error_x={"type": "data", "symmetric": False, "array": [0] * len(group),
                     "arrayminus": (group["lag_max"] - group["lag_min"]).astype(float)},
            hovertext=group["hover"], hovertemplate="%{hovertext}<extra></extra>"))
    undated = rows[rows["lag_max"].isna()]
    figure.add_trace(go.Scatter(x=[0] * len(undated), y=undated["label"], mode="text", text=undated["reason"],
                                textposition="middle right", textfont={"color": style.MUTED, "size": 11},
                                hovertext=undated["hover"], hovertemplate="%{hovertext}<extra></extra>", showlegend=False))
    figure = style.finish_plotly(figure, lag_title(record), "Days from statement to publication; an undated figure says why",
                                 style.source_line(record, record.claims), y_title="", x_title="days",
                                 row_labels=rows["label"])
    figure.update_layout(height=max(520, 26 * len(rows) + 220))
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(rows["label"])), tickformat=None)
    return figure


def speakers_title(record: Record) -> str:
    kinds = record.claims["speaker_kind"].value_counts()
    named = int(kinds.get("named", 0))
    return (f"{named} of {len(record.claims)} figures are put in a named person's mouth; the rest come from "
            f"anonymous officials, institutions or no one")


def draw_speakers_static(record: Record) -> Figure:
    table = provenance.speaker_kinds(record).drop(columns="claims")
    figure = style.new_figure((10, 0.5 * len(table) + 2.4))
    ax = figure.subplots()
    left = pd.Series(0, index=table.index)
    for kind in table.columns:
        ax.barh(table.index, table[kind], left=left, color=SPEAKER_SHADES[kind], label=kind, edgecolor="white")
        left += table[kind]
    ax.invert_yaxis()
    ax.set_xlabel("figures (claims)")
    ax.grid(axis="x", color=style.GRID)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8.5)
    style.set_titles(figure, ax, speakers_title(record), "How each story attributes each figure")
    style.add_source_line(figure, style.source_line(record, record.claims))
    return figure


def draw_speakers_interactive(record: Record) -> go.Figure:
    table = provenance.speaker_kinds(record).drop(columns="claims")
    listed = _speaker_claims_hover(record).reindex(index=table.index, columns=table.columns)
    # Each claim names its speaker, so the list of claims also says who spoke.
    listed = ("<br><br>" + listed).fillna("")
    figure = go.Figure()
    for kind in table.columns:
        figure.add_trace(go.Bar(y=table.index, x=table[kind], name=kind, orientation="h", marker_color=SPEAKER_SHADES[kind],
                                hovertext=listed[kind], hovertemplate="%{x} %{fullData.name}%{hovertext}<extra></extra>"))
    figure = style.finish_plotly(figure, speakers_title(record), "How each story attributes each figure",
                                 style.source_line(record, record.claims), y_title="", x_title="figures (claims)",
                                 row_labels=table.index)
    figure.update_layout(barmode="stack")
    figure.update_yaxes(autorange="reversed", tickformat=None)
    return figure


def _speaker_claims_hover(record: Record) -> pd.DataFrame:
    """Claimant × speaker kind: every claim counted there, a short hover each, in the order said."""
    claims = record.claims.sort_values(["said_on", "claim_id"])
    ids = claims.set_index(["claimant_short_name", "speaker_kind"])["claim_id"]
    return joined_hovers(ids, claim_lines(record)).unstack()


register("statement_story_matrix", NOTEBOOK, matrix_title)(draw_matrix_static, draw_matrix_interactive)
register("publication_lag", NOTEBOOK, lag_title)(draw_lag_static, draw_lag_interactive)
register("speakers", NOTEBOOK, speakers_title)(draw_speakers_static, draw_speakers_interactive)
