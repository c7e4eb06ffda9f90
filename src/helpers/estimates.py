"""The analyses behind the notebooks: statements, the headline series, as-of views and disagreements.

Everything takes the claims DataFrame from `load_record().claims` (one row per figure as one
story reported it) plus the record's lookup tables, and is vectorised over the claims.
A *statement* is what one claimant said once; the stories that carried it share its
`statement_id`, so a statement is counted once however many stories echo it.
"""

import pandas as pd

from helpers.record import Record
from helpers.wording import worded


def with_wording(record: Record, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims with `as_worded` (e.g. "at least 3,000"), the measure's label and what it counts."""
    claims = record.claims if claims is None else claims
    labels = record.qualifiers.set_index("qualifier")["label"]
    measures = record.measures.set_index("measure")
    return claims.assign(
        as_worded=worded(claims, labels),
        measure_label=claims["measure"].map(measures["label"]),
        counts=claims["measure"].map(measures["counts"]),
    )


def statements(record: Record, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per statement: the earliest date its stories support, its figure and its interval.

    `qualifiers`, `wordings` and `outlets` list what the carrying stories used. `low`/`high`
    are the widest reading of the stories that attribute the figure (an outlet's unattributed
    "up to" counts only when no story attributes it), so a statement reported as both "at
    least" and "as many as" bounds nothing.
    """
    claims = with_wording(record, claims).sort_values(["said_on", "claim_id"])
    # The claimant's interval comes from the rows that attribute the figure; an outlet's
    # unattributed framing counts only when no story attributes it.
    attributed = claims["speaker_kind"] != "unattributed"
    has_attributed = attributed.groupby(claims["statement_id"]).transform("any")
    reading = claims[attributed | ~has_attributed]
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
        speakers=("speaker", lambda s: "; ".join(dict.fromkeys(x for x in s if x))),
        first_claim=("claim_id", "first"),
    )
    table = table.join(bounds)
    return table.reset_index().sort_values(["said_on", "figure", "statement_id"], ignore_index=True)


def headline_steps(record: Record) -> pd.DataFrame:
    """The statements that raised the largest official figure for troops in Russia, in date order.

    Counts only measures marked `in_headline` (troops sent to Russia, in total). A statement
    is a step when its figure exceeds every figure said before it; on a tie the first to say
    it keeps the step.
    """
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    table = statements(record)
    table = table[table["measure"].isin(headline)].sort_values(["said_on", "figure"], ascending=[True, False])
    previous_best = table["figure"].cummax().shift(fill_value=0)
    steps = table[table["figure"] > previous_best].copy()
    steps["previous"] = steps["figure"].shift().astype("Int64")
    steps["multiple_of_previous"] = steps["figure"] / steps["previous"].astype("Float64")
    steps["days_since_previous"] = steps["said_on"].diff().dt.days.astype("Int64")
    return steps.reset_index(drop=True)


def headline_series(record: Record, end: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """The largest official figure known on each day, from the first statement to `end`.

    One row per day with the figure and the statement (claimant, outlets) behind it.
    """
    steps = headline_steps(record)
    end = pd.Timestamp(end) if end is not None else steps["said_on"].max()
    days = pd.DataFrame({"date": pd.date_range(steps["said_on"].min(), end, freq="D")})
    series = pd.merge_asof(days, steps.rename(columns={"said_on": "step_on"}), left_on="date", right_on="step_on")
    series["is_step"] = series["date"] == series["step_on"]
    return series[["date", "figure", "low", "high", "claimant", "claimant_id", "statement_id", "wordings",
                   "outlets", "step_on", "is_step"]]


def growth(record: Record, until: str | pd.Timestamp | None = None) -> dict:
    """The headline's growth from its first to its last step (up to `until`): figures, multiple, days, claimants."""
    steps = headline_steps(record)
    if until is not None:
        steps = steps[steps["said_on"] <= pd.Timestamp(until)]
    first, last = steps.iloc[0], steps.iloc[-1]
    return {
        "first_figure": int(first["figure"]),
        "first_on": first["said_on"],
        "first_claimant": first["claimant"],
        "last_figure": int(last["figure"]),
        "last_on": last["said_on"],
        "last_claimant": last["claimant"],
        "multiple": float(last["figure"] / first["figure"]),
        "days": int((last["said_on"] - first["said_on"]).days),
        "steps": len(steps),
    }


def _comparison_key(record: Record, table: pd.DataFrame) -> pd.Series:
    """What makes two statements comparable: claimant and measure, and the region for parts of a total."""
    part = table["measure"].map(record.measures.set_index("measure")["part_of_total"]).fillna(False).astype(bool)
    return table["measure"] + table["locations"].where(part, "").radd("@").where(part, "")


def as_of(record: Record, date: str | pd.Timestamp, measures: list[str] | None = None) -> pd.DataFrame:
    """What each claimant had said by `date`: its latest statement for each measure (and region)."""
    table = statements(record)
    table = table[table["said_on"] <= pd.Timestamp(date)]
    if measures is not None:
        table = table[table["measure"].isin(measures)]
    table = table.assign(what=_comparison_key(record, table))
    latest = table.sort_values(["said_on", "figure"]).groupby(["claimant_id", "what"], sort=False).tail(1)
    return latest.drop(columns="what").sort_values(["measure", "figure", "claimant"], ignore_index=True)


def disagreement(record: Record, measure: str = "sent", within_days: int | None = None) -> pd.DataFrame:
    """Claimant × date: each claimant's latest figure for `measure` on every date a claimant spoke.

    Adds the spread (highest − lowest), the ratio (highest / lowest) and whether the claimants'
    intervals still overlap (some number all of them could be right about). With
    `within_days`, a figure said more than that many days before the date drops out, so only
    current estimates are compared.
    """
    table = statements(record)
    table = table[table["measure"] == measure].assign(
        low_end=lambda t: t["low"].astype("Float64").fillna(0).astype("float64"),
        high_end=lambda t: t["high"].astype("Float64").fillna(float("inf")).astype("float64"),
    )

    # When each claimant last spoke, as of every date in the table.
    last_said = table.assign(spoke_on=table["said_on"]).pivot_table(
        index="said_on", columns="claimant", values="spoke_on", aggfunc="max").ffill()
    age = last_said.rsub(last_said.index.to_series(), axis=0)
    current = age.le(pd.Timedelta(days=within_days)) if within_days is not None else last_said.notna()

    def latest(values: str, how: str) -> pd.DataFrame:
        wide = table.pivot_table(index="said_on", columns="claimant", values=values, aggfunc=how).ffill()
        wide = wide.where(current)
        wide.columns.name = None
        return wide

    figures, lows, highs = latest("figure", "max"), latest("low_end", "min"), latest("high_end", "max")
    result = figures.astype("Int64")
    result["claimants"] = figures.notna().sum(axis=1)
    result["highest"] = figures.max(axis=1).astype("Int64")
    result["lowest"] = figures.min(axis=1).astype("Int64")
    result["spread"] = result["highest"] - result["lowest"]
    result["ratio"] = (figures.max(axis=1) / figures.min(axis=1)).round(2)
    result["intervals_overlap"] = lows.max(axis=1) <= highs.min(axis=1)
    result.index.name = "date"
    return result.reset_index()


def framing_conflicts(record: Record) -> pd.DataFrame:
    """Statements that different stories (or one story) reported with different qualifiers.

    One row per claim of such a statement. `conflict` is "contradictory" where one story gives
    the figure as a floor and another as a ceiling (the readings share one number at most),
    and "different" otherwise (e.g. "about" against no qualifier).
    """
    claims = with_wording(record)
    varied = claims.groupby("statement_id")["qualifier"].transform("nunique") > 1
    rows = claims[varied].copy()
    floor = rows["high"].isna() & rows["low"].notna()
    ceiling = rows["low"].isna() & rows["high"].notna()
    has_floor = floor.groupby(rows["statement_id"]).transform("any")
    has_ceiling = ceiling.groupby(rows["statement_id"]).transform("any")
    rows["conflict"] = (has_floor & has_ceiling).map({True: "contradictory", False: "different"})
    rows["in_one_story"] = rows.groupby(["statement_id", "source_id"])["qualifier"].transform("nunique") > 1
    columns = ["statement_id", "claimant_short_name", "conflict", "outlet", "as_worded", "figure", "qualifier", "low", "high",
               "speaker", "in_one_story", "quote", "claim_id"]
    return rows[columns].sort_values(["statement_id", "qualifier", "outlet"], ignore_index=True)


def measure_mixups(record: Record) -> pd.DataFrame:
    """Figures that stand for different things: one number given under more than one measure.

    The 10,000 was a pledge (NIS), a plan (Zelenskyy) and a count of troops already sent (the
    Pentagon); a reader who sees only "10,000" cannot tell which.
    """
    table = statements(record)
    table = table[table["counts"] == "troops"]
    mixed = table.groupby("figure")["measure"].transform("nunique") > 1
    columns = ["figure", "measure_label", "claimant", "said_on", "wordings", "locations", "outlets", "statement_id"]
    return table.loc[mixed, columns].sort_values(["figure", "said_on", "claimant"], ignore_index=True)


def parts_of_totals(record: Record) -> pd.DataFrame:
    """Each figure for a part of the troops (a region, the front) beside the same claimant's total then.

    The share is the part over the claimant's latest total (an in-headline measure) said on or
    before the same day; `share_low`/`share_high` use the two figures' intervals where bounded.
    """
    measures = record.measures.set_index("measure")
    table = statements(record)
    parts = table[table["measure"].map(measures["part_of_total"])].sort_values("said_on")
    totals = table[table["measure"].map(measures["in_headline"])].sort_values("said_on")
    totals = totals[["claimant_id", "said_on", "figure", "low", "high", "wordings", "statement_id"]].rename(
        columns={"said_on": "total_said_on", "figure": "total", "low": "total_low", "high": "total_high",
                 "wordings": "total_wordings", "statement_id": "total_statement_id"}
    )
    paired = pd.merge_asof(parts, totals, left_on="said_on", right_on="total_said_on", by="claimant_id")
    paired["share"] = (paired["figure"] / paired["total"]).round(3)
    # Smallest share: the part's lowest reading over the total's highest, and the other way round.
    paired["share_low"] = (paired["low"].astype("Float64") / paired["total_high"].astype("Float64")).round(3)
    paired["share_high"] = (paired["high"].astype("Float64") / paired["total_low"].astype("Float64")).clip(upper=1).round(3)
    columns = ["said_on", "claimant", "measure_label", "locations", "wordings", "figure", "total_wordings", "total",
               "total_said_on", "share", "share_low", "share_high", "statement_id", "total_statement_id"]
    return paired[columns].reset_index(drop=True)


def filter_claims(
    record: Record,
    claimant: str | None = None,
    country: str | None = None,
    measure: str | None = None,
    location: str | None = None,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """The claims matching every filter given, with their quotes.

    `claimant` matches the id, name or short name; `outlet` any part of the outlet's name
    (case-insensitive); `start`/`end` bound the date said, inclusive.
    """
    claims = with_wording(record)
    keep = pd.Series(True, index=claims.index)
    if claimant is not None:
        keep &= claims[["claimant_id", "claimant_name", "claimant_short_name"]].eq(claimant).any(axis=1)
    if country is not None:
        keep &= claims["claimant_country"] == country
    if measure is not None:
        keep &= claims["measure"] == measure
    if location is not None:
        keep &= claims["location"] == location
    if outlet is not None:
        keep &= claims["outlet"].str.contains(outlet, case=False, regex=False)
    if start is not None:
        keep &= claims["said_on"] >= pd.Timestamp(start)
    if end is not None:
        keep &= claims["said_on"] <= pd.Timestamp(end)
    columns = ["claim_id", "said_on", "claimant_short_name", "speaker", "as_worded", "measure_label", "location",
               "outlet", "quote"]
    return claims.loc[keep, columns].sort_values(["said_on", "claim_id"], ignore_index=True)


def latest_by_date(record: Record, measure: str = "sent") -> pd.DataFrame:
    """Long form of `disagreement`: for every date a claimant spoke, each claimant's statement in force.

    One row per (date, claimant) once the claimant has spoken, with the statement's figure,
    interval, wording and the day it was said (`said_on`), so stale figures are visible.
    """
    table = statements(record)
    table = table[table["measure"] == measure].sort_values("said_on")
    dates = pd.DataFrame({"date": table["said_on"].drop_duplicates().sort_values()})
    grid = dates.merge(table[["claimant_id"]].drop_duplicates(), how="cross").sort_values("date")
    in_force = pd.merge_asof(grid, table, left_on="date", right_on="said_on", by="claimant_id")
    in_force = in_force[in_force["statement_id"].notna()].copy()
    in_force["figure"] = in_force["figure"].astype("int64")
    in_force["days_old"] = (in_force["date"] - in_force["said_on"]).dt.days
    return in_force.sort_values(["date", "figure", "claimant"], ignore_index=True)


def last_current_disagreement(record: Record, measure: str = "sent", within_days: int = 7) -> pd.Series | None:
    """The last date on which two or more claimants had given figures within `within_days`, and how they differed."""
    table = disagreement(record, measure, within_days)
    compared = table[table["claimants"] >= 2]
    return compared.iloc[-1] if len(compared) else None
