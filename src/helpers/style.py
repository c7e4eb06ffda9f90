"""The house style shared by every chart: colours per claimant, fonts, axes, source lines, hovers.

Settings here make the static outputs byte-stable (fixed SVG hash salt, no dates in file
metadata) so that notebooks compare exactly under nbval and exports are reproducible.
"""

import html
import textwrap
from collections.abc import Iterable

import matplotlib
import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.ticker import FuncFormatter

from helpers.record import Record

FONT = "DejaVu Sans"
INK = "#222222"
MUTED = "#777777"
GRID = "#e5e5e5"
FIGURE_SIZE = (9.0, 5.2)

# Metadata that would otherwise stamp a date or the software version into the files.
SVG_METADATA = {"Date": None, "Creator": None}
PNG_METADATA = {"Software": None}
# Resolution of saved figures. Layout is worked out in pixels at this resolution, so an SVG saved
# at another one places things a rounding apart: the notebooks show their SVGs at this one too.
SAVE_DPI = 150

MATPLOTLIB_RC = {
    "font.family": FONT,
    "font.size": 10,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,  # grid lines behind bars and bands, not drawn across them
    "grid.color": GRID,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "legend.frameon": False,
    "svg.hashsalt": "nk-deployment-estimates",
    "svg.fonttype": "none",
    "figure.dpi": 100,
    "savefig.dpi": SAVE_DPI,
}

PLOTLY_LAYOUT = {
    "font": {"family": f"{FONT}, Arial, sans-serif", "size": 12, "color": INK},
    "plot_bgcolor": "white",
    "paper_bgcolor": "white",
    "hoverlabel": {"align": "left", "font": {"size": 12}, "bgcolor": "white", "bordercolor": MUTED},
    "margin": {"l": 70, "r": 30, "t": 110, "b": 160},
    # Beside the plot, so it never covers the title or the data.
    "legend": {"orientation": "v", "yanchor": "top", "y": 1.0, "xanchor": "left", "x": 1.02},
    "width": 1000,
    "height": 580,
}
# A DejaVu Sans character is at most this wide, in font sizes, for the text of this record (digits,
# letters, spaces); the plotly layouts size margins and wrap lines by it.
CHARACTER_WIDTH = 0.62
SOURCE_FONT_SIZE = 10
SOURCE_LINE_DROP = 72  # pixels
SOURCE_LINE_PIXELS, TICK_LINE_PIXELS = 13, 16  # a line of the source (10-pixel words), of a tick label (12-pixel)
AXIS = {"showgrid": True, "gridcolor": GRID, "zeroline": False, "linecolor": MUTED}


def apply_matplotlib_style() -> None:
    matplotlib.rcParams.update(MATPLOTLIB_RC)


def claimant_colours(record: Record) -> dict[str, str]:
    """Colour for each claimant, keyed by both id and short name (the same in every chart)."""
    claimants = record.claimants
    colours = dict(zip(claimants["claimant_id"], claimants["colour"]))
    colours.update(zip(claimants["short_name"], claimants["colour"]))
    return colours


def new_figure(size: tuple[float, float] = FIGURE_SIZE) -> Figure:
    """A matplotlib figure in the house style, not attached to pyplot (so it never shows twice)."""
    apply_matplotlib_style()
    with matplotlib.rc_context(MATPLOTLIB_RC):
        return Figure(figsize=size, layout="constrained")


def thousands_axis(axis) -> None:
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def date_axis(axis, maxticks: int = 9) -> None:
    # Not locked to multiples of the interval: every second day of the month put 31 Oct beside 1 Nov.
    locator = AutoDateLocator(minticks=2, maxticks=maxticks, interval_multiples=False)
    axis.set_major_locator(locator)
    axis.set_major_formatter(ConciseDateFormatter(locator, show_offset=False, formats=["%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M", "%S"]))


def dated_count_axes(ax, y_title: str, top: float, legend_at: str = "upper left") -> None:
    """Counts from zero over dates: the count's title, thousands separators, concise dates, a small legend."""
    ax.set_ylabel(y_title)
    ax.set_ylim(0, top)
    thousands_axis(ax.yaxis)
    date_axis(ax.xaxis)
    ax.legend(loc=legend_at, fontsize=8.5)


def legend_entries(axes) -> dict[str, object]:
    """Each label drawn in `axes` once, with the first artist that carries it: for a legend that
    names every claimant of several panels, or of many marks drawn one row at a time."""
    entries = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            entries.setdefault(label, handle)
    return entries


def source_line(record: Record, claims: pd.DataFrame) -> str:
    """"Claimants: …. Outlets: …." for the claims a chart draws."""
    claimants = ", ".join(sorted(claims["claimant_short_name"].unique()))
    outlets = ", ".join(sorted(claims["outlet"].unique()))
    return f"Claimants: {claimants}.\nOutlets: {outlets}."


def set_titles(figure: Figure, ax, title: str, subtitle: str, subtitle_width: int = 120) -> None:
    """The finding as the figure's title (wrapped), and how to read the chart beneath it.

    The subtitle starts where the axes do: beside long row labels, give it fewer characters a line.
    """
    figure.suptitle("\n".join(textwrap.wrap(title, 95)), x=0.01, ha="left", fontsize=12, weight="bold")
    # Where nothing is drawn above the axes, the subtitle sits just above them. Left to itself,
    # matplotlib measures the whole y axis at every drawing, to clear a multiplier (×10³) printed
    # above it; these charts print none.
    on_top = ax.xaxis.get_ticks_position() in ("top", "unknown") or ax.xaxis.get_label_position() == "top"
    ax.set_title("\n".join(textwrap.wrap(subtitle, subtitle_width)), fontsize=8.5, color=MUTED, weight="normal",
                 y=None if on_top else 1.0)


