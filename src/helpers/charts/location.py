"""Notebook 3, where the troops were said to be: figures by place over time, the share near the front, the route."""

import html
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.path import Path as OutlinePath
from plotly.subplots import make_subplots

from helpers import estimates, places, style
from helpers.charts import basemap, labels
from helpers.charts.geometry import interval_segments
from helpers.charts.hover import claim_hovers, joined_hovers, statement_lines
from helpers.charts.marks import intervals_interactive, intervals_static
from helpers.charts.registry import register
from helpers.record.memo import per_record
from helpers.record import Record
from helpers.record.wording import dated

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
                                 style.source_line(record, rows), y_title="",
                                 column_label_lines=max(len(textwrap.wrap(name, 16)) for name in panels) + 1)
    figure.update_yaxes(title_text="North Korean troops", row=1, col=1)
    start, end = _date_span(rows)
    # Narrow panels: three dates each, months only, as in the static chart.
    figure.update_xaxes(range=[start, end], nticks=3, tickformat="%b %Y", tickfont={"size": 10})
    for column, name in enumerate(panels, start=1):
        figure.update_xaxes(title_text="<b>" + style.escaped_wrapped(name, 16).replace("<br>", "</b><br><b>") + "</b>",
                            row=1, col=column)
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
    figure = style.new_figure((10, max(3.8, 0.55 * len(rows) + 2.4)))
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
    view = (*_longitude_span(points), *_latitude_span(points))
    figure = style.new_figure((10, 4.8))
    ax = figure.subplots()
    _draw_map_static(ax, view)
    ax.scatter(points["longitude"], points["latitude"], s=12, color=basemap.COUNTRY_NAME, zorder=2)
    for start, end in zip(stops.iloc[:-1].itertuples(), stops.iloc[1:].itertuples()):
        ax.annotate("", (end.longitude, end.latitude), (start.longitude, start.latitude),
                    arrowprops={"arrowstyle": "-|>", "color": style.INK, "lw": 1.5, "connectionstyle": "arc3,rad=-0.15"})
    ax.scatter(stops["longitude"], stops["latitude"], s=70, color=style.INK, zorder=3)
    names, spots = [], []
    for stop, below in zip(stops.itertuples(), _labels_below(stops)):
        names.append(ax.annotate("\n".join(_stop_lines(stop)), (stop.longitude, stop.latitude), xytext=(0, 0),
                                 textcoords="offset points", fontsize=8))
        spots.append(labels.around("right", gap=6, rise=5, below_first=below))
    # The countries' names after the stops', so they give way to them: at their spot, else just beside it.
    for place in _country_names(record):
        names.append(ax.annotate(place.name, (place.country_longitude, place.country_latitude), xytext=(0, 0),
                                 textcoords="offset points", fontsize=8, color=basemap.COUNTRY_NAME, style="italic",
                                 gid="country"))
        spots.append([(0, 0, "center", "center"), *labels.around("right", gap=4, rise=6, scales=(1, 2, 3))])
    labels.place_labels(ax, names, spots)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    style.set_titles(figure, ax, route_title(record), ROUTE_SUBTITLE + ". Regional points are indicative.")
    style.add_source_line(figure, style.source_line(record, _route_claims(record, stops)))
    return figure


# Both drawings say what the map is drawn from.
ROUTE_SUBTITLE = ("Natural Earth country outlines (1:110m, from world-atlas, read from disk; no map tiles); "
                  "points from data/locations.csv")
# Countries whose border with a country the route passes through runs this close to a stop (degrees) are named.
NEAR_STOP_DEGREES = 3.0
COUNTRY_FONT_SIZE = 11  # pixels, in the interactive chart; 8 points in the static one
# A name keeps this far (pixels) from the stops, their words and the route where it can, and goes at most this
# far from its country's middle.
CLEAR_PIXELS, NAME_REACH_PIXELS = 12, 90


def _latitude_span(points: pd.DataFrame) -> tuple[float, float]:
    """The latitudes the route map shows: room above and below its points for the land around them."""
    return points["latitude"].min() - 6, points["latitude"].max() + 8


