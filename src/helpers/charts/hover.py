"""Hover texts: for each statement, every story that carried it, with the exact words and their check."""

import pandas as pd

from helpers import estimates, verify
from helpers.memo import per_record
from helpers.record import Record
from helpers.style import escaped_wrapped

QUOTE_CHECK_WORDS = {
    "verified": "quote checked against the archived story",
    "not found": "quote NOT found in the archived story",
    "archive absent": "quote not checked: the archive is not here",
    "archive file missing": "quote not checked: the archive file is missing",
    "unarchived": "quote as printed on the page, not checked against an archive",
    "paraphrase": "no quote: known only as the outlet's paraphrase",
}


@per_record
def claim_hovers(record: Record) -> pd.Series:
    """HTML-escaped hover text per claim_id: outlet, date, speaker, wording, quote and its check."""
    claims = estimates.with_wording(record)
    status = verify.quote_checks(record, record.archive_dir).set_index("claim_id")["quote_status"]
    published = claims["published"].dt.strftime("%d %b %Y").fillna("date not shown")
    speaker = claims["speaker"].where(claims["speaker"] != "", "no source given")
    quote = claims["quote"].where(claims["quote"] != "", claims["notes"])
    quote_lines = quote.map(lambda q: escaped_wrapped(f"“{q}”" if q else ""))
    lines = (
        "<b>" + claims["outlet"].map(escaped_wrapped) + "</b>, published " + published
        + "<br>" + speaker.map(escaped_wrapped) + ": <b>" + claims["as_worded"] + "</b>"
        + "<br>" + quote_lines
        + "<br><i>" + claims["claim_id"].map(status).map(QUOTE_CHECK_WORDS) + "</i>"
    )
    return pd.Series(lines.to_numpy(), index=claims["claim_id"])


@per_record
def statement_hovers(record: Record) -> pd.Series:
    """Hover text per statement_id: the claimant, what and when, then every story's report of it."""
    claims = record.claims.sort_values(["published", "claim_id"])
    per_claim = claims["claim_id"].map(claim_hovers(record))
    stories = per_claim.groupby(claims["statement_id"]).agg("<br><br>".join)
    table = estimates.statements(record).set_index("statement_id")
    said = table["said_on"].dt.strftime("%d %b %Y")
    said = said.where(table["day_known"], "no later than " + said)
    head = "<b>" + table["claimant"].map(escaped_wrapped) + "</b>: " + table["measure_label"] + ", said " + said
    return head + "<br><br>" + stories.reindex(table.index)
