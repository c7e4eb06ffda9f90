"""Tables for readers (helpers.report.readable): words for headers, names for ids, numbers and dates as people write them."""

import re

import pandas as pd

from helpers import costs, estimates, load_record, places, provenance
from helpers.report.readable import for_readers

RAW_FLOAT = re.compile(r"\d\.\d{3,}")
RAW_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BARE_ID = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def every_analysis_table(record):
    return {
        "headline_steps": estimates.headline_steps(record),
        "disagreement": estimates.disagreement(record),
        "framing_conflicts": estimates.framing_conflicts(record),
        "measure_mixups": estimates.measure_mixups(record),
        "parts_of_totals": estimates.parts_of_totals(record),
        "filter_claims": estimates.filter_claims(record, country="South Korea"),
        "troops_by_location": places.troops_by_location(record),
        "route": places.route(record),
        "speaker_kinds": provenance.speaker_kinds(record),
        "coverage": provenance.coverage(record),
        "publication_lag": provenance.publication_lag(record),
        "casualty_rates": costs.casualty_rates(record),
        "killed_and_wounded": costs.killed_and_wounded(record),
        "casualty_disagreements": costs.casualty_disagreements(record),
    }


def test_no_missing_marker_raw_float_iso_date_or_id_in_any_table():
    record = load_record(archive_dir=None)
    ids = set(record.claims["claim_id"]) | set(record.claims["statement_id"]) | set(record.locations["location"])
    measures = record.measures
    ids |= set(measures.loc[measures["measure"] != measures["label"], "measure"]) | set(record.claimants["claimant_id"])
    for name, frame in every_analysis_table(record).items():
        table = for_readers(frame, record)
        text, html = repr(table), table._repr_html_()
        assert "<NA>" not in text and "nan" not in text.split() and "NaT" not in text, name
        assert not RAW_FLOAT.search(text), (name, RAW_FLOAT.findall(text))
        assert not RAW_DATE.search(text), name
        cells = set(table.shown.to_numpy().ravel()) | set(table.shown.columns)
        assert not cells & ids, (name, cells & ids)
        assert not [header for header in table.shown.columns if BARE_ID.fullmatch(header)], name
        assert html == for_readers(frame, record)._repr_html_(), f"{name}: the HTML differs from one run to the next"


def test_values_are_written_as_people_write_them():
    record = load_record(archive_dir=None)
    frame = pd.DataFrame({
        "said_on": pd.to_datetime(["2024-10-28", None]),
        "figure": pd.array([10000, None], dtype="Int64"),
        "multiple_of_previous": pd.array([10 / 3, None], dtype="Float64"),
        "share": [0.2727, 0.9],
        "day_known": [True, False],
        "locations": ["kursk_oblast, russia", "a_place_not_in_the_record"],
        "claim_id": ["c001", "c002"],
    })
    shown = for_readers(frame, record).shown
    assert list(shown.columns) == ["Said on", "Figure", "× previous", "Share", "Day known", "Where"]
    assert shown.iloc[0].tolist() == ["28 Oct 2024", "10,000", "3.3×", "27%", "yes", "Kursk Oblast, Russia"]
    assert shown.iloc[1].tolist() == ["", "", "", "90%", "no", "a_place_not_in_the_record"]


def test_markup_from_the_data_is_shown_as_text():
    record = load_record(archive_dir=None)
    html = for_readers(pd.DataFrame({"quote": ["<script>alert(1)</script>"], "<b>claimant</b>": [1]}), record)._repr_html_()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_one_row_keeps_the_record_s_column_names_and_writes_its_values_for_reading():
    from helpers.report.readable import one_row

    record = load_record(archive_dir=None)
    table = one_row(record.claims[record.claims["claim_id"] == "c005"])
    fields = dict(zip(table.shown["Column"], table.shown["Value"]))
    assert fields["said_on"] == "23 Oct 2024" and fields["figure"] == "3,000" and fields["high"] == ""
    assert "<NA>" not in repr(table) and "00:00:00" not in repr(table)
