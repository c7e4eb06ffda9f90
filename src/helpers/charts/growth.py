"""Notebook 1, how the estimates grew: the headline step chart with every story's interval."""

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers.record import absent
from helpers import estimates, style
from helpers.charts import labels
from helpers.charts.geometry import interval_segments
from helpers.charts.plot_area import FONT_SIZE, PlotArea, fix_plot_area, text_size
from helpers.charts.hover import statement_hovers
from helpers.charts.marks import intervals_interactive, intervals_static
from helpers.charts.registry import register
from helpers.record.memo import per_record
from helpers.record import Record

NOTEBOOK = "1_how_the_estimates_grew.ipynb"
Y_TITLE = "North Korean troops"
# Half the size, in pixels, of what the interactive chart draws (marks.intervals_interactive): dots,
# arrow heads, bars and the headline line.
DOT_PIXELS, ARROW_HEAD_PIXELS, BAR_PIXELS = 6.5, 5, 1.5
# A pledge labelled at the chart's end stops this many pixels short of it, clear of the newest figure's mark.
PLEDGE_END_GAP = 48


def archived_period_end(record: Record) -> pd.Timestamp:
    """The last day said in the archived stories: the first weeks, told in the most detail."""
    claims = record.claims
    return claims.loc[claims["archive_file"] != "", "said_on"].max()


def growth_title(record: Record, until: pd.Timestamp | None = None) -> str:
    g = estimates.growth(record, until)
    if g["steps"] == 1:
        return f"The largest official estimate so far is the only one: {g['first_figure']:,} ({g['first_claimant']})"
    return (f"The largest official estimate grew {g['multiple']:.1f}-fold in {g['days']} days, "
            f"from {g['first_figure']:,} to {g['last_figure']:,}")


def no_headline(record: Record, until: pd.Timestamp | None = None) -> str | None:
    """Why there is no growth to draw: no total of troops sent (by `until`)."""
    return None if len(_steps(record, until)) else absent.NO_HEADLINE


def no_first_weeks(record: Record) -> str | None:
    """The first weeks are those the archived stories tell; a record with none of them has no such weeks."""
    end = archived_period_end(record)
    if pd.isna(end):
        return "No figure in the record comes from an archived story, so there are no first weeks told in detail."
    return no_headline(record, end) and (f"{absent.NO_HEADLINE.removesuffix('.')} from the archived stories "
                                         f"(said by {end:%-d %b %Y}).")


def _subtitle(record: Record, until: pd.Timestamp | None) -> str:
    steps = _steps(record, until)
    arrows = " → ".join(f"{f:,}" for f in steps["figure"])
    return f"Troops said to be in Russia, by date said: {arrows}. Each bar is one story's qualifier as an interval."


def _steps(record: Record, until: pd.Timestamp | None) -> pd.DataFrame:
    steps = estimates.headline_steps(record)
    return steps if until is None else steps[steps["said_on"] <= until]


def _within(table: pd.DataFrame, until: pd.Timestamp | None, column: str = "said_on") -> pd.DataFrame:
    return table if until is None else table[table[column] <= until]


@per_record
def _headline_rows(record: Record, until: pd.Timestamp | None) -> pd.DataFrame:
    """Claims of the headline measure, one bar each, with their statement's hover."""
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    claims = _within(estimates.with_wording(record), until)
    rows = interval_segments(claims[claims["measure"].isin(headline)])
    return rows.assign(hover=rows["statement_id"].map(statement_hovers(record)))


@per_record
def _claimant_paths(record: Record, until: pd.Timestamp | None) -> pd.DataFrame:
    """Each claimant's headline statements in date order, for the thin per-claimant lines."""
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    table = _within(estimates.statements(record), until)
    table = table[table["measure"].isin(headline)]
    return table.assign(x=table["said_on"] + pd.Timedelta(hours=12)).sort_values(["claimant", "said_on"])


@per_record
def _pledges(record: Record, until: pd.Timestamp | None) -> pd.DataFrame:
    table = _within(estimates.statements(record), until)
    return table[table["measure"] == "pledged"]


def _pledge_note(pledge) -> str:
    return f"{pledge.claimant}: {pledge.wordings} pledged in total"


def _side_towards_middle(series: pd.DataFrame, said_on: pd.Timestamp) -> str:
    """The side a step's label tries first: towards the middle of the chart, where there is room."""
    first, last = series["date"].min(), series["date"].max()
    return "right" if said_on < first + (last - first) / 2 else "left"


