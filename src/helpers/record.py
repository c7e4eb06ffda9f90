"""Load and validate the claims record: every CSV in data/, checked against each other.

`load_record` reads every file, runs every rule and raises one RecordError listing every
problem in every file; only a record with no problem is returned, typed and joined.
"""

import weakref
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import archive, intervals
from helpers.csvio import HEADER, WHOLE_FILE, RawTable, read_raw_table
from helpers.errors import RecordError
from helpers.paths import DATA_DIR, DEFAULT_ARCHIVE_DIR
from helpers.validation import (
    ColumnRule,
    RowRule,
    agrees_within,
    as_date,
    as_whole_number,
    by_value,
    column_rules,
    distinct,
    each_column_read_once,
    filled,
    id_rules,
    matches,
    one_of,
    real_date,
    reference_rules,
    repeated,
    text_rules,
    texts_of,
    unique,
    validate_table,
    within_war,
)

# Structural vocabularies: the loader's logic depends on them, so they live with it.
SPEAKER_KINDS = ("named", "anonymous", "institutional", "unattributed")
SAID_ON_PRECISIONS = ("day", "no_later_than")
PUBLISHED_PRECISIONS = ("stated", "inferred", "inferred_window", "undated")
QUOTE_KINDS = ("verbatim", "paraphrase")
COUNTS = ("troops", "casualties")

COLUMNS = {
    "sources.csv": ["source_id", "outlet", "credited", "headline", "published_earliest", "published",
                    "published_precision", "published_basis", "url", "archive_file", "archive_sha256", "notes"],
    "claimants.csv": ["claimant_id", "name", "short_name", "country", "kind", "colour", "party_to_deployment"],
    "qualifiers.csv": ["qualifier", "label", "wordings", "low_rule", "high_rule", "meaning"],
    "measures.csv": ["measure", "label", "counts", "in_headline", "part_of_total", "meaning"],
    "locations.csv": ["location", "name", "parent", "kind", "latitude", "longitude", "route_order", "meaning"],
    "subsets.csv": ["subset", "label", "meaning"],
    "claims.csv": ["claim_id", "source_id", "statement_id", "claimant_id", "speaker", "speaker_kind", "said_on",
                   "said_on_precision", "said_on_basis", "figure", "qualifier", "qualifier_wording", "low", "high", "measure", "location",
                   "subset", "quote_kind", "quote", "notes"],
    "exclusions.csv": ["source_id", "number", "context", "reason"],
}

# The id column of each table that other tables refer to.
KEYS = {"sources.csv": "source_id", "claimants.csv": "claimant_id", "qualifiers.csv": "qualifier",
        "measures.csv": "measure", "locations.csv": "location", "subsets.csv": "subset"}

# Sentinel: check against the archive beside the project if it is there.
ARCHIVE_IF_PRESENT = object()


@dataclass(frozen=True)
class Record:
    """The validated record: claims joined with their claimant and source, and every lookup table.

    Read-only: each table attribute is a fresh shallow copy (pandas' copy-on-write keeps it
    apart), so changing what you get never changes the record, and answers worked out from a
    record stay true of it (see helpers.memo). To explore a change, make a new record with
    dataclasses.replace(record, claims=...).
    """

    claims: pd.DataFrame
    sources: pd.DataFrame
    claimants: pd.DataFrame
    qualifiers: pd.DataFrame
    measures: pd.DataFrame
    locations: pd.DataFrame
    subsets: pd.DataFrame
    exclusions: pd.DataFrame
    data_dir: Path
    archive_dir: Path | None

    def __getattribute__(self, name: str):
        value = object.__getattribute__(self, name)
        return value.copy(deep=False) if isinstance(value, pd.DataFrame) else value


