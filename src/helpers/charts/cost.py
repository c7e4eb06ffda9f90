"""Notebook 5, what it cost: casualty estimates over time, killed against wounded, the implied casualty rate."""

import html

import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers.record import absent
from helpers import costs, estimates, style
from helpers.charts.geometry import with_bar_ends
from helpers.charts.hover import joined_hovers, statement_hovers, statement_lines
from helpers.charts.marks import intervals_interactive, intervals_static
from helpers.charts.registry import register
from helpers.record.memo import per_record
from helpers.record import Record
from helpers.record.wording import thousands

NOTEBOOK = "5_what_it_cost.ipynb"
Y_TITLE = "North Korean soldiers killed or wounded"
# The killed-and-wounded chart's axis runs this far past the longest bar, to hold the figures written beside it.
SPLIT_ROOM = 1.6
# Characters of row label and subtitle line that fit side by side on the rate chart.
RATE_SUBTITLE_ROOM = 162


@per_record
def casualties_title(record: Record) -> str:
    totals = costs.casualty_totals(record)
    first, last = totals.iloc[0], totals.iloc[-1]
    if len(totals) == 1:
        return f"One casualty estimate so far: {first['total']:,} ({first['claimant']}, {first['said_on']:%b %Y})"
    moved = "rose" if last["total"] > first["total"] else "fell" if last["total"] < first["total"] else "went"
    title = (f"Casualty estimates {moved} from {first['total']:,} ({first['claimant']}, {first['said_on']:%b %Y}) to "
             f"{last['total']:,} ({last['claimant']}, {last['said_on']:%b %Y})")
    pairs = costs.casualty_disagreements(record)
    if pairs.empty:
        return title
    return f"{title}; claimants speaking within days of each other differed up to {pairs['ratio'].max():.1f}-fold"


def no_casualty_total(record: Record) -> str | None:
    return None if len(costs.casualty_totals(record)) else absent.NO_CASUALTY_TOTAL


def no_split(record: Record) -> str | None:
    return None if len(costs.killed_and_wounded(record)) else \
        "No claimant has given killed and wounded apart, or killed and the sum the same day, so there is no split yet."


def no_rate(record: Record) -> str | None:
    if costs.casualty_rates(record).empty:
        return absent.NO_CASUALTY_TOTAL
    return None if len(_rate_rows(record)) else "No casualty total has a figure of troops sent by its day to divide by."


@per_record
def _total_rows(record: Record) -> pd.DataFrame:
    totals = costs.casualty_totals(record)
    hovers = statement_hovers(record)
    hover = totals["statement_ids"].map(lambda ids: "<br><br>".join(hovers[i] for i in ids.split(" + ")))
    basis = totals["basis"].where(totals["basis"] == "given as one sum", "derived here: killed + wounded")
    return with_bar_ends(totals.assign(
        x=totals["said_on"] + pd.Timedelta(hours=12), figure=totals["total"],
        hover="<b>" + thousands(totals["total"]) + " killed and wounded</b> (" + basis + ")<br><br>" + hover,
    ))


def draw_casualties_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _total_rows(record)
    figure = style.new_figure((10, 5.4))
    ax = figure.subplots()
    derived = rows[rows["basis"] != "given as one sum"]
    intervals_static(ax, rows, colours, key="claimant")
    ax.scatter(derived["x"], derived["figure"], facecolor="white", edgecolor=style.INK, s=20, zorder=5,
               label="derived: killed + wounded")
    style.set_titles(figure, ax, casualties_title(record),
                     "Killed and wounded together, as each claimant gave them (white centre: the sum of separate "
                     "killed and wounded figures). Bars: the qualifiers' intervals.")
    style.dated_count_axes(ax, Y_TITLE, top=rows["y1"].max() * 1.1)
    style.add_source_line(figure, style.source_line(record, _casualty_claims(record)))
    return figure


def _casualty_claims(record: Record) -> pd.DataFrame:
    claims = estimates.with_wording(record)
    return claims[claims["counts"] == "casualties"]


def draw_casualties_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _total_rows(record)
    figure = go.Figure()
    intervals_interactive(figure, rows, colours, key="claimant")
    return style.finish_plotly(figure, casualties_title(record),
                               "Killed and wounded together; a sum of separate killed and wounded figures is derived here",
                               style.source_line(record, _casualty_claims(record)), y_title=Y_TITLE)


