"""Labels placed as the chart is drawn: the first clear spot around their point, inside the axes."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.charts import labels


@pytest.fixture
def ax():
    axes = Figure(figsize=(4, 3), layout="constrained").subplots()
    axes.set_xlim(0, 10)
    axes.set_ylim(0, 10)
    return axes


def labelled(ax, x: float, y: float, text: str = "a label", first_side: str = "right"):
    label = ax.annotate(text, (x, y), xytext=(0, 0), textcoords="offset points")
    return label, labels.around(first_side)


def laid_out(ax):
    ax.figure.draw_without_rendering()
    return ax.figure._get_renderer()


def test_a_clear_first_spot_is_taken(ax):
    label, spots = labelled(ax, 5, 5)
    labels.place_labels(ax, [label], [spots])
    laid_out(ax)
    assert (*label.xyann, label.get_horizontalalignment()) == spots[0][:3]


def test_a_dot_on_the_first_spot_sends_the_label_elsewhere(ax):
    label, spots = labelled(ax, 5, 5)
    # A big dot just above and to the right of the point, where the first spot would put the words.
    ax.scatter([6.2], [6.0], s=900)
    labels.place_labels(ax, [label], [spots])
    renderer = laid_out(ax)
    assert label.xyann != spots[0][:2]
    dot = ax.transData.transform((6.2, 6.0))
    radius = np.sqrt(900) / 2 * renderer.points_to_pixels(1.0)
    words = label.get_window_extent(renderer)
    assert not (words.x0 < dot[0] + radius and dot[0] - radius < words.x1
                and words.y0 < dot[1] + radius and dot[1] - radius < words.y1)


def test_two_labels_of_one_point_do_not_overlap(ax):
    first, spots = labelled(ax, 5, 5, "the first label")
    second, _ = labelled(ax, 5, 5, "the second label")
    labels.place_labels(ax, [first, second], [spots, spots])
    renderer = laid_out(ax)
    assert not first.get_window_extent(renderer).overlaps(second.get_window_extent(renderer))


def test_a_label_in_a_corner_stays_inside_the_axes(ax):
    label, spots = labelled(ax, 9.8, 9.8, "a rather long label in a corner")
    labels.place_labels(ax, [label], [spots])
    renderer = laid_out(ax)
    words, axes = label.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert axes.x0 <= words.x0 and words.x1 <= axes.x1 and axes.y0 <= words.y0 and words.y1 <= axes.y1


def test_a_gap_in_a_line_does_not_blind_the_placer(ax):
    """A line with a gap (NaN) still leaves the dots and the other lines to be avoided."""
    ax.plot([1, 2, np.nan, 8, 9], [1, 1, np.nan, 9, 9])
    ax.scatter([6.2], [6.0], s=900)
    label, spots = labelled(ax, 5, 5)
    labels.place_labels(ax, [label], [spots])
    laid_out(ax)
    assert label.xyann != spots[0][:2]


def test_a_label_set_far_from_its_point_is_tied_to_it_by_a_line(ax):
    label, _ = labelled(ax, 5, 5)
    placer = labels.place_labels(ax, [label], [[(30, 30, "left", "bottom")]])
    renderer = laid_out(ax)
    (leader,) = placer.leaders
    assert leader.get_visible()
    (x0, x1), (y0, y1) = leader.get_data()
    point = ax.transData.transform((5, 5))
    words = label.get_window_extent(renderer)
    # From just beside the point to the corner of the words nearest it.
    assert 0 < np.hypot(x0 - point[0], y0 - point[1]) < 6
    assert (x1, y1) == pytest.approx((words.x0, words.y0))


def test_a_label_beside_its_point_has_no_line(ax):
    label, spots = labelled(ax, 5, 5)
    placer = labels.place_labels(ax, [label], [spots])
    laid_out(ax)
    assert not placer.leaders[0].get_visible()
