"""The record as curated: what it must hold, and that loading keeps every row and type."""

import pandas as pd
import pytest

from helpers import load_claimants, load_claims, load_record, load_sources
from helpers.paths import DATA_DIR

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
    for column in ("claimant_name", "claimant_country", "outlet", "published"):
        assert claims[column].notna().all(), column


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