def load_record(data_dir: Path | str | None = None, archive_dir=ARCHIVE_IF_PRESENT) -> Record:
    """Read and validate every file of the record in `data_dir` (default: the project's data/).

    Quotes and archive hashes are checked against `archive_dir`; by default against
    ../shared/sources when it exists, and not at all when it does not. Pass None to skip.
    Raises RecordError with every problem found, in every file, at once.
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    archive_dir = _resolve_archive(archive_dir)
    tables = {name: read_raw_table(data_dir / name, name, columns) for name, columns in COLUMNS.items()}
    problems = [p for table in tables.values() for p in table.problems]

    cells = {name: table.cells for name, table in tables.items()}
    known = {name: _known_ids(tables[name], column) for name, column in KEYS.items()}
    texts = _archive_texts(cells["sources.csv"], archive_dir)
    rules = {
        "sources.csv": _source_rules(texts, archive_dir),
        "claimants.csv": _claimant_rules(),
        "qualifiers.csv": _qualifier_rules(),
        "measures.csv": _measure_rules(),
        "locations.csv": _location_rules(known["locations.csv"]),
        "subsets.csv": id_rules("subset") + text_rules("label", True) + text_rules("meaning", False),
        "claims.csv": _claim_rules(cells, known, texts),
        "exclusions.csv": _exclusion_rules(known, texts),
    }
    # Typing the record reads the columns the rules have already parsed.
    with each_column_read_once():
        for name, table in tables.items():
            problems.extend(validate_table(table, rules[name]))
        if problems:
            raise RecordError(problems)
        return _typed_record(cells, data_dir, archive_dir)


def load_claims(data_dir: Path | str | None = None, archive_dir=ARCHIVE_IF_PRESENT) -> pd.DataFrame:
    """The validated claims, one row per figure as one story reported it, with claimant and source joined."""
    return load_record(data_dir, archive_dir).claims


def load_sources(data_dir: Path | str | None = None, archive_dir=ARCHIVE_IF_PRESENT) -> pd.DataFrame:
    """The validated sources (the whole record is validated, so a source is never shown without its checks)."""
    return load_record(data_dir, archive_dir).sources


def load_claimants(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The validated claimants."""
    return load_record(data_dir, None).claimants


def _known_ids(table: RawTable, column: str) -> pd.Series | None:
    """The ids `table` defines, or None when it could not be read well enough to tell.

    References to an unreadable table are not checked: its own problem is reported, and
    every row that refers to it would only repeat that.
    """
    unreadable = any(p.column in (WHOLE_FILE, HEADER) for p in table.problems)
    return None if unreadable or column not in table.cells else table.cells[column]


def _resolve_archive(archive_dir) -> Path | None:
    if archive_dir is ARCHIVE_IF_PRESENT:
        return DEFAULT_ARCHIVE_DIR if DEFAULT_ARCHIVE_DIR.is_dir() else None
    if archive_dir is None:
        return None
    archive_dir = Path(archive_dir)
    if not archive_dir.is_dir():
        raise RecordError([archive_problem(archive_dir)])
    return archive_dir


def archive_problem(archive_dir: Path):
    from helpers.errors import Problem

    return Problem(str(archive_dir), 0, "(archive)", str(archive_dir), "the archive folder does not exist")


def _archive_texts(sources: pd.DataFrame, archive_dir: Path | None) -> dict[str, archive.ArchivedText]:
    if archive_dir is None or "archive_file" not in sources or "source_id" not in sources:
        return {}
    named = sources[sources["archive_file"].str.fullmatch(r"[^/\\]+")]
    texts = {}
    for source_id, file_name in zip(named["source_id"], named["archive_file"]):
        found = archive.read_archived(archive_dir / file_name)
        if found is not None:
            texts[source_id] = found
    return texts


