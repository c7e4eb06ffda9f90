"""The record's version: the date of the newest entry in data/README.md's changelog, and its claim count."""

import re
from pathlib import Path

import pandas as pd

from helpers.record import Record

_ENTRY = re.compile(r"^### (\d{4}-\d{2}-\d{2})\b", re.MULTILINE)


def latest_change(data_dir: Path) -> str:
    """The newest dated heading (### YYYY-MM-DD) under '## Changelog' in the data README."""
    readme = data_dir / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    _, _, changelog = text.partition("## Changelog")
    dates = _ENTRY.findall(changelog)
    if not dates:
        raise ValueError(f"{readme}: no dated changelog entry ('### YYYY-MM-DD' under '## Changelog')")
    return max(dates)


def version_date(record: Record) -> pd.Timestamp:
    """The day the record speaks for: its newest changelog entry, or the day of its newest figure when its data
    folder keeps no changelog (a record made for a test)."""
    try:
        return pd.Timestamp(latest_change(record.data_dir))
    except ValueError:
        return record.claims["said_on"].max()


def record_version(record: Record) -> str:
    """E.g. "record of 2026-11-22, 18 claims"."""
    return f"record of {latest_change(record.data_dir)}, {len(record.claims)} claims"


def summary_counts(record: Record) -> pd.Series:
    claims = record.claims
    return pd.Series({
        "claims": len(claims),
        "statements": claims["statement_id"].nunique(),
        "sources": len(record.sources),
        "outlets": record.sources["outlet"].nunique(),
        "claimants": claims["claimant_id"].nunique(),
        "speakers named": claims.loc[claims["speaker_kind"] == "named", "speaker"].nunique(),
    })
