"""Labels that take their place when the chart is drawn: clear of the marks, of each other, inside the axes.

Where a label fits depends on the axes' final size, known once the figure is laid out, and on the
size of its words, known to the renderer; so, like a legend placed "best", the labels are placed
while the figure is drawn. Each label tries its spots in order and takes the first that covers
nothing; when none is clear, the one that covers least, marks weighing more than lines.
"""

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import IdentityTransform

# A spot: the offset in points from the point labelled and the alignment that keeps the words on that side
# (horizontal: left, right or center; vertical: bottom, top or center).
Spot = tuple[float, float, str, str]

# What a covered pixel costs: off the axes, over a mark (dot, bar, arrow), over words, over a line.
OUTSIDE_COST, MARK_COST, TEXT_COST, LINE_COST = 100.0, 10.0, 10.0, 1.0
# A label set further than this from its point (in points) is tied to it by a thin line.
LEADER_FROM_POINTS = 20.0


def around(first_side: str = "right", gap: float = 10, rise: float = 12, below_first: bool = False,
           scales: Sequence[float] = (1, 2)) -> list[Spot]:
    """Spots above, below and beside a point (below first if asked), `first_side` before the other, then
    the same further out (`scales` times the gap and rise)."""
    sides = (first_side, "left" if first_side == "right" else "right")
    spots = []
    for scale in scales:
        vertical = [(rise * scale, "bottom"), (-rise * scale, "top")]
        for dy, va in [*(vertical[::-1] if below_first else vertical), (0, "center")]:
            for side in sides:
                dx = (gap if dy else gap + 4) * scale
                # A label to the right starts at the point ("left" aligned); one to the left ends there.
                spots.append((dx, dy, "left", va) if side == "right" else (-dx, dy, "right", va))
    return spots


def above(rise: float = 12, step: float = 12) -> list[Spot]:
    """Spots centred above a point, then to either side, then higher."""
    spots = []
    for level in (0, 1, 2):
        dy = rise + level * step
        spots += [(0, dy, "center", "bottom"), (8, dy, "left", "bottom"), (-8, dy, "right", "bottom")]
    return spots


class LabelPlacer(Artist):
    """Places `labels` (annotations in offset points) on each drawing, before they are drawn.

    Added to the axes beneath everything, so it runs first. It draws only the leader lines of labels
    set far from their points, beneath the marks.
    """

    def __init__(self, labels: Sequence[Annotation], spots: Sequence[Sequence[Spot]]):
        super().__init__()
        self.labels, self.spots = list(labels), [list(s) for s in spots]
        self.leaders = [Line2D([], [], transform=IdentityTransform(), color=label.get_color(), linewidth=0.6,
                               alpha=0.8, visible=False) for label in self.labels]
        self.set_zorder(-1e9)
        self.set_in_layout(False)
        for label in self.labels:
            # The axes are laid out the same wherever the labels end up: they always stay inside.
            label.set_in_layout(False)

    def draw(self, renderer) -> None:
        ax = self.axes
        bounds = ax.get_window_extent(renderer).extents
        marks, lines = obstacles(ax, renderer)
        others = [text.get_window_extent(renderer).extents for text in ax.texts
                  if text.get_visible() and text.get_text().strip() and text not in self.labels]
        legend = ax.get_legend()
        if legend is not None:
            others.append(legend.get_window_extent(renderer).extents)
        pixels_per_point = renderer.points_to_pixels(1.0)
        # The words are measured once; each spot's box is that size set against the point.
        points = [_point_pixels(label) for label in self.labels]
        sizes = [Text.get_window_extent(label, renderer).size for label in self.labels]
        choose_spots(points, sizes, self.spots, marks, lines, np.array(others).reshape(-1, 4), bounds,
                     pixels_per_point, place=lambda index, spot: _set_at(self.labels[index], spot, renderer))
        for label, leader in zip(self.labels, self.leaders):
            _tie(label, leader, renderer)
            if leader.get_visible():
                leader.set_figure(self.figure)
                leader.draw(renderer)
        self.stale = False


def choose_spots(points: Sequence[np.ndarray], sizes: Sequence[np.ndarray], spots: Sequence[Sequence[Spot]],
                 marks: np.ndarray, lines: np.ndarray, texts: np.ndarray, bounds: np.ndarray,
                 pixels_per_point: float = 1.0, place: Callable[[int, Spot], np.ndarray] | None = None) -> list[Spot]:
    """The spot each label takes, in order: the first that covers nothing, else the one that covers least.

    Boxes are (x0, y0, x1, y1) in pixels with y upwards; `points` are the labelled points and `sizes`
    the labels' (width, height) there. `place` sets a label at its spot and returns the box it then
    takes (by default the box worked out from its size); each placed label is an obstacle to the next.
    """
    # Every obstacle in one array, each with what a pixel under it costs.
    weighted = [(marks, MARK_COST), (lines, LINE_COST), (texts, TEXT_COST)]
    boxes = np.vstack([b for b, _ in weighted])
    weights = np.concatenate([np.full(len(b), w) for b, w in weighted])
    chosen = []
    for index, (point, size, candidates) in enumerate(zip(points, sizes, spots)):
        costs = []
        for spot in candidates:
            box = _box_at(point, size, spot, pixels_per_point)
            cost = OUTSIDE_COST * _outside(box, bounds) + _covered(box, boxes, weights)
            costs.append(cost)
            if cost == 0:
                break
        best = candidates[int(np.argmin(costs))]
        placed = place(index, best) if place else _box_at(point, size, best, pixels_per_point)
        boxes, weights = np.vstack([boxes, placed]), np.append(weights, TEXT_COST)
        chosen.append(best)
    return chosen


