"""The claims record of North Korea's troop deployment to Russia, and the analysis built on it."""

from helpers.record.errors import Problem, RecordError
from helpers.record import (
    Record,
    load_claimants,
    load_claims,
    load_record,
    load_sources,
)

__all__ = [
    "Problem",
    "Record",
    "RecordError",
    "load_claimants",
    "load_claims",
    "load_record",
    "load_sources",
]