def _pledge_label_at_start(series: pd.DataFrame, figure: int) -> bool:
    """A pledge's line is labelled at the end away from where the estimates reach it, clear of their marks."""
    first, last = series["date"].min(), series["date"].max()
    reached = series.loc[series["figure"] >= figure, "date"].min()
    return pd.isna(reached) or reached - first > last - reached


def draw_static(record: Record, until: pd.Timestamp | None = None) -> Figure:
    colours = style.claimant_colours(record)
    series = estimates.headline_series(record, end=until)
    series = _within(series, until, "date")
    steps = _steps(record, until)
    rows = _headline_rows(record, until)
    figure = style.new_figure((10, 5.8))
    ax = figure.subplots()
    ax.step(series["date"], series["figure"], where="post", color=style.INK, linewidth=2.2, alpha=0.5,
            label="largest official figure known", zorder=1)
    for claimant, path in _claimant_paths(record, until).groupby("claimant"):
        # A claimant's figure stands until it speaks again, so its line steps rather than slopes.
        ax.plot(path["x"], path["figure"], color=colours[claimant], linewidth=0.9, alpha=0.6, zorder=1,
                drawstyle="steps-post")
    intervals_static(ax, rows, colours)
    first, last = series["date"].min(), series["date"].max()
    for pledge in _pledges(record, until).itertuples():
        ax.axhline(pledge.figure, color=colours[pledge.claimant], linestyle="--", linewidth=1, zorder=0)
        at_start = _pledge_label_at_start(series, pledge.figure)
        ax.annotate(_pledge_note(pledge), (first if at_start else last, pledge.figure),
                    xytext=(0 if at_start else -4, 4), textcoords="offset points", ha="left" if at_start else "right",
                    fontsize=8, color=colours[pledge.claimant])
    step_labels, spots = [], []
    for step in steps.itertuples():
        step_labels.append(ax.annotate(f"{step.figure:,}: {step.claimant}", (step.said_on, step.figure), xytext=(0, 0),
                                       textcoords="offset points", fontsize=8.5, color=colours[step.claimant],
                                       weight="bold"))
        spots.append(labels.around(_side_towards_middle(series, step.said_on)))
    labels.place_labels(ax, step_labels, spots)
    style.set_titles(figure, ax, growth_title(record, until), _subtitle(record, until))
    style.dated_count_axes(ax, Y_TITLE, top=rows["y1"].max() * 1.08, legend_at="lower right")
    style.add_source_line(figure, style.source_line(record, rows))
    return figure


def draw_interactive(record: Record, until: pd.Timestamp | None = None) -> go.Figure:
    colours = style.claimant_colours(record)
    series = _within(estimates.headline_series(record, end=until), until, "date")
    rows = _headline_rows(record, until)
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=series["date"], y=series["figure"], mode="lines", opacity=0.5, hoverinfo="skip",
                                line={"shape": "hv", "width": 3, "color": style.INK},
                                name="largest official figure known"))
    for claimant, path in _claimant_paths(record, until).groupby("claimant"):
        figure.add_trace(go.Scatter(x=path["x"], y=path["figure"], mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"color": colours[claimant], "width": 1, "shape": "hv"}, opacity=0.6,
                                    legendgroup=claimant))
    for pledge in _pledges(record, until).itertuples():
        figure.add_hline(y=pledge.figure, line={"dash": "dash", "width": 1, "color": colours[pledge.claimant]},
                         annotation_text=style.escaped_wrapped(_pledge_note(pledge)),
                         annotation_position="top left" if _pledge_label_at_start(series, pledge.figure) else "top right",
                         annotation_xshift=0 if _pledge_label_at_start(series, pledge.figure) else -PLEDGE_END_GAP,
                         annotation_font_color=colours[pledge.claimant])
    intervals_interactive(figure, rows, colours)
    figure = style.finish_plotly(figure, growth_title(record, until), _subtitle(record, until),
                                 style.source_line(record, rows), y_title=Y_TITLE)
    _label_steps(figure, record, until, series, rows, colours)
    return figure


