"""Notebook 1, how the estimates grew: each deployment as the claimants counted it, planned apart from arrived."""

import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers import estimates, style
from helpers.charts.geometry import with_bar_ends
from helpers.charts.hover import statement_hovers
from helpers.charts.registry import register
from helpers.record.memo import per_record
from helpers.record import Record
from helpers.record.wording import dated

NOTEBOOK = "1_how_the_estimates_grew.ipynb"
# The measures that count one deployment, or a part of one, and the one of them that is a plan, not an arrival.
DEPLOYMENT_MEASURES = ("sent_in_wave", "support_planned", "support_sent")
PLANNED = "support_planned"
X_TITLE = "North Korean troops"


@per_record
def _rows(record: Record) -> pd.DataFrame:
    """One row per statement of a deployment measure: by deployment (subsets.csv's order), measure, then date."""
    table = estimates.statements_with_subset_ids(record)
    table = table[table["measure"].isin(DEPLOYMENT_MEASURES)]
    subset_rank = {subset: rank for rank, subset in enumerate(record.subsets["subset"])}
    measure_rank = {measure: rank for rank, measure in enumerate(record.measures["measure"])}
    table = table.assign(subset_rank=table["subset_id"].map(subset_rank).fillna(len(subset_rank)),
                         measure_rank=table["measure"].map(measure_rank))
    table = table.sort_values(["subset_rank", "measure_rank", "said_on", "claimant"], ignore_index=True)
    what = table["subset"].where(table["subset"] != "", "deployment not named") + ": " + table["measure_label"]
    when = dated(table["said_on"], table["day_known"], "%-d %b %Y")
    figure = table["figure"].astype("float64")
    return with_bar_ends(table).assign(
        y=table.index, label=what + "\n" + table["claimant"] + ", " + when, planned=table["measure"] == PLANNED,
        hover=table["statement_id"].map(statement_hovers(record)),
        # Words beside the dot, on the side with more room: clear of the row labels on the left.
        rightward=figure < figure.max() / 2,
    )


def no_deployment(record: Record) -> str | None:
    return None if len(_rows(record)) else "No figure for one deployment, or a part of one, is in the record yet."


def deployments_title(record: Record) -> str:
    rows = _rows(record)

    def largest(kind: pd.DataFrame, what: str) -> str:
        top = kind[kind["figure"] == kind["figure"].max()]
        return f"the largest {what} {top['figure'].iloc[0]:,} ({', '.join(sorted(top['claimant'].unique()))})"

    parts = [largest(kind, what) for kind, what in ((rows[~rows["planned"]], "sent"), (rows[rows["planned"]], "planned"))
             if len(kind)]
    return f"Deployment by deployment, as {rows['claimant'].nunique()} claimants counted them: " + "; ".join(parts)


SUBTITLE = ("One row per statement: the deployment or part of it, what was counted, who said it and when. "
            "Hollow: planned, not yet arrived. Bars: the qualifiers' intervals; an arrow is an open end.")


def _claims(record: Record, rows: pd.DataFrame) -> pd.DataFrame:
    claims = estimates.with_wording(record)
    return claims[claims["statement_id"].isin(rows["statement_id"])]


def draw_static(record: Record) -> Figure:
    rows = _rows(record)
    figure = style.new_figure((10, 0.55 * len(rows) + 2.8))
    ax = figure.subplots()
    colours = style.claimant_colours(record)
    for row in rows.itertuples():
        colour = colours[row.claimant]
        ax.hlines(row.y, row.y0, row.y1, color=colour, linewidth=3, alpha=0.6)
        for end, marker, at in ((row.open_high, ">", row.y1), (row.open_low, "<", row.y0)):
            if end:
                ax.scatter(at, row.y, marker=marker, color=colour, s=30)
        ax.scatter(row.figure, row.y, s=60, zorder=3, color="white" if row.planned else colour, edgecolor=colour,
                   linewidth=1.8)
        ax.annotate(row.wordings, (row.figure, row.y), xytext=(6 if row.rightward else -6, 6),
                    textcoords="offset points", ha="left" if row.rightward else "right", fontsize=8)
    ax.set_yticks(rows["y"], rows["label"], fontsize=8)
    ax.set_ylim(len(rows) - 0.4, -0.8)
    ax.set_xlim(0, rows["y1"].max() * 1.08)
    style.thousands_axis(ax.xaxis)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(X_TITLE)
    style.set_titles(figure, ax, deployments_title(record), SUBTITLE, subtitle_width=95)
    style.add_source_line(figure, style.source_line(record, _claims(record, rows)))
    return figure


def draw_interactive(record: Record) -> go.Figure:
    rows = _rows(record)
    colours = style.claimant_colours(record)
    labels = rows["label"].map(lambda text: "<br>".join(map(style.escaped_wrapped, text.split("\n"))))
    figure = go.Figure()
    for planned, group in rows.groupby("planned", sort=True):
        paint = [colours[c] for c in group["claimant"]]
        figure.add_trace(go.Scatter(
            x=group["figure"], y=labels[group.index], mode="markers+text", text=group["wordings"].map(style.escaped_wrapped),
            textposition=["top right" if right else "top left" for right in group["rightward"]], textfont={"size": 11}, hovertext=group["hover"], cliponaxis=False,
            hovertemplate="%{hovertext}<extra></extra>", name="planned" if planned else "said to be sent or arrived",
            marker={"size": 12, "color": ["white"] * len(group) if planned else paint, "line": {"color": paint, "width": 2}},
            error_x={"type": "data", "symmetric": False, "array": group["y1"] - group["figure"],
                     "arrayminus": group["figure"] - group["y0"]}))
    figure = style.finish_plotly(figure, deployments_title(record), SUBTITLE,
                                 style.source_line(record, _claims(record, rows)), y_title="", x_title=X_TITLE,
                                 row_labels=labels)
    figure.update_layout(height=max(420, 44 * len(rows) + 260), margin_t=175)
    figure.update_yaxes(tickformat=None, type="category", categoryorder="array", categoryarray=list(labels)[::-1])
    figure.update_xaxes(tickformat=",d", range=[0, rows["y1"].max() * 1.08])
    return figure


register("deployments", NOTEBOOK, deployments_title, no_deployment)(draw_static, draw_interactive)