def _source_rules(texts: dict[str, archive.ArchivedText], archive_dir: Path | None) -> list:
    def precision_needs_dates(df: pd.DataFrame) -> pd.Series:
        undated = df["published_precision"] == "undated"
        return undated | ((df["published"] != "") & (df["published_earliest"] != ""))

    def undated_has_no_date(df: pd.DataFrame) -> pd.Series:
        return (df["published_precision"] != "undated") | (df["published"] == "")

    def single_day_matches(df: pd.DataFrame) -> pd.Series:
        single = df["published_precision"].isin(["stated", "inferred"])
        return ~single | (df["published_earliest"] == df["published"])

    def window_ordered(df: pd.DataFrame) -> pd.Series:
        earliest, latest = as_date(df["published_earliest"]), as_date(df["published"])
        return earliest.isna() | latest.isna() | (earliest <= latest)

    def hash_with_file(df: pd.DataFrame) -> pd.Series:
        return (df["archive_file"] == "") == (df["archive_sha256"] == "")

    def traceable(df: pd.DataFrame) -> pd.Series:
        return (df["archive_file"] != "") | (df["url"] != "")

    rules = (
        id_rules("source_id")
        + text_rules("outlet", True)
        + text_rules("credited", False)
        + text_rules("headline", False)
        + text_rules("published_basis", True)
        + text_rules("notes", False)
        + column_rules(
            "published_precision", (one_of(PUBLISHED_PRECISIONS), f"must be one of {', '.join(PUBLISHED_PRECISIONS)}")
        )
        + [
            RowRule("published", ("published_precision", "published_earliest"), precision_needs_dates,
                    "a dated source needs both published_earliest and published (leave both empty only when undated)"),
            RowRule("published", ("published_precision",), undated_has_no_date,
                    "an undated source leaves published empty"),
            RowRule("published_earliest", ("published_precision", "published"), single_day_matches,
                    "with precision stated or inferred the story has one date: published_earliest must equal published"),
            RowRule("published_earliest", ("published",), window_ordered,
                    "published_earliest must not be after published"),
            RowRule("archive_sha256", ("archive_file",), hash_with_file,
                    "archive_file and archive_sha256 go together: fill both or leave both empty"),
            RowRule("url", ("archive_file",), traceable,
                    "a source with no archive file needs its URL, so its quotes can be traced"),
        ]
        + column_rules(
            "url", (matches(r"https?://\S+", optional=True), "a URL starts with http:// or https:// and has no spaces")
        )
        + column_rules(
            "archive_file",
            (matches(r"[^/\\]+", optional=True), "the archive file's name only, without a folder"),
            (lambda c: (c == "") | ~c.duplicated(keep=False), "two sources name the same archive file"),
        )
        + column_rules(
            "archive_sha256", (matches(r"[0-9a-f]{64}", optional=True), "a SHA-256 is 64 lower-case hex digits")
        )
    )
    for column in ("published_earliest", "published"):
        rules += column_rules(
            column,
            (real_date(optional=True), "not a real date: write YYYY-MM-DD, e.g. 2024-10-24"),
            (within_war, "a publication date must fall between 2022-02-24 and today"),
        )
    if archive_dir is not None:
        hashes = {source_id: text.sha256 for source_id, text in texts.items()}
        rules += [
            RowRule("archive_file", ("source_id",),
                    lambda df: (df["archive_file"] == "") | df["source_id"].isin(hashes.keys()),
                    f"the file is not in the archive folder {archive_dir}"),
            RowRule("archive_sha256", ("source_id", "archive_file"),
                    lambda df: ~df["source_id"].isin(hashes.keys()) | (df["source_id"].map(hashes) == df["archive_sha256"]),
                    "does not match the archived file's SHA-256: the archive changed or the hash is mistyped "
                    "(run python -m helpers.verify to see the file's hash)"),
        ]
    return rules


def _claimant_rules() -> list:
    return (
        id_rules("claimant_id")
        + text_rules("name", True)
        + text_rules("short_name", True)
        + column_rules("short_name", (unique, "two claimants share this short name, so charts could not tell them apart"))
        + text_rules("country", True)
        + text_rules("kind", True)
        + column_rules("colour", (matches(r"#[0-9a-f]{6}"), "a colour is # and six lower-case hex digits, e.g. #1f5fa8"),
                       (unique, "two claimants share this colour, so charts could not tell them apart"))
        + column_rules("party_to_deployment", (one_of(("true", "false")), "must be true or false"))
    )