def _aspect(view: tuple[float, float, float, float]) -> float:
    """A degree of latitude against a degree of longitude on the page, as at the middle of the view."""
    return 1 / np.cos(np.radians((view[2] + view[3]) / 2))


def _draw_map_static(ax, view: tuple[float, float, float, float]) -> None:
    """Sea, land, coasts and borders beneath the route (drawn as collections the label placer does not avoid)."""
    shapes = basemap.base_map(view)
    ax.set_facecolor(basemap.SEA)
    ax.add_collection(PolyCollection(shapes.land, facecolors=basemap.LAND, edgecolors="none", zorder=0.2))
    ax.add_collection(PolyCollection(shapes.coasts, closed=False, facecolors="none", edgecolors=basemap.COAST,
                                     linewidths=0.6, zorder=0.3))
    ax.add_collection(PolyCollection(shapes.borders, closed=False, facecolors="none", edgecolors=basemap.BORDER,
                                     linewidths=0.7, linestyles=(0, (3, 2)), zorder=0.3))
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    ax.set_aspect(_aspect(view), adjustable="box")
    ax.grid(False)


def _stop_lines(stop) -> list[str]:
    """A stop's label: its place in the route and name, then every figure said there, in full (never cut short)."""
    return [f"{stop.route_order}. {stop.name}", *textwrap.wrap(stop.figures_said, 34)]


def draw_route_interactive(record: Record) -> go.Figure:
    stops = places.route(record)
    view = _route_view(record, stops)
    said_there = pd.Series(_stop_statements_hover(record).reindex(stops["location"], fill_value="").to_numpy(),
                           index=stops.index)
    hover = ("<b>" + stops["route_order"].astype(str) + ". " + stops["name"].map(style.escaped_wrapped) + "</b><br>"
             + stops["meaning"].map(style.escaped_wrapped) + "<br>" + stops["figures_said"].map(style.escaped_wrapped)
             + ("<br><br>" + said_there).where(said_there != "", ""))
    figure = go.Figure([*_map_traces(record, view), go.Scatter(
        x=stops["longitude"], y=stops["latitude"], mode="lines+markers+text",
        text=["<br>".join(map(html.escape, _stop_lines(stop))) for stop in stops.itertuples()],
        textposition=["bottom right" if below else "top right" for below in _labels_below(stops)],
        line={"color": style.INK, "width": 2}, marker={"size": 12, "color": style.INK},
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
    )])
    figure = style.finish_plotly(figure, route_title(record), ROUTE_SUBTITLE,
                                 style.source_line(record, _route_claims(record, stops)),
                                 y_title="latitude (°N)", x_title="longitude (°E)")
    figure.update_layout(plot_bgcolor=basemap.SEA)
    figure.update_yaxes(tickformat=None, scaleanchor="x", scaleratio=_aspect(view), rangemode="normal",
                        range=[view[2], view[3]], showgrid=False)
    figure.update_xaxes(tickformat=None, range=[view[0], view[1]], showgrid=False)
    # A name set beside its country (too small or too crowded for it) points at it with a thin line.
    for place in _country_names(record):
        if not place.inside:
            figure.add_annotation(x=place.country_longitude, y=place.country_latitude, ax=place.longitude,
                                  ay=place.latitude, axref="x", ayref="y", text=html.escape(place.name), showarrow=True,
                                  arrowhead=0, arrowwidth=0.8, arrowcolor=basemap.COUNTRY_NAME, standoff=2,
                                  font={"color": basemap.COUNTRY_NAME, "size": COUNTRY_FONT_SIZE})
    return figure


