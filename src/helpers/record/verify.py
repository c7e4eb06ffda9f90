"""Check every quote against its archived story and every archive file against its SHA-256.

    python -m helpers.record.verify [--archive DIR] [--data DIR] [--strict]

Prints one line per failure naming the claim and the source, then a summary. Exits 1 when a
quote is not found or a hash does not match; with no archive folder it says so and exits 0,
or 1 with --strict.
"""

import argparse
import sys
from pathlib import Path

import pandas as pd

from helpers.record import archive
from helpers.record.memo import per_record
from helpers.record.paths import DEFAULT_ARCHIVE_DIR
from helpers.record import Record, load_record

# What a claim's quote status means, for every report that shows it.
QUOTE_STATUS_MEANINGS = {
    "verified": "found word for word in the archived story",
    "not found": "NOT found in the archived story",
    "archive absent": "the story is archived, but the archive folder is not here to check against",
    "archive file missing": "the story's archive file is not in the archive folder",
    "unarchived": "quoted as printed on the page, not checked against an archive",
    "paraphrase": "with no quote, the figure known only as the outlet's paraphrase",
}


def archived_texts(record: Record, archive_dir: Path | None) -> dict[str, archive.ArchivedText]:
    """The archived text of every source whose file is in `archive_dir`."""
    if archive_dir is None:
        return {}
    archived = record.sources[record.sources["archive_file"] != ""]
    found = {s: archive.read_archived(archive_dir / name) for s, name in zip(archived["source_id"], archived["archive_file"])}
    return {source_id: text for source_id, text in found.items() if text is not None}


def source_checks(record: Record, archive_dir: Path | None) -> pd.DataFrame:
    """One row per source: its archive file and whether the file's SHA-256 matches the record."""
    sources = record.sources[["source_id", "outlet", "archive_file", "archive_sha256"]].copy()
    archived = sources["archive_file"] != ""
    hashes = {source_id: text.sha256 for source_id, text in archived_texts(record, archive_dir).items()}
    actual = sources["source_id"].map(lambda source_id: hashes.get(source_id, ""))
    sources["actual_sha256"] = actual
    sources["hash_status"] = "no archive file"
    if archive_dir is None:
        sources.loc[archived, "hash_status"] = "archive absent"
    else:
        sources.loc[archived & (actual == ""), "hash_status"] = "archive file missing"
        sources.loc[archived & (actual != "") & (actual == sources["archive_sha256"]), "hash_status"] = "match"
        sources.loc[archived & (actual != "") & (actual != sources["archive_sha256"]), "hash_status"] = "mismatch"
    return sources


@per_record
def quote_checks(record: Record, archive_dir: Path | None) -> pd.DataFrame:
    """One row per claim with `quote_status`, one of QUOTE_STATUS_MEANINGS."""
    sources = source_checks(record, archive_dir)
    claims = record.claims[["claim_id", "source_id", "outlet", "quote_kind", "quote"]].copy()
    source_status = claims["source_id"].map(sources.set_index("source_id")["hash_status"])
    texts = {source_id: text.normalised for source_id, text in archived_texts(record, archive_dir).items()}
    found = archive.quotes_found(claims["quote"], claims["source_id"], texts)
    status = pd.Series("unarchived", index=claims.index, dtype="str")
    status[source_status == "archive absent"] = "archive absent"
    status[source_status == "archive file missing"] = "archive file missing"
    status[found.eq(True).fillna(False)] = "verified"
    status[found.eq(False).fillna(False)] = "not found"
    status[claims["quote_kind"] == "paraphrase"] = "paraphrase"
    claims["quote_status"] = status
    return claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.record.verify", description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE_DIR, help="folder of archived stories")
    parser.add_argument("--data", type=Path, default=None, help="the record's folder (default: data/)")
    parser.add_argument("--strict", action="store_true", help="fail when the archive folder is absent")
    args = parser.parse_args(argv)

    archive_dir = args.archive if args.archive.is_dir() else None
    # Load without the archive checks so every failure is listed here with its claim and source.
    record = load_record(args.data, archive_dir=None)
    sources = source_checks(record, archive_dir)
    claims = quote_checks(record, archive_dir)

    failures = 0
    for row in sources[sources["hash_status"].isin(["mismatch", "archive file missing"])].itertuples():
        failures += 1
        detail = f"SHA-256 is {row.actual_sha256}, sources.csv says {row.archive_sha256}" if row.hash_status == "mismatch" \
            else f"{row.archive_file} is not in {archive_dir}"
        print(f"FAIL source {row.source_id} ({row.outlet}): archive {row.hash_status}: {detail}")
    for row in claims[claims["quote_status"] == "not found"].itertuples():
        failures += 1
        print(f"FAIL claim {row.claim_id} in source {row.source_id} ({row.outlet}): quote not found: {row.quote!r}")

    if archive_dir is None:
        print(f"The archive folder {args.archive} is not here: no quote or archive hash was checked.")
    counts = claims["quote_status"].value_counts()
    print(f"Quotes: {len(claims)} claims; " + "; ".join(f"{counts.get(s, 0)} {s}" for s in QUOTE_STATUS_MEANINGS))
    archived = sources[sources["archive_file"] != ""]
    print(f"Archive files: {len(archived)}; {(archived['hash_status'] == 'match').sum()} match their SHA-256")
    if failures:
        print(f"{failures} failure{'s' if failures != 1 else ''}.")
        return 1
    if archive_dir is None and args.strict:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
