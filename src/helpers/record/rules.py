"""The record's rules: what makes each file of data/ valid, in the order data/README.md gives them.

Each file has a table below, one row per rule: the column a mistake is reported in, what
must hold, and the sentence the curator reads. Rows follow the file's columns in the order
data/README.md lists them, each under the column it reports (tests/test_rules.py holds them
to it).

- `ColumnRule(column, test, message)` judges each cell of `column` on its own;
- `RowRule(column, needs, test, message)` judges a row's cells together (`column` and the
  columns it `needs`) and reports a failing row in `column`. Where one of those cells already
  breaks its own rule, the row rule is not reported: one mistake gives one problem.

Rows the files share (`id_rules`, `text_rules`, `reference_rules`, `enum_rules`, …) and the
cell tests (`matches`, `one_of`, `real_date`, …) are in helpers.record.validation, which runs every
rule as a pandera check. A test that reads another file (a source's date, a qualifier's
rules, the archive) is a method of `Lookups`.

To add a rule: add its row under the column it reports, where data/README.md states it (and
state it there too); if no test says what must hold, write one as a small function below
the file's table.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.record import archive, intervals
from helpers.record.validation import (
    ID_PATTERN,
    ColumnRule,
    RowRule,
    agrees_within,
    as_date,
    as_whole_number,
    boolean_rules,
    by_value,
    column_rules,
    enum_rules,
    id_rules,
    matches,
    once_per_table,
    real_date,
    reference_rules,
    repeated,
    text_rules,
    texts_of,
    unique,
    within_war,
)

Rule = ColumnRule | RowRule

# Structural vocabularies: the rules and the loader's logic depend on them, so they live here.
SPEAKER_KINDS = ("named", "anonymous", "institutional", "unattributed")
SAID_ON_PRECISIONS = ("day", "no_later_than")
PUBLISHED_PRECISIONS = ("stated", "inferred", "inferred_window", "undated")
QUOTE_KINDS = ("verbatim", "paraphrase")
COUNTS = ("troops", "casualties")

BOUNDS = ("low", "high")
WHOLE_NUMBER = r"[1-9][0-9]*"
NOT_WHOLE = "a whole number above 0, written as digits without separators or spaces (10000, not 10,000)"


def record_rules(cells: dict[str, pd.DataFrame], known: dict[str, pd.Series | None],
                 texts: dict[str, archive.ArchivedText], archive_dir: Path | None) -> dict[str, list[Rule]]:
    """Every file's rules, given what the files hold and the archived texts found."""
    look = Lookups.of(cells, known, texts, archive_dir)
    return {
        "claims.csv": claims(look),
        "sources.csv": sources(look),
        "claimants.csv": claimants(),
        "qualifiers.csv": qualifiers(),
        "measures.csv": measures(),
        "locations.csv": locations(look),
        "subsets.csv": subsets(),
        "exclusions.csv": exclusions(look),
    }


def only_if(condition: bool, *rules: Rule) -> list[Rule]:
    return list(rules) if condition else []


# claims.csv

def claims(look: "Lookups") -> list[Rule]:
    """claims.csv: one figure as one story reported it."""
    return _claims_who_and_when(look) + _claims_figure(look) + _claims_what_and_words(look)


def _claims_who_and_when(look: "Lookups") -> list[Rule]:
    """claim_id to said_on_basis."""
    return [
        *id_rules("claim_id"),
        *reference_rules("source_id", look.known["sources.csv"], "sources.csv"),
        *text_rules("statement_id", required=True),
        ColumnRule("statement_id", matches(ID_PATTERN, optional=True),
                   "an id is lower-case letters, digits, '_', '-' or '.'"),
        *reference_rules("claimant_id", look.known["claimants.csv"], "claimants.csv"),
        RowRule("claimant_id", ("statement_id",), look.one_claimant_per_statement,
                "rows sharing this statement_id name different claimants: one statement has one claimant"),
        *text_rules("speaker", required=False),
        RowRule("speaker", ("speaker_kind",), speaker_given,
                "name the speaker, or describe them (e.g. 'a senior official'); leave it empty only when unattributed"),
        *enum_rules("speaker_kind", SPEAKER_KINDS),
        ColumnRule("said_on", real_date(), "not a real date: write YYYY-MM-DD, e.g. 2024-10-23"),
        ColumnRule("said_on", within_war, "a statement about this war's troops must fall between 2022-02-24 and today"),
        RowRule("said_on", ("source_id",), look.said_by_publication,
                "said after the story was published: check said_on and the source's published date"),
        RowRule("said_on", ("source_id", "said_on_precision"), look.no_later_than_is_publication,
                "with precision no_later_than, said_on is the source's published date"),
        *enum_rules("said_on_precision", SAID_ON_PRECISIONS),
        *text_rules("said_on_basis", required=True),
    ]