def _map_traces(record: Record, view: tuple[float, float, float, float]) -> list[go.Scatter]:
    """The map as plotly traces in the figure itself (no geo chart, which would fetch its outlines): land filled,
    coasts and borders as lines, the countries' names as words; none answers a hover."""
    shapes = basemap.base_map(view)
    quiet = {"hoverinfo": "skip", "showlegend": False}
    land_x, land_y = basemap.joined(shapes.land)
    coast_x, coast_y = basemap.joined(shapes.coasts)
    border_x, border_y = basemap.joined(shapes.borders)
    names = [place for place in _country_names(record) if place.inside]
    return [
        go.Scatter(x=land_x, y=land_y, mode="lines", fill="toself", fillcolor=basemap.LAND, line={"width": 0}, **quiet),
        go.Scatter(x=coast_x, y=coast_y, mode="lines", line={"color": basemap.COAST, "width": 0.8}, **quiet),
        go.Scatter(x=border_x, y=border_y, mode="lines", line={"color": basemap.BORDER, "width": 0.9, "dash": "dot"},
                   **quiet),
        go.Scatter(x=[place.longitude for place in names], y=[place.latitude for place in names],
                   text=[html.escape(place.name) for place in names],
                   mode="text", textfont={"color": basemap.COUNTRY_NAME, "size": COUNTRY_FONT_SIZE}, **quiet),
    ]


@dataclass(frozen=True)
class CountryName:
    """A country's name on the route map: its words' middle, and the point in the country they name (the same
    point, unless the country is too small or too crowded for its name, which is then tied to it by a line)."""
    name: str
    longitude: float
    latitude: float
    country_longitude: float
    country_latitude: float

    @property
    def inside(self) -> bool:
        return (self.longitude, self.latitude) == (self.country_longitude, self.country_latitude)


@per_record
def _country_names(record: Record) -> list[CountryName]:
    """The countries a stop is in and each neighbour whose border with one runs near a stop, each named where
    its words keep clearest of the stops, their words and the route in the interactive chart."""
    stops = places.route(record).dropna(subset=["longitude", "latitude"])
    view = _route_view(record, stops)
    shapes = basemap.base_map(view)
    homes = {country.name: country for stop in stops.itertuples()
             if (country := shapes.country_of(stop.longitude, stop.latitude)) is not None}
    named = dict(homes)
    for home in homes.values():
        for other in basemap.neighbours(shapes, home):
            shared = np.vstack([basemap.atlas().arcs[index] for index in home.arcs & other.arcs])
            distance = np.hypot(shared[:, None, 0] - stops["longitude"].to_numpy(float),
                                shared[:, None, 1] - stops["latitude"].to_numpy(float)).min()
            if distance <= NEAR_STOP_DEGREES:
                named.setdefault(other.name, other)
    geometry = _plot_geometry(record, view)
    points = record.locations.dropna(subset=["longitude", "latitude"])[["longitude", "latitude"]].to_numpy(float)
    dot = np.array([7 / geometry[0], 7 / geometry[1]])
    obstacles = np.vstack([_stop_boxes(stops, geometry), np.column_stack([points - dot, points + dot])])
    placed = []
    # The largest first: they have the most room to give way in.
    for name, country in sorted(named.items(), key=lambda item: -_area(item[1])):
        spot = _clearest_spot(country, name, view, geometry, obstacles)
        if spot is not None:
            placed.append(CountryName(name, *spot))
            obstacles = np.vstack([obstacles, _name_boxes(name, np.array([spot[:2]]), geometry)])
    return placed


def _route_view(record: Record, stops: pd.DataFrame) -> tuple[float, float, float, float]:
    """The map's west, east, south and north edges, as the interactive chart shows them (the static one ends
    further west, with less room for the stops' words)."""
    return (*_words_longitude_span(stops, record.locations), *_latitude_span(record.locations))


def _area(country: basemap.Country) -> float:
    """The country's area in square degrees (the shoelace formula over its rings)."""
    return float(sum(abs(np.sum(ring[:-1, 0] * ring[1:, 1] - ring[1:, 0] * ring[:-1, 1])) / 2 for ring in country.rings))


def _plot_geometry(record: Record, view: tuple[float, float, float, float]) -> tuple[float, float]:
    """Pixels per degree of longitude and of latitude on the interactive chart's plot."""
    layout = style.PLOTLY_LAYOUT
    per_longitude = (layout["width"] - style.left_margin() - layout["margin"]["r"]) / (view[1] - view[0])
    return per_longitude, per_longitude * _aspect(view)


