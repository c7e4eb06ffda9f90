"""The record's version: the date of the newest entry in data/README.md's changelog, its claim count, and a
hash of its files' content, which each executed notebook carries to say which record it shows."""

import hashlib
import re
from pathlib import Path

import pandas as pd

from helpers.record import COLUMNS, Record

_ENTRY = re.compile(r"^### (\d{4}-\d{2}-\d{2})\b", re.MULTILINE)


def latest_change(data_dir: Path) -> str | None:
    """The newest dated heading (### YYYY-MM-DD) under '## Changelog' in the data README; None without one."""
    readme = data_dir / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    _, _, changelog = text.partition("## Changelog")
    dates = _ENTRY.findall(changelog)
    return max(dates) if dates else None


def record_name(data_dir: Path) -> str:
    """"record of 2026-11-22", or, for a copy whose data README has no dated changelog entry, says so."""
    date = latest_change(data_dir)
    return f"record of {date}" if date else "record with no dated changelog entry"


def version_date(record: Record) -> pd.Timestamp:
    """The day the record speaks for: its newest changelog entry, or the day of its newest figure when its data
    folder keeps no changelog (a record made for a test)."""
    date = latest_change(record.data_dir)
    return pd.Timestamp(date) if date else record.claims["said_on"].max()


def record_version(record: Record) -> str:
    """E.g. "record of 2026-11-22, 18 claims"."""
    return f"{record_name(record.data_dir)}, {len(record.claims)} claims"


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


def content_hash(data_dir: Path) -> str:
    """SHA-256 of every file of the record and its data README, by name: any edit a notebook could show changes it."""
    digest = hashlib.sha256()
    for name in sorted([*COLUMNS, "README.md"]):
        path = Path(data_dir) / name
        content = path.read_bytes() if path.is_file() else b""
        digest.update(f"{name}\0{len(content)}\0".encode() + content)
    return digest.hexdigest()