def _qualifier_rules() -> list:
    rule_text = "a bound rule is figure, open, stated or figure*FACTOR (e.g. figure*0.9)"
    return (
        id_rules("qualifier")
        + text_rules("label", False)
        + text_rules("wordings", True)
        + text_rules("meaning", True)
        + column_rules("low_rule", (matches(intervals.RULE_PATTERN), rule_text))
        + column_rules("high_rule", (matches(intervals.RULE_PATTERN), rule_text))
    )


def _measure_rules() -> list:
    return (
        id_rules("measure")
        + text_rules("label", True)
        + text_rules("meaning", True)
        + column_rules("counts", (one_of(COUNTS), f"must be one of {', '.join(COUNTS)}"))
        + column_rules("in_headline", (one_of(("true", "false")), "must be true or false"))
        + column_rules("part_of_total", (one_of(("true", "false")), "must be true or false"))
        + [RowRule("part_of_total", ("in_headline",),
                   lambda df: ~((df["in_headline"] == "true") & (df["part_of_total"] == "true")),
                   "a headline measure is a total, so it cannot also be part of one")]
    )


def _location_rules(known: pd.Series | None) -> list:
    number = r"-?[0-9]+(\.[0-9]+)?"
    return (
        id_rules("location")
        + text_rules("name", True)
        + text_rules("kind", True)
        + text_rules("meaning", False)
        + reference_rules("parent", known, "locations.csv", optional=True)
        + column_rules("latitude", (matches(number), "a latitude in decimal degrees, e.g. 51.73"))
        + column_rules("longitude", (matches(number), "a longitude in decimal degrees, e.g. 36.19"))
        + column_rules("route_order", (matches(r"[1-9][0-9]*", optional=True), "a whole number from 1, or empty"))
    )


