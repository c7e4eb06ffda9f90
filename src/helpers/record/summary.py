"""Validate the record and print what it holds: counts, quote checks and the headline figures.

    python -m helpers.record.summary [--data DIR] [--archive DIR]
"""

import argparse
import sys
from pathlib import Path

import pandas as pd

from helpers import estimates
from helpers.record import verify
from helpers.record.changelog import record_version, summary_counts
from helpers.record.errors import RecordError
from helpers.record.paths import DEFAULT_ARCHIVE_DIR
from helpers.record import load_record
from helpers.record.wording import thousands


def headline_by_claimant(record) -> pd.DataFrame:
    """Every statement of a headline measure (troops sent to Russia), by date and claimant."""
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    table = estimates.statements(record)
    table = table[table["measure"].isin(headline)]
    steps = set(estimates.headline_steps(record)["statement_id"])
    return pd.DataFrame({
        "said on": table["said_on"].dt.strftime("%Y-%m-%d") + table["day_known"].map({True: "", False: " (by)"}),
        "claimant": table["claimant"],
        "figure": thousands(table["figure"]).where(table["qualifiers"] != "range",
                                                    thousands(table["low"]) + "–" + thousands(table["high"])),
        "as the stories worded it": table["wordings"],
        "stories": table["stories"],
        "raised the headline": table["statement_id"].isin(steps).map({True: "yes", False: ""}),
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.record.summary", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="the record's folder (default: data/)")
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE_DIR, help="folder of archived stories")
    args = parser.parse_args(argv)
    archive_dir = args.archive if args.archive.is_dir() else None
    try:
        record = load_record(args.data, archive_dir=archive_dir)
    except RecordError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"The claims record ({record_version(record)})")
    print(summary_counts(record).to_string())
    status = verify.quote_checks(record, archive_dir)["quote_status"].value_counts()
    print("Quotes: " + "; ".join(f"{count} {name}" for name, count in status.items()))
    if archive_dir is None:
        print(f"(no archive at {args.archive}: quotes were not checked)")
    print("\nTroops sent to Russia, statement by statement (\"(by)\": said no later than that day):")
    print(headline_by_claimant(record).to_string(index=False))
    growth = estimates.growth(record)
    if growth is None:
        print("\nNo figure for all the troops sent to Russia yet, so no headline.")
        return 0
    print(f"\nThe headline grew from {growth['first_figure']:,} ({growth['first_claimant']}, "
          f"{growth['first_on']:%d %b %Y}) to {growth['last_figure']:,} ({growth['last_claimant']}, "
          f"{growth['last_on']:%d %b %Y}): {growth['multiple']:.1f} times in {growth['days']} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
