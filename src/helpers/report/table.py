"""The record as one tidy, spreadsheet-safe table: one row per claim, with readable columns.

    python -m helpers.report.table [--out PATH] [--data DIR]

The CSV is UTF-8 with a byte-order mark, so Excel reads its accents and dashes. A cell that
a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a carriage
return, as a quote or an outlet's name could) gets a leading ' so it is shown as text.
"""

import argparse
import sys
from pathlib import Path

import pandas as pd

from helpers.record.errors import RecordError
from helpers.record.paths import OUTPUT_DIR
from helpers.record import Record, load_record
from helpers.record.verify import quote_checks
from helpers.record.wording import worded

# Beside the report rather than inside output/, which each report build replaces whole.
DEFAULT_PATH = OUTPUT_DIR.parent / "claims_table.csv"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PRECISION_WORDS = {"day": "day", "no_later_than": "no later than"}


def claims_table(record: Record) -> pd.DataFrame:
    """One row per claim, in date order, with names instead of ids and the quote's check status."""
    claims = record.claims.sort_values(["said_on", "claim_id"], ignore_index=True)
    qualifiers = record.qualifiers.set_index("qualifier")
    sources = record.sources.set_index("source_id")
    label = claims["qualifier"].map(qualifiers["label"])
    checks = quote_checks(record, record.archive_dir).set_index("claim_id")["quote_status"]
    return pd.DataFrame({
        "claim": claims["claim_id"],
        "statement": claims["statement_id"],
        "claimant": claims["claimant_name"],
        "claimant country": claims["claimant_country"],
        "speaker": claims["speaker"],
        "said on": claims["said_on"].dt.strftime("%Y-%m-%d"),
        "said on precision": claims["said_on_precision"].map(PRECISION_WORDS),
        "figure": claims["figure"],
        "qualifier": label.where(label != "", claims["qualifier"]),
        "qualifier as printed": claims["qualifier_wording"],
        "low": claims["low"],
        "high": claims["high"],
        "as worded": worded(claims, qualifiers["label"]),
        "measure": claims["measure"].map(record.measures.set_index("measure")["label"]),
        "location": claims["location"].map(record.locations.set_index("location")["name"]),
        "subset": claims["subset"].map(record.subsets.set_index("subset")["label"]).fillna(""),
        "outlet": claims["outlet"],
        "published": claims["published"].dt.strftime("%Y-%m-%d"),
        "published earliest": claims["published_earliest"].dt.strftime("%Y-%m-%d"),
        "published precision": claims["source_id"].map(sources["published_precision"]),
        "url": claims["url"],
        "quote": claims["quote"],
        "quote check": claims["claim_id"].map(checks),
        "notes": claims["notes"],
    })


def neutralise(cells: pd.Series) -> pd.Series:
    """Text cells with a ' before any that a spreadsheet would read as a formula; empty stays empty."""
    text = cells.astype("str").where(cells.notna(), "")
    return text.where(~text.str.startswith(FORMULA_STARTS), "'" + text)


def write_table(record: Record, path: Path | str = DEFAULT_PATH) -> Path:
    """Write the claims table to `path` as spreadsheet-safe UTF-8 CSV (with BOM); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = claims_table(record).apply(neutralise)
    table.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report.table", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH, help=f"the CSV to write (default: {DEFAULT_PATH})")
    parser.add_argument("--data", type=Path, default=None, help="the record's folder (default: data/)")
    args = parser.parse_args(argv)
    try:
        record = load_record(args.data)
    except RecordError as error:
        print(error, file=sys.stderr)
        return 1
    path = write_table(record, args.out)
    print(f"Wrote {len(record.claims)} claims, one a row, to {path} (UTF-8 with BOM; formula-like cells start with ').")
    return 0


if __name__ == "__main__":
    sys.exit(main())
