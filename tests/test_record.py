"""The record as curated: what it must hold, and that loading keeps every row and type."""

import gc

import pandas as pd
import pytest

from helpers import load_claimants, load_claims, load_record, load_sources
from helpers.record.paths import DATA_DIR

from conftest import read_rows


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return load_claims()


def one_claim(claims: pd.DataFrame, **conditions) -> pd.DataFrame:
    mask = pd.Series(True, index=claims.index)
    for column, value in conditions.items():
        mask &= claims[column] == value
    return claims[mask]


def test_rows_out_equal_rows_in(claims):
    assert len(claims) == len(read_rows(DATA_DIR / "claims.csv"))
    assert len(load_sources()) == len(read_rows(DATA_DIR / "sources.csv"))
    assert len(load_claimants()) == len(read_rows(DATA_DIR / "claimants.csv"))


def test_types(claims):
    assert claims["figure"].dtype == "int64"
    assert str(claims["low"].dtype) == "Int64" and str(claims["high"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(claims["said_on"])
    assert pd.api.types.is_datetime64_any_dtype(claims["published"])
    for column in ("claimant_name", "claimant_country", "outlet"):
        assert claims[column].notna().all(), column
    undated = claims["source_id"].isin(load_sources().query("published_precision == 'undated'")["source_id"])
    assert claims.loc[~undated, "published"].notna().all() and claims.loc[undated, "published"].isna().all()


@pytest.mark.parametrize(
    "claimant_id, said_on, figure, measure, location, qualifiers",
    [
        ("kr_nis", "2024-10-18", 1500, "sent", "russia", {"about"}),
        ("us_white_house", "2024-10-23", 3000, "sent", None, {"at_least", "up_to", "exact"}),
        ("kr_nis", None, 10000, "pledged", "russia", {"about"}),
        ("ua_president", None, 10000, "preparing", "russia", {"exact"}),
        ("us_dod", "2024-10-28", 10000, "sent", None, {"about"}),
        ("kr_presidential_office", None, 11000, "sent", "russia", {"exact", "up_to"}),
        ("kr_presidential_office", None, 3000, "toward_front", "western_russia", {"more_than"}),
        ("us_dod", "2024-10-31", 10000, "sent", "eastern_russia", {"about"}),
        ("us_dod", "2024-10-31", 8000, "in_region", "kursk_oblast", {"about"}),
    ],
)
def test_the_october_figures_are_in_the_record(claims, claimant_id, said_on, figure, measure, location, qualifiers):
    conditions = dict(claimant_id=claimant_id, figure=figure, measure=measure)
    if location:
        conditions["location"] = location
    rows = one_claim(claims, **conditions)
    if said_on:
        rows = rows[rows["said_on"] == pd.Timestamp(said_on)]
    assert set(rows["qualifier"]) == qualifiers
    assert (rows["quote"].str.len() > 0).all()


def test_the_white_house_3000_is_framed_both_ways(claims):
    rows = one_claim(claims, statement_id="wh_sent_3000_2024-10-23")
    by_qualifier = rows.groupby("qualifier")["outlet"].agg(set)
    assert "ABC News (Australia)" in by_qualifier["up_to"]
    assert any("Reuters" in outlet for outlet in by_qualifier["at_least"])
    assert rows.loc[rows["qualifier"] == "up_to", "quote"].str.contains("As many as 3,000").all()
    assert rows.loc[rows["qualifier"] == "at_least", "quote"].str.contains("at least 3 000").all()


def test_loads_without_an_archive():
    record = load_record(archive_dir=None)
    assert record.archive_dir is None
    assert len(record.claims) == len(read_rows(DATA_DIR / "claims.csv"))


def test_every_quote_is_checked_against_the_shared_archive(shared_archive):
    record = load_record(archive_dir=shared_archive)
    assert record.archive_dir == shared_archive


@pytest.mark.parametrize(
    "claimant_id, said_on, measure, qualifier, figure, low, high, quote_kind",
    [
        ("us_dod", "2024-11-04", "sent", "range", 11000, 11000, 12000, "verbatim"),
        ("us_dod", "2024-11-04", "in_region", "at_least", 10000, 10000, None, "verbatim"),
        ("kr_nis", "2024-12-19", "killed", "at_least", 100, 100, None, "verbatim"),
        ("kr_nis", "2024-12-19", "wounded", "nearly", 1000, 900, 1000, "verbatim"),
        ("kr_jcs", "2024-12-23", "casualties", "about", 1100, 990, 1210, "verbatim"),
        ("ua_president", "2024-12-23", "casualties", "more_than", 3000, 3000, None, "verbatim"),
        ("us_un_mission", "2025-01-08", "sent", "more_than", 12000, 12000, None, "paraphrase"),
        ("ua_president", "2025-01-09", "casualties", "exact", 4000, 4000, 4000, "verbatim"),
        ("kr_nis", "2025-01-13", "killed", "about", 300, 270, 330, "verbatim"),
        ("kr_nis", "2025-01-13", "wounded", "about", 2700, 2430, 2970, "verbatim"),
        ("kr_jcs", "2025-03-27", "sent_in_wave", "about", 11000, 9900, 12100, "verbatim"),
        ("kr_jcs", "2025-03-27", "casualties", "exact", 4000, 4000, 4000, "verbatim"),
        ("kr_jcs", "2025-03-27", "sent_in_wave", "at_least", 3000, 3000, None, "paraphrase"),
        ("kr_nis", "2025-04-30", "sent", "about", 15000, 13500, 16500, "verbatim"),
        ("kr_nis", "2025-04-30", "casualties", "about", 4700, 4230, 5170, "verbatim"),
        ("kr_nis", "2025-04-30", "killed", "about", 600, 540, 660, "verbatim"),
    ],
)
def test_the_later_figures_are_in_the_record(claims, claimant_id, said_on, measure, qualifier, figure, low, high,
                                             quote_kind):
    rows = one_claim(claims, claimant_id=claimant_id, measure=measure, figure=figure)
    # The first story that carried it: later stories may word the same statement otherwise.
    rows = rows[rows["said_on"] == pd.Timestamp(said_on)].sort_values("claim_id").head(1)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["qualifier"], row["quote_kind"]) == (qualifier, quote_kind)
    assert row["low"] == low if low is not None else pd.isna(row["low"])
    assert row["high"] == high if high is not None else pd.isna(row["high"])
    # Unarchived: a URL to trace it, no archive file, so never counted as verified.
    assert row["archive_file"] == "" and row["url"].startswith("https://")
    assert (row["quote"] == "") == (quote_kind == "paraphrase")


def test_loading_keeps_nothing_alive_after_the_record_is_dropped():
    """pandera keeps its schema (and our rules) for as long as a validated table lives, so a rule
    that held the table strongly would keep every loaded table alive."""

    def frames_alive() -> int:
        gc.collect()
        return sum(isinstance(thing, pd.DataFrame) for thing in gc.get_objects())

    load_record()
    before = frames_alive()
    for _ in range(3):
        load_record()
    assert frames_alive() <= before
