"""Hover texts: for each statement, every story that carried it, with the exact words and their check; for a
mark drawn from several claims or statements, each of them."""

import html

import pandas as pd

from helpers import estimates
from helpers.record import verify
from helpers.record.memo import per_record
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
# The same, shorter, for a mark that lists many claims.
QUOTE_CHECK_SHORT = {
    "verified": "checked against the archive",
    "not found": "NOT found in the archive",
    "archive absent": "not checked: no archive here",
    "archive file missing": "not checked: archive file missing",
    "unarchived": "as printed, not checked against an archive",
    "paraphrase": "the outlet's paraphrase",
}
# Characters a line of `claim_lines`: wider than `claim_hovers`, so a mark listing many claims takes fewer lines.
CLAIM_LINE_CHARACTERS = 100


@per_record
def claim_hovers(record: Record) -> pd.Series:
    """HTML-escaped hover text per claim_id: outlet, date, speaker, wording, quote and its check."""
    claims, published, speaker, quote, status = _claim_words(record)
    lines = (
        "<b>" + claims["outlet"].map(escaped_wrapped) + "</b>, published " + published
        + "<br>" + speaker.map(escaped_wrapped) + ": <b>" + claims["as_worded"].map(html.escape) + "</b>"
        + "<br>" + quote.map(escaped_wrapped)
        + "<br><i>" + status.map(QUOTE_CHECK_WORDS) + "</i>"
    )
    return pd.Series(lines.to_numpy(), index=claims["claim_id"])


@per_record
def claim_lines(record: Record) -> pd.Series:
    """A shorter hover per claim_id, for a mark that lists many claims: outlet, date, speaker and wording in
    bold, then the quote (or the paraphrase note) and its check, HTML-escaped and wrapped wider than `claim_hovers`."""
    claims, published, speaker, quote, status = _claim_words(record)
    head = claims["outlet"] + ", " + published + " · " + speaker + ": " + claims["as_worded"]
    lines = ("<b>" + head.map(lambda h: escaped_wrapped(h, CLAIM_LINE_CHARACTERS)) + "</b><br>"
             + quote.map(lambda q: escaped_wrapped(q, CLAIM_LINE_CHARACTERS))
             + " <i>(" + status.map(QUOTE_CHECK_SHORT) + ")</i>")
    return pd.Series(lines.to_numpy(), index=claims["claim_id"])


def _claim_words(record: Record) -> tuple[pd.DataFrame, pd.Series, pd.Series, pd.Series, pd.Series]:
    """The claims, and each one's date of publication, speaker, words and quote check as a hover gives them: the
    quote in quotation marks, a paraphrase's note without them (its words are the note's, not the speaker's)."""
    claims = estimates.with_wording(record)
    published = claims["published"].dt.strftime("%d %b %Y").fillna("date not shown")
    speaker = claims["speaker"].where(claims["speaker"] != "", "no source given")
    quote = ("“" + claims["quote"] + "”").where(claims["quote"] != "", claims["notes"])
    checks = verify.quote_checks(record, record.archive_dir).set_index("claim_id")["quote_status"]
    return claims, published, speaker, quote, claims["claim_id"].map(checks)


@per_record
def statement_hovers(record: Record) -> pd.Series:
    """Hover text per statement_id: the claimant, what and when, then every story's report of it."""
    return _statement_texts(record, claim_hovers(record), "<br><br>")


@per_record
def statement_lines(record: Record) -> pd.Series:
    """`statement_hovers` made of `claim_lines`: for a mark that lists several statements."""
    return _statement_texts(record, claim_lines(record), "<br>")


def _statement_texts(record: Record, per_claim_text: pd.Series, between: str) -> pd.Series:
    claims = record.claims.sort_values(["published", "claim_id"])
    stories = claims["claim_id"].map(per_claim_text).groupby(claims["statement_id"]).agg(between.join)
    table = estimates.statements(record).set_index("statement_id")
    said = table["said_on"].dt.strftime("%d %b %Y")
    said = said.where(table["day_known"], "no later than " + said)
    head = ("<b>" + table["claimant"].map(escaped_wrapped) + "</b>: " + table["measure_label"].map(html.escape)
            + ", said " + said)
    return head + between + stories.reindex(table.index)


def joined_hovers(ids: pd.Series, hovers: pd.Series) -> pd.Series:
    """The hovers of each mark's ids, in the order given, between blank lines.

    `ids` holds one id a row, indexed by its mark (a mark with several ids repeats its index);
    a mark with no ids is left out.
    """
    ids = ids.dropna()
    marks = list(range(ids.index.nlevels))
    return ids.map(hovers).groupby(level=marks, sort=False).agg("<br><br>".join)
