"""The static charts as a reader sees them: every colour named, no words running into each other or off the page."""

import html
import math

import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from helpers import charts, load_record, places, provenance


@pytest.fixture(scope="module")
def record():
    return load_record(archive_dir=None)


@pytest.fixture(scope="module")
def laid_out(record):
    """Every chart's static figure, laid out as when it is saved (text measured, nothing rendered)."""
    figures = {}
    for name in charts.CHARTS:
        figure = charts.static(name, record)
        figure.draw_without_rendering()
        figures[name] = figure
    return figures


def legends_of(figure) -> list:
    return [ax.get_legend() for ax in figure.axes if ax.get_legend()] + list(figure.legends)


def notes_of(ax) -> list:
    """The texts written on the axes (annotations, explanations), not its labels."""
    return [text for text in ax.texts if text.get_visible() and text.get_text().strip()]


def static_legend(figure) -> list[str]:
    return [text.get_text() for legend in legends_of(figure) for text in legend.get_texts()]


def interactive_legend(figure) -> list[str]:
    return [trace.name for trace in figure.data if trace.showlegend is not False]


@pytest.mark.parametrize(("chart", "drawn"), [
    # Each claimant that has a figure in some panel, whichever panel that is.
    ("troops_by_location", lambda record: places.troops_by_location(record)["claimant_short_name"]),
    # Each claimant with a dated statement: the rows name claims and outlets, not claimants.
    ("publication_lag", lambda record: provenance.publication_lag(record).dropna(subset="lag_max")["claimant_short_name"]),
])
def test_each_claimant_drawn_in_colour_is_named_once_in_the_legend(record, laid_out, chart, drawn):
    claimants = sorted(set(drawn(record)))
    assert sorted(static_legend(laid_out[chart])) == claimants
    assert sorted(interactive_legend(charts.interactive(chart, record))) == claimants


def written(text: str) -> str:
    """Words as a reader sees them, whichever drawing wrote them: markup undone, lines run together."""
    return " ".join(html.unescape(text.replace("<br>", " ")).split())


def interactive_writing(figure) -> list[str]:
    """Every note and every word plotly writes on the plot (the source line aside)."""
    notes = [note.text for note in figure.layout.annotations if not note.text.startswith("Claimants:")]
    for trace in figure.data:
        shown = "text" in (getattr(trace, "mode", None) or "") or (
            trace.type == "bar" and trace.textposition not in (None, "none"))
        if shown and trace.text is not None:
            notes += [trace.text] if isinstance(trace.text, str) else list(trace.text)
    return [written(note) for note in notes]


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_the_interactive_chart_writes_every_note_of_the_static_one(record, laid_out, chart):
    """A figure written on a static chart (each step of the growth, each share, rate and split, what was said at
    each stop of the route, why a figure has no lag) is written on its interactive twin too, not only in a
    hover; the browser test holds that plotly keeps them clear."""
    interactive = interactive_writing(charts.interactive(chart, record))
    missing = [note for ax in laid_out[chart].axes for note in (written(n.get_text()) for n in notes_of(ax))
               if note not in interactive]
    assert missing == []


def clashing_tick_labels(axis) -> list[tuple[str, str]]:
    """Neighbouring tick labels closer than half a font size (a space); slanted ones need their lines a font's
    height apart."""
    labels = [label for label in axis.get_ticklabels() if label.get_visible() and label.get_text()]
    clashes = []
    for first, second in zip(labels, labels[1:]):
        angle = math.radians(first.get_rotation())
        if angle == 0:
            space = first.get_fontsize() * first.figure.dpi / 72 / 2
            clash = first.get_window_extent().padded(space / 2).overlaps(second.get_window_extent().padded(space / 2))
        else:
            (x0, y0), (x1, y1) = (label.get_transform().transform(label.get_position()) for label in (first, second))
            along_x = axis.axis_name == "x"
            spacing = abs(x1 - x0) * abs(math.sin(angle)) if along_x else abs(y1 - y0) * abs(math.cos(angle))
            clash = spacing < first.get_fontsize() * first.figure.dpi / 72
        if clash:
            clashes.append((first.get_text(), second.get_text()))
    return clashes


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_no_tick_labels_run_into_each_other(laid_out, chart):
    figure = laid_out[chart]
    clashes = [clash for ax in figure.axes for axis in (ax.xaxis, ax.yaxis) for clash in clashing_tick_labels(axis)]
    assert clashes == []


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_nothing_is_cut_off_at_the_edges(laid_out, chart):
    """Everything laid out (titles, labels, legends, notes) lies on the page the file is cut to."""
    figure = laid_out[chart]
    drawn = figure.get_tightbbox()  # in inches, like the figure's size
    width, height = figure.get_size_inches()
    margin = 1 / figure.dpi  # a pixel's rounding
    assert drawn.x0 >= -margin and drawn.y0 >= -margin, drawn
    assert drawn.x1 <= width + margin and drawn.y1 <= height + margin, (drawn, (width, height))


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_every_note_lies_on_the_page(laid_out, chart):
    """Notes placed as the chart is drawn are left out of its layout, so they are checked on their own."""
    figure = laid_out[chart]
    outside = [note.get_text() for ax in figure.axes for note in notes_of(ax)
               if not lies_within(note.get_window_extent(), figure.bbox)]
    assert outside == []


