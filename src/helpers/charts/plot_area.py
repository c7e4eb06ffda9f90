"""Where a plotly chart's data are drawn, in pixels, for charts that place their own labels.

plotly works out its margins and axis ranges in the browser. A chart that places labels clear of
its marks (as the static drawing does when it is drawn) fixes both instead, so that the plot's
size and every point's pixel are known when the figure is built. Pixels count from the plot's
bottom-left corner, y upwards, as the label placement (helpers.charts.labels) counts them.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers import style

# plotly draws a legend entry as its symbol (about 40 pixels) then its words; and leaves a gap beside the plot.
LEGEND_SYMBOL_PIXELS = 40
LEGEND_GAP_PIXELS = 30
# Room left of the plot for the y axis title, beside its tick labels.
Y_TITLE_PIXELS = 40
FONT_SIZE = style.PLOTLY_LAYOUT["font"]["size"]
# The height of a line of words, in font sizes.
LINE_HEIGHT = 1.3


def _number(values) -> np.ndarray:
    """Dates as nanoseconds, numbers as they are: one scale for positions and ranges."""
    values = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.to_numpy(dtype="datetime64[ns]").astype("int64").astype("float64")
    return values.to_numpy(dtype="float64")


@dataclass(frozen=True)
class PlotArea:
    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def pixels(self, x, y) -> np.ndarray:
        """(n, 2) pixel positions of the points (x, y), in data units (x may be dates)."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return np.column_stack([(_number(x) - x0) / (x1 - x0) * self.width,
                                (_number(y) - y0) / (y1 - y0) * self.height])

    @property
    def bounds(self) -> np.ndarray:
        return np.array([0.0, 0.0, self.width, self.height])


def text_size(text: str, font_size: float = FONT_SIZE) -> np.ndarray:
    """(width, height) in pixels that words (HTML, lines split by <br>) take at most."""
    return np.array([style.text_pixels(text, font_size), text.count("<br>") + 1]) * [1, font_size * LINE_HEIGHT]


def fix_plot_area(figure: go.Figure, x_range, y_range, legend_names, y_ticks: str) -> PlotArea:
    """Fix the margins (room for the widest legend entry and tick label, never widened by plotly) and the
    ranges of a one-plot figure that `style.finish_plotly` has laid out; returns where its plot then lies."""
    layout = figure.layout
    left = max(layout.margin.l, round(style.text_pixels(y_ticks, FONT_SIZE)) + Y_TITLE_PIXELS)
    legend = max(style.text_pixels(name, FONT_SIZE) for name in legend_names)
    right = max(layout.margin.r, round(legend) + LEGEND_SYMBOL_PIXELS + LEGEND_GAP_PIXELS)
    figure.update_layout(margin={"l": left, "r": right, "autoexpand": False},
                         xaxis={"range": list(x_range), "autorange": False},
                         yaxis={"range": list(y_range), "autorange": False})
    x0, x1 = _number(list(x_range))
    return PlotArea(width=layout.width - left - right, height=layout.height - layout.margin.t - layout.margin.b,
                    x_range=(x0, x1), y_range=(float(y_range[0]), float(y_range[1])))
