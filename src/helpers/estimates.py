"""The analyses behind the notebooks: statements, the headline series, as-of views and disagreements.

Everything takes the claims DataFrame from `load_record().claims` (one row per figure as one
story reported it) plus the record's lookup tables, and is vectorised over the claims.
A *statement* is what one claimant said once; the stories that carried it share its
`statement_id`, so a statement is counted once however many stories echo it.
"""

from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.record.changelog import version_date
from helpers.record.memo import per_record
from helpers.record import Record
from helpers.record.wording import worded


@per_record
def with_wording(record: Record, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims with `as_worded` (e.g. "at least 3,000"), the measure's label and what it counts."""
    claims = record.claims if claims is None else claims
    measures = record.measures.set_index("measure")
    return claims.assign(
        as_worded=_worded_once(record, claims),
        measure_label=claims["measure"].map(measures["label"]),
        counts=claims["measure"].map(measures["counts"]),
    )


STATEMENT_COLUMNS = ["claimant_id", "claimant", "country", "measure", "measure_label", "counts", "figure", "said_on",
                     "day_known", "first_published", "stories", "rows", "qualifiers", "wordings", "outlets", "locations",
                     "subset", "speakers", "first_claim", "low", "high"]


@per_record
def statements(record: Record, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per statement: the earliest date its stories support, its figure and its interval.

    `qualifiers`, `wordings` and `outlets` list what the carrying stories used. `low`/`high`
    are the widest reading of the stories that attribute the figure (an outlet's unattributed
    "up to" counts only when no story attributes it), so a statement reported as both "at
    least" and "as many as" bounds nothing.
    """
    return _statement_table(record, record.claims if claims is None else claims, STATEMENT_COLUMNS)


@per_record
def statements_with_subset_ids(record: Record) -> pd.DataFrame:
    """`statements` with each one's `subset_id`, for analyses that tell deployments or parts of the troops apart."""
    return _statement_table(record, record.claims, [*STATEMENT_COLUMNS, "subset_id"])


def _statement_table(record: Record, claims: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`statements` with only `columns` besides statement_id: the same rows in the same order.

    The helpers that pick a few statements work out only what they pick by, then spell out the
    lists for the few they picked.
    """
    said_order, statement, first_claim, ids, id_rank = _numbered_statements(claims)
    numbers = statement[said_order]
    count = len(ids)

    def first(column: str) -> pd.Series:
        return claims[column].iloc[first_claim].reset_index(drop=True)

    def joined(values, separator: str, **options) -> pd.Series:
        lists = _distinct_joined(numbers, said_order, values, separator, **options)
        return lists.reindex(pd.RangeIndex(count), fill_value="")

    measures = record.measures.set_index("measure")
    spoken = (claims["speaker"] != "").to_numpy()
    makers = {
        "claimant_id": lambda: first("claimant_id"),
        "claimant": lambda: first("claimant_short_name"),
        "country": lambda: first("claimant_country"),
        "measure": lambda: first("measure"),
        "measure_label": lambda: first("measure").map(measures["label"]),
        "counts": lambda: first("measure").map(measures["counts"]),
        "figure": lambda: first("figure"),
        # A statement's first claim in said order was said first.
        "said_on": lambda: first("said_on"),
        "day_known": lambda: _any(statement, claims["said_on_precision"] == "day", count),
        "first_published": lambda: claims["published"].groupby(statement).min(),
        "stories": lambda: claims["source_id"].groupby(statement).nunique(),
        "rows": lambda: np.bincount(statement, minlength=count),
        "qualifiers": lambda: joined(claims["qualifier"], ", ", by_value=True),
        "wordings": lambda: joined(_wording_codes(claims, record), " / "),
        "outlets": lambda: joined(claims["outlet"], "; "),
        "locations": lambda: joined(claims["location"], ", "),
        "subset": lambda: first("subset").map(record.subsets.set_index("subset")["label"]).fillna(""),
        "subset_id": lambda: first("subset"),
        "speakers": lambda: joined(claims["speaker"], "; ", keep=spoken),
        "first_claim": lambda: first("claim_id"),
    }
    table = pd.DataFrame({name: makers[name]() for name in columns if name in makers}, index=pd.RangeIndex(count))
    if {"low", "high"} & set(columns):
        table = table.join(_bounds(claims, statement))
    table = table[columns]
    table.index = pd.Index(ids, name="statement_id", dtype=claims["statement_id"].dtype)
    table = table.reset_index()
    said_on, figure = first("said_on").to_numpy(), first("figure").to_numpy()
    return table.take(np.lexsort((id_rank, figure, said_on))).reset_index(drop=True)


class _Numbering(NamedTuple):
    """Statements numbered 0, 1, … in the order their first claim was said (by said_on, then claim_id)."""

    said_order: np.ndarray  # the claims' positions in said order
    statement: np.ndarray  # each claim's statement number, in the claims' own order
    first_claim: np.ndarray  # each statement's first claim
    ids: pd.Index  # each statement's id
    id_rank: np.ndarray  # each statement's rank by id


def _numbered_statements(claims: pd.DataFrame) -> _Numbering:
    said_order = _sort_order(claims, ["said_on", "claim_id"])
    codes, ids = pd.factorize(claims["statement_id"])
    first_said = ~pd.Series(codes[said_order]).duplicated().to_numpy()
    first_claim = said_order[first_said]
    renumber = np.empty(len(ids), dtype="int64")
    renumber[codes[first_claim]] = np.arange(len(ids))
    # Ids ranked in the order they first appear in the claims: quick when that is nearly sorted.
    id_rank = np.empty(len(ids), dtype="int64")
    id_rank[renumber[np.argsort(ids.to_numpy(dtype=object), kind="stable")]] = np.arange(len(ids))
    return _Numbering(said_order, renumber[codes], first_claim, ids[codes[first_claim]], id_rank)


def _statements_of(record: Record, claims: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """The `statements` rows of the statements `ids`, in that order, spelling out the lists of those alone."""
    table = statements(record, claims[claims["statement_id"].isin(ids)])
    return table.set_index("statement_id").loc[ids].reset_index()


def _bounds(claims: pd.DataFrame, statement: np.ndarray) -> pd.DataFrame:
    """Each statement's interval: the widest reading of the claims that attribute it."""
    # The claimant's interval comes from the rows that attribute the figure; an outlet's
    # unattributed framing counts only when no story attributes it.
    attributed = (claims["speaker_kind"] != "unattributed").to_numpy()
    count = statement.max(initial=-1) + 1
    reading = attributed | ~_any(statement, attributed, count)[statement]
    bounds = claims.loc[reading, ["low", "high"]].reset_index(drop=True)
    table = bounds.groupby(statement[reading]).agg(low=("low", "min"), high=("high", "max"))
    for bound in ("low", "high"):
        is_open = _any(statement[reading], bounds[bound].isna(), count)
        table[bound] = table[bound].astype("Int64").mask(is_open[table.index])
    return table


def _any(groups: np.ndarray, flags, count: int) -> np.ndarray:
    """For each of `count` groups, whether any of its rows is flagged."""
    return np.bincount(groups, weights=np.asarray(flags, dtype="float64"), minlength=count) > 0


def _worded_once(record: Record, claims: pd.DataFrame) -> pd.Series:
    """`worded` once for each distinct qualifier, wording, figure and interval, spread to every claim that has it."""
    codes, wordings = _wording_codes(claims, record)
    return pd.Series(wordings.take(codes), index=claims.index)


def _wording_codes(claims: pd.DataFrame, record: Record) -> tuple[np.ndarray, pd.Index]:
    """Each claim's wording as a code into the distinct wordings, formatting each distinct one once."""
    labels = record.qualifiers.set_index("qualifier")["label"]
    wording = claims.groupby(["qualifier", "qualifier_wording", "figure", "low", "high"], dropna=False,
                             sort=False).ngroup().to_numpy()
    text = worded(claims[~pd.Series(wording).duplicated().to_numpy()], labels)
    codes, distinct = pd.factorize(text)
    return codes[wording], distinct


def _sort_order(table: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Row positions sorted by `columns`, as sort_values orders columns with no missing values.

    Stable argsorts from the last key to the first: unlike sort_values, text is not ranked by
    hashing every value first, which is slow for ids that are already nearly in order.
    """
    order = np.arange(len(table))
    for column in reversed(columns):
        order = order[np.argsort(table[column].to_numpy()[order], kind="stable")]
    return order


def _distinct_joined(groups: np.ndarray, order: np.ndarray, values, separator: str, by_value: bool = False,
                     keep: np.ndarray | None = None) -> pd.Series:
    """Each group's distinct values joined by `separator`, in order of appearance or sorted by value.

    `values` (a Series, or codes and their distinct values) are in the claims' order; `order`
    puts them in the order `groups` is in; `keep` leaves rows out. Vectorised over the groups:
    one step per position in the longest list, and each distinct list is spelt out once.
    """
    value_codes, distinct = values if isinstance(values, tuple) else pd.factorize(values, sort=by_value)
    if keep is not None:
        kept = keep[order]
        groups, order = groups[kept], order[kept]
    value_codes = value_codes[order]
    first = ~pd.Series(groups.astype("int64") * (len(distinct) + 1) + value_codes).duplicated().to_numpy()
    group, value = groups[first], value_codes[first]
    # Rows of one group together, each group's values in order of appearance or of value.
    together = np.lexsort((value, group)) if by_value else np.argsort(group, kind="stable")
    group, value = group[together], value[together]
    starts = np.flatnonzero(np.diff(group, prepend=group[:1] - 1))
    sizes = np.diff(np.r_[starts, len(group)])
    slot = np.repeat(np.arange(len(starts)), sizes)
    # Rows bucketed by their position in their group: step k deals with every group's k-th value.
    position = np.arange(len(group)) - starts[slot]
    by_position = np.argsort(position, kind="stable")
    edges = np.searchsorted(position[by_position], np.arange(sizes.max(initial=0) + 1))
    steps = [by_position[edges[step]:edges[step + 1]] for step in range(1, len(edges) - 1)]
    # Number the lists: groups whose values agree position by position share a number.
    number = value[starts].astype("int64")
    for rows in steps:
        extended = pd.factorize(number[slot[rows]] * (len(distinct) + 1) + value[rows])[0]
        number[slot[rows]] = extended + number.max(initial=0) + 1
    # Spell out the first group with each list; lists are numbered in the order of those groups.
    numbers = pd.factorize(number)[0]
    spelt = ~pd.Series(numbers).duplicated().to_numpy()
    list_of_slot = np.cumsum(spelt) - 1
    words = distinct.to_numpy(dtype=object)
    texts = words[value[starts[spelt]]]
    for rows in steps:
        rows = rows[spelt[slot[rows]]]
        texts[list_of_slot[slot[rows]]] += separator + words[value[rows]]
    return pd.Series(texts[numbers], index=group[starts], dtype="str")


@per_record
def headline_steps(record: Record) -> pd.DataFrame:
    """The statements that raised the largest official figure for troops in Russia, in date order.

    Counts only measures marked `in_headline` (troops sent to Russia, in total). A statement
    is a step when its figure exceeds every figure said before it; on a tie the first to say
    it keeps the step.
    """
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    claims = record.claims[record.claims["measure"].isin(headline)]
    table = _statement_table(record, claims, ["figure", "said_on"])
    table = table.sort_values(["said_on", "figure"], ascending=[True, False])
    previous_best = table["figure"].cummax().shift(fill_value=0)
    steps = _statements_of(record, claims, table.loc[table["figure"] > previous_best, "statement_id"])
    steps["previous"] = steps["figure"].shift().astype("Int64")
    steps["multiple_of_previous"] = steps["figure"] / steps["previous"].astype("Float64")
    steps["days_since_previous"] = steps["said_on"].diff().dt.days.astype("Int64")
    return steps.reset_index(drop=True)


@per_record
def headline_series(record: Record, end: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """The largest official figure known on each day, from the first statement to `end` (by default the day of the
    newest figure for all the troops, which may be smaller than the largest).

    One row per day with the figure and the statement (claimant, outlets) behind it.
    """
    steps = headline_steps(record)
    if end is None:
        headline = record.measures.loc[record.measures["in_headline"], "measure"]
        end = record.claims.loc[record.claims["measure"].isin(headline), "said_on"].max()
    end = pd.Timestamp(end)
    # No step, no day: a record without a headline figure has an empty series.
    dates = pd.date_range(steps["said_on"].min(), end, freq="D") if len(steps) else steps["said_on"].iloc[:0]
    days = pd.DataFrame({"date": pd.Series(dates, dtype=steps["said_on"].dtype)})
    series = pd.merge_asof(days, steps.rename(columns={"said_on": "step_on"}), left_on="date", right_on="step_on")
    series["is_step"] = series["date"] == series["step_on"]
    return series[["date", "figure", "low", "high", "claimant", "claimant_id", "statement_id", "wordings",
                   "outlets", "step_on", "is_step"]]


def growth(record: Record, until: str | pd.Timestamp | None = None) -> dict | None:
    """The headline's growth from its first to its last step (up to `until`): figures, multiple, days, claimants.

    None when the record has no headline figure (by `until`).
    """
    steps = headline_steps(record)
    if until is not None:
        steps = steps[steps["said_on"] <= pd.Timestamp(until)]
    if steps.empty:
        return None
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


def _comparison_key(record: Record, table: pd.DataFrame) -> pd.DataFrame:
    """What makes two statements comparable besides the claimant: the measure, the region for parts of a total, and
    the subset for a measure that counts a named part alone (one deployment: the first wave is not replaced by the
    second). Columns, not one joined text: joining texts over every statement took a third of `as_of`."""
    measures = record.measures.set_index("measure")
    codes, names = pd.factorize(table["measure"])
    part = measures["part_of_total"].reindex(names).fillna(False).to_numpy(dtype=bool)[codes]
    headline = measures["in_headline"].reindex(names).fillna(False).to_numpy(dtype=bool)[codes]
    return pd.DataFrame({"measure": codes, "region": table["locations"].where(part, ""),
                         "deployment": table["subset_id"].where(~headline, "")}, index=table.index)


@per_record
def as_of(record: Record, date: str | pd.Timestamp, measures: list[str] | None = None) -> pd.DataFrame:
    """What each claimant had said by `date`: its latest statement for each measure (and region, and deployment)."""
    claims = record.claims
    if measures is not None:
        claims = claims[claims["measure"].isin(measures)]
    table = _statement_table(record, claims, ["claimant_id", "measure", "figure", "said_on", "locations", "subset_id"])
    table = table[table["said_on"] <= pd.Timestamp(date)]
    key = _comparison_key(record, table)
    table = table.drop(columns="measure").join(key)
    latest = table.sort_values(["said_on", "figure"]).groupby(["claimant_id", *key.columns], sort=False).tail(1)
    latest = _statements_of(record, claims, latest["statement_id"])
    return latest.sort_values(["measure", "figure", "claimant"], ignore_index=True)


@per_record
def disagreement(record: Record, measure: str = "sent", within_days: int | None = None) -> pd.DataFrame:
    """Claimant × date: each claimant's latest figure for `measure` on every date a claimant spoke.

    Adds the spread (highest − lowest), the ratio (highest / lowest) and whether the claimants'
    intervals still overlap (some number all of them could be right about). With
    `within_days`, a figure said more than that many days before the date drops out, so only
    current estimates are compared.
    """
    claims = record.claims[record.claims["measure"] == measure]
    table = _statement_table(record, claims, ["claimant", "figure", "said_on", "low", "high"]).assign(
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


@per_record
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

    The 10,000 was a pledge (NIS), a plan (Zelenskyy), a count of troops already sent (the
    Pentagon) and a count of those in Kursk Oblast (the Pentagon again); a reader who sees only
    "10,000" cannot tell which.
    """
    table = statements(record)
    table = table[table["counts"] == "troops"]
    mixed = table.groupby("figure")["measure"].transform("nunique") > 1
    columns = ["figure", "measure_label", "claimant", "said_on", "day_known", "wordings", "locations", "outlets",
               "statement_id"]
    return table.loc[mixed, columns].sort_values(["figure", "said_on", "claimant"], ignore_index=True)


@per_record
def parts_of_totals(record: Record) -> pd.DataFrame:
    """Each figure for a part of the troops (a region, the front) beside the same claimant's total then.

    The share is the part over the claimant's latest total (an in-headline measure) said on or
    before the same day; `share_low`/`share_high` use the two figures' intervals where bounded.
    """
    measures = record.measures.set_index("measure")
    table = statements(record)
    parts = table[table["measure"].map(measures["part_of_total"])].sort_values("said_on")
    totals = table[table["measure"].map(measures["in_headline"])].sort_values("said_on")
    totals = totals[["claimant_id", "said_on", "day_known", "figure", "low", "high", "wordings", "statement_id"]]
    totals = totals.rename(
        columns={"said_on": "total_said_on", "day_known": "total_day_known", "figure": "total", "low": "total_low",
                 "high": "total_high", "wordings": "total_wordings", "statement_id": "total_statement_id"}
    )
    paired = pd.merge_asof(parts, totals, left_on="said_on", right_on="total_said_on", by="claimant_id")
    paired["share"] = (paired["figure"] / paired["total"]).round(3)
    # Smallest share: the part's lowest reading over the total's highest, and the other way round.
    paired["share_low"] = (paired["low"].astype("Float64") / paired["total_high"].astype("Float64")).round(3)
    paired["share_high"] = (paired["high"].astype("Float64") / paired["total_low"].astype("Float64")).clip(upper=1).round(3)
    columns = ["said_on", "day_known", "claimant", "measure_label", "locations", "wordings", "figure", "total_wordings",
               "total", "total_said_on", "total_day_known", "share", "share_low", "share_high", "statement_id",
               "total_statement_id"]
    return paired[columns].reset_index(drop=True)


def example_claim(record: Record, claim_id: str) -> pd.Series:
    """One claim, every column, to show how a row reads: `claim_id`, or the first claim said where the record has no
    such claim (an edited or made-up record)."""
    claims = record.claims.sort_values(["said_on", "claim_id"]).set_index("claim_id")
    return claims.loc[claim_id] if claim_id in claims.index else claims.iloc[0]


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


@per_record
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


LATEST_COLUMNS = ["measure", "measure_label", "subset", "locations", "said_on", "day_known", "days_old", "claimant",
                  "wordings", "figure", "low", "high", "outlets", "speakers", "statement_id", "first_claim"]


@per_record
def latest_figures(record: Record, on: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """The newest statement of each kind of figure: "what is the number now?", and how many days old it is `on` that
    day (by default the record's version, the date of its newest changelog entry, so the answer does not change with
    the day it is read).

    A kind is a measure, and for a part of the troops its region, for a figure of one deployment its deployment (as
    in `as_of`): the third deployment's figure does not replace the first's. Statements said on the same latest day
    are all kept. Rows follow data/measures.csv's order, then the deployment, region and figure.
    """
    table = statements_with_subset_ids(record)
    key = _comparison_key(record, table)
    newest = table["said_on"].groupby([key[column] for column in key.columns]).transform("max")
    latest = table[table["said_on"] == newest]
    order = {measure: rank for rank, measure in enumerate(record.measures["measure"])}
    on = version_date(record) if on is None else pd.Timestamp(on)
    latest = latest.assign(measure_rank=latest["measure"].map(order), days_old=(on - latest["said_on"]).dt.days)
    latest = latest.sort_values(["measure_rank", "subset", "locations", "figure", "claimant"], ignore_index=True)
    return latest[LATEST_COLUMNS]


ADMISSION_SIDE = ["said_on", "day_known", "claimant", "measure_label", "subset", "locations", "wordings", "figure", "low",
                  "high", "statement_id"]


@per_record
def admissions(record: Record, counts: str | None = None) -> pd.DataFrame:
    """Each figure of a government that sent or received the troops (`party_to_deployment` in claimants.csv) beside
    each other claimant's figure for the same measure said nearest to it in time, before or after (`days_apart` < 0:
    said before the admission). An admission no other claimant matched keeps its row with the other side empty.
    `multiple` (other / admitted) is given only where both count the same part of the troops (`same_subset`).
    `counts` keeps one kind of measure ("troops" or "casualties").
    """
    table = statements(record)
    if counts is not None:
        table = table[table["counts"] == counts]
    party = table["claimant_id"].map(record.claimants.set_index("claimant_id")["party_to_deployment"]).astype(bool)
    admitted, others = table.loc[party, ["measure", *ADMISSION_SIDE]], table.loc[~party, ["measure", *ADMISSION_SIDE]]
    pairs = admitted.merge(others, on="measure", how="left", suffixes=("", "_other"))
    pairs["days_apart"] = (pairs["said_on_other"] - pairs["said_on"]).dt.days.astype("Int64")
    # Per admission and other claimant, the nearest figure; on a tie the earlier (pairs are in date order).
    distance = pairs["days_apart"].abs().fillna(0)
    nearest = distance.groupby([pairs["statement_id"], pairs["claimant_other"].fillna("")], sort=False).idxmin()
    pairs = pairs.loc[np.sort(nearest.to_numpy())]
    # A multiple only where both count the same troops: Russia's 1,000 deminers are not a sixth of a 6,000 deployment.
    pairs["same_subset"] = pairs["subset"] == pairs["subset_other"]
    multiple = (pairs["figure_other"] / pairs["figure"]).astype("Float64").round(1)
    pairs["multiple"] = multiple.where(pairs["same_subset"])
    return pairs.sort_values(["said_on", "statement_id", "days_apart"], ignore_index=True).drop(columns="measure")