def lies_within(inner, outer) -> bool:
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1


def rectangles_of(ax) -> list:
    """The boxes drawn on `ax`: bars, matrix cells."""
    return [patch for patch in ax.patches if isinstance(patch, Rectangle)]


def marks_of(ax) -> list[tuple[str, np.ndarray]]:
    """(what, box in pixels) for every dot, arrow head and bar drawn on `ax`."""
    pixels_per_point = ax.figure.dpi / 72
    marks = []
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            centres = collection.get_offset_transform().transform(collection.get_offsets())
            radius = np.sqrt(np.resize(collection.get_sizes(), len(centres))) / 2 * pixels_per_point
            marks += [("dot", np.r_[centre - r, centre + r]) for centre, r in zip(centres, radius)]
        elif isinstance(collection, LineCollection):
            half = collection.get_linewidths()[0] / 2 * pixels_per_point
            for segment in collection.get_segments():
                ends = collection.get_transform().transform(segment)
                marks.append(("bar", np.r_[ends.min(axis=0) - half, ends.max(axis=0) + half]))
    return marks


def overlaps(box, extent) -> bool:
    return box[0] < extent.x1 and extent.x0 < box[2] and box[1] < extent.y1 and extent.y0 < box[3]


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_no_note_covers_a_mark(laid_out, chart):
    figure = laid_out[chart]
    covered = [(note.get_text(), what) for ax in figure.axes for note in notes_of(ax) for what, box in marks_of(ax)
               if overlaps(box, note.get_window_extent())]
    assert covered == []


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_no_note_runs_into_the_axis_labels(laid_out, chart):
    figure = laid_out[chart]
    clashes = [(note.get_text(), label.get_text()) for ax in figure.axes for note in notes_of(ax)
               for axis in (ax.xaxis, ax.yaxis) for label in axis.get_ticklabels()
               if label.get_visible() and label.get_text() and note.get_window_extent().overlaps(label.get_window_extent())]
    assert clashes == []


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_no_subtitle_runs_into_the_labels_of_its_axes(laid_out, chart):
    """The subtitle sits above the axes, and above anything drawn there (tick labels on top, a multiplier)."""
    figure = laid_out[chart]
    clashes = [(title.get_text(), label.get_text()) for ax in figure.axes for title in titles_of(ax)
               for axis in (ax.xaxis, ax.yaxis) for label in [*axis.get_ticklabels(), axis.label, axis.offsetText]
               if label.get_visible() and label.get_text()
               and title.get_window_extent().overlaps(label.get_window_extent())]
    assert clashes == []


def titles_of(ax) -> list[Text]:
    """The axes' titles as drawn: the house style puts them on the left, which `ax.title` is not."""
    written = {ax.get_title(loc) for loc in ("left", "center", "right")} - {""}
    return [child for child in ax.get_children()
            if isinstance(child, Text) and child.get_text() in written and child not in ax.texts]


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_words_written_in_a_box_stay_inside_it(laid_out, chart):
    """A note anchored inside a drawn box (a matrix cell, a bar) lies wholly within it."""
    figure = laid_out[chart]
    spilling = []
    for ax in figure.axes:
        boxes = [patch.get_window_extent() for patch in rectangles_of(ax)]
        for note in notes_of(ax):
            anchor = note.get_transform().transform(note.get_position())
            spilling += [note.get_text() for box in boxes if box.x0 < anchor[0] < box.x1 and box.y0 < anchor[1] < box.y1
                         and not lies_within(note.get_window_extent(), box)]
    assert spilling == []


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_grid_lines_run_behind_the_bars(laid_out, chart):
    figure = laid_out[chart]
    crossing = []
    for ax in figure.axes:
        # An axis draws its grid lines at its own depth.
        gridded = [axis for axis in (ax.xaxis, ax.yaxis) if any(line.get_visible() for line in axis.get_gridlines())]
        crossing += [(axis.axis_name, bar.get_label()) for axis in gridded for bar in rectangles_of(ax)
                     if axis.get_zorder() >= bar.get_zorder()]
    assert crossing == []


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_no_legend_covers_a_note_on_the_chart(laid_out, chart):
    figure = laid_out[chart]
    notes = [note for ax in figure.axes for note in notes_of(ax)]
    covered = [note.get_text() for legend in legends_of(figure) for note in notes
               if legend.get_window_extent().overlaps(note.get_window_extent())]
    assert covered == []


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_no_two_notes_on_a_chart_overlap(laid_out, chart):
    figure = laid_out[chart]
    clashes = []
    for ax in figure.axes:
        notes = notes_of(ax)
        clashes += [(first.get_text(), second.get_text()) for i, first in enumerate(notes) for second in notes[i + 1:]
                    if first.get_window_extent().overlaps(second.get_window_extent())]
    assert clashes == []


