"""Notebook 2, where the sources disagree: claimants side by side, and one statement framed two ways."""

import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers import estimates, style
from helpers.charts import labels
from helpers.charts.geometry import with_bar_ends
from helpers.charts.hover import claim_hovers, statement_hovers, statement_lines
from helpers.charts.marks import intervals_interactive, intervals_static
from helpers.charts.registry import register
from helpers.record.memo import per_record
from helpers.record import Record
from helpers.record.wording import thousands

NOTEBOOK = "2_where_the_sources_disagree.ipynb"
Y_TITLE = "North Korean troops said to be in Russia"
# The framing chart's columns (one story's reading each) are never narrower than this, so their words keep apart.
FRAMING_COLUMN_INCHES, FRAMING_COLUMN_PIXELS = 0.9, 100


def claimants_title(record: Record) -> str:
    table = estimates.disagreement(record)
    if table["claimants"].max() < 2:
        return f"Only {table.columns[1]} has given figures for troops sent: no other claimant to compare with yet"
    last = table.iloc[-1]
    title = f"By {last['date']:%d %b %Y} the claimants' latest figures differed {last['ratio']:.1f}-fold, mostly with age"
    now = estimates.last_current_disagreement(record)
    if now is None:
        return title
    # Equal figures can be different intervals ("11 to 12,000" and "up to 11,000"): they meet there.
    apart = (f"met at {now['highest']:,}" if now["highest"] == now["lowest"]
             else f"differed {now['ratio']:.1f}-fold")
    return title + f"; the last figures given within a week of each other ({now['date']:%d %b %Y}) {apart}"


@per_record
def _claimant_rows(record: Record) -> pd.DataFrame:
    """Every claimant's statement in force on every date a claimant spoke; old ones faded."""
    rows = estimates.latest_by_date(record)
    hovers = statement_hovers(record)
    age = (thousands(rows["days_old"]).where(rows["days_old"] > 0, "0")
           + rows["days_old"].map({1: " day"}).fillna(" days"))
    return with_bar_ends(rows.assign(
        x=rows["date"] + pd.Timedelta(hours=12),
        hover=("<b>As of " + rows["date"].dt.strftime("%d %b %Y") + "</b>, said " + age + " before<br><br>"
               + rows["statement_id"].map(hovers)),
    ))


def _band_hovers(record: Record, spread: pd.DataFrame) -> pd.Series:
    """For each date of the band, the statements of its highest and its lowest figure, told short."""
    rows = estimates.latest_by_date(record)  # by date, then figure: a date's first row is its lowest
    hovers = statement_lines(record)
    in_force = rows.groupby("date")["statement_id"]
    highest, lowest = in_force.last(), in_force.first()
    text = ("<b>Highest</b> — " + highest.map(hovers)
            + ("<br><br><b>Lowest</b> — " + lowest.map(hovers)).where(lowest != highest, ""))
    return spread["date"].map(text).fillna("")


def _sent_claims(record: Record) -> pd.DataFrame:
    """The claims the claimants chart draws from: every figure of troops sent."""
    return estimates.with_wording(record).query("measure == 'sent'")


def _spread(record: Record) -> pd.DataFrame:
    table = estimates.disagreement(record)
    return table.assign(x=table["date"] + pd.Timedelta(hours=12))


def _ratio_changes(spread: pd.DataFrame) -> pd.DataFrame:
    """The dates where the ratio changes: labelled there only, so runs of equal ratios do not pile up; never where
    one claimant alone had spoken (×1.0 of a figure over itself)."""
    return spread[spread["ratio"].ne(spread["ratio"].shift()) & (spread["claimants"] >= 2)]


