"""Notebook 3, where the troops were said to be: figures by place over time, the share near the front, the route."""

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure
from plotly.subplots import make_subplots

from helpers import estimates, places, style
from helpers.charts import labels
from helpers.charts.geometry import interval_segments
from helpers.charts.hover import claim_hovers, joined_hovers, statement_lines
from helpers.charts.marks import intervals_interactive, intervals_static
from helpers.charts.registry import register
from helpers.memo import per_record
from helpers.record import Record
from helpers.wording import dated

NOTEBOOK = "3_where_the_troops_were_said_to_be.ipynb"


def _panels(record: Record) -> list[str]:
    """Locations with figures, in route order, then the rest (Russia as a whole last)."""
    rows = places.troops_by_location(record)
    locations = record.locations.set_index("location")
    used = locations.loc[rows["location"].unique()]
    used = used.assign(order=used["route_order"].astype("Float64").fillna(50).astype(float)
                       + (used.index == "russia") * 100)
    return list(used.sort_values(["order", "name"])["name"])


@per_record
def locations_title(record: Record) -> str:
    rows = places.troops_by_location(record)
    kinds = record.locations.set_index("location")["kind"]
    regional = rows[rows["location"].map(kinds) != "country"]
    first_place = (regional if len(regional) else rows).iloc[0]
    parts = estimates.parts_of_totals(record).sort_values(["said_on", "figure"])
    if parts.empty:
        return f"The first figures placed the troops in {first_place['location_name']}"
    latest = parts.iloc[-1]
    names = record.locations.set_index("location")["name"]
    return (f"The figures moved west: from {first_place['location_name']} ({first_place['said_on']:%-d %b}) to "
            f"{latest['wordings']} {_where(latest, names)} ({latest['said_on']:%-d %b})")


def _where(part: pd.Series, names: pd.Series) -> str:
    return places.where_phrase(part["measure_label"], names.get(part["locations"], part["locations"]))


@per_record
def _location_rows(record: Record) -> pd.DataFrame:
    rows = interval_segments(places.troops_by_location(record))
    return rows.assign(hover=rows["claim_id"].map(claim_hovers(record)))


def draw_locations_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _location_rows(record)
    panels = _panels(record)
    figure = style.new_figure((10, 6.2))
    axes = figure.subplots(1, len(panels), sharey=True, squeeze=False)[0]
    for ax, name in zip(axes, panels):
        intervals_static(ax, rows[rows["location_name"] == name], colours)
        ax.set_xlabel(name, weight="bold")
        ax.set_xlim(*_date_span(rows))
        style.date_axis(ax.xaxis, maxticks=4)
        ax.tick_params(axis="x", labelsize=7.5)
    style.thousands_axis(axes[0].yaxis)
    axes[0].set_ylabel("North Korean troops")
    axes[0].set_ylim(0, rows["y1"].max() * 1.08)
    style.set_titles(figure, axes[0], locations_title(record), "")
    # One entry per claimant, whichever panels it appears in: a claimant found only in a later
    # panel must still be named.
    entries = style.legend_entries(axes)
    axes[0].legend(entries.values(), entries.keys(), loc="upper left", fontsize=8)
    style.add_source_line(figure, style.source_line(record, rows))
    return figure


def draw_locations_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _location_rows(record)
    panels = _panels(record)
    # As in the static chart: every panel spans the same dates, and names its place beneath.
    figure = make_subplots(rows=1, cols=len(panels), shared_yaxes=True, shared_xaxes=True, horizontal_spacing=0.03)
    for column, name in enumerate(panels, start=1):
        intervals_interactive(figure, rows[rows["location_name"] == name], colours, cell={"row": 1, "col": column})
    # One legend entry per claimant (its marks in every panel share a legend group).
    named = set()
    for trace in figure.data:
        if trace.showlegend is not False:
            trace.showlegend = False if trace.name in named else None
            named.add(trace.name)
    figure = style.finish_plotly(figure, locations_title(record), "Each bar is one story's figure, by the place it names",
                                 style.source_line(record, rows), y_title="")
    figure.update_yaxes(title_text="North Korean troops", row=1, col=1)
    start, end = _date_span(rows)
    # Narrow panels: three dates each, months only, as in the static chart.
    figure.update_xaxes(range=[start, end], nticks=3, tickformat="%b %Y", tickfont={"size": 10})
    for column, name in enumerate(panels, start=1):
        figure.update_xaxes(title_text=f"<b>{html.escape(name)}</b>", row=1, col=column)
    return figure


