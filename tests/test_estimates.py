"""Facts about the committed record (today's numbers: its headline steps, as-of views, disagreements, casualty
rates, route stops), kept here in one place, and the analysis helpers on small edits of it.

What holds for any record is in test_properties.py (the headline, as-of views) and test_any_record.py (every
chart, finding and notebook cell), on records drawn by record_strategies.
"""

import pandas as pd
import pytest

from helpers import estimates, findings, load_record, places, provenance
from helpers.charts.disagreement import claimants_title
from helpers.record.intervals import expected_bound
from helpers.notebook import escape
from helpers.record.wording import dated, thousands, worded

from conftest import read_rows, set_cell, write_rows


@pytest.fixture(scope="module")
def record():
    return load_record(archive_dir=None)


def test_statements_count_each_statement_once(record):
    table = estimates.statements(record)
    assert len(table) == record.claims["statement_id"].nunique()
    assert table.set_index("statement_id").loc["wh_sent_3000_2024-10-23", "stories"] == 2
    assert table.set_index("statement_id").loc["wh_sent_3000_2024-10-23", "rows"] == 4


def test_statement_interval_is_the_widest_attributed_reading(record):
    table = estimates.statements(record).set_index("statement_id")
    # "as many as" and "at least" in attributed rows: the statement bounds nothing.
    assert pd.isna(table.loc["wh_sent_3000_2024-10-23", "low"]) and pd.isna(table.loc["wh_sent_3000_2024-10-23", "high"])
    # Only the unattributed background lines say "up to 11,000"; the attributed rows say 11,000.
    assert (table.loc["krpo_sent_11000", "low"], table.loc["krpo_sent_11000", "high"]) == (11000, 11000)
    assert table.loc["krpo_sent_11000", "said_on"] == pd.Timestamp("2024-10-30")
    assert not table.loc["krpo_sent_11000", "day_known"]


def test_headline_steps(record):
    steps = estimates.headline_steps(record)
    assert steps["figure"].tolist() == [1500, 3000, 10000, 11000, 12000, 15000]
    assert steps["claimant"].tolist() == ["South Korea's NIS", "White House", "Pentagon", "South Korean presidential office",
                                          "US mission to the UN", "South Korea's NIS"]
    assert steps["said_on"].dt.strftime("%Y-%m-%d").tolist() == ["2024-10-18", "2024-10-23", "2024-10-28", "2024-10-30",
                                                                 "2025-01-08", "2025-04-30"]
    assert steps["days_since_previous"].tolist()[1:4] == [5, 5, 2]
    # The Pentagon's "11 to 12,000" is a range whose figure is its lower number: no step.
    assert "dod_sent_11000_12000_2024-11-04" not in set(steps["statement_id"])


def test_headline_series_is_daily_and_never_falls(record):
    series = estimates.headline_series(record)
    assert series["date"].diff().dropna().eq(pd.Timedelta(days=1)).all()
    assert series["figure"].is_monotonic_increasing
    assert series["is_step"].sum() == 6
    assert series.set_index("date").loc["2024-10-27", "figure"] == 3000


def test_growth(record):
    growth = estimates.growth(record)
    assert (growth["first_figure"], growth["last_figure"], growth["days"], growth["steps"]) == (1500, 15000, 194, 6)
    assert growth["multiple"] == pytest.approx(10.0)


def test_as_of_gives_each_claimants_latest(record):
    view = estimates.as_of(record, "2024-10-25")
    sent = view[view["measure"] == "sent"].set_index("claimant")["figure"].to_dict()
    assert sent == {"South Korea's NIS": 1500, "White House": 3000}
    assert set(view["measure"]) == {"sent", "pledged", "preparing"}
    later = estimates.as_of(record, "2024-11-01")
    pentagon = later[(later["claimant"] == "Pentagon") & (later["measure"] == "sent")]
    assert pentagon["said_on"].tolist() == [pd.Timestamp("2024-10-31")]
    # A part of the total is compared region by region, not replaced by the total.
    assert set(later.loc[later["claimant"] == "Pentagon", "measure"]) == {"sent", "in_region", "toward_front"}


def test_disagreement_spread_ratio_and_overlap(record):
    table = estimates.disagreement(record).set_index("date")
    last = table.loc["2024-10-31"]
    assert (last["lowest"], last["highest"], last["spread"]) == (1500, 11000, 9500)
    assert last["ratio"] == pytest.approx(7.33)
    assert not last["intervals_overlap"]
    current = estimates.disagreement(record, within_days=7).set_index("date").loc["2024-10-31"]
    assert (current["lowest"], current["highest"], current["claimants"]) == (10000, 11000, 2)
    # The Pentagon's about 10,000 (9,000–11,000) and the presidential office's 11,000 overlap at 11,000.
    assert current["intervals_overlap"]