def _claims_figure(look: "Lookups") -> list[Rule]:
    """figure to high: the figure, its qualifier and the interval the qualifier gives."""
    return [
        ColumnRule("figure", matches(WHOLE_NUMBER), NOT_WHOLE),
        RowRule("figure", ("statement_id",), one_figure_per_statement,
                "rows sharing this statement_id give different figures: one statement has one figure"),
        RowRule("figure", ("qualifier", "low", "high"), range_as_worded,
                "a range has low < high, both filled, and the figure is its lower number"),
        RowRule("figure", ("low", "high"), look.figure_within,
                "the figure lies outside [low, high]: check the figure and its bounds against the qualifier "
                "(data/qualifiers.csv)"),
        RowRule("figure", ("low", "high", "qualifier"), look.figure_not_implied_by_bounds,
                "low and high both follow from another figure under the qualifier (data/qualifiers.csv): "
                "the figure or both bounds are wrong; check the figure against the quote"),
        *reference_rules("qualifier", look.known["qualifiers.csv"], "qualifiers.csv"),
        RowRule("qualifier", ("source_id", "statement_id"), one_row_per_wording,
                "the story already has a row for this statement with this qualifier: keep one"),
        *text_rules("qualifier_wording", required=False),
        RowRule("qualifier_wording", ("qualifier",), wording_with_qualifier,
                "give the qualifier's words as the story prints them (e.g. 'as many as', 'some'); "
                "leave it empty exactly when the qualifier is exact"),
        RowRule("qualifier_wording", ("quote",), wording_in_quote,
                "the qualifier's words are not in the quote: copy them from the quote"),
        RowRule("qualifier_wording", ("qualifier",), range_printed_whole,
                "a range's words are the range as printed, its numbers included (e.g. 'around 11 to 12,000')"),
        ColumnRule("low", matches(WHOLE_NUMBER, optional=True), NOT_WHOLE + ", or empty for an open end"),
        RowRule("low", ("figure", "qualifier"), look.low_follows,
                "low does not follow from the qualifier (see data/qualifiers.csv: exact and at_least give "
                "low = figure, about gives 90% of it, up_to leaves it empty, range states it)"),
        RowRule("low", ("high",), low_not_above_high,
                "low is greater than high: swap them if they were entered the wrong way round"),
        ColumnRule("high", matches(WHOLE_NUMBER, optional=True), NOT_WHOLE + ", or empty for an open end"),
        RowRule("high", ("figure", "qualifier"), look.high_follows,
                "high does not follow from the qualifier (see data/qualifiers.csv: exact and up_to give "
                "high = figure, about gives 110% of it, at_least and more_than leave it empty, range states it)"),
    ]


def _claims_what_and_words(look: "Lookups") -> list[Rule]:
    """measure to notes."""
    return [
        *reference_rules("measure", look.known["measures.csv"], "measures.csv"),
        RowRule("measure", ("statement_id",), look.one_measure_per_statement,
                "rows sharing this statement_id count different things: one statement has one measure"),
        *reference_rules("location", look.known["locations.csv"], "locations.csv"),
        *reference_rules("subset", look.known["subsets.csv"], "subsets.csv", optional=True),
        *enum_rules("quote_kind", QUOTE_KINDS),
        *text_rules("quote", required=False),
        RowRule("quote", ("quote_kind",), quote_matches_kind,
                "a verbatim claim needs its quote; a paraphrase has none (put the outlet's words in notes)"),
        *only_if(bool(look.archived), RowRule(
            "quote", ("source_id",), look.quote_in_archive,
            "not found in the source's archived text: copy the words exactly "
            "(white space and curly quotes may differ, nothing else)")),
        *text_rules("notes", required=False),
        RowRule("notes", ("quote_kind",), paraphrase_explained,
                "a paraphrase has no quote, so notes must give the outlet's words and say whose they are"),
    ]


