"""Marks drawn the same way in several charts: interval bars with open-end arrows, in both libraries.

`rows` carry x, y0, y1, open_low, open_high (see geometry.interval_segments), the value to mark
(`figure` by default), a colour key and a hover text.
"""

import plotly.graph_objects as go


def intervals_static(ax, rows, colours: dict[str, str], key: str = "claimant_short_name", y: str = "figure") -> None:
    """Vertical bars from y0 to y1, arrow heads on open ends, a dot at the figure; one legend entry per key."""
    for name, group in rows.groupby(key, sort=True):
        colour = colours[name]
        ax.vlines(group["x"], group["y0"], group["y1"], color=colour, linewidth=2.2, alpha=0.8, zorder=2)
        for end, marker, at in (("open_high", "^", "y1"), ("open_low", "v", "y0")):
            ends = group[group[end]]
            if len(ends):  # an empty mark would still be an artist to lay out and an empty group in the SVG
                ax.scatter(ends["x"], ends[at], marker=marker, color=colour, s=30, zorder=3)
        ax.scatter(group["x"], group[y], color=colour, edgecolor="white", s=55, zorder=4,
                   label=name)


def intervals_interactive(figure: go.Figure, rows, colours: dict[str, str], hover: str = "hover",
                          key: str = "claimant_short_name", y: str = "figure", horizontal: bool = False,
                          cell: dict | None = None) -> None:
    """The same marks in plotly; the dot carries the hover. `horizontal` swaps the axes (bars along x).

    `cell` places the marks in one subplot (row and col, as add_trace takes them).
    """
    cell = cell or {}
    for name, group in rows.groupby(key, sort=True):
        colour = colours[name]
        along, across = [], []
        for position, start, end in zip(group["x"], group["y0"], group["y1"]):
            along += [start, end, None]
            across += [position, position, None]
        bars = {"x": along, "y": across} if horizontal else {"x": across, "y": along}
        figure.add_trace(go.Scatter(**bars, mode="lines", line={"color": colour, "width": 3}, opacity=0.8,
                                    hoverinfo="skip", showlegend=False, legendgroup=name), **cell)
        up, down = ("triangle-right", "triangle-left") if horizontal else ("triangle-up", "triangle-down")
        for end, symbol, at in (("open_high", up, "y1"), ("open_low", down, "y0")):
            ends = group[group[end]]
            if not len(ends):
                continue
            points = {"x": ends[at], "y": ends["x"]} if horizontal else {"x": ends["x"], "y": ends[at]}
            figure.add_trace(go.Scatter(**points, mode="markers", marker={"symbol": symbol, "color": colour, "size": 9},
                                        hoverinfo="skip", showlegend=False, legendgroup=name), **cell)
        dots = {"x": group[y], "y": group["x"]} if horizontal else {"x": group["x"], "y": group[y]}
        figure.add_trace(go.Scatter(
            **dots, mode="markers", name=name, legendgroup=name,
            marker={"color": colour, "size": 11, "line": {"color": "white", "width": 1}},
            text=group[hover], hovertemplate="%{text}<extra></extra>",
        ), **cell)