def test_each_route_stop_is_named_beside_its_own_dot_with_every_figure_said(record, laid_out):
    """Vladivostok and the indicative point for eastern Russia lie close together: each name must be
    nearer its own dot than the other's (plotly's are checked in the browser), and no figure said there is
    left off."""
    stops = places.route(record)
    ax = laid_out["route"].axes[0]
    dots = ax.transData.transform(stops[["longitude", "latitude"]].to_numpy(dtype=float))
    named = {}
    for note in notes_of(ax):
        if note.get_gid() == "country":  # the map's country names (test_the_route_is_drawn_on_a_map)
            continue
        order = int(note.get_text().split(".", 1)[0])
        box = note.get_window_extent()
        nearest_x = np.clip(dots[:, 0], box.x0, box.x1)
        nearest_y = np.clip(dots[:, 1], box.y0, box.y1)
        distances = np.hypot(dots[:, 0] - nearest_x, dots[:, 1] - nearest_y)
        named[order] = (int(stops["route_order"].iloc[int(np.argmin(distances))]), " ".join(note.get_text().split()))
    assert {order: nearest for order, (nearest, _) in named.items()} == {order: order for order in stops["route_order"]}
    for stop in stops.itertuples():
        assert named[stop.route_order][1] == " ".join(f"{stop.route_order}. {stop.name} {stop.figures_said}".split())


def test_the_route_credits_only_the_claimants_whose_figures_it_writes(record, laid_out):
    """Casualties said to be in Kursk Oblast are not figures of the route: their claimants are not its sources."""
    said = " ".join(places.route(record)["figures_said"])
    credited = " ".join(laid_out["route"].get_supxlabel().split())
    for claimant in record.claimants["short_name"]:
        assert (f"({claimant}," in said) == (claimant in credited.split("Outlets:")[0]), claimant


def test_the_route_is_drawn_on_a_map(record, laid_out):
    """Sea, land, coasts and borders from Natural Earth under the route, in both drawings, with the countries the
    route runs through and those beside its stops named (the browser test draws the interactive one offline)."""
    ax = laid_out["route"].axes[0]
    filled = [c for c in ax.collections if isinstance(c, PolyCollection) and len(c.get_paths()) > 10]
    assert len(filled) >= 3, "land, coasts and borders"
    named = {note.get_text() for note in notes_of(ax) if note.get_gid() == "country"}
    assert {"North Korea", "Russia", "Ukraine", "China"} <= named
    interactive = interactive_writing(charts.interactive("route", record))
    assert named <= set(interactive)
    fills = [trace for trace in charts.interactive("route", record).data if trace.fill == "toself"]
    assert fills and len(fills[0].x) > 1000


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_no_words_are_cut_short(record, laid_out, chart):
    """An outlet's name or a statement is written in full (wrapped, or given the room), never cut with "…", in
    either drawing: its tick labels, notes and words."""
    figure = laid_out[chart]
    static = [text.get_text() for ax in figure.axes
              for text in [*ax.get_xticklabels(), *ax.get_yticklabels(), *notes_of(ax)]]
    interactive = charts.interactive(chart, record)
    axes = [interactive.layout[name] for name in interactive.layout if name.startswith(("xaxis", "yaxis"))]
    words = [*static, *interactive_writing(interactive),
             *(str(tick) for axis in axes for tick in (axis.ticktext or ()))]
    assert [text for text in words if "…" in text] == []
