"""The record: from the archived stories and the hand-curated CSVs in data/ to a validated, typed Record.

- reading and checking: `load` (load_record, Record), `rules` (every rule, one table per file), `validation`
  (how a rule runs), `csvio` (reading the CSVs as written), `errors` (the curator's messages), `intervals`
  (qualifiers to bounds), `paths` (where data/ and the archive are);
- the archive: `archive` (texts and hashes), `verify` (quotes against the archive), `audit` and `mentions`
  (every number of an archived story a claim or an exclusion);
- what the record says of itself: `changelog` (its version), `summary`, `absent` (what a thin record lacks),
  `wording` (figures as the stories worded them), `memo` (analyses kept per record).
"""

from helpers.record.load import (
    ARCHIVE_IF_PRESENT,
    COLUMNS,
    KEYS,
    Record,
    load_claimants,
    load_claims,
    load_record,
    load_sources,
)

__all__ = ["ARCHIVE_IF_PRESENT", "COLUMNS", "KEYS", "Record", "load_claimants", "load_claims", "load_record",
           "load_sources"]