def one_figure_per_statement(df: pd.DataFrame) -> pd.Series:
    # A figure that is not a whole number above 0 is reported by its own rule, not as a disagreement.
    return agrees_within(as_whole_number(df["figure"]).where(lambda n: n > 0), df["statement_id"])


def speaker_given(df: pd.DataFrame) -> pd.Series:
    return (df["speaker_kind"] == "unattributed") | (df["speaker"] != "")


def range_as_worded(df: pd.DataFrame) -> pd.Series:
    low, high, figure = (as_whole_number(df[c]) for c in ("low", "high", "figure"))
    ok = low.notna() & high.notna() & (low < high) & (figure == low)
    # An empty bound is reported by the bound's own rule, crossed bounds as crossed.
    judged = (df["qualifier"] == "range") & low.notna() & high.notna() & ~crossed(df)
    return ~judged | ok.fillna(False)


def one_row_per_wording(df: pd.DataFrame) -> pd.Series:
    return ~repeated(df, ["source_id", "statement_id", "qualifier"])


def wording_with_qualifier(df: pd.DataFrame) -> pd.Series:
    return (df["qualifier"] == "exact") == (df["qualifier_wording"] == "")


def wording_in_quote(df: pd.DataFrame) -> pd.Series:
    # An empty wording (an exact figure) is in every quote; a paraphrase has no quote to look in.
    return words_found(df["quote"], df["qualifier_wording"]) | (df["quote"] == "")


def range_printed_whole(df: pd.DataFrame) -> pd.Series:
    # Without its numbers a range's wording cannot say which words hedge it ("around 11 to 12,000").
    judged = (df["qualifier"] == "range") & (df["qualifier_wording"] != "")
    return ~judged | df["qualifier_wording"].str.contains(r"\d", regex=True)


def crossed(df: pd.DataFrame) -> pd.Series:
    low, high = as_whole_number(df["low"]), as_whole_number(df["high"])
    return (low > high).fillna(False).astype("bool")


def low_not_above_high(df: pd.DataFrame) -> pd.Series:
    return ~crossed(df)


def quote_matches_kind(df: pd.DataFrame) -> pd.Series:
    return (df["quote_kind"] == "verbatim") == (df["quote"] != "")


def paraphrase_explained(df: pd.DataFrame) -> pd.Series:
    return (df["quote_kind"] != "paraphrase") | (df["notes"] != "")


def words_found(quotes: pd.Series, words: pd.Series) -> pd.Series:
    """Whether each quote holds its words once both are normalised (helpers.record.archive) and lower-cased;
    empty words are in every quote.

    The words are first looked for as typed, then lower-cased, and only the rest normalised: in
    ASCII text, words found either way are still found once both are normalised (a part of a
    text normalises to a part of the normalised text). Over 10^6 claims this takes 0.3 s where
    normalising every quote takes 3.8 s; at the record's 34 claims, 1.3 ms against 0.6 ms.
    """
    found = words == ""
    typed = (~found & quotes.str.isascii() & by_value(words, lambda w: w.str.isascii())).to_numpy()
    found[typed] = found_in(quotes[typed], words[typed])
    recased = typed & ~found.to_numpy()
    found[recased] = found_in(quotes[recased].str.lower(), by_value(words[recased], lambda w: w.str.lower()))
    rest = ~found & (quotes != "")
    normalised = by_value(words[rest], lambda w: archive.normalise_all(w).str.lower())
    found[rest] = found_in(archive.normalise_all(quotes[rest]).str.lower(), normalised)
    return found


