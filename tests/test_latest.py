"""The newest figure of each kind ("what is the number now?"): in the record and in synthetic records."""

import pandas as pd
import pytest

from helpers import estimates, findings, load_record
from helpers.bench.synthetic import write_record


@pytest.fixture(scope="module")
def record():
    return load_record(archive_dir=None)


@pytest.fixture(scope="module")
def synthetic_record(tmp_path_factory):
    return load_record(write_record(tmp_path_factory.mktemp("synthetic"), claims=400, seed=3), archive_dir=None)


def _kinds(record, table: pd.DataFrame) -> pd.Series:
    """Each statement's kind, worked out from measures.csv's flags: measure, region of a part, deployment of a wave."""
    measures = record.measures.set_index("measure")
    part = table["measure"].map(measures["part_of_total"]).astype(bool)
    headline = table["measure"].map(measures["in_headline"]).astype(bool)
    return table["measure"] + "|" + table["locations"].where(part, "") + "|" + table["subset_id"].where(~headline, "")


@pytest.mark.parametrize("which", ["record", "synthetic_record"])
def test_no_statement_of_a_kind_is_newer_than_its_latest(which, request):
    record = request.getfixturevalue(which)
    every = estimates.statements_with_subset_ids(record)
    latest = estimates.latest_figures(record).merge(every[["statement_id", "subset_id"]], on="statement_id")
    newest = every["said_on"].groupby(_kinds(record, every)).max()
    # Every kind in the record has its newest statements in the table, and nothing older.
    latest_kinds = _kinds(record, latest)
    assert set(newest.index) == set(latest_kinds)
    assert (latest["said_on"].to_numpy() == newest.loc[latest_kinds].to_numpy()).all()
    # All statements of a kind said on its newest day are there.
    on_newest = every["said_on"].to_numpy() == newest.loc[_kinds(record, every)].to_numpy()
    assert set(every.loc[on_newest, "statement_id"]) == set(latest["statement_id"])
    assert (latest["days_old"] >= 0).all()


def test_latest_figures_in_the_record(record):
    latest = estimates.latest_figures(record).set_index("statement_id")
    # The newest total is HUR's about 11,000, smaller than the NIS's about 15,000, which stays the largest.
    assert latest.loc["hur_sent_11000_2025-08-13", "wordings"] == "about 11,000"
    assert "about 15,000" in findings.largest_now(record)
    # Each deployment keeps its own newest figure, and a total is not replaced by a part.
    assert {"nis_first_wave_11000_2025-06-26", "jcs_second_wave_3000_2025-03-27",
            "nis_third_wave_6000_2025-09-02"} <= set(latest.index)
    assert latest["measure"].tolist()[0] == "sent"


def test_age_is_counted_to_the_day_given(record):
    latest = estimates.latest_figures(record, on="2025-12-13").set_index("statement_id")
    assert latest.loc["kp_killed_9_2025-12-12", "days_old"] == 1


def test_the_finding_gives_words_or_says_there_are_none(record):
    text = findings.latest(record).data
    assert "“This is about 11 thousand servicemen.”" in text
    assert "paraphrase, no words quoted" in text  # HUR's 25,000–30,000 is known only as a paraphrase
    assert text.count("\n- ") == len(estimates.latest_figures(record))
