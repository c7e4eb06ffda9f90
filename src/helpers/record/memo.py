"""Analyses worked out once per record.

A loaded record does not change (see `Record`), and a notebook asks the same questions of it
again and again: a chart, its title and its hover text each build the statements table, for
instance. `per_record` keeps a function's answer for as long as the record lives.
"""

import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

Answer = TypeVar("Answer")

# Answers that cannot be changed by whoever receives them; tables are handed out as shallow
# copies, which copy-on-write keeps apart from the kept one.
_IMMUTABLE = (str, int, float, bool, tuple, frozenset, type(None))


def per_record(function: Callable[..., Answer]) -> Callable[..., Answer]:
    """`function(record, *args)` worked out once per record and arguments (when they are hashable)."""
    answers: dict[int, dict] = {}

    @functools.wraps(function)
    def remembered(record, *args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if not _hashable(key):  # e.g. a table of claims to work on instead of the record's
            return function(record, *args, **kwargs)
        kept = answers.get(id(record))
        if kept is None:
            kept = answers[id(record)] = {}
            # Forget the answers when the record goes, before its id can be reused.
            weakref.finalize(record, answers.pop, id(record), None)
        if key not in kept:
            answer = function(record, *args, **kwargs)
            if not isinstance(answer, (pd.DataFrame, pd.Series, *_IMMUTABLE)):
                return answer
            kept[key] = answer
        answer = kept[key]
        return answer.copy(deep=False) if isinstance(answer, (pd.DataFrame, pd.Series)) else answer

    return remembered


def _hashable(key) -> bool:
    # Asked apart from the call, so an error inside the function is not reported as raised
    # while handling an unhashable argument.
    try:
        hash(key)
    except TypeError:
        return False
    return True