def _date_span(rows: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates every panel spans, with room at either end for a bar and its dot (they stand half a day or
    more past the day said): a twentieth of the span, and at least two days."""
    first, last = rows["said_on"].min(), rows["said_on"].max()
    room = max((last - first) / 20, pd.Timedelta(days=2))
    return first - room, last + room


def share_title(record: Record) -> str:
    shares = _compared_parts(record)
    top = shares.sort_values("share").iloc[-1]
    low = shares.sort_values("share").iloc[0]
    names = record.locations.set_index("location")["name"]

    def part(row) -> str:
        return f"{row['claimant']}: {row['wordings']} of {row['total_wordings']} ({row['share']:.0%}) {_where(row, names)}"

    return part(top) if top.equals(low) else f"{part(top)}; {part(low)}"


def _share_claims(record: Record, rows: pd.DataFrame) -> pd.DataFrame:
    """The claims of every part and every total the share chart compares."""
    claims = estimates.with_wording(record)
    return claims[claims["statement_id"].isin(rows["statement_id"]) | claims["statement_id"].isin(rows["total_statement_id"])]


def _route_claims(record: Record, stops: pd.DataFrame) -> pd.DataFrame:
    """The claims whose figures the route writes at its stops (troops there, not casualties there)."""
    drawn = places.troops_by_location(record).query("location in @stops.location")["claim_id"]
    claims = estimates.with_wording(record)
    return claims[claims["claim_id"].isin(drawn)]


def _compared_parts(record: Record) -> pd.DataFrame:
    """The parts with a total to compare: a claimant that gave a part but no total of its own by then has no share."""
    shares = estimates.parts_of_totals(record)
    return shares[shares["total"].notna()].reset_index(drop=True)


def _share_source_line(record: Record, rows: pd.DataFrame) -> str:
    """The source line, and how many parts the chart leaves out for want of their claimant's total."""
    left_out = estimates.parts_of_totals(record)["total"].isna().sum()
    note = f"\nNot shown: {left_out} part{'s' if left_out != 1 else ''} whose claimant gave no total by then." if left_out else ""
    return style.source_line(record, _share_claims(record, rows)) + note


def no_share(record: Record) -> str | None:
    """Why the share chart has nothing to draw: no part of the troops named, or none with its claimant's total."""
    if estimates.parts_of_totals(record).empty:
        return "No figure for a part of the troops (in a region, toward the front) is in the record yet."
    return None if len(_compared_parts(record)) else \
        "No claimant that gave a part of the troops (a region, the front) had given a total of its own to compare it with."


def no_located_figure(record: Record) -> str | None:
    return None if len(places.troops_by_location(record)) else \
        "No figure of troops sent, or of a part of them, is in the record yet, so none is placed anywhere."


def no_route(record: Record) -> str | None:
    return None if len(places.route(record)) else "No place in the record has a place on the route (route_order)."


def _share_rows(record: Record) -> pd.DataFrame:
    shares = _compared_parts(record)
    names = record.locations.set_index("location")["name"]
    part_said = dated(shares["said_on"], shares["day_known"])
    total_said = dated(shares["total_said_on"], shares["total_day_known"])
    label = (shares["claimant"] + ", " + part_said + ":\n" + shares["wordings"] + " "
             + shares["measure_label"] + " (" + shares["locations"].map(names) + ")\nof " + shares["total_wordings"]
             + " in all, said " + total_said)
    share_text = shares["share"].map("{:.0%}".format)
    hover = label.map(lambda text: style.escaped_wrapped(text.replace("\n", " "), 70)) + "<br>share " + share_text
    return shares.assign(y=shares.index, label=label, hover=hover, share_text=share_text)


def _share_statements_hover(record: Record, rows: pd.DataFrame) -> pd.Series:
    """Each share's statements: the part's, then the total's."""
    ids = pd.concat([rows["statement_id"], rows["total_statement_id"]])
    return joined_hovers(ids, statement_lines(record)).reindex(rows.index).fillna("")


def draw_share_static(record: Record) -> Figure:
    colours = style.claimant_colours(record)
    rows = _share_rows(record)
    figure = style.new_figure((10, 3.8))
    ax = figure.subplots()
    for row in rows.itertuples():
        colour = colours[row.claimant]
        low = row.share_low if pd.notna(row.share_low) else row.share
        high = row.share_high if pd.notna(row.share_high) else 1.0
        ax.barh(row.y, row.share, color=colour, alpha=0.85, height=0.5)
        ax.hlines(row.y, low, high, color=style.INK, linewidth=1.5)
        ax.annotate(row.share_text, (row.share, row.y), xytext=(4, 8), textcoords="offset points", fontsize=9)
    ax.set_yticks(rows["y"], rows["label"], fontsize=8)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    ax.grid(axis="x", color=style.GRID)
    ax.grid(axis="y", visible=False)
    ax.invert_yaxis()
    style.set_titles(figure, ax, share_title(record),
                     "Bar: the part over the same claimant's total then. Line: the range the qualifiers allow "
                     "(an open \"more than\" runs to 100%).", subtitle_width=80)
    style.add_source_line(figure, _share_source_line(record, rows))
    return figure


def draw_share_interactive(record: Record) -> go.Figure:
    colours = style.claimant_colours(record)
    rows = _share_rows(record)
    low = rows["share_low"].astype("Float64").fillna(rows["share"]).astype(float)
    high = rows["share_high"].astype("Float64").fillna(1.0).astype(float)
    row_labels = [style.escaped_wrapped(label.replace("\n", " "), 50) for label in rows["label"]]
    figure = go.Figure(go.Bar(
        x=rows["share"], y=row_labels,
        orientation="h", marker_color=[colours[c] for c in rows["claimant"]],
        error_x={"type": "data", "symmetric": False, "array": high - rows["share"], "arrayminus": rows["share"] - low,
                 "color": style.INK},
        hovertext=rows["hover"] + "<br><br>" + _share_statements_hover(record, rows),
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
    ))
    figure = style.finish_plotly(figure, share_title(record), "Bar: the part over the same claimant's total then; "
                                 "line: the range the qualifiers allow", _share_source_line(record, rows),
                                 y_title="", row_labels=row_labels)
    # Each share written at its bar's end, above the line of its range, as in the static chart.
    figure.layout.annotations = [*figure.layout.annotations, *(
        {"x": share, "y": label, "text": text, "xanchor": "left", "yanchor": "bottom", "xshift": 4, "yshift": 4,
         "showarrow": False} for share, label, text in zip(rows["share"], row_labels, rows["share_text"]))]
    figure.update_xaxes(tickformat=".0%", range=[0, 1])
    figure.update_yaxes(tickformat=None, autorange="reversed")
    return figure


def route_title(record: Record) -> str:
    stops = places.route(record)
    return "Said route: " + " → ".join(stops["name"]) + " — " + (
        f"{stops.iloc[-1]['figures_said'].split('; ')[-1]} at the end of it" if stops.iloc[-1]["figures_said"] else "")


def draw_route_static(record: Record) -> Figure:
    stops = places.route(record)
    points = record.locations
    figure = style.new_figure((10, 4.8))
    ax = figure.subplots()
    ax.scatter(points["longitude"], points["latitude"], s=12, color=style.GRID, zorder=1)
    ax.set_xlim(*_longitude_span(points))
    for start, end in zip(stops.iloc[:-1].itertuples(), stops.iloc[1:].itertuples()):
        ax.annotate("", (end.longitude, end.latitude), (start.longitude, start.latitude),
                    arrowprops={"arrowstyle": "-|>", "color": style.INK, "lw": 1.5, "connectionstyle": "arc3,rad=-0.15"})
    ax.scatter(stops["longitude"], stops["latitude"], s=70, color=style.INK, zorder=3)
    names, spots = [], []
    for stop, below in zip(stops.itertuples(), _labels_below(stops)):
        names.append(ax.annotate("\n".join(_stop_lines(stop)), (stop.longitude, stop.latitude), xytext=(0, 0),
                                 textcoords="offset points", fontsize=8))
        spots.append(labels.around("right", gap=6, rise=5, below_first=below))
    labels.place_labels(ax, names, spots)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.grid(axis="both", color=style.GRID)
    style.set_titles(figure, ax, route_title(record),
                     "A schematic on longitude and latitude (no map tiles are loaded). Points from data/locations.csv; "
                     "regional points are indicative.")
    style.add_source_line(figure, style.source_line(record, _route_claims(record, stops)))
    return figure


def _stop_lines(stop) -> list[str]:
    """A stop's label: its place in the route and name, then every figure said there, in full (never cut short)."""
    return [f"{stop.route_order}. {stop.name}", *textwrap.wrap(stop.figures_said, 34)]


def draw_route_interactive(record: Record) -> go.Figure:
    stops = places.route(record)
    said_there = pd.Series(_stop_statements_hover(record).reindex(stops["location"], fill_value="").to_numpy(),
                           index=stops.index)
    hover = ("<b>" + stops["route_order"].astype(str) + ". " + stops["name"].map(style.escaped_wrapped) + "</b><br>"
             + stops["meaning"].map(style.escaped_wrapped) + "<br>" + stops["figures_said"].map(style.escaped_wrapped)
             + ("<br><br>" + said_there).where(said_there != "", ""))
    figure = go.Figure(go.Scatter(
        x=stops["longitude"], y=stops["latitude"], mode="lines+markers+text",
        text=["<br>".join(map(html.escape, _stop_lines(stop))) for stop in stops.itertuples()],
        textposition=["bottom right" if below else "top right" for below in _labels_below(stops)],
        line={"color": style.INK, "width": 2}, marker={"size": 12, "color": style.INK},
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
    ))
    figure = style.finish_plotly(figure, route_title(record), "A schematic on longitude and latitude; no map tiles are loaded",
                                 style.source_line(record, _route_claims(record, stops)),
                                 y_title="latitude (°N)", x_title="longitude (°E)")
    figure.update_yaxes(tickformat=None, scaleanchor="x", scaleratio=1.6, rangemode="normal")
    figure.update_xaxes(tickformat=None, range=list(_words_longitude_span(stops, record.locations)))
    return figure


def _stop_statements_hover(record: Record) -> pd.Series:
    """Per location, the statements of every figure said there, in the order the route lists them."""
    figures = places.troops_by_location(record).drop_duplicates(["location", "statement_id"])
    return joined_hovers(figures.set_index("location")["statement_id"], statement_lines(record))


def _labels_below(stops: pd.DataFrame) -> list[bool]:
    """Whether each stop's label goes below it: away from the nearest other stop, so that two stops close
    together (Vladivostok and the indicative point for eastern Russia) each keep their name beside them."""
    below = []
    for stop in stops.itertuples():
        others = stops[stops["route_order"] != stop.route_order]
        if others.empty:
            below.append(False)
            continue
        distance = (others["longitude"] - stop.longitude) ** 2 + (others["latitude"] - stop.latitude) ** 2
        below.append(bool(others.loc[distance.idxmin(), "latitude"] > stop.latitude))
    return below


def _longitude_span(points: pd.DataFrame) -> tuple[float, float]:
    """The longitudes the route map shows: room on the east for the stops' words."""
    return points["longitude"].min() - 8, points["longitude"].max() + 30


def _words_longitude_span(stops: pd.DataFrame, points: pd.DataFrame) -> tuple[float, float]:
    """The span, widened on the east until each stop's words (set to its right) fit on the interactive plot:
    plotly cuts words at the plot's edge."""
    low, high = _longitude_span(points)
    layout = style.PLOTLY_LAYOUT
    plot_pixels = layout["width"] - style.left_margin() - layout["margin"]["r"]
    for stop in stops.itertuples():
        # The share of the plot's width from the stop to the east edge that its words need.
        share = (max(style.text_pixels(line, layout["font"]["size"]) for line in _stop_lines(stop)) + 20) / plot_pixels
        high = max(high, (stop.longitude - share * low) / (1 - share))
    return low, high


register("troops_by_location", NOTEBOOK, locations_title, no_located_figure)(draw_locations_static,
                                                                             draw_locations_interactive)
register("share_near_front", NOTEBOOK, share_title, no_share)(draw_share_static, draw_share_interactive)
register("route", NOTEBOOK, route_title, no_route)(draw_route_static, draw_route_interactive)
