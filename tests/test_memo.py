"""A loaded record cannot be changed, so an analysis worked out once per record stays true of it."""

import dataclasses
import gc
import weakref

import pandas as pd
import pytest

from helpers import estimates, load_record
from helpers.record.memo import per_record


@pytest.fixture(scope="module")
def record():
    return load_record()


def test_changing_a_table_got_from_the_record_leaves_the_record_as_loaded(record):
    before = record.claims.copy()
    claims = record.claims
    claims.loc[claims.index[0], "figure"] = 1
    claims["outlet"] = "changed"
    pd.testing.assert_frame_equal(record.claims, before)


def test_an_analysis_is_worked_out_once_per_record_and_arguments():
    calls = []

    @per_record
    def counted(record, measure="sent"):
        calls.append(measure)
        return record.claims[record.claims["measure"] == measure]

    first, second = load_record(), load_record()
    counted(first), counted(first), counted(first, measure="killed"), counted(second)
    assert calls == ["sent", "killed", "sent"]


def test_changing_an_answer_does_not_change_the_next_one(record):
    steps = estimates.headline_steps(record)
    expected = steps.copy()
    steps.loc[steps.index[0], "figure"] = -1
    steps["claimant"] = "changed"
    pd.testing.assert_frame_equal(estimates.headline_steps(record), expected)


def test_a_changed_copy_of_the_record_gets_its_own_answers(record):
    claims = record.claims
    claims.loc[claims["claim_id"] == "c001", ["figure", "low", "high"]] = [1600, 1440, 1760]
    changed = dataclasses.replace(record, claims=claims)
    assert estimates.statements(changed)["figure"].tolist() != estimates.statements(record)["figure"].tolist()
    # Given a table of claims instead, nothing is kept and the answer is worked out from it.
    pd.testing.assert_frame_equal(estimates.statements(record, changed.claims), estimates.statements(changed))


def test_the_answers_go_with_the_record():
    record = load_record()
    estimates.statements(record)
    gone = weakref.ref(record)
    del record
    gc.collect()
    assert gone() is None
