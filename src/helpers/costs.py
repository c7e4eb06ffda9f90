"""What it cost: casualty estimates, killed against wounded, casualties against troops sent.

Casualty measures are those counting `casualties` in data/measures.csv: killed, wounded, and
casualties (killed and wounded as one sum). Where a claimant gives killed and wounded but no
sum, the sum is derived here — intervals added end to end — and marked as derived.
"""

import pandas as pd

from helpers import estimates
from helpers.record.memo import per_record
from helpers.record import Record

TOTAL_COLUMNS = ["said_on", "claimant", "claimant_id", "total", "low", "high", "basis", "wordings", "locations",
                 "statement_ids"]


@per_record
def casualty_statements(record: Record) -> pd.DataFrame:
    """Every statement of a casualty measure (killed, wounded, casualties), by date."""
    table = estimates.statements(record)
    return table[table["counts"] == "casualties"].reset_index(drop=True)


@per_record
def casualty_totals(record: Record) -> pd.DataFrame:
    """Killed and wounded together, per claimant and day: as given, or derived from killed + wounded.

    `basis` is "given as one sum" or "killed + wounded"; a derived bound is open when either
    part's is.
    """
    table = casualty_statements(record)
    given = table[table["measure"] == "casualties"].assign(
        total=lambda t: t["figure"], basis="given as one sum", statement_ids=lambda t: t["statement_id"])
    parts = table[table["measure"].isin(["killed", "wounded"])]
    wide = parts.pivot_table(index=["claimant_id", "claimant", "said_on"], columns="measure",
                             values=["figure", "low", "high"], aggfunc="first")
    derived = given[TOTAL_COLUMNS].iloc[:0]  # none, typed as the given ones
    if {("figure", "killed"), ("figure", "wounded")} <= set(wide.columns):
        # pivot_table leaves out a bound no row has (every "up to" has no low): put it back, empty.
        wide = wide.reindex(columns=pd.MultiIndex.from_product([["figure", "low", "high"], ["killed", "wounded"]]))
        both = wide[wide[("figure", "killed")].notna() & wide[("figure", "wounded")].notna()]
        ids = parts.assign(key=list(zip(parts["claimant_id"], parts["said_on"]))).groupby("key")["statement_id"].agg(" + ".join)
        wordings = parts.groupby(["claimant_id", "said_on"])["wordings"].agg(" killed, ".join) + " wounded"
        locations = parts.groupby(["claimant_id", "said_on"])["locations"].agg(lambda s: ", ".join(dict.fromkeys(s)))
        derived = pd.DataFrame({
            "total": both[("figure", "killed")] + both[("figure", "wounded")],
            "low": both[("low", "killed")].astype("Float64") + both[("low", "wounded")].astype("Float64"),
            "high": both[("high", "killed")].astype("Float64") + both[("high", "wounded")].astype("Float64"),
        }).reset_index()
        derived["basis"] = "killed + wounded"
        derived["wordings"] = list(wordings.reindex(list(zip(derived["claimant_id"], derived["said_on"]))))
        derived["locations"] = list(locations.reindex(list(zip(derived["claimant_id"], derived["said_on"]))))
        derived["statement_ids"] = [ids.get(key, "") for key in zip(derived["claimant_id"], derived["said_on"])]
    # A sum given that day takes the place of one derived; a mask, not a list, so no row leaves no columns.
    day = ["claimant_id", "said_on"]
    derived = derived[~pd.MultiIndex.from_frame(derived[day]).isin(pd.MultiIndex.from_frame(given[day]))]
    totals = pd.concat([given[TOTAL_COLUMNS], derived[TOTAL_COLUMNS]], ignore_index=True)
    totals["total"] = totals["total"].astype("int64")
    for bound in ("low", "high"):
        totals[bound] = pd.to_numeric(totals[bound]).round().astype("Int64")
    return totals.sort_values(["said_on", "claimant"], ignore_index=True)


@per_record
def killed_and_wounded(record: Record) -> pd.DataFrame:
    """Per claimant and day with a split: killed, wounded, and the total; wounded implied where only killed and the sum are
    given. The `*_worded` columns give each figure as the stories worded it, the `*_statement` columns the statement
    it comes from (empty where not given)."""
    table = casualty_statements(record)
    measures = ["killed", "wounded", "casualties"]
    if not table["measure"].isin(measures).any():
        return _no_split(table, measures)
    given = table.pivot_table(index=["said_on", "claimant"], columns="measure",
                              values=["figure", "wordings", "statement_id"], aggfunc="first")
    wide = given["figure"].reindex(columns=measures).astype("Int64")
    split = wide[wide["killed"].notna() & (wide["wounded"].notna() | wide["casualties"].notna())].copy()
    split["wounded_implied"] = split["wounded"].isna()
    split["wounded"] = split["wounded"].fillna(split["casualties"] - split["killed"])
    # A sum no larger than the killed given with it implies no wounded: not a split.
    split = split[split["wounded"] > 0]
    split["total"] = split["casualties"].fillna(split["killed"] + split["wounded"])
    split["killed_share"] = (split["killed"] / split["total"]).astype("Float64").round(3)
    # Each figure as worded ("at least 100"): the numbers alone drop the qualifiers.
    for values, suffix in (("wordings", "_worded"), ("statement_id", "_statement")):
        split = split.join(given[values].reindex(columns=measures, index=split.index).fillna("").add_suffix(suffix))
    split.columns.name = None
    return split.reset_index()