def _label_steps(figure: go.Figure, record: Record, until: pd.Timestamp | None, series: pd.DataFrame,
                 rows: pd.DataFrame, colours: dict[str, str]) -> None:
    """Each step's figure and claimant beside it, clear of the marks, as in the static drawing.

    plotly does not keep words clear of marks, so the plot's size and ranges are fixed and each
    label takes its spot by the static drawing's rule (helpers.charts.labels), in pixels.
    """
    first, last = series["date"].min(), series["date"].max()
    # Every mark inside, with a twentieth of the span to spare each side, as plotly would range it.
    start, end = min(first, rows["x"].min()), max(last, rows["x"].max())
    pad = (end - start) * 0.05
    top = rows["y1"].max() * 1.08
    legend = ["largest official figure known", *rows["claimant_short_name"].unique()]
    area = fix_plot_area(figure, (start - pad, end + pad), (0, top), legend, y_ticks=f"{top:,.0f}")
    pledges = _pledges(record, until)
    marks, lines, texts = _step_obstacles(area, series, rows, _claimant_paths(record, until), pledges)
    steps = _steps(record, until)
    words = [html.escape(f"{step.figure:,}: {step.claimant}") for step in steps.itertuples()]
    points = area.pixels(steps["said_on"], steps["figure"])
    spots = [labels.around(_side_towards_middle(series, said_on), gap=8, rise=10, scales=(1, 2, 3))
             for said_on in steps["said_on"]]
    chosen = labels.choose_spots(list(points), [text_size(w) for w in words], spots, marks, lines, texts, area.bounds)
    notes = []
    for step, text, (dx, dy, ha, va) in zip(steps.itertuples(), words, chosen):
        # A label set further out is tied to its point by a thin line, as in the static drawing.
        far = bool(np.hypot(dx, dy) > labels.LEADER_FROM_POINTS)
        notes.append({"x": step.said_on, "y": step.figure, "text": text, "showarrow": far, "ax": dx, "ay": -dy,
                      "xshift": 0 if far else dx, "yshift": 0 if far else dy, "xanchor": ha,
                      "yanchor": {"center": "middle"}.get(va, va), "arrowhead": 0, "arrowwidth": 0.8,
                      "arrowcolor": colours[step.claimant], "standoff": 5,
                      "font": {"size": FONT_SIZE, "color": colours[step.claimant]}})
    # All at once: plotly validates every annotation again each time one is added alone.
    figure.layout.annotations = [*figure.layout.annotations, *notes]


def _step_obstacles(area: PlotArea, series: pd.DataFrame, rows: pd.DataFrame, paths: pd.DataFrame,
                    pledges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Boxes (pixels) around what the chart draws: marks (dots, bars, arrow heads), lines, and words."""
    dots = area.pixels(rows["x"], rows["figure"])
    marks = [np.column_stack([dots - DOT_PIXELS, dots + DOT_PIXELS]),
             labels.boxes_between(area.pixels(rows["x"], rows["y0"]), area.pixels(rows["x"], rows["y1"]), BAR_PIXELS)]
    for end, at in (("open_high", "y1"), ("open_low", "y0")):
        heads = area.pixels(rows.loc[rows[end], "x"], rows.loc[rows[end], at])
        marks.append(np.column_stack([heads - ARROW_HEAD_PIXELS, heads + ARROW_HEAD_PIXELS]))
    lines = [labels.segment_boxes(_steps_path(area, series["date"], series["figure"]), BAR_PIXELS)]
    for _, path in paths.groupby("claimant"):
        lines.append(labels.segment_boxes(_steps_path(area, path["x"], path["figure"]), 1))
    texts = []
    for pledge in pledges.itertuples():
        y = area.pixels([series["date"].min()], [pledge.figure])[0, 1]
        lines.append(np.array([[0, y - 1, area.width, y + 1]]))
        width, height = text_size(style.escaped_wrapped(_pledge_note(pledge)))
        x0 = 0 if _pledge_label_at_start(series, pledge.figure) else area.width - width - PLEDGE_END_GAP
        texts.append([x0, y, x0 + width, y + height])
    return labels.stacked(marks), labels.stacked(lines), np.array(texts).reshape(-1, 4)


def _steps_path(area: PlotArea, x: pd.Series, y: pd.Series) -> np.ndarray:
    """The pixel corners of a line drawn in steps ("hv"): across to the next x, then up or down to its y."""
    points = area.pixels(x, y)
    corners = np.column_stack([points[1:, 0], points[:-1, 1]])
    path = np.empty((2 * len(points) - 1, 2))
    path[0::2], path[1::2] = points, corners
    return path


def first_weeks_title(record: Record) -> str:
    return "The first weeks: " + growth_title(record, archived_period_end(record))


def draw_first_weeks_static(record: Record) -> Figure:
    return draw_static(record, archived_period_end(record))


def draw_first_weeks_interactive(record: Record) -> go.Figure:
    return draw_interactive(record, archived_period_end(record))


register("headline_growth", NOTEBOOK, growth_title, no_headline)(draw_static, draw_interactive)
register("headline_growth_first_weeks", NOTEBOOK, first_weeks_title, no_first_weeks)(draw_first_weeks_static, draw_first_weeks_interactive)