def found_in(texts: pd.Series, parts: pd.Series) -> np.ndarray:
    """Whether each part occurs in its text (Python's own substring search is four times as quick
    here as numpy.strings.find, which also needs both columns converted first)."""
    return np.array([part in text for text, part in zip(texts_of(texts), texts_of(parts))], dtype=bool)


# sources.csv

def sources(look: "Lookups") -> list[Rule]:
    """sources.csv: one published story."""
    return [
        *id_rules("source_id"),
        *text_rules("outlet", required=True),
        *text_rules("credited", required=False),
        *text_rules("headline", required=False),
        *publication_date_rules("published_earliest"),
        RowRule("published_earliest", ("published_precision", "published"), one_day_one_date,
                "with precision stated or inferred the story has one date: published_earliest must equal published"),
        RowRule("published_earliest", ("published",), window_in_order,
                "published_earliest must not be after published"),
        *publication_date_rules("published"),
        RowRule("published", ("published_precision", "published_earliest"), dated_has_both_dates,
                "a dated source needs both published_earliest and published (leave both empty only when undated)"),
        RowRule("published", ("published_precision",), undated_has_no_date,
                "an undated source leaves published empty"),
        *enum_rules("published_precision", PUBLISHED_PRECISIONS),
        *text_rules("published_basis", required=True),
        ColumnRule("url", matches(r"https?://\S+", optional=True),
                   "a URL starts with http:// or https:// and has no spaces"),
        RowRule("url", ("archive_file",), traceable,
                "a source with no archive file needs its URL, so its quotes can be traced"),
        ColumnRule("archive_file", matches(r"[^/\\]+", optional=True), "the archive file's name only, without a folder"),
        ColumnRule("archive_file", unique_or_empty, "two sources name the same archive file"),
        *only_if(look.archive_dir is not None, RowRule(
            "archive_file", ("source_id",), look.archive_file_found,
            f"the file is not in the archive folder {look.archive_dir}")),
        ColumnRule("archive_sha256", matches(r"[0-9a-f]{64}", optional=True), "a SHA-256 is 64 lower-case hex digits"),
        RowRule("archive_sha256", ("archive_file",), hash_with_file,
                "archive_file and archive_sha256 go together: fill both or leave both empty"),
        *only_if(look.archive_dir is not None, RowRule(
            "archive_sha256", ("source_id", "archive_file"), look.hash_matches_archive,
            "does not match the archived file's SHA-256: the archive changed or the hash is mistyped "
            "(run python -m helpers.record.verify to see the file's hash)")),
        *text_rules("notes", required=False),
    ]


def publication_date_rules(column: str) -> list[ColumnRule]:
    return column_rules(
        column,
        (real_date(optional=True), "not a real date: write YYYY-MM-DD, e.g. 2024-10-24"),
        (within_war, "a publication date must fall between 2022-02-24 and today"),
    )


def one_day_one_date(df: pd.DataFrame) -> pd.Series:
    single = df["published_precision"].isin(["stated", "inferred"])
    return ~single | (df["published_earliest"] == df["published"])


def window_in_order(df: pd.DataFrame) -> pd.Series:
    earliest, latest = as_date(df["published_earliest"]), as_date(df["published"])
    return earliest.isna() | latest.isna() | (earliest <= latest)


def dated_has_both_dates(df: pd.DataFrame) -> pd.Series:
    undated = df["published_precision"] == "undated"
    return undated | ((df["published"] != "") & (df["published_earliest"] != ""))


def undated_has_no_date(df: pd.DataFrame) -> pd.Series:
    return (df["published_precision"] != "undated") | (df["published"] == "")


def traceable(df: pd.DataFrame) -> pd.Series:
    return (df["archive_file"] != "") | (df["url"] != "")


def unique_or_empty(cells: pd.Series) -> pd.Series:
    return (cells == "") | ~cells.duplicated(keep=False)


def hash_with_file(df: pd.DataFrame) -> pd.Series:
    return (df["archive_file"] == "") == (df["archive_sha256"] == "")


