"""Who said each figure and how it reached print: speakers, stories per statement, lags, quote checks."""

import pandas as pd

from helpers import estimates
from helpers.record import verify
from helpers.record.memo import per_record
from helpers.record import Record
from helpers.record.wording import dated, thousands


@per_record
def publication_lag(record: Record) -> pd.DataFrame:
    """Days from statement to publication, per claim.

    `lag_min`/`lag_max` differ where the publication date is a window. The lag is unknown
    (<NA>) where the story does not date the statement (said_on_precision no_later_than) or
    shows no date itself.
    """
    claims = estimates.with_wording(record)
    dated = claims["said_on_precision"] == "day"
    lag_min = (claims["published_earliest"] - claims["said_on"]).dt.days.astype("Int64").where(dated)
    lag_max = (claims["published"] - claims["said_on"]).dt.days.astype("Int64").where(dated)
    table = claims.assign(lag_min=lag_min, lag_max=lag_max)
    columns = ["claim_id", "statement_id", "claimant_short_name", "as_worded", "said_on", "said_on_precision", "outlet",
               "published_earliest", "published", "lag_min", "lag_max"]
    return table[columns].sort_values(["said_on", "published", "claim_id"], ignore_index=True)


@per_record
def coverage(record: Record) -> pd.DataFrame:
    """Stories per statement: how widely each statement was carried, and by whom."""
    table = estimates.statements(record)
    columns = ["statement_id", "claimant", "measure_label", "figure", "said_on", "stories", "rows", "outlets", "wordings"]
    return table[columns].sort_values(["stories", "said_on"], ascending=[False, True], ignore_index=True)


@per_record
def statement_story_matrix(record: Record) -> pd.DataFrame:
    """Statements × stories: how each story worded each statement ("" where it did not carry it)."""
    claims = estimates.with_wording(record)
    table = estimates.statements(record)
    said = dated(table["said_on"], table["day_known"])
    labels = pd.Series((table["claimant"] + ", " + said + ": " + thousands(table["figure"]) + " "
                        + table["measure_label"]).to_numpy(), index=table["statement_id"])
    # Two statements that read alike (same claimant, day, figure and measure) keep a row each.
    alike = labels.duplicated(keep=False)
    labels = labels.where(~alike, labels + " (" + labels.index.to_series() + ")")
    matrix = claims.pivot_table(index="statement_id", columns="outlet", values="as_worded",
                                aggfunc=lambda s: " / ".join(dict.fromkeys(s)), fill_value="")
    matrix = matrix.reindex(table["statement_id"])
    matrix.index = matrix.index.map(labels)
    matrix.index.name = "statement"
    matrix.columns.name = None
    return matrix


def speaker_kinds(record: Record) -> pd.DataFrame:
    """Claims per claimant by how the story attributes them: named, anonymous, institutional, unattributed."""
    claims = record.claims
    table = pd.crosstab(claims["claimant_short_name"], claims["speaker_kind"])
    order = [kind for kind in ("named", "anonymous", "institutional", "unattributed") if kind in table.columns]
    table = table[order]
    table.index.name = "claimant"
    table.columns.name = None
    table["claims"] = table.sum(axis=1)
    return table.sort_values("claims", ascending=False)


def speakers(record: Record) -> pd.DataFrame:
    """Every speaker, with the claimant they spoke for, how they are attributed and how many claims."""
    claims = record.claims
    table = claims.groupby(["claimant_short_name", "speaker_kind", "speaker"], as_index=False).agg(
        claims=("claim_id", "size"), statements=("statement_id", "nunique"), outlets=("outlet", "nunique"))
    return table.rename(columns={"claimant_short_name": "claimant"}).sort_values(
        ["claimant", "claims"], ascending=[True, False], ignore_index=True)


def quote_status(record: Record) -> pd.DataFrame:
    """Every claim's quote and whether it was found in the archived story (see verify.QUOTE_STATUS_MEANINGS)."""
    checks = verify.quote_checks(record, record.archive_dir)
    claims = record.claims.set_index("claim_id")
    checks["claimant"] = checks["claim_id"].map(claims["claimant_short_name"])
    return checks[["claim_id", "claimant", "outlet", "quote_status", "quote"]]


def quote_status_counts(record: Record) -> pd.Series:
    return quote_status(record)["quote_status"].value_counts().reindex(verify.QUOTE_STATUS_MEANINGS).fillna(0).astype(int)