def test_equal_figures_of_different_intervals_are_said_to_meet_not_to_agree(record):
    """On 4 Nov the Pentagon's "around 11 to 12,000" and the presidential office's "up to 11,000" share the figure
    11,000; the finding and the chart's title say how each was worded, not that they differed 1.0-fold."""
    text = findings.disagreement(record).data
    assert "around 11,000–12,000 (Pentagon, 4 Nov) and up to 11,000 / 11,000 (South Korean presidential office, by 30 Oct)" in text
    assert "meet at 11,000" in text and "1.0-fold" not in text
    assert claimants_title(record).endswith("(04 Nov 2024) met at 11,000")


def test_latest_by_date_shows_how_old_each_figure_is(record):
    rows = estimates.latest_by_date(record)
    nis = rows[(rows["claimant"] == "South Korea's NIS") & (rows["date"] == "2024-10-31")]
    assert nis["days_old"].tolist() == [13]


def test_framing_conflicts(record):
    conflicts = estimates.framing_conflicts(record)
    kinds = conflicts.groupby("statement_id")["conflict"].first().to_dict()
    assert kinds == {"wh_sent_3000_2024-10-23": "contradictory", "krpo_sent_11000": "different",
                     "nis_sent_15000_2025-04-30": "different", "nis_casualties_4700_2025-04-30": "different",
                     "nis_third_wave_6000_2025-09-02": "different", "wh_week_1000_2024-12-27": "different"}
    white_house = conflicts[conflicts["statement_id"] == "wh_sent_3000_2024-10-23"]
    assert {"as many as 3,000", "at least 3,000", "3,000"} == set(white_house["as_worded"])
    assert white_house["in_one_story"].all()


def test_measure_mixups(record):
    mixups = estimates.measure_mixups(record)
    ten_thousand = mixups[mixups["figure"] == 10000]
    assert set(ten_thousand["measure_label"]) == {"pledged in total", "being prepared for sending", "sent to Russia",
                                                 "in a named region"}


def test_parts_of_totals(record):
    shares = estimates.parts_of_totals(record).set_index("statement_id")
    kursk = shares.loc["dod_kursk_8000_2024-10-31"]
    assert kursk["total"] == 10000 and kursk["share"] == pytest.approx(0.8)
    assert kursk["share_low"] == pytest.approx(7200 / 11000, abs=0.001)
    assert kursk["share_high"] == pytest.approx(8800 / 9000, abs=0.001)
    front = shares.loc["krpo_front_3000"]
    assert front["total"] == 11000 and pd.isna(front["share_high"])


def test_filter_claims(record):
    south_korea = estimates.filter_claims(record, country="South Korea")
    assert set(record.claims.set_index("claim_id").loc[south_korea["claim_id"], "claimant_country"]) == {"South Korea"}
    ap = estimates.filter_claims(record, outlet="associated press", start="2024-10-28", end="2024-10-30")
    assert len(ap) == 4 and ap["said_on"].between("2024-10-28", "2024-10-30").all()
    assert len(estimates.filter_claims(record, claimant="Pentagon")) == len(estimates.filter_claims(record, claimant="us_dod"))


def test_publication_lag(record):
    lags = provenance.publication_lag(record).set_index("claim_id")
    assert (lags.loc["c009", "lag_min"], lags.loc["c009", "lag_max"]) == (2, 3)
    assert pd.isna(lags.loc["c012", "lag_max"])
    assert lags.loc["c001", "lag_max"] == 6


def test_provenance_tables_add_up(record):
    kinds = provenance.speaker_kinds(record)
    assert kinds["claims"].sum() == len(record.claims)
    matrix = provenance.statement_story_matrix(record)
    assert matrix.shape == (record.claims["statement_id"].nunique(), record.claims["outlet"].nunique())
    assert (matrix != "").sum().sum() == record.claims.groupby(["statement_id", "outlet"]).ngroups


def test_route_in_order(record):
    assert places.route(record)["name"].tolist() == ["Wonsan", "Vladivostok", "eastern Russia", "Kursk Oblast"]
    assert "about 8,000" in places.route(record).iloc[-1]["figures_said"]


