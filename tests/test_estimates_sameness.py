"""The vectorised helpers give exactly what their plain per-group reading gives.

Each reference below is the obvious way to write a helper (a Python function per group, the
whole statements table filtered afterwards); the helpers avoid both for speed at scale and
must not differ from them in any value, dtype or row order.
"""

import pandas as pd
import pytest

from helpers import estimates, load_record
from helpers.bench import synthetic
from helpers.record.wording import worded


@pytest.fixture(scope="module", params=["real", "synthetic", "synthetic_shuffled"])
def record(request, tmp_path_factory):
    if request.param == "real":
        return load_record(archive_dir=None)
    folder = synthetic.write_record(tmp_path_factory.mktemp(request.param), 3000, seed=11)
    if request.param == "synthetic_shuffled":
        # Rows out of claim order, and ids that do not follow the order the claims were said in.
        claims = pd.read_csv(folder / "claims.csv", dtype="str", keep_default_na=False)
        claims["claim_id"] = claims["claim_id"].sample(frac=1, random_state=1).to_numpy()
        claims.sample(frac=1, random_state=2).to_csv(folder / "claims.csv", index=False)
    return load_record(folder, archive_dir=None)


def reference_with_wording(record) -> pd.DataFrame:
    measures = record.measures.set_index("measure")
    claims = record.claims
    return claims.assign(as_worded=worded(claims, record.qualifiers.set_index("qualifier")["label"]),
                         measure_label=claims["measure"].map(measures["label"]),
                         counts=claims["measure"].map(measures["counts"]))


def reference_statements(record) -> pd.DataFrame:
    claims = reference_with_wording(record).sort_values(["said_on", "claim_id"])
    attributed = claims["speaker_kind"] != "unattributed"
    reading = claims[attributed | ~attributed.groupby(claims["statement_id"]).transform("any")]
    open_low = reading["low"].isna().groupby(reading["statement_id"]).any()
    open_high = reading["high"].isna().groupby(reading["statement_id"]).any()
    bounds = reading.groupby("statement_id").agg(low=("low", "min"), high=("high", "max"))
    bounds["low"] = bounds["low"].astype("Int64").mask(open_low)
    bounds["high"] = bounds["high"].astype("Int64").mask(open_high)
    table = claims.groupby("statement_id", sort=False).agg(
        claimant_id=("claimant_id", "first"),
        claimant=("claimant_short_name", "first"),
        country=("claimant_country", "first"),
        measure=("measure", "first"),
        measure_label=("measure_label", "first"),
        counts=("counts", "first"),
        figure=("figure", "first"),
        said_on=("said_on", "min"),
        day_known=("said_on_precision", lambda s: (s == "day").any()),
        first_published=("published", "min"),
        stories=("source_id", "nunique"),
        rows=("claim_id", "size"),
        qualifiers=("qualifier", lambda s: ", ".join(sorted(set(s)))),
        wordings=("as_worded", lambda s: " / ".join(dict.fromkeys(s))),
        outlets=("outlet", lambda s: "; ".join(dict.fromkeys(s))),
        locations=("location", lambda s: ", ".join(dict.fromkeys(s))),
        subset=("subset", "first"),
        speakers=("speaker", lambda s: "; ".join(dict.fromkeys(x for x in s if x))),
        first_claim=("claim_id", "first"),
    )
    table["subset"] = table["subset"].map(record.subsets.set_index("subset")["label"]).fillna("")
    table = table.join(bounds)
    return table.reset_index().sort_values(["said_on", "figure", "statement_id"], ignore_index=True)


def reference_headline_steps(record) -> pd.DataFrame:
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    table = estimates.statements(record)
    table = table[table["measure"].isin(headline)].sort_values(["said_on", "figure"], ascending=[True, False])
    steps = table[table["figure"] > table["figure"].cummax().shift(fill_value=0)].copy()
    steps["previous"] = steps["figure"].shift().astype("Int64")
    steps["multiple_of_previous"] = steps["figure"] / steps["previous"].astype("Float64")
    steps["days_since_previous"] = steps["said_on"].diff().dt.days.astype("Int64")
    return steps.reset_index(drop=True)


def reference_as_of(record, date, measures=None) -> pd.DataFrame:
    table = estimates.statements(record)
    table = table[table["said_on"] <= pd.Timestamp(date)]
    if measures is not None:
        table = table[table["measure"].isin(measures)]
    # Comparable: one measure; for a part of the total, one region; for a figure counted apart from the headline's
    # totals, one subset (the first deployment is not replaced by the second).
    measures = record.measures.set_index("measure")
    part = table["measure"].map(measures["part_of_total"]).astype(bool)
    headline = table["measure"].map(measures["in_headline"]).astype(bool)
    table = table.assign(what=[(m, r if p else "", s if not h else "") for m, r, s, p, h in
                               zip(table["measure"], table["locations"], table["subset"], part, headline)])
    latest = table.sort_values(["said_on", "figure"]).groupby(["claimant_id", "what"], sort=False).tail(1)
    return latest.drop(columns="what").sort_values(["measure", "figure", "claimant"], ignore_index=True)


def test_with_wording(record):
    pd.testing.assert_frame_equal(estimates.with_wording(record), reference_with_wording(record))


def test_statements(record):
    pd.testing.assert_frame_equal(estimates.statements(record), reference_statements(record))


def test_a_subset_of_the_columns_is_the_same_subset(record):
    columns = ["claimant", "figure", "said_on", "locations", "low", "high"]
    full = estimates.statements(record)
    pd.testing.assert_frame_equal(estimates._statement_table(record, record.claims, columns),
                                  full[["statement_id", *columns]])


def test_headline_steps(record):
    pd.testing.assert_frame_equal(estimates.headline_steps(record), reference_headline_steps(record))


@pytest.mark.parametrize("when", ["first", "middle", "last"])
@pytest.mark.parametrize("measures", [None, ["sent", "in_region"]])
def test_as_of(record, when, measures):
    said = record.claims["said_on"]
    date = {"first": said.min(), "middle": said.min() + (said.max() - said.min()) / 2, "last": said.max()}[when]
    pd.testing.assert_frame_equal(estimates.as_of(record, date, measures), reference_as_of(record, date, measures))


@pytest.mark.parametrize("measure", ["sent", "in_region"])
def test_disagreement_reads_the_statements_of_its_measure(record, measure, monkeypatch):
    expected = estimates.disagreement(record, measure, within_days=30)
    table = estimates.statements(record)

    def whole_table_filtered(record, claims, columns):
        return table.loc[table["measure"] == measure, ["statement_id", *columns]].reset_index(drop=True)

    monkeypatch.setattr(estimates, "_statement_table", whole_table_filtered)
    pd.testing.assert_frame_equal(estimates.disagreement(record, measure, within_days=30), expected)