def _stop_boxes(stops: pd.DataFrame, geometry: tuple[float, float]) -> np.ndarray:
    """(west, south, east, north) around each stop's dot and its words (set to its right, above or below)."""
    per_longitude, per_latitude = geometry
    size = style.PLOTLY_LAYOUT["font"]["size"]
    boxes = []
    for stop, below in zip(stops.itertuples(), _labels_below(stops)):
        lines = _stop_lines(stop)
        width = (max(style.text_pixels(line, size) for line in lines) + 12) / per_longitude
        height = (len(lines) * size * 1.3 + 8) / per_latitude
        dot = 8 / per_longitude, 8 / per_latitude
        boxes.append((stop.longitude - dot[0], stop.latitude - dot[1], stop.longitude + dot[0], stop.latitude + dot[1]))
        south, north = (stop.latitude - height, stop.latitude) if below else (stop.latitude, stop.latitude + height)
        boxes.append((stop.longitude, south, stop.longitude + width, north))
    # The lines between stops, as points every degree.
    for start, end in zip(stops.iloc[:-1].itertuples(), stops.iloc[1:].itertuples()):
        steps = np.linspace(0, 1, int(abs(end.longitude - start.longitude)) + 2)
        for lon, lat in zip(start.longitude + steps * (end.longitude - start.longitude),
                            start.latitude + steps * (end.latitude - start.latitude)):
            boxes.append((lon, lat, lon, lat))
    return np.array(boxes, dtype=float).reshape(-1, 4)


def _name_boxes(name: str, middles: np.ndarray, geometry: tuple[float, float]) -> np.ndarray:
    """(west, south, east, north) of the name's words centred at each of `middles` ((n, 2) longitude, latitude)."""
    half = np.array([style.text_pixels(name, COUNTRY_FONT_SIZE) / 2, COUNTRY_FONT_SIZE * 0.7]) / np.array(geometry)
    return np.column_stack([middles - half, middles + half])


def _clearest_spot(country: basemap.Country, name: str, view, geometry, obstacles: np.ndarray
                   ) -> tuple[float, float, float, float] | None:
    """Where `country`'s name goes: (longitude, latitude) of its words' middle, then of the point in the
    country it names. The words go where they keep clearest of `obstacles` (up to a margin), inside the
    country if they can, else beside it; among equals, nearest the middle of the country's part in view.
    None if no part of it is in view."""
    per_longitude, per_latitude = geometry
    west, east, south, north = view
    longitudes, latitudes = np.meshgrid(np.arange(np.ceil(west), east, 0.5), np.arange(np.ceil(south), north, 0.5))
    grid = np.column_stack([longitudes.ravel(), latitudes.ravel()])
    inside = np.zeros(len(grid), dtype=bool)
    for ring in country.rings:
        inside |= OutlinePath(ring).contains_points(grid)
    if not inside.any():
        return None
    middle = grid[inside].mean(axis=0)
    off_middle = np.hypot((grid[:, 0] - middle[0]) * per_longitude, (grid[:, 1] - middle[1]) * per_latitude)
    anchor = grid[inside][np.argmin(off_middle[inside])]
    boxes = _name_boxes(name, grid, geometry)
    # Candidates: the words lie in the view, and their middle in the country or near it.
    candidates = ((boxes[:, 0] >= west) & (boxes[:, 2] <= east) & (boxes[:, 1] >= south) & (boxes[:, 3] <= north)
                  & (inside | (off_middle <= NAME_REACH_PIXELS)))
    grid, boxes, inside, off_middle = grid[candidates], boxes[candidates], inside[candidates], off_middle[candidates]
    # The gap, in pixels, between each candidate's words and each obstacle.
    gap_x = np.maximum(obstacles[None, :, 0] - boxes[:, None, 2], boxes[:, None, 0] - obstacles[None, :, 2]).clip(0)
    gap_y = np.maximum(obstacles[None, :, 1] - boxes[:, None, 3], boxes[:, None, 1] - obstacles[None, :, 3]).clip(0)
    clearance = np.hypot(gap_x * per_longitude, gap_y * per_latitude).min(axis=1)
    best = np.lexsort((off_middle, ~inside, -np.minimum(clearance, CLEAR_PIXELS).round()))[0]
    words = grid[best]
    at = words if inside[best] else anchor
    return float(words[0]), float(words[1]), float(at[0]), float(at[1])


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