def test_expected_bounds_follow_the_rules():
    rules_low = pd.Series({"exact": "figure", "about": "figure*0.9", "up_to": "open", "range": "stated"})
    figure = pd.Series(["1005", "1500", "3000", "11000"])
    qualifier = pd.Series(["about", "exact", "up_to", "range"])
    bound, stated = expected_bound(figure, qualifier, rules_low)
    assert bound.tolist()[:2] == [905, 1500]  # 904.5 rounds half up
    assert pd.isna(bound[2]) and pd.isna(bound[3])
    assert stated.tolist() == [False, False, False, True]


def test_wording():
    claims = pd.DataFrame({"figure": [11000, 3000, 3000], "qualifier": ["range", "up_to", "exact"],
                           "qualifier_wording": ["11 to 12,000", "As many as", ""],
                           "low": pd.array([11000, None, 3000], dtype="Int64"),
                           "high": pd.array([12000, 3000, 3000], dtype="Int64")})
    labels = pd.Series({"range": "", "up_to": "up to", "exact": ""})
    assert worded(claims, labels).tolist() == ["11,000–12,000", "as many as 3,000", "3,000"]
    # A range keeps the words that hedge it, and drops the ones that only say it is a range.
    ranges = pd.concat([claims.iloc[[0]]] * 3, ignore_index=True).assign(
        qualifier_wording=["around 11 to 12,000", "between 11,000 and 12,000", "11 to 12,000"])
    assert worded(ranges, labels).tolist() == ["around 11,000–12,000", "11,000–12,000", "11,000–12,000"]
    # An amount printed in words is shown as printed, with the figure it is read as; a range in words stays a range.
    spelled = pd.DataFrame({"figure": [2000, 25000], "qualifier": ["about", "range"],
                            "qualifier_wording": ["a couple thousand", "25-thousand to 30-thousand"],
                            "low": pd.array([1800, 25000], dtype="Int64"), "high": pd.array([2200, 30000], dtype="Int64")})
    assert worded(spelled, labels.reindex(["about", "range"]).fillna("about")).tolist() == [
        "a couple thousand (2,000)", "25,000–30,000"]
    assert thousands(pd.Series([1500, None], dtype="Int64")).tolist() == ["1,500", ""]
    days = pd.Series(pd.to_datetime(["2024-10-28", "2024-10-30"]))
    assert dated(days, pd.Series([True, False])).tolist() == ["28 Oct", "by 30 Oct"]


def test_escape_makes_data_inert_in_markdown():
    text = escape('<script>alert(1)</script> [x](javascript:alert(1)) "><img onerror=x>')
    assert "<" not in text and ">" not in text
    assert "\\[x\\]\\(javascript" in text


def test_a_new_larger_statement_becomes_a_step(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    rows = read_rows(path)
    october = next(r for r in rows if r["claim_id"] == "c018")
    new = dict(october, claim_id="c900", statement_id="krpo_sent_12000_test", figure="12000", low="12000",
               high="12000", qualifier="exact", qualifier_wording="", measure="sent", location="russia")
    write_rows(path, rows + [new])
    steps = estimates.headline_steps(load_record(data_dir, None))
    # Said the same day as the 11,000, it takes that step; January's "more than 12,000" no longer raises it.
    assert steps["figure"].tolist() == [1500, 3000, 10000, 12000, 15000]
    assert steps.loc[steps["figure"] == 12000, "statement_id"].tolist() == ["krpo_sent_12000_test"]
    set_cell(path, "claim_id", "c900", "figure", "9000")
    set_cell(path, "claim_id", "c900", "low", "9000")
    set_cell(path, "claim_id", "c900", "high", "9000")
    assert estimates.headline_steps(load_record(data_dir, None))["figure"].tolist() == [1500, 3000, 10000, 11000, 12000,
                                                                                       15000]


def test_a_notebook_shows_long_text_whole(monkeypatch):
    """After setup a table cell is never cut short with "...": a quote or a note is shown in full."""
    from helpers import notebook

    monkeypatch.setattr(notebook, "load_record", lambda: None)  # only the display options are wanted here
    with pd.option_context("display.max_colwidth", 50, "display.max_rows", 60, "display.width", 80):
        notebook.setup()
        words = "word " * 60
        table = pd.DataFrame({"quote": [words.strip()]})
        assert words.strip() in table._repr_html_()
        assert words.strip() in repr(table)


def test_as_of_keeps_each_deployment_counted_alone(record):
    """The JCS gave the first wave (some 11,000) and the second (at least 3,000) on one day: the second does
    not replace the first, as a later total would."""
    end = estimates.as_of(record, record.claims["said_on"].max())
    waves = end[(end["claimant"] == "South Korea's JCS") & (end["measure"] == "sent_in_wave")]
    assert sorted(zip(waves["subset"], waves["figure"])) == [("first deployment", 11000), ("second deployment", 3000)]
