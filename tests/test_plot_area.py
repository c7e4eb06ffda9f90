"""Fixing a plotly chart's plot area, so that labels can be placed in pixels before the browser draws it."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from conftest import set_cell
from helpers import charts, load_record, style
from helpers.charts.plot_area import LEGEND_SYMBOL_PIXELS, PlotArea, fix_plot_area, text_size


def test_data_map_to_pixels_from_the_bottom_left_corner():
    area = PlotArea(width=600, height=300, x_range=(0.0, 10.0), y_range=(0.0, 1000.0))
    assert area.pixels([0, 10, 5], [0, 1000, 250]).tolist() == [[0, 0], [600, 300], [300, 75]]


def test_dates_map_to_pixels_by_their_time():
    start, end = pd.Timestamp("2024-10-01"), pd.Timestamp("2024-10-11")
    figure = style.finish_plotly(go.Figure(), "t", "s", "source", y_title="y")
    area = fix_plot_area(figure, (start, end), (0, 100), ["a name"], y_ticks="100")
    pixels = area.pixels(pd.Series(pd.to_datetime(["2024-10-01", "2024-10-06", "2024-10-11"])), [0, 50, 100])
    assert np.allclose(pixels, [[0, 0], [area.width / 2, area.height / 2], [area.width, area.height]])


def test_the_margins_hold_the_legend_and_ticks_and_plotly_keeps_them():
    names = ["short", "a claimant with a much longer name than the others"]
    figure = style.finish_plotly(go.Figure(), "t", "s", "source", y_title="y")
    area = fix_plot_area(figure, (0, 1), (0, 123456), names, y_ticks="123,456")
    margin = figure.layout.margin
    assert margin.autoexpand is False
    assert margin.r >= style.text_pixels(names[1], 12) + LEGEND_SYMBOL_PIXELS
    assert margin.l >= style.text_pixels("123,456", 12)
    assert area.width == figure.layout.width - margin.l - margin.r
    assert area.height == figure.layout.height - margin.t - margin.b
    assert list(figure.layout.xaxis.range) == [0, 1] and list(figure.layout.yaxis.range) == [0, 123456]


def test_text_size_counts_the_longest_line_and_every_line():
    width, height = text_size("one<br>three words")
    assert width == style.text_pixels("three words", 12) and height == pytest.approx(2 * 12 * 1.3)


@pytest.mark.parametrize("chart", ["headline_growth", "headline_growth_first_weeks"])
def test_a_claimant_name_with_markup_is_written_as_text_on_the_step_labels(record_copy, chart):
    data_dir, archive_dir = record_copy
    set_cell(data_dir / "claimants.csv", "claimant_id", "kr_nis", "short_name", "NIS <img src=x onerror=alert(1)>")
    record = load_record(data_dir, archive_dir)
    notes = [note.text for note in charts.interactive(chart, record).layout.annotations]
    assert "1,500: NIS &lt;img src=x onerror=alert(1)&gt;" in notes
    assert not any("<img" in note for note in notes)
