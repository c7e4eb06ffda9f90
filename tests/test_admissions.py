"""Figures of the governments that sent or received the troops, beside the other claimants' estimates."""

import pandas as pd
import pytest

from helpers import estimates, load_record

from conftest import read_rows, set_cell, write_rows
from test_record_errors import assert_reported, problems_of


@pytest.fixture(scope="module")
def admitting_record(tmp_path_factory):
    """The record with South Korea's JCS marked as a party to the deployment, so its figures read as admissions."""
    from conftest import make_record_copy

    data_dir, archive_dir = make_record_copy(tmp_path_factory.mktemp("admitting"))
    set_cell(data_dir / "claimants.csv", "claimant_id", "kr_jcs", "party_to_deployment", "true")
    return load_record(data_dir, archive_dir)


def test_each_admission_meets_each_other_claimants_nearest_figure_of_its_measure(admitting_record):
    record = admitting_record
    table = estimates.admissions(record)
    every = estimates.statements(record)
    by_id = every.set_index("statement_id")
    party = every["claimant_id"].map(record.claimants.set_index("claimant_id")["party_to_deployment"])
    assert set(table["statement_id"]) == set(every.loc[party, "statement_id"])
    for row in table[table["statement_id_other"].notna()].itertuples():
        mine = by_id.loc[row.statement_id]
        rivals = every[(every["claimant"] == row.claimant_other) & (every["measure"] == mine["measure"])]
        gaps = (rivals["said_on"] - mine["said_on"]).dt.days.abs()
        assert abs(row.days_apart) == gaps.min()
        assert row.days_apart == (by_id.loc[row.statement_id_other, "said_on"] - mine["said_on"]).days
    # A multiple only between figures of the same part of the troops.
    matched = table[table["statement_id_other"].notna()]
    assert matched.loc[~matched["same_subset"], "multiple"].isna().all()
    assert matched.loc[matched["same_subset"], "multiple"].notna().all()
    # Every other claimant with a figure of the same measure appears once beside each admission.
    pairs = table.dropna(subset=["statement_id_other"]).groupby(["statement_id", "claimant_other"]).size()
    assert (pairs == 1).all()


def test_an_admission_nobody_else_matched_keeps_its_row(admitting_record):
    table = estimates.admissions(admitting_record, counts="troops")
    # Every statement of the JCS has a row, whether or not another claimant matched it.
    assert "jcs_second_wave_3000_2025-03-27" in set(table["statement_id"])
    jcs = estimates.statements(admitting_record).query("claimant == \"South Korea's JCS\" and counts == 'troops'")
    assert set(table.loc[table["claimant"] == "South Korea's JCS", "statement_id"]) == set(jcs["statement_id"])


def test_north_koreas_own_dead_stand_beside_the_nis(record_copy):
    record = load_record(*record_copy)
    dead = estimates.admissions(record, counts="casualties").set_index("statement_id")
    row = dead.loc["kp_killed_9_2025-12-12"]
    assert (row["claimant_other"], row["days_apart"]) == ("South Korea's NIS", -101)
    assert not row["same_subset"] and pd.isna(row["multiple"])


def test_without_a_party_to_the_deployment_there_is_nothing_to_set_beside(record_copy):
    data_dir, archive_dir = record_copy
    rows = read_rows(data_dir / "claimants.csv")
    write_rows(data_dir / "claimants.csv", [{**row, "party_to_deployment": "false"} for row in rows])
    assert estimates.admissions(load_record(data_dir, archive_dir)).empty


def test_party_to_deployment_is_true_or_false(record_copy):
    data_dir, archive_dir = record_copy
    line = set_cell(data_dir / "claimants.csv", "claimant_id", "kr_jcs", "party_to_deployment", "yes")
    assert_reported(problems_of(data_dir, archive_dir), "claimants.csv", line, "party_to_deployment",
                    "must be true or false")
