"""Load and validate the claims record: every CSV in data/, checked against each other.

`load_record` reads every file, runs every rule and raises one RecordError listing every
problem in every file; only a record with no problem is returned, typed and joined. The rules
themselves, file by file, are in helpers.record.rules.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.record import archive
from helpers.record.csvio import HEADER, WHOLE_FILE, RawTable, read_raw_table
from helpers.record.errors import RecordError
from helpers.record.paths import DATA_DIR, DEFAULT_ARCHIVE_DIR
from helpers.record.rules import record_rules
from helpers.record.validation import as_date, as_whole_number, distinct, each_column_read_once, validate_table

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
    record stay true of it (see helpers.record.memo). To explore a change, make a new record with
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
    rules = record_rules(cells, known, texts, archive_dir)
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
    from helpers.record.errors import Problem

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