def finish_static(figure: Figure) -> Figure:
    """Settle what matplotlib would otherwise work out at every drawing to no effect.

    An axis without a title still has its empty label placed beside the tick labels at each drawing,
    which measures every tick label once more: a tenth of saving a chart. Such a label is pinned to
    the axis's edge instead; a title given to it afterwards needs `set_label_coords` to clear the ticks.
    """
    for ax in figure.axes:
        for axis, edge in ((ax.xaxis, (0.5, 0.0)), (ax.yaxis, (0.0, 0.5))):
            if not axis.label.get_text():
                axis.set_label_coords(*edge)
    return figure


def nothing_static(message: str) -> Figure:
    """A chart the record gives nothing to draw: the reason as its title, and no empty axes."""
    figure = new_figure((10, 1.6))
    ax = figure.subplots()
    ax.set_axis_off()
    figure.suptitle("\n".join(textwrap.wrap(message, 95)), x=0.01, ha="left", fontsize=12, weight="bold")
    ax.text(0, 0.5, "Nothing to draw from this record: the chart appears once the record holds what it compares.",
            fontsize=9, color=MUTED, va="center")
    return figure


def nothing_interactive(message: str) -> go.Figure:
    """The interactive twin of `nothing_static`: the reason as the title, no axes."""
    figure = go.Figure()
    figure.update_layout(**{**PLOTLY_LAYOUT, "height": 200},
                         title={"text": f"<b>{escaped_wrapped(message, 90)}</b>", "x": 0.01, "xanchor": "left"})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.add_annotation(text="Nothing to draw from this record: the chart appears once the record holds what it "
                          "compares.", xref="paper", yref="paper", x=0, y=0.5, xanchor="left", showarrow=False,
                          font={"size": SOURCE_FONT_SIZE + 2, "color": MUTED})
    return figure


def add_source_line(figure: Figure, text: str) -> None:
    # Wrapped by characters, as the titles are: matplotlib's own wrapping measures the text word by
    # word at every draw, which took a third of the drawing time of a chart with a long source line.
    lines = [part for line in text.splitlines()
             for part in textwrap.wrap(line, 160, break_on_hyphens=False) or [""]]
    figure.supxlabel("\n".join(lines), x=0.0, ha="left", fontsize=7.5, color=MUTED)


def finish_plotly(figure, title: str, subtitle: str, source: str, y_title: str, x_title: str = "",
                  row_labels: Iterable[str] = (), width: int | None = None, column_label_lines: int = 1):
    """Apply the house layout, a title that states the finding, and the source line beneath.

    `row_labels`: the y axis's labels when they are words (HTML, lines split by <br>). The left
    margin is made to hold them, and the source line, which starts where the plot does, is
    wrapped to the room left on its right. `column_label_lines`: the most lines an x tick label
    has; the source line goes below them, and the bottom margin holds it whatever its length.
    """
    width = width or PLOTLY_LAYOUT["width"]
    left = left_margin(row_labels)
    figure.update_layout(
        **{**PLOTLY_LAYOUT, "width": width, "margin": {**PLOTLY_LAYOUT["margin"], "l": left}},
        title={"text": f"<b>{escaped_wrapped(title, 90)}</b><br><span style='font-size:12px'>{escaped_wrapped(subtitle, 120)}</span>",
               "x": 0.01, "xanchor": "left"},
    )
    figure.update_xaxes(**AXIS, title_text=x_title)
    # Counts start at zero, so bar lengths and gaps read true.
    figure.update_yaxes(**AXIS, title_text=y_title, tickformat=",d", rangemode="tozero")
    source_characters = int((width - left - 20) / (SOURCE_FONT_SIZE * CHARACTER_WIDTH))
    source_lines = "<br>".join(escaped_wrapped(line, source_characters) for line in source.split("\n"))
    # A fixed distance below the plot, under the axis labels and title, whatever the figure's height.
    drop = SOURCE_LINE_DROP + TICK_LINE_PIXELS * (column_label_lines - 1)
    bottom = drop + SOURCE_LINE_PIXELS * (source_lines.count("<br>") + 1) + 12
    if bottom > PLOTLY_LAYOUT["margin"]["b"]:
        figure.update_layout(margin_b=bottom)
    figure.add_annotation(text=source_lines, xref="paper", yref="paper", x=0, y=0, yshift=-drop,
                          xanchor="left", yanchor="top", showarrow=False, align="left",
                          font={"size": SOURCE_FONT_SIZE, "color": MUTED})
    return figure


def left_margin(row_labels: Iterable[str] = ()) -> int:
    """The plotly left margin, in pixels, that holds these row labels (12-pixel words) beside the plot."""
    return max([PLOTLY_LAYOUT["margin"]["l"]] + [round(text_pixels(label, 12)) + 20 for label in row_labels])


def text_pixels(text: str, font_size: float) -> float:
    """How wide the longest line of `text` (HTML, lines split by <br>) is drawn, at most."""
    return max(len(html.unescape(line)) for line in text.split("<br>")) * font_size * CHARACTER_WIDTH


def wrapped(text: str, width: int, newline: str = "\n") -> str:
    """Words broken into lines of at most `width` characters (a longer word keeps its line), never cut short."""
    return newline.join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def escaped_wrapped(text: str, width: int = 70) -> str:
    """Text from the data made safe for a plotly hover (HTML-escaped) and wrapped with <br>."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width)) if text else ""