def place_labels(ax, labels: Iterable[Annotation], spots: Iterable[Sequence[Spot]]) -> LabelPlacer:
    placer = LabelPlacer(list(labels), list(spots))
    ax.add_artist(placer)
    return placer


def _set_at(label: Annotation, spot: Spot, renderer) -> np.ndarray:
    """Put the label at `spot`; returns the box its words then take."""
    dx, dy, ha, va = spot
    label.xyann = (dx, dy)
    label.set_horizontalalignment(ha)
    label.set_verticalalignment(va)
    return label.get_window_extent(renderer).extents


def _point_pixels(label: Annotation) -> np.ndarray:
    """Where the labelled point is drawn (labels point at data)."""
    ax, (x, y) = label.axes, label.xy
    return ax.transData.transform((ax.xaxis.convert_units(x), ax.yaxis.convert_units(y)))


def _box_at(point: np.ndarray, size: np.ndarray, spot: Spot, pixels_per_point: float) -> np.ndarray:
    """The box (x0, y0, x1, y1) of words of `size` set at `spot` from `point`, as matplotlib aligns them."""
    dx, dy, ha, va = spot
    x, y = point + np.array([dx, dy]) * pixels_per_point
    width, height = size
    x0 = {"left": x, "right": x - width, "center": x - width / 2}[ha]
    y0 = {"bottom": y, "top": y - height, "center": y - height / 2}[va]
    return np.array([x0, y0, x0 + width, y0 + height])


def _tie(label: Annotation, leader: Line2D, renderer) -> None:
    """Show a line from the point to the nearest edge of its words when they are set far from it."""
    far = np.hypot(*label.xyann) > LEADER_FROM_POINTS
    leader.set_visible(bool(far))
    if not far:
        return
    point = _point_pixels(label)
    words = Text.get_window_extent(label, renderer)
    end = np.clip(point, [words.x0, words.y0], [words.x1, words.y1])
    gap = 3 * renderer.points_to_pixels(1.0)  # clear of the point's dot
    direction = (end - point) / max(np.hypot(*(end - point)), 1e-9)
    start = point + direction * gap
    leader.set_data([start[0], end[0]], [start[1], end[1]])


def obstacles(ax, renderer) -> tuple[np.ndarray, np.ndarray]:
    """Boxes (x0, y0, x1, y1 in pixels) around the marks drawn on `ax`, and around each segment of its lines."""
    points_to_pixels = renderer.points_to_pixels(1.0)
    marks, lines = [], []
    for collection in ax.collections:
        if not collection.get_visible():
            continue
        if isinstance(collection, PathCollection):
            centres = collection.get_offset_transform().transform(collection.get_offsets())
            sizes = np.resize(collection.get_sizes(), len(centres))
            radii = np.sqrt(sizes) / 2 * points_to_pixels
            boxes = np.column_stack([centres - radii[:, None], centres + radii[:, None]])
            marks.append(boxes[np.isfinite(boxes).all(axis=1)])
        elif isinstance(collection, LineCollection):
            transform = collection.get_transform()
            widths = np.resize(collection.get_linewidths(), len(collection.get_segments()))
            for segment, width in zip(collection.get_segments(), widths):
                marks.append(segment_boxes(transform.transform(segment), width / 2 * points_to_pixels))
    for line in ax.lines:
        if line.get_visible() and line.get_linestyle() not in ("None", " ", ""):
            path = line.get_transform().transform_path(line.get_path())
            lines.append(segment_boxes(path.vertices, line.get_linewidth() / 2 * points_to_pixels))
    return stacked(marks), stacked(lines)


def segment_boxes(points: np.ndarray, half_width: float) -> np.ndarray:
    """A box around each segment between consecutive points; a gap in a line (NaN) is no segment."""
    if len(points) < 2:
        return np.empty((0, 4))
    return boxes_between(points[:-1], points[1:], half_width)


def boxes_between(starts: np.ndarray, ends: np.ndarray, half_width: float) -> np.ndarray:
    """A box around each segment from a start to its end (rows of (n, 2) points); a missing end (NaN) gives none."""
    low, high = np.minimum(starts, ends) - half_width, np.maximum(starts, ends) + half_width
    boxes = np.column_stack([low, high])
    return boxes[np.isfinite(boxes).all(axis=1)]


def stacked(boxes: list[np.ndarray]) -> np.ndarray:
    boxes = [b for b in boxes if len(b)]
    return np.vstack(boxes) if boxes else np.empty((0, 4))


def _covered(box: np.ndarray, boxes: np.ndarray, weights: np.ndarray) -> float:
    """What the pixels of `box` under `boxes` cost, counted once per box that covers them."""
    if not len(boxes):
        return 0.0
    width = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0])
    height = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1])
    return float(np.dot(np.clip(width, 0, None) * np.clip(height, 0, None), weights))


def _outside(box: np.ndarray, bounds: np.ndarray) -> float:
    inside = max(0.0, min(box[2], bounds[2]) - max(box[0], bounds[0])) * max(0.0, min(box[3], bounds[3]) - max(box[1], bounds[1]))
    return float((box[2] - box[0]) * (box[3] - box[1]) - inside)