def split_title(record: Record) -> str:
    split = costs.killed_and_wounded(record)
    low, high = split["killed_share"].min(), split["killed_share"].max()
    who = " and ".join(sorted(split["claimant"].unique()))
    shares = f"{low:.0%}" if f"{low:.0%}" == f"{high:.0%}" else f"{low:.0%}–{high:.0%}"
    fewest, most = int(round((1 - high) / high)), int(round((1 - low) / low))
    if fewest == 0:  # as many killed as wounded, or more: "one for every 0 wounded" would say nothing true
        return f"Where {who} split them, the killed were {shares} of casualties"
    per = f"{fewest}" if fewest == most else f"{fewest}–{most}"
    return f"Where {who} split them, the killed were {shares} of casualties: about one killed for every {per} wounded"


def _split_rows(record: Record) -> pd.DataFrame:
    split = costs.killed_and_wounded(record)
    # Two lines, the killed then the wounded: as worded they are too long for one line beside the bar.
    stated = split["killed_worded"] + " killed,\n" + split["wounded_worded"] + " wounded"
    implied = (split["killed_worded"] + " killed of " + split["casualties_worded"] + " in all:\n"
               + thousands(split["wounded"]) + " wounded")
    share = split["killed_share"].map("{:.0%}".format)
    note = stated.where(~split["wounded_implied"], implied) + " (" + share + " killed)"
    return split.assign(label=split["claimant"] + ", " + split["said_on"].dt.strftime("%d %b %Y"), note=note)