def _no_split(table: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """`killed_and_wounded`'s columns, typed, with no row: the record gives no killed, wounded or sum."""
    empty = table[["said_on", "claimant"]].iloc[:0]
    columns = {**{m: pd.Series(dtype="Int64") for m in measures}, "wounded_implied": pd.Series(dtype="bool"),
               "total": pd.Series(dtype="Int64"), "killed_share": pd.Series(dtype="Float64"),
               **{f"{m}{suffix}": pd.Series(dtype="str") for suffix in ("_worded", "_statement") for m in measures}}
    return empty.assign(**columns)


@per_record
def casualty_rates(record: Record) -> pd.DataFrame:
    """Each casualty total over the troops it could have come from, as a share with a range.

    Assumptions, stated so they can be argued with: casualties are cumulative since the
    first deployment; the denominator is the troop figure the claimant gave with them, on
    the same day (a total or one deployment), or — where it gave none that day — the largest
    official figure known that day (the headline). A claimant's older troop figure is not
    used: the NIS's 1,500 of October would turn its January casualties into twice the force. The range divides the low end of
    the casualties by the high end of the troops and the other way round; an open end leaves
    that end of the rate open.
    """
    totals = casualty_totals(record).sort_values("said_on")
    troops = estimates.statements(record)
    troops = troops[troops["measure"].isin(["sent", "sent_in_wave"])].sort_values("said_on")
    own = pd.merge_asof(totals, troops[["claimant_id", "said_on", "figure", "low", "high", "wordings", "statement_id"]]
                        .rename(columns={"said_on": "troops_said_on", "figure": "troops", "low": "troops_low",
                                         "high": "troops_high", "wordings": "troops_wordings",
                                         "statement_id": "troops_statement_id"}),
                        left_on="said_on", right_on="troops_said_on", by="claimant_id", tolerance=pd.Timedelta(0))
    headline = estimates.headline_steps(record)[["said_on", "figure", "low", "high", "wordings", "claimant",
                                                 "statement_id"]].rename(
        columns={"said_on": "headline_said_on", "figure": "headline", "low": "headline_low", "high": "headline_high",
                 "wordings": "headline_wordings", "claimant": "headline_claimant", "statement_id": "headline_statement_id"})
    rates = pd.merge_asof(own, headline, left_on="said_on", right_on="headline_said_on")
    use_own = rates["troops"].notna()
    rates["denominator_basis"] = use_own.map({True: "the claimant's troop figure that day",
                                              False: "the headline figure that day"})
    for column in ("", "_low", "_high", "_wordings", "_said_on", "_statement_id"):
        rates["denominator" + column] = rates["troops" + column].where(use_own, rates["headline" + column])
    rates["denominator"] = rates["denominator"].astype("Int64")
    denominator = rates["denominator"].astype("float64")
    rates["rate"] = (rates["total"] / denominator).round(3)
    rates["rate_low"] = (rates["low"].astype("Float64") / rates["denominator_high"].astype("Float64")).round(3)
    rates["rate_high"] = (rates["high"].astype("Float64") / rates["denominator_low"].astype("Float64")).round(3)
    columns = ["said_on", "claimant", "total", "low", "high", "basis", "wordings", "denominator", "denominator_low",
               "denominator_high", "denominator_wordings", "denominator_basis", "denominator_said_on", "rate",
               "rate_low", "rate_high", "statement_ids", "denominator_statement_id"]
    return rates[columns].reset_index(drop=True)


@per_record
def casualty_disagreements(record: Record, within_days: int = 7) -> pd.DataFrame:
    """Pairs of casualty totals from different claimants said within `within_days` of each other: each as worded and
    where it was said to be, how far apart, and whether their intervals overlap."""
    totals = casualty_totals(record)
    pairs = totals.merge(totals, how="cross", suffixes=("", "_other"))
    gap = (pairs["said_on_other"] - pairs["said_on"]).dt.days
    pairs = pairs[(pairs["claimant"] != pairs["claimant_other"]) & gap.between(0, within_days)]
    # A same-day pair appears twice; keep one order.
    pairs = pairs[(gap[pairs.index] > 0) | (pairs["claimant"] < pairs["claimant_other"])]
    sides = ["said_on", "claimant", "total", "basis", "wordings", "locations"]
    result = pairs[sides + [f"{c}_other" for c in sides]].assign(days_apart=gap[pairs.index])
    higher = result[["total", "total_other"]].max(axis=1)
    lower = result[["total", "total_other"]].min(axis=1)
    result["ratio"] = (higher / lower).round(2)
    # Some number both could be right about: the higher low end is not above the lower high end (open ends unbounded).
    low = pairs[["low", "low_other"]].astype("Float64").fillna(0).max(axis=1)
    high = pairs[["high", "high_other"]].astype("Float64").fillna(float("inf")).min(axis=1)
    result["intervals_overlap"] = (low <= high).astype(bool)
    return result.sort_values(["said_on", "said_on_other"], ignore_index=True)