def _ratio_label_places(changes: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Where plotly writes each changed ratio: centred, left or right of its date, above the band and every
    bar under its words; the lowest spot clear of the labels already placed, raised a line at a time
    when none is.

    Sizes are in the data's units: a label, with room for the marks beside it, is about a sixteenth of
    the dates wide and a twentieth of the tallest bar high.
    """
    width = (rows["x"].max() - rows["x"].min()) / 16
    height = rows["y1"].max() / 20
    placed, sides, tops = [], [], []
    for change in changes.itertuples():
        spots = []
        for order, (side, share_left) in enumerate((("top center", 0.5), ("top left", 1.0), ("top right", 0.0))):
            start = change.x - share_left * width
            under = rows.loc[rows["x"].between(start, start + width), "y1"]
            top = max(change.highest, under.max() if len(under) else 0) + height / 4  # clear of arrow heads
            spots += [(top + level * height, order, side, start) for level in range(len(changes))]
        for top, _, side, start in sorted(spots):
            box = (start, start + width, top, top + height)
            if not any(box[0] < other[1] and other[0] < box[1] and box[2] < other[3] and other[2] < box[3]
                       for other in placed):
                break
        placed.append(box)
        sides.append(side)
        tops.append(top)
    return changes.assign(side=sides, top=tops)


def draw_claimants_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _claimant_rows(record)
    spread = _spread(record)
    figure = style.new_figure((10, 5.6))
    ax = figure.subplots()
    ax.vlines(spread["x"], spread["lowest"], spread["highest"], color=style.GRID, linewidth=14, zorder=0)
    ratios = [ax.annotate(f"×{ratio.ratio:.1f}", (ratio.x, ratio.highest), xytext=(0, 0), textcoords="offset points",
                          fontsize=8.5, color=style.MUTED)
              for ratio in _ratio_changes(spread).itertuples()]
    labels.place_labels(ax, ratios, [labels.above()] * len(ratios))
    current, stale = rows[rows["days_old"] == 0], rows[rows["days_old"] > 0]
    for claimant, group in stale.groupby("claimant"):
        ax.scatter(group["x"], group["figure"], facecolor="white", edgecolor=colours[claimant], s=40, zorder=3)
    intervals_static(ax, current, colours, key="claimant")
    style.set_titles(figure, ax, claimants_title(record), "Filled: said that day, with its interval. Hollow: the claimant's latest figure, said earlier. "
                 "Grey band: highest to lowest.")
    style.dated_count_axes(ax, Y_TITLE, top=rows["y1"].max() * 1.1)
    style.add_source_line(figure, style.source_line(record, _sent_claims(record)))
    return figure


def draw_claimants_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _claimant_rows(record)
    spread = _spread(record)
    figure = go.Figure()
    figure.add_trace(go.Bar(x=spread["x"], y=spread["spread"], base=spread["lowest"], marker_color=style.GRID,
                            width=0.5 * 86400000, name="highest to lowest", textposition="none",
                            text=[f"{r:.1f}" for r in spread["ratio"]], hovertext=_band_hovers(record, spread),
                            hovertemplate="Highest over lowest: ×%{text}<br><br>%{hovertext}<extra></extra>"))
    ratios = _ratio_label_places(_ratio_changes(spread), rows)
    figure.add_trace(go.Scatter(x=ratios["x"], y=ratios["top"], mode="text", text=[f"×{r:.1f}" for r in ratios["ratio"]],
                                textposition=list(ratios["side"]), textfont={"color": style.MUTED}, hoverinfo="skip",
                                showlegend=False))
    stale = rows[rows["days_old"] > 0]
    for claimant, group in stale.groupby("claimant"):
        figure.add_trace(go.Scatter(x=group["x"], y=group["figure"], mode="markers", showlegend=False,
                                    legendgroup=claimant, marker={"color": "white", "size": 9,
                                    "line": {"color": colours[claimant], "width": 2}},
                                    text=group["hover"], hovertemplate="%{text}<extra></extra>"))
    intervals_interactive(figure, rows[rows["days_old"] == 0], colours, key="claimant")
    return style.finish_plotly(figure, claimants_title(record),
                               "Filled: said that day. Hollow: the claimant's latest figure, said earlier.",
                               style.source_line(record, _sent_claims(record)),
                               y_title=Y_TITLE)


def framing_title(record: Record) -> str:
    conflicts = estimates.framing_conflicts(record)
    statements = conflicts["statement_id"].nunique()
    open_ended = conflicts[(conflicts["conflict"] == "contradictory") & (conflicts["low"].isna() | conflicts["high"].isna())]
    wordings = open_ended.groupby(["claimant_short_name", "statement_id"])["as_worded"].agg(lambda s: " and ".join(
        f"“{w}”" for w in sorted(set(s))))
    named = "; ".join(f"{claimant}'s as both {words}" for (claimant, _), words in wordings.items())
    return f"{statements} statements were reported with different qualifiers" + (f": {named}" if named else "")


def _framing_rows(record: Record) -> pd.DataFrame:
    """One bar per claim of a statement reported with more than one qualifier, grouped by statement."""
    rows = estimates.framing_conflicts(record)
    # Floors first, then bounded readings, then ceilings, so a contradiction reads left to right.
    reading = rows["high"].isna().map({True: 0, False: 1}) + rows["low"].isna().astype(int)
    rows = rows.assign(reading=reading).sort_values(["statement_id", "reading", "outlet"]).reset_index(drop=True)
    group_gap = rows["statement_id"].ne(rows["statement_id"].shift()).cumsum() - 1
    hovers = claim_hovers(record)
    return with_bar_ends(rows.assign(
        x=rows.index + group_gap,
        label=rows["as_worded"] + "\n" + rows["outlet"].map(lambda o: style.wrapped(o, 16)),
        hover=rows["claim_id"].map(hovers),
    ))


def draw_framing_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _framing_rows(record)
    figure = style.new_figure((max(10, FRAMING_COLUMN_INCHES * rows["x"].max() + 3), 5.4))
    ax = figure.subplots()
    intervals_static(ax, rows, colours)
    ax.set_xticks(rows["x"], rows["label"], fontsize=7.5)
    ax.grid(axis="x", visible=False)
    style.set_titles(figure, ax, framing_title(record), "Each bar is one story's reading of the same statement; arrows are open ends (\"at least\", "
                 "\"up to\")")
    ax.set_ylabel("North Korean troops")
    ax.set_ylim(0, rows["y1"].max() * 1.1)
    style.thousands_axis(ax.yaxis)
    ax.legend(loc="center left", fontsize=8.5)
    style.add_source_line(figure, style.source_line(record, rows))
    return figure


def draw_framing_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _framing_rows(record)
    figure = go.Figure()
    intervals_interactive(figure, rows, colours)
    # Each column's figure as worded, then its outlet in full, in lines as wide as a column.
    ticks = [style.escaped_wrapped(worded, 11) + "<br>" + style.escaped_wrapped(outlet, 11)
             for worded, outlet in zip(rows["as_worded"], rows["outlet"])]
    figure = style.finish_plotly(figure, framing_title(record),
                                 "Each bar is one story's reading of the same statement; arrows are open ends",
                                 style.source_line(record, rows), y_title="North Korean troops",
                                 column_label_lines=max(tick.count("<br>") + 1 for tick in ticks),
                                 width=max(style.PLOTLY_LAYOUT["width"], int(FRAMING_COLUMN_PIXELS * rows["x"].max()) + 260))
    figure.update_xaxes(tickmode="array", tickvals=list(rows["x"]), ticktext=ticks, showgrid=False, tickangle=0)
    return figure


def no_sent_figure(record: Record) -> str | None:
    return None if len(estimates.disagreement(record)) else "No claimant has given a figure for troops sent yet."


def no_framing_conflict(record: Record) -> str | None:
    return None if len(estimates.framing_conflicts(record)) else \
        "No statement was reported with different qualifiers: every story worded each figure alike."


register("claimants_side_by_side", NOTEBOOK, claimants_title, no_sent_figure)(draw_claimants_static, draw_claimants_interactive)
register("framing_conflicts", NOTEBOOK, framing_title, no_framing_conflict)(draw_framing_static, draw_framing_interactive)
