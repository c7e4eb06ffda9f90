"""Shared geometry for both drawings of a chart: where interval bars start and end, label offsets."""

import pandas as pd

# An open end is drawn as a bar running this share of the figure past it, ending in an arrow head.
OPEN_END_SHARE = 0.18


def interval_segments(rows: pd.DataFrame, x: str = "said_on", spread_days: float = 0.22) -> pd.DataFrame:
    """One vertical bar per row: x (offset so rows of one statement sit side by side), y0, y1, open ends.

    `rows` need figure, low, high, statement_id and the `x` column.
    """
    rows = rows.sort_values([x, "statement_id", "figure"]).copy()
    position = rows.groupby("statement_id").cumcount()
    count = rows.groupby("statement_id")["figure"].transform("size")
    # Centre a statement's bars on the middle of the day it was said.
    offset_days = 0.5 + (position - (count - 1) / 2) * spread_days
    rows["x"] = rows[x] + pd.to_timedelta(offset_days, unit="D")
    return with_bar_ends(rows)


def with_bar_ends(rows: pd.DataFrame, value: str = "figure") -> pd.DataFrame:
    """Add y0/y1 (where a bar starts and ends) and open_low/open_high from low, high and the value."""
    figure = rows[value].astype("float64")
    return rows.assign(
        open_low=rows["low"].isna(),
        open_high=rows["high"].isna(),
        y0=rows["low"].astype("Float64").fillna(figure * (1 - OPEN_END_SHARE)).astype("float64"),
        y1=rows["high"].astype("Float64").fillna(figure * (1 + OPEN_END_SHARE)).astype("float64"),
    )