def _claim_rules(cells: dict[str, pd.DataFrame], known: dict[str, pd.Series | None],
                 texts: dict[str, archive.ArchivedText]) -> list:
    def valid(name: str):
        """Blank out ids the table does not define, so a mistyped id is reported once, by its own rule."""
        ids = known[name]
        return (lambda cells: cells) if ids is None else (lambda cells: cells.where(cells.isin(ids)))

    sources = cells["sources.csv"]
    # A Series, so an unknown source maps to a missing text even when no source is known.
    published = pd.Series(
        dict(zip(sources["source_id"].to_numpy(), sources["published"].to_numpy()))
        if {"source_id", "published"} <= set(sources.columns) else {}, dtype="str"
    )
    # A duplicated qualifier is reported as such; its bounds are not checked against either row.
    qualifiers = cells["qualifiers.csv"]
    has_rules = {"qualifier", "low_rule", "high_rule"} <= set(qualifiers.columns)
    qualifiers = qualifiers.drop_duplicates("qualifier", keep=False) if has_rules else qualifiers
    low_rules = qualifiers.set_index("qualifier")["low_rule"] if has_rules else pd.Series(dtype="str")
    high_rules = qualifiers.set_index("qualifier")["high_rule"] if has_rules else pd.Series(dtype="str")
    archived = {source_id: text.normalised for source_id, text in texts.items()}

    whole = r"[1-9][0-9]*"
    number_rule = "a whole number above 0, written as digits without separators or spaces (10000, not 10,000)"

    def published_of(source_ids: pd.Series) -> pd.Series:
        return by_value(source_ids, _published_text)

    def _published_text(source_ids: pd.Series) -> pd.Series:
        return source_ids.map(published).astype("str").fillna("")

    def not_after_publication(df: pd.DataFrame) -> pd.Series:
        said = as_date(df["said_on"])
        latest = by_value(df["source_id"], lambda ids: as_date(_published_text(ids)))
        return said.isna() | latest.isna() | (said <= latest)

    def no_later_than_is_publication(df: pd.DataFrame) -> pd.Series:
        is_bound = df["said_on_precision"] == "no_later_than"
        unknown_source = ~by_value(df["source_id"], lambda ids: ids.isin(published.index))
        return ~is_bound | unknown_source | (df["said_on"] == published_of(df["source_id"]))

    def crossed(df: pd.DataFrame) -> pd.Series:
        low, high = as_whole_number(df["low"]), as_whole_number(df["high"])
        return (low > high).fillna(False).astype("bool")

    # Crossed bounds are one mistake, reported once as such; a bound that does not follow
    # from the qualifier is reported as that, not also as a figure outside the interval.
    # Several rules ask whether a bound follows, of the same table: each answer is worked out once.
    # The table is held weakly: pandera keeps these rules for as long as the table lives.
    followed: dict[str, tuple[weakref.ref, pd.Series]] = {}

    def bound_follows(bound: str, rules: pd.Series):
        def work(df: pd.DataFrame) -> pd.Series:
            expected, stated = intervals.expected_bound(df["figure"], df["qualifier"], rules)
            written = as_whole_number(df[bound])
            rule = by_value(df["qualifier"], lambda qualifiers: qualifiers.map(rules).fillna(""))
            unknown = ~df["qualifier"].isin(rules.index) | as_whole_number(df["figure"]).isna()
            open_ok = (rule != "open") | (df[bound] == "")
            stated_ok = ~stated | written.notna()
            computed = expected.notna()
            computed_ok = ~computed | (written.notna() & (written == expected).fillna(False))
            return unknown | (open_ok & stated_ok & computed_ok)

        def test(df: pd.DataFrame) -> pd.Series:
            if bound not in followed or followed[bound][0]() is not df:
                followed[bound] = (weakref.ref(df), work(df))
            return followed[bound][1]

        return test

    def bounds_imply_another_figure(df: pd.DataFrame) -> pd.Series:
        """Both bounds are computed from the figure and written, neither follows from it, and both follow
        from one other figure: the figure is the likelier mistake, so it alone is reported."""
        written = {"low": as_whole_number(df["low"]), "high": as_whole_number(df["high"])}
        rules = {"low": low_rules, "high": high_rules}
        suspect = written["low"].notna() & written["high"].notna() & ~crossed(df)
        for bound in rules:
            suspect &= ~bound_follows(bound, rules[bound])(df)
        if not suspect.any():  # the usual case, and the only one that scales
            return suspect
        rows, qualifier = suspect[suspect].index, df.loc[suspect, "qualifier"]
        implied_by_either = pd.Series(False, index=rows)
        for bound in rules:
            implied = (written[bound][rows] / intervals.bound_factor(qualifier, rules[bound])).round()
            implied = implied.astype("Int64").astype("str")
            both_follow = pd.Series(True, index=rows)
            for other in rules:
                expected, _ = intervals.expected_bound(implied, qualifier, rules[other])
                both_follow &= (expected == written[other][rows]).fillna(False)
            implied_by_either |= both_follow
        return implied_by_either.reindex(df.index, fill_value=False).astype("bool")

    def bound_agrees(bound: str, rules: pd.Series):
        follows = bound_follows(bound, rules)

        def test(df: pd.DataFrame) -> pd.Series:
            agrees = follows(df) | crossed(df)
            return agrees if agrees.all() else agrees | bounds_imply_another_figure(df)

        return test

    def figure_within(df: pd.DataFrame) -> pd.Series:
        figure, low, high = (as_whole_number(df[c]) for c in ("figure", "low", "high"))
        within = ((low.isna() | (low <= figure)) & (high.isna() | (figure <= high))).fillna(True)
        if "qualifier" in df:
            within |= ~bound_follows("low", low_rules)(df) | ~bound_follows("high", high_rules)(df)
            # A range's figure is checked as its lower number (range_as_worded).
            within |= df["qualifier"] == "range"
        return within | crossed(df)

    def low_not_above_high(df: pd.DataFrame) -> pd.Series:
        return ~crossed(df)

    def statement_agrees(column: str, read=lambda cells: cells):
        def test(df: pd.DataFrame) -> pd.Series:
            # Unreadable or unknown values are reported by their own rule, not as a disagreement.
            values = read(df[column])
            return agrees_within(values, df["statement_id"])

        return test

    def one_row_per_wording(df: pd.DataFrame) -> pd.Series:
        return ~repeated(df, ["source_id", "statement_id", "qualifier"])

    def quote_matches_kind(df: pd.DataFrame) -> pd.Series:
        return (df["quote_kind"] == "verbatim") == (df["quote"] != "")

    def paraphrase_explained(df: pd.DataFrame) -> pd.Series:
        return (df["quote_kind"] != "paraphrase") | (df["notes"] != "")

    def range_as_worded(df: pd.DataFrame) -> pd.Series:
        low, high, figure = (as_whole_number(df[c]) for c in ("low", "high", "figure"))
        ok = low.notna() & high.notna() & (low < high) & (figure == low)
        # An empty bound is reported by the bound's own rule, crossed bounds as crossed.
        judged = (df["qualifier"] == "range") & low.notna() & high.notna() & ~crossed(df)
        return ~judged | ok.fillna(False)

    def range_printed_whole(df: pd.DataFrame) -> pd.Series:
        # Without its numbers a range's wording cannot say which words hedge it ("around 11 to 12,000").
        judged = (df["qualifier"] == "range") & (df["qualifier_wording"] != "")
        return ~judged | df["qualifier_wording"].str.contains(r"\d", regex=True)

    def speaker_given(df: pd.DataFrame) -> pd.Series:
        return (df["speaker_kind"] == "unattributed") | (df["speaker"] != "")

    def wording_with_qualifier(df: pd.DataFrame) -> pd.Series:
        return (df["qualifier"] == "exact") == (df["qualifier_wording"] == "")

    def wording_in_quote(df: pd.DataFrame) -> pd.Series:
        # In ASCII text, words found as typed, or once both are lower-cased, are still found once
        # both are normalised too (a part of a text normalises to a part of the normalised text),
        # so only the rest is normalised.
        quotes, words = df["quote"], df["qualifier_wording"]
        # Empty words (an exact figure) are in every quote.
        found = words == ""
        typed = (~found & quotes.str.isascii() & by_value(words, lambda w: w.str.isascii())).to_numpy()
        found[typed] = _found_in(quotes[typed], words[typed])
        recased = typed & ~found.to_numpy()
        found[recased] = _found_in(quotes[recased].str.lower(), by_value(words[recased], lambda w: w.str.lower()))
        rest = ~found & (quotes != "")
        normalised = by_value(words[rest], lambda w: archive.normalise_all(w).str.lower())
        found[rest] = _found_in(archive.normalise_all(quotes[rest]).str.lower(), normalised)
        return found | (quotes == "")

    def quote_in_archive(df: pd.DataFrame) -> pd.Series:
        found = archive.quotes_found(df["quote"], df["source_id"], archived)
        return found.isna() | (df["quote"] == "") | found

    date_rule = "not a real date: write YYYY-MM-DD, e.g. 2024-10-23"
    rules = (
        id_rules("claim_id")
        + text_rules("statement_id", True)
        + column_rules("statement_id", (matches(r"[a-z0-9][a-z0-9_.-]*", optional=True),
                                        "an id is lower-case letters, digits, '_', '-' or '.'"))
        + reference_rules("source_id", known["sources.csv"], "sources.csv")
        + reference_rules("claimant_id", known["claimants.csv"], "claimants.csv")
        + reference_rules("qualifier", known["qualifiers.csv"], "qualifiers.csv")
        + reference_rules("measure", known["measures.csv"], "measures.csv")
        + reference_rules("location", known["locations.csv"], "locations.csv")
        + reference_rules("subset", known["subsets.csv"], "subsets.csv", optional=True)
        + text_rules("speaker", False)
        + text_rules("said_on_basis", True)
        + text_rules("quote", False)
        + text_rules("qualifier_wording", False)
        + text_rules("notes", False)
        + column_rules("speaker_kind", (one_of(SPEAKER_KINDS), f"must be one of {', '.join(SPEAKER_KINDS)}"))
        + column_rules("said_on_precision", (one_of(SAID_ON_PRECISIONS), f"must be one of {', '.join(SAID_ON_PRECISIONS)}"))
        + column_rules("quote_kind", (one_of(QUOTE_KINDS), f"must be one of {', '.join(QUOTE_KINDS)}"))
        + column_rules("said_on", (real_date(), date_rule),
                       (within_war, "a statement about this war's troops must fall between 2022-02-24 and today"))
        + column_rules("figure", (matches(whole), number_rule))
        + column_rules("low", (matches(whole, optional=True), number_rule + ", or empty for an open end"))
        + column_rules("high", (matches(whole, optional=True), number_rule + ", or empty for an open end"))
        + [
            RowRule("said_on", ("source_id",), not_after_publication,
                    "said after the story was published: check said_on and the source's published date"),
            RowRule("said_on", ("source_id", "said_on_precision"), no_later_than_is_publication,
                    "with precision no_later_than, said_on is the source's published date"),
            RowRule("low", ("figure", "qualifier"), bound_agrees("low", low_rules),
                    "low does not follow from the qualifier (see data/qualifiers.csv: exact and at_least give "
                    "low = figure, about gives 90% of it, up_to leaves it empty, range states it)"),
            RowRule("high", ("figure", "qualifier"), bound_agrees("high", high_rules),
                    "high does not follow from the qualifier (see data/qualifiers.csv: exact and up_to give "
                    "high = figure, about gives 110% of it, at_least and more_than leave it empty, range states it)"),
            RowRule("figure", ("low", "high", "qualifier"), lambda df: ~bounds_imply_another_figure(df),
                    "low and high both follow from another figure under the qualifier (data/qualifiers.csv): "
                    "the figure or both bounds are wrong; check the figure against the quote"),
            RowRule("figure", ("low", "high"), figure_within, "the figure lies outside [low, high]: check the figure and its bounds against the qualifier (data/qualifiers.csv)"),
            RowRule("low", ("high",), low_not_above_high, "low is greater than high: swap them if they were entered the wrong way round"),
            RowRule("claimant_id", ("statement_id",), statement_agrees("claimant_id", valid("claimants.csv")),
                    "rows sharing this statement_id name different claimants: one statement has one claimant"),
            RowRule("figure", ("statement_id",), statement_agrees("figure", lambda cells: as_whole_number(cells).where(lambda n: n > 0)),
                    "rows sharing this statement_id give different figures: one statement has one figure"),
            RowRule("measure", ("statement_id",), statement_agrees("measure", valid("measures.csv")),
                    "rows sharing this statement_id count different things: one statement has one measure"),
            RowRule("qualifier", ("source_id", "statement_id"), one_row_per_wording,
                    "the story already has a row for this statement with this qualifier: keep one"),
            RowRule("qualifier_wording", ("qualifier",), wording_with_qualifier,
                    "give the qualifier's words as the story prints them (e.g. 'as many as', 'some'); "
                    "leave it empty exactly when the qualifier is exact"),
            RowRule("qualifier_wording", ("qualifier",), range_printed_whole,
                    "a range's words are the range as printed, its numbers included (e.g. 'around 11 to 12,000')"),
            RowRule("qualifier_wording", ("quote",), wording_in_quote,
                    "the qualifier's words are not in the quote: copy them from the quote"),
            RowRule("quote", ("quote_kind",), quote_matches_kind,
                    "a verbatim claim needs its quote; a paraphrase has none (put the outlet's words in notes)"),
            RowRule("notes", ("quote_kind",), paraphrase_explained,
                    "a paraphrase has no quote, so notes must give the outlet's words and say whose they are"),
            RowRule("figure", ("qualifier", "low", "high"), range_as_worded,
                    "a range has low < high, both filled, and the figure is its lower number"),
            RowRule("speaker", ("speaker_kind",), speaker_given,
                    "name the speaker, or describe them (e.g. 'a senior official'); leave it empty only when unattributed"),
        ]
    )
    if archived:
        rules.append(RowRule("quote", ("source_id",), quote_in_archive,
                             "not found in the source's archived text: copy the words exactly "
                             "(white space and curly quotes may differ, nothing else)"))
    return rules