# claimants.csv, qualifiers.csv, measures.csv, locations.csv, subsets.csv

def claimants() -> list[Rule]:
    """claimants.csv: an institution whose estimate a figure is."""
    return [
        *id_rules("claimant_id"),
        *text_rules("name", required=True),
        *text_rules("short_name", required=True),
        ColumnRule("short_name", unique, "two claimants share this short name, so charts could not tell them apart"),
        *text_rules("country", required=True),
        *text_rules("kind", required=True),
        ColumnRule("colour", matches(r"#[0-9a-f]{6}"), "a colour is # and six lower-case hex digits, e.g. #1f5fa8"),
        ColumnRule("colour", unique, "two claimants share this colour, so charts could not tell them apart"),
        *boolean_rules("party_to_deployment"),
    ]


def qualifiers() -> list[Rule]:
    """qualifiers.csv: a way of hedging a figure, and the interval it gives."""
    not_a_rule = "a bound rule is figure, open, stated or figure*FACTOR (e.g. figure*0.9)"
    return [
        *id_rules("qualifier"),
        *text_rules("label", required=False),
        *text_rules("wordings", required=True),
        ColumnRule("low_rule", matches(intervals.RULE_PATTERN), not_a_rule),
        ColumnRule("high_rule", matches(intervals.RULE_PATTERN), not_a_rule),
        *text_rules("meaning", required=True),
    ]


def measures() -> list[Rule]:
    """measures.csv: what a figure counts."""
    return [
        *id_rules("measure"),
        *text_rules("label", required=True),
        *enum_rules("counts", COUNTS),
        *boolean_rules("in_headline"),
        *boolean_rules("part_of_total"),
        RowRule("part_of_total", ("in_headline",), not_headline_and_part,
                "a headline measure is a total, so it cannot also be part of one"),
        *text_rules("meaning", required=True),
    ]


def not_headline_and_part(df: pd.DataFrame) -> pd.Series:
    return ~((df["in_headline"] == "true") & (df["part_of_total"] == "true"))


def locations(look: "Lookups") -> list[Rule]:
    """locations.csv: a place a figure is said to be about, or a point on the route."""
    number = r"-?[0-9]+(\.[0-9]+)?"
    return [
        *id_rules("location"),
        *text_rules("name", required=True),
        *reference_rules("parent", look.known["locations.csv"], "locations.csv", optional=True),
        *text_rules("kind", required=True),
        ColumnRule("latitude", matches(number), "a latitude in decimal degrees, e.g. 51.73"),
        ColumnRule("longitude", matches(number), "a longitude in decimal degrees, e.g. 36.19"),
        ColumnRule("route_order", matches(WHOLE_NUMBER, optional=True), "a whole number from 1, or empty"),
        *text_rules("meaning", required=False),
    ]


def subsets() -> list[Rule]:
    """subsets.csv: a described part of the troops."""
    return [*id_rules("subset"), *text_rules("label", required=True), *text_rules("meaning", required=False)]


# exclusions.csv

def exclusions(look: "Lookups") -> list[Rule]:
    """exclusions.csv: a number in an archived story that is deliberately not a claim."""
    return [
        *reference_rules("source_id", look.known["sources.csv"], "sources.csv"),
        *text_rules("number", required=True),
        *text_rules("context", required=True),
        RowRule("context", ("number",), number_in_context,
                "the context must contain the number as printed, with words around it copied from the story"),
        *only_if(bool(look.archived), RowRule(
            "context", ("source_id",), look.context_in_archive,
            "not found in the source's archived text: copy the words exactly")),
        RowRule("context", ("source_id", "number"), one_row_per_exclusion,
                "the story already excludes this number in this context: keep one row"),
        *text_rules("reason", required=True),
    ]


def number_in_context(df: pd.DataFrame) -> pd.Series:
    numbers, contexts = (archive.normalise_all(df[c]).str.casefold() for c in ("number", "context"))
    within = found_in(contexts, numbers) & (numbers.str.len() < contexts.str.len()).to_numpy()
    return pd.Series(within, index=df.index, dtype="bool") | (numbers == "")