def _split_hovers(record: Record, split: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each row's statements, for its killed bar and its wounded bar: the killed figure's; the wounded figure's,
    or where the wounded are implied, the sum's and the killed figure's."""
    hovers = statement_hovers(record)
    killed = split["killed_statement"].map(hovers)
    implied = split["casualties_statement"].map(hovers) + "<br><br>" + killed
    return killed, split["wounded_statement"].map(hovers).where(~split["wounded_implied"], implied)


def _split_claims(record: Record, rows: pd.DataFrame) -> pd.DataFrame:
    """The casualty claims of the claimants the split chart shows."""
    claims = _casualty_claims(record)
    return claims[claims["claimant_short_name"].isin(rows["claimant"])]


def draw_split_static(record: Record) -> Figure:
    rows = _split_rows(record)
    figure = style.new_figure((10, max(3.8, 0.7 * len(rows) + 2.4)))  # room for the titles and source over one bar
    ax = figure.subplots()
    ax.barh(rows["label"], rows["killed"], color=style.INK, label="killed")
    for implied, hatch in ((False, None), (True, "///")):
        part = rows[rows["wounded_implied"] == implied]
        ax.barh(part["label"], part["wounded"], left=part["killed"], color="#bbbbbb", hatch=hatch, edgecolor="white",
                label="wounded (implied: the sum less the killed)" if implied else "wounded")
    for row in rows.itertuples():
        ax.annotate(row.note, (row.total, row.label), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, rows["total"].max() * SPLIT_ROOM)
    style.thousands_axis(ax.xaxis)
    ax.grid(axis="x", color=style.GRID)
    ax.grid(axis="y", visible=False)
    # Beside the bars: inside, it covered the longest bar's figures.
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8.5)
    style.set_titles(figure, ax, split_title(record),
                     "The figures as given, without their qualifiers' ranges; beside each bar, as worded")
    style.add_source_line(figure, style.source_line(record, _split_claims(record, rows)))
    return figure


def draw_split_interactive(record: Record) -> go.Figure:
    rows = _split_rows(record)
    killed_hover, wounded_hover = _split_hovers(record, rows)
    figure = go.Figure()
    figure.add_trace(go.Bar(y=rows["label"], x=rows["killed"], name="killed", orientation="h", marker_color=style.INK,
                            hovertext=killed_hover, hovertemplate="%{x:,} killed<br><br>%{hovertext}<extra></extra>"))
    figure.add_trace(go.Bar(y=rows["label"], x=rows["wounded"], name="wounded", orientation="h",
                            marker={"color": "#bbbbbb", "pattern": {"shape": ["/" if i else "" for i in rows["wounded_implied"]]}},
                            text=["implied: the sum less the killed" if i else "as given" for i in rows["wounded_implied"]],
                            hovertext=wounded_hover, textposition="none",
                            hovertemplate="%{x:,} wounded (%{text})<br><br>%{hovertext}<extra></extra>"))
    figure = style.finish_plotly(figure, split_title(record), "Hatched: wounded implied as the sum less the killed",
                                 style.source_line(record, _split_claims(record, rows)),
                                 y_title="", x_title="soldiers", row_labels=rows["label"])
    figure.update_layout(barmode="stack")
    # Each bar's figures beside it, as in the static chart, with the same room on the right for them.
    figure.layout.annotations = [*figure.layout.annotations, *(
        {"x": total, "y": label, "text": html.escape(note).replace("\n", "<br>"), "align": "left", "xanchor": "left",
         "xshift": 6, "showarrow": False, "font": {"size": 11}}
        for total, label, note in zip(rows["total"], rows["label"], rows["note"]))]
    figure.update_yaxes(autorange="reversed", tickformat=None)
    figure.update_xaxes(tickformat=",d", range=[0, rows["total"].max() * SPLIT_ROOM])
    return figure


def rate_title(record: Record) -> str:
    rates = _rate_rows(record)
    last = rates.iloc[-1]
    bounded = rates[rates["rate_low"].notna() & rates["rate_high"].notna()]
    low, high = (f"{last[end]:.0%}" if pd.notna(last[end]) else "open" for end in ("rate_low", "rate_high"))
    return (f"By {last['said_on']:%B %Y} casualties stood at about {last['rate']:.0%} of the troops sent "
            f"({low}–{high} as the qualifiers allow); "
            f"{len(bounded)} of {len(rates)} estimates bound the rate at both ends")


def _rate_rows(record: Record) -> pd.DataFrame:
    """The rates that have a denominator: a total said before any figure of troops sent has none."""
    rates = costs.casualty_rates(record)
    rates = rates[rates["denominator"].notna()].reset_index(drop=True)
    label = (rates["claimant"] + ", " + rates["said_on"].dt.strftime("%d %b %Y") + ": " + thousands(rates["total"])
             + " of " + thousands(rates["denominator"]))
    return rates.assign(y=rates.index, label=label, rate_text=rates["rate"].map("{:.0%}".format))


def _rate_statement_ids(rates: pd.DataFrame) -> pd.Series:
    """The statements behind each rate, one a row indexed by the rate: its casualties', then its troops'."""
    casualties = rates["statement_ids"].str.split(" + ", regex=False).explode()
    return pd.concat([casualties, rates["denominator_statement_id"]])


def draw_rate_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _rate_rows(record)
    figure = style.new_figure((10, max(3.8, 0.5 * len(rows) + 2.6)))  # room for the titles and source over one row
    ax = figure.subplots()
    for row in rows.itertuples():
        colour = colours[row.claimant]
        low = row.rate_low if pd.notna(row.rate_low) else 0
        high = row.rate_high if pd.notna(row.rate_high) else min(1.0, row.rate * 1.5)
        ax.hlines(row.y, low, high, color=colour, linewidth=3, alpha=0.6)
        if pd.isna(row.rate_high):
            ax.scatter(high, row.y, marker=">", color=colour, s=30)
        ax.scatter(row.rate, row.y, color=colour, s=55, edgecolor="white", zorder=3)
        ax.annotate(row.rate_text, (row.rate, row.y), xytext=(0, 7), textcoords="offset points", ha="center",
                    fontsize=8)
    ax.set_yticks(rows["y"], rows["label"], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    widest = pd.concat([rows["rate"], rows["rate_high"].astype("Float64")]).max() * 1.1
    ax.set_xlim(0, max(0.6, widest))
    ax.grid(axis="x", color=style.GRID)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("casualties as a share of troops sent")
    style.set_titles(figure, ax, rate_title(record),
                     "Denominator: the troop figure the claimant gave the same day, otherwise the largest official "
                     "figure known that day. Casualties counted since the first deployment. Bars: the range the "
                     "qualifiers allow; an arrow is an open end.",
                     # The subtitle starts where the axes do: longer row labels leave it fewer characters a line.
                     subtitle_width=min(120, RATE_SUBTITLE_ROOM - rows["label"].str.len().max()))
    style.add_source_line(figure, style.source_line(record, _casualty_claims(record)))
    return figure


def draw_rate_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _rate_rows(record)
    low = rows["rate_low"].astype("Float64").fillna(0).astype(float)
    high = rows["rate_high"].astype("Float64").fillna(1.0).astype(float)
    statements = joined_hovers(_rate_statement_ids(rows), statement_lines(record)).reindex(rows.index)
    hover = (rows["label"].map(style.escaped_wrapped) + "<br>" + rows["denominator_basis"] + ": "
             + rows["denominator_wordings"].map(style.escaped_wrapped) + "<br>rate " + rows["rate_text"]
             + "<br><br>" + statements.fillna(""))
    figure = go.Figure(go.Scatter(
        x=rows["rate"], y=rows["label"], mode="markers+text", text=rows["rate_text"], textposition="top center",
        textfont={"size": 11}, marker={"size": 12, "color": [colours[c] for c in rows["claimant"]]},
        error_x={"type": "data", "symmetric": False, "array": high - rows["rate"], "arrayminus": rows["rate"] - low},
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", showlegend=False))
    figure = style.finish_plotly(figure, rate_title(record), "Casualties over troops sent; an open end runs to 0% or 100%",
                                 style.source_line(record, _casualty_claims(record)), y_title="",
                                 x_title="casualties as a share of troops sent", row_labels=rows["label"])
    figure.update_xaxes(tickformat=".0%")
    figure.update_yaxes(autorange="reversed", tickformat=None)
    return figure


register("casualties_over_time", NOTEBOOK, casualties_title, no_casualty_total)(draw_casualties_static,
                                                                                draw_casualties_interactive)
register("killed_and_wounded", NOTEBOOK, split_title, no_split)(draw_split_static, draw_split_interactive)
register("casualty_rate", NOTEBOOK, rate_title, no_rate)(draw_rate_static, draw_rate_interactive)


@per_record
def _killed_rows(record: Record) -> pd.DataFrame:
    """Every statement of the dead, with its interval; a figure for one part of the troops (a subset) is hollow."""
    table = costs.casualty_statements(record)
    table = table[table["measure"] == "killed"]
    hovers = statement_hovers(record)
    return with_bar_ends(table.assign(x=table["said_on"] + pd.Timedelta(hours=12), part=table["subset"] != "",
                                      hover=table["statement_id"].map(hovers)))


def no_killed(record: Record) -> str | None:
    return None if len(_killed_rows(record)) else "No figure of North Korean soldiers killed is in the record yet."


def killed_title(record: Record) -> str:
    rows = _killed_rows(record)
    party = rows["claimant_id"].map(record.claimants.set_index("claimant_id")["party_to_deployment"]).astype(bool)
    title = "Estimates of the dead"
    if (~party).any():
        last = rows[~party].sort_values(["said_on", "figure"]).iloc[-1]
        title += f" reached {last['wordings'].split(' / ')[0]} ({last['claimant']}, {last['said_on']:%b %Y})"
    for own in rows[party].sort_values("said_on").itertuples():
        scope = f", {own.subset} only" if own.subset else ""
        title += f"; {own.claimant} gave {own.wordings.split(' / ')[0]} ({own.said_on:%b %Y}{scope})"
    return title


KILLED_SUBTITLE = ("Every figure of North Korean soldiers killed, by claimant and date said. Hollow: a figure for one "
                   "part of the troops only. Bars: the qualifiers' intervals; an arrow is an open end.")


def draw_killed_static(record: Record) -> Figure:
    rows = _killed_rows(record)
    figure = style.new_figure((10, 5.4))
    ax = figure.subplots()
    colours = style.claimant_colours(record)
    intervals_static(ax, rows, colours, key="claimant")
    part = rows[rows["part"]]
    ax.scatter(part["x"], part["figure"], facecolor="white", edgecolor=[colours[c] for c in part["claimant"]],
               linewidth=1.8, s=55, zorder=5)
    style.dated_count_axes(ax, "North Korean soldiers killed", top=rows["y1"].max() * 1.1)
    style.set_titles(figure, ax, killed_title(record), KILLED_SUBTITLE)
    style.add_source_line(figure, style.source_line(record, _killed_claims(record)))
    return figure


def _killed_claims(record: Record) -> pd.DataFrame:
    claims = _casualty_claims(record)
    return claims[claims["measure"] == "killed"]


def draw_killed_interactive(record: Record) -> go.Figure:
    rows = _killed_rows(record)
    figure = go.Figure()
    intervals_interactive(figure, rows, style.claimant_colours(record), key="claimant")
    part = rows[rows["part"]]
    figure.add_trace(go.Scatter(x=part["x"], y=part["figure"], mode="markers", showlegend=False, hoverinfo="skip",
                                marker={"size": 7, "color": "white"}))
    figure = style.finish_plotly(figure, killed_title(record), KILLED_SUBTITLE,
                                 style.source_line(record, _killed_claims(record)),
                                 y_title="North Korean soldiers killed")
    figure.update_layout(margin_t=150)  # a title that names a government's own figure runs to three lines
    return figure


register("killed_over_time", NOTEBOOK, killed_title, no_killed)(draw_killed_static, draw_killed_interactive)