def _found_in(texts: pd.Series, parts: pd.Series) -> np.ndarray:
    """Whether each part occurs in its text (Python's own substring search is four times as quick
    here as numpy.strings.find, which also needs both columns converted first)."""
    return np.array([part in text for text, part in zip(texts_of(texts), texts_of(parts))], dtype=bool)


def _exclusion_rules(known: dict[str, pd.Series | None], texts: dict[str, archive.ArchivedText]) -> list:
    def number_in_context(df: pd.DataFrame) -> pd.Series:
        numbers, contexts = (archive.normalise_all(df[c]).str.casefold() for c in ("number", "context"))
        within = _found_in(contexts, numbers) & (numbers.str.len() < contexts.str.len()).to_numpy()
        return pd.Series(within, index=df.index, dtype="bool") | (numbers == "")

    archived = {source_id: text.normalised for source_id, text in texts.items()}
    rules = (
        reference_rules("source_id", known["sources.csv"], "sources.csv")
        + text_rules("number", True)
        + text_rules("context", True)
        + text_rules("reason", True)
        + [RowRule("context", ("number",), number_in_context,
                   "the context must contain the number as printed, with words around it copied from the story"),
           RowRule("context", ("source_id", "number"), lambda df: ~repeated(df, ["source_id", "number", "context"]),
                   "the story already excludes this number in this context: keep one row")]
    )
    if archived:
        rules.append(RowRule(
            "context", ("source_id",),
            lambda df: archive.quotes_found(df["context"], df["source_id"], archived).fillna(True),
            "not found in the source's archived text: copy the words exactly"))
    return rules