def one_row_per_exclusion(df: pd.DataFrame) -> pd.Series:
    return ~repeated(df, ["source_id", "number", "context"])


# The rules that read another file.

@dataclass(frozen=True, eq=False)
class Lookups:
    """What a file's rules look up in the other files, and the tests that look it up.

    Compared and hashed as itself (eq=False), so its tests can key work kept for a table.
    """

    known: dict[str, pd.Series | None]  # the ids each file defines; None where it cannot be read
    published: pd.Series  # each source's published date, as written
    bound_rules: dict[str, pd.Series]  # each qualifier's rule for low and for high
    hashes: dict[str, str]  # each archived source's SHA-256
    archived: dict[str, str]  # each archived source's normalised text
    archive_dir: Path | None

    @classmethod
    def of(cls, cells: dict[str, pd.DataFrame], known: dict[str, pd.Series | None],
           texts: dict[str, archive.ArchivedText], archive_dir: Path | None) -> "Lookups":
        sources = cells["sources.csv"]
        # A Series, so an unknown source maps to a missing text even when no source is known.
        published = pd.Series(
            dict(zip(sources["source_id"].to_numpy(), sources["published"].to_numpy()))
            if {"source_id", "published"} <= set(sources.columns) else {}, dtype="str"
        )
        # A duplicated qualifier is reported as such; its bounds are not checked against either row.
        table = cells["qualifiers.csv"]
        has_rules = {"qualifier", "low_rule", "high_rule"} <= set(table.columns)
        table = table.drop_duplicates("qualifier", keep=False).set_index("qualifier") if has_rules else None
        bound_rules = {b: table[f"{b}_rule"] if has_rules else pd.Series(dtype="str") for b in BOUNDS}
        return cls(known, published, bound_rules, hashes={s: text.sha256 for s, text in texts.items()},
                   archived={s: text.normalised for s, text in texts.items()}, archive_dir=archive_dir)

    # claims.csv

    def defined(self, ids: pd.Series, file: str) -> pd.Series:
        """Blank out ids `file` does not define, so a mistyped id is reported once, by its own rule."""
        known = self.known[file]
        return ids if known is None else ids.where(ids.isin(known))

    def one_claimant_per_statement(self, df: pd.DataFrame) -> pd.Series:
        return agrees_within(self.defined(df["claimant_id"], "claimants.csv"), df["statement_id"])

    def one_measure_per_statement(self, df: pd.DataFrame) -> pd.Series:
        return agrees_within(self.defined(df["measure"], "measures.csv"), df["statement_id"])

    def published_on(self, source_ids: pd.Series) -> pd.Series:
        """Each source's published date as written; "" for a source not in sources.csv."""
        return source_ids.map(self.published).astype("str").fillna("")

    def said_by_publication(self, df: pd.DataFrame) -> pd.Series:
        said = as_date(df["said_on"])
        latest = by_value(df["source_id"], lambda ids: as_date(self.published_on(ids)))
        return said.isna() | latest.isna() | (said <= latest)

    def no_later_than_is_publication(self, df: pd.DataFrame) -> pd.Series:
        is_bound = df["said_on_precision"] == "no_later_than"
        unknown_source = ~by_value(df["source_id"], lambda ids: ids.isin(self.published.index))
        return ~is_bound | unknown_source | (df["said_on"] == by_value(df["source_id"], self.published_on))

    def quote_in_archive(self, df: pd.DataFrame) -> pd.Series:
        found = archive.quotes_found(df["quote"], df["source_id"], self.archived)
        return found.isna() | (df["quote"] == "") | found

    # The interval: a bound that does not follow from the qualifier is reported as that, not also
    # as a figure outside the interval; crossed bounds are one mistake, reported as crossed.

    def bound_follows(self, df: pd.DataFrame, bound: str) -> pd.Series:
        """The bound is what the qualifier's rule makes of the figure: the figure or a share of it,
        empty for an open end, written where the claim states it. An unknown qualifier or an
        unreadable figure is left to its own rule.

        Four rules ask it of each bound, so it is worked out once per table: 0.08 s a bound at
        10^6 claims, where loading them takes 6.3 processor seconds with this and 6.5 without
        (at the record's 34 claims, 61 ms and 69 ms).
        """
        return once_per_table(self._bound_follows, df, bound)

    def _bound_follows(self, df: pd.DataFrame, bound: str) -> pd.Series:
        rules = self.bound_rules[bound]
        expected, stated = intervals.expected_bound(df["figure"], df["qualifier"], rules)
        written = as_whole_number(df[bound])
        rule = by_value(df["qualifier"], lambda qualifiers: qualifiers.map(rules).fillna(""))
        unknown = ~df["qualifier"].isin(rules.index) | as_whole_number(df["figure"]).isna()
        open_ok = (rule != "open") | (df[bound] == "")
        stated_ok = ~stated | written.notna()
        computed_ok = ~expected.notna() | (written.notna() & (written == expected).fillna(False))
        return unknown | (open_ok & stated_ok & computed_ok)

    def low_follows(self, df: pd.DataFrame) -> pd.Series:
        return self.bound_agrees(df, "low")

    def high_follows(self, df: pd.DataFrame) -> pd.Series:
        return self.bound_agrees(df, "high")

    def bound_agrees(self, df: pd.DataFrame, bound: str) -> pd.Series:
        # Where both bounds follow from another figure, the figure alone is reported.
        return self.bound_follows(df, bound) | crossed(df) | self.bounds_imply_another_figure(df)

    def figure_not_implied_by_bounds(self, df: pd.DataFrame) -> pd.Series:
        return ~self.bounds_imply_another_figure(df)

    def figure_within(self, df: pd.DataFrame) -> pd.Series:
        figure, low, high = (as_whole_number(df[c]) for c in ("figure", "low", "high"))
        within = ((low.isna() | (low <= figure)) & (high.isna() | (figure <= high))).fillna(True)
        if "qualifier" in df:
            within |= ~self.bound_follows(df, "low") | ~self.bound_follows(df, "high")
            # A range's figure is checked as its lower number (range_as_worded).
            within |= df["qualifier"] == "range"
        return within | crossed(df)

    def bounds_imply_another_figure(self, df: pd.DataFrame) -> pd.Series:
        """Both bounds are written and computed from the figure, neither follows from it, and both
        follow from one other figure: the figure is the likelier mistake."""
        written = {bound: as_whole_number(df[bound]) for bound in BOUNDS}
        suspect = written["low"].notna() & written["high"].notna() & ~crossed(df)
        for bound in BOUNDS:
            suspect &= ~self.bound_follows(df, bound)
        if not suspect.any():  # the usual case, and the only one that scales
            return suspect
        rows, qualifier = suspect[suspect].index, df.loc[suspect, "qualifier"]
        implied_by_either = pd.Series(False, index=rows)
        for bound in BOUNDS:
            # The figure this bound follows from, and whether the other bound follows from it too.
            implied = (written[bound][rows] / intervals.bound_factor(qualifier, self.bound_rules[bound])).round()
            implied = implied.astype("Int64").astype("str")
            both_follow = pd.Series(True, index=rows)
            for other in BOUNDS:
                expected, _ = intervals.expected_bound(implied, qualifier, self.bound_rules[other])
                both_follow &= (expected == written[other][rows]).fillna(False)
            implied_by_either |= both_follow
        return implied_by_either.reindex(df.index, fill_value=False).astype("bool")

    # sources.csv and exclusions.csv

    def archive_file_found(self, df: pd.DataFrame) -> pd.Series:
        return (df["archive_file"] == "") | df["source_id"].isin(self.hashes.keys())

    def hash_matches_archive(self, df: pd.DataFrame) -> pd.Series:
        archived = df["source_id"].isin(self.hashes.keys())
        return ~archived | (df["source_id"].map(self.hashes) == df["archive_sha256"])

    def context_in_archive(self, df: pd.DataFrame) -> pd.Series:
        return archive.quotes_found(df["context"], df["source_id"], self.archived).fillna(True)