def _typed_record(cells: dict[str, pd.DataFrame], data_dir: Path, archive_dir: Path | None) -> Record:
    sources = cells["sources.csv"].copy()
    for column in ("published_earliest", "published"):
        sources[column] = as_date(sources[column])
    claimants = cells["claimants.csv"].copy()
    claimants["party_to_deployment"] = claimants["party_to_deployment"] == "true"
    measures = cells["measures.csv"].copy()
    for column in ("in_headline", "part_of_total"):
        measures[column] = measures[column] == "true"
    locations = cells["locations.csv"].copy()
    for column in ("latitude", "longitude"):
        locations[column] = pd.to_numeric(locations[column])
    locations["route_order"] = as_whole_number(locations["route_order"])

    # Columns are parsed and looked up from the cells the rules read, so their work is reused;
    # with copy-on-write the shallow copy leaves those cells as read.
    raw = cells["claims.csv"]
    claims = raw.copy(deep=False)
    claims["said_on"] = as_date(raw["said_on"])
    claims["figure"] = as_whole_number(raw["figure"]).astype("int64")
    for column in ("low", "high"):
        claims[column] = as_whole_number(raw[column])
    claims = pd.concat([
        claims.reset_index(drop=True),
        _looked_up(raw, claimants[["claimant_id", "name", "short_name", "country"]].rename(
            columns={"name": "claimant_name", "short_name": "claimant_short_name", "country": "claimant_country"}
        ), "claimant_id"),
        _looked_up(raw, sources[["source_id", "outlet", "published_earliest", "published", "url", "archive_file"]],
                   "source_id"),
    ], axis=1)
    return Record(
        claims=claims,
        sources=sources,
        claimants=claimants,
        qualifiers=cells["qualifiers.csv"].copy(),
        measures=measures,
        locations=locations,
        subsets=cells["subsets.csv"].copy(),
        exclusions=cells["exclusions.csv"].copy(),
        data_dir=data_dir,
        archive_dir=archive_dir,
    )


def _looked_up(claims: pd.DataFrame, table: pd.DataFrame, key: str) -> pd.DataFrame:
    """The other columns of `table` for each claim's `key`, as a left many-to-one merge on keys the rules
    have checked gives them, looking each distinct key up once."""
    codes, keys = distinct(claims[key])
    # get_indexer refuses a key that is not unique in the table, as validate="many_to_one" would.
    rows = pd.Index(table[key]).get_indexer(keys)
    if (rows < 0).any():
        raise ValueError(f"a {key} of the claims is not in its table, though the rules passed")
    return table.drop(columns=key).iloc[rows[codes]].reset_index(drop=True)
