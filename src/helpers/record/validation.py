"""Turn column rules into a pandera schema and its failure report into curator-readable problems.

A rule is a vectorised test over text cells plus a sentence that says how to fix a failing
cell. Column rules see one column; row rules see the whole table and name the column they
blame. Rules whose columns are missing are left out, so one missing column does not hide the
problems in the others.
"""

import functools
import heapq
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pandera.pandas as pa

from helpers.record.csvio import RawTable
from helpers.record.errors import Problem

WAR_START = pd.Timestamp("2022-02-24")

CellTest = Callable[[pd.Series], pd.Series]
RowTest = Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class ColumnRule:
    column: str
    test: CellTest
    rule: str


@dataclass(frozen=True)
class RowRule:
    """A rule over several columns; a failing row is reported against `column`."""

    column: str
    needs: tuple[str, ...]
    test: RowTest
    rule: str


def validate_table(table: RawTable, rules: list[ColumnRule | RowRule]) -> list[Problem]:
    """Every problem in `table` under `rules`, with its CSV line, column and value."""
    present = set(table.cells.columns)
    column_checks: dict[str, list[pa.Check]] = {c: [] for c in table.cells.columns}
    row_checks = []
    blamed: dict[str, str] = {}
    reads: dict[str, tuple[str, ...]] = {}
    for number, rule in enumerate(rules):
        # A per-rule tag keeps two rules with the same sentence apart in pandera's report.
        error = f"{number}|{rule.rule}"
        # Cells are never missing (the reader gives an empty cell as ""), so pandera's handling
        # of missing values, which scans the whole table for every check, is switched off.
        if isinstance(rule, ColumnRule):
            if rule.column in present:
                column_checks[rule.column].append(pa.Check(rule.test, error=error, ignore_na=False))
        elif set(rule.needs) | {rule.column} <= present:
            row_checks.append(pa.Check(rule.test, error=error, ignore_na=False))
            blamed[error] = rule.column
            reads[error] = (rule.column, *rule.needs)
    # pandera's own check for missing cells is not asked for: the reader never leaves one, and its
    # report carries no rule of ours (it would be dropped below), so it would only scan every column.
    # Nor is a dtype: the reader gives every column as text, and pandera's dtype check took an eighth
    # of the time of loading the curated record.
    schema = pa.DataFrameSchema(
        {name: pa.Column(checks=checks, nullable=True, coerce=False) for name, checks in column_checks.items()},
        checks=row_checks,
    )
    try:
        # Nothing is coerced or added, so validating in place only spares a copy of the table.
        with each_column_read_once():
            schema.validate(table.cells, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as errors:
        return _problems_from_failures(table, errors.failure_cases, blamed, reads)
    return []


def _problems_from_failures(table: RawTable, failures: pd.DataFrame, blamed: dict[str, str],
                            reads: dict[str, tuple[str, ...]]) -> list[Problem]:
    failures = failures[failures["index"].notna() & failures["check"].str.contains("|", regex=False)]
    is_row_rule = failures["check"].isin(blamed.keys())
    # pandera reports a failing row once per column; keep the column the rule blames.
    failures = failures[~is_row_rule | (failures["column"] == failures["check"].map(blamed))]
    is_row_rule = failures["check"].isin(blamed.keys())
    # A row rule compares cells; where one of them already breaks its own rule, the comparison
    # would only repeat that mistake, so one mistake gives one problem.
    bad_cells = set(zip(failures.loc[~is_row_rule, "index"].astype(int), failures.loc[~is_row_rule, "column"]))
    echoes = [is_row and any((int(index), column) in bad_cells for column in reads[check])
              for is_row, index, check in zip(is_row_rule, failures["index"], failures["check"])]
    failures = failures[~pd.Series(echoes, index=failures.index, dtype="bool")]
    problems = []
    for column, error, index in failures[["column", "check", "index"]].itertuples(index=False):
        row = int(index)
        problems.append(
            Problem(table.label, int(table.lines.iloc[row]), column, str(table.cells.at[row, column]), error.split("|", 1)[1])
        )
    return problems


# Work that depends only on a column's cells, done once per column while a record is read:
# many rules parse the same column or look at its distinct values.
_COLUMN_WORK: ContextVar[dict | None] = ContextVar("column_work", default=None)


@contextmanager
def each_column_read_once() -> Iterator[None]:
    """Within the block, a column is parsed, and its distinct values found, once however many rules read it."""
    outer = _COLUMN_WORK.get()
    token = _COLUMN_WORK.set({} if outer is None else outer)
    try:
        yield
    finally:
        _COLUMN_WORK.reset(token)


def _once_per_column(work: Callable[[pd.Series], object]) -> Callable[[pd.Series], object]:
    """`work(cells)` done once per column (the same array of cells) within `each_column_read_once`."""

    @functools.wraps(work)
    def once(cells: pd.Series):
        done = _COLUMN_WORK.get()
        if done is None:
            return work(cells)
        key = (work, id(cells.array))
        if key not in done or not done[key][1].equals(cells.index):
            # The cells are kept with the result, so no other array can take their id meanwhile.
            done[key] = (cells.array, cells.index, work(cells))
        result = done[key][2]
        # A shallow copy: with copy-on-write, a caller that changes it cannot change what is kept.
        return result.copy(deep=False).rename(cells.name) if isinstance(result, pd.Series) else result

    return once


def once_per_table(work: Callable[..., pd.Series], df: pd.DataFrame, *args) -> pd.Series:
    """`work(df, *args)` done once per table (the same frame object) within `each_column_read_once`:
    for a test that several rules ask of one table. `work` and `args` must be hashable."""
    done = _COLUMN_WORK.get()
    if done is None:
        return work(df, *args)
    key = (work, id(df), args)
    if key not in done:
        # The table is kept with the result, so no other frame can take its id meanwhile.
        done[key] = (df, work(df, *args))
    return done[key][1]


@_once_per_column
def distinct(cells: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Each cell's code and the column's distinct values, in order of appearance (a missing value is one too)."""
    codes, values = pd.factorize(cells, use_na_sentinel=False)
    return codes, pd.Series(values, dtype=cells.dtype)


def by_value(cells: pd.Series, function: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`function` of each cell alone, worked out once per distinct value and spread to every cell that holds it."""
    codes, values = distinct(cells)
    return pd.Series(function(values).array.take(codes), index=cells.index, name=cells.name)


def per_value(test: CellTest) -> CellTest:
    """A test or reading of each cell alone, worked out once per distinct value of the column
    while a record is read."""

    @functools.wraps(test)
    def run(cells: pd.Series) -> pd.Series:
        return test(cells) if _COLUMN_WORK.get() is None or _mostly_distinct(cells) else by_value(cells, test)

    return run


@_once_per_column
def _mostly_distinct(cells: pd.Series) -> bool:
    """Whether finding the column's distinct values would not pay: it is short, or its first
    thousand cells all differ (quotes, ids)."""
    head = cells.iloc[:1000]
    return len(head) < 1000 or head.nunique(dropna=False) == 1000


def agrees_within(values: pd.Series, groups: pd.Series) -> pd.Series:
    """True where the row's group holds at most one value, missing values aside
    (values.groupby(groups).transform("nunique") <= 1, on codes rather than text)."""
    group, group_ids = distinct(groups)
    value, value_set = distinct(values)
    found = ~value_set.isna().to_numpy()[value]
    pairs = pd.unique(group[found].astype("int64") * (len(value_set) + 1) + value[found])
    counts = np.bincount(pairs // (len(value_set) + 1), minlength=len(group_ids))
    # As in a groupby, a row whose group is missing belongs to none.
    in_group = ~group_ids.isna().to_numpy()[group]
    return pd.Series((counts[group] <= 1) & in_group, index=values.index)


def repeated(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    """True where another row holds the same values in `columns` (df.duplicated(columns, keep=False))."""
    return pd.DataFrame({c: distinct(df[c])[0] for c in columns}, index=df.index).duplicated(keep=False)


# Reusable cell tests. Cells are text; an empty cell is "".

ID_PATTERN = r"[a-z0-9][a-z0-9_.-]*"


def texts_of(cells: pd.Series) -> np.ndarray:
    """The cells' strings as they are held (no copy): for tests written over each text.

    Where a column holds mostly different texts (quotes, ids), pandas' string methods are slow
    for a cheap test: `cells.str.strip() == cells` builds a new column of strings and then
    compares two columns, where `text == text.strip()` is an identity check for a text with
    nothing to strip. Over a million quotes: 0.34 s against 0.06 s.
    """
    return cells.to_numpy(dtype=object)


def verdicts(cells: pd.Series, answers: list[bool] | np.ndarray) -> pd.Series:
    return pd.Series(np.array(answers, dtype=bool), index=cells.index, name=cells.name)


@per_value
def filled(cells: pd.Series) -> pd.Series:
    return verdicts(cells, texts_of(cells) != "")


@per_value
def no_outer_space(cells: pd.Series) -> pd.Series:
    return verdicts(cells, [text == text.strip() for text in texts_of(cells)])


def matches(pattern: str, optional: bool = False) -> CellTest:
    fullmatch = re.compile(pattern).fullmatch

    @per_value
    def test(cells: pd.Series) -> pd.Series:
        texts = texts_of(cells)
        if optional:
            return verdicts(cells, [not text or fullmatch(text) is not None for text in texts])
        return verdicts(cells, [fullmatch(text) is not None for text in texts])

    return test


def one_of(allowed, optional: bool = False) -> CellTest:
    allowed = set(allowed)

    @per_value
    def test(cells: pd.Series) -> pd.Series:
        ok = cells.isin(allowed)
        return (ok | (cells == "")) if optional else ok

    return test


def unique(cells: pd.Series) -> pd.Series:
    """No other cell holds the same value (~cells.duplicated(keep=False), on the column's codes)."""
    codes, values = distinct(cells)
    return pd.Series(np.bincount(codes, minlength=len(values))[codes] == 1, index=cells.index, name=cells.name)


@_once_per_column
@per_value
def as_date(cells: pd.Series) -> pd.Series:
    """Cells as dates; anything that is not a real YYYY-MM-DD date becomes NaT."""
    return pd.to_datetime(cells.where(cells.str.fullmatch(r"\d{4}-\d{2}-\d{2}")), format="%Y-%m-%d", errors="coerce")


def real_date(optional: bool = False) -> CellTest:
    @per_value
    def test(cells: pd.Series) -> pd.Series:
        ok = as_date(cells).notna()
        return (ok | (cells == "")) if optional else ok

    return test


@per_value
def within_war(cells: pd.Series) -> pd.Series:
    """A date not before the full-scale invasion and not in the future (an unreadable date is left to real_date)."""
    dates = as_date(cells)
    today = pd.Timestamp(date.today())
    return dates.isna() | ((dates >= WAR_START) & (dates <= today))


@_once_per_column
@per_value
def as_whole_number(cells: pd.Series) -> pd.Series:
    """Cells written as whole numbers without separators; anything else becomes <NA>."""
    return pd.to_numeric(cells.where(cells.str.fullmatch(r"[0-9]+")), errors="coerce").astype("Int64")


def column_rules(column: str, *tests: tuple[CellTest, str]) -> list[ColumnRule]:
    return [ColumnRule(column, test, rule) for test, rule in tests]


def enum_rules(column: str, allowed: tuple[str, ...]) -> list[ColumnRule]:
    return column_rules(column, (one_of(allowed), f"must be one of {', '.join(allowed)}"))


def boolean_rules(column: str) -> list[ColumnRule]:
    return column_rules(column, (one_of(("true", "false")), "must be true or false"))


def text_rules(column: str, required: bool) -> list[ColumnRule]:
    rules = [ColumnRule(column, no_outer_space, "remove the spaces at the start or end of the cell")]
    if required:
        rules.append(ColumnRule(column, filled, "must not be empty"))
    return rules


def id_rules(column: str) -> list[ColumnRule]:
    return text_rules(column, required=True) + column_rules(
        column,
        (matches(ID_PATTERN, optional=True), "an id is lower-case letters, digits, '_', '-' or '.', starting with a letter or digit"),
        (unique, "the id is used on another row too: ids must be unique, so give one of the rows a new id"),
    )


def reference_rules(column: str, allowed: pd.Series | None, file: str, optional: bool = False) -> list[ColumnRule]:
    """The column refers to ids of `file`; `allowed` None means the file is unreadable, so they are not checked."""
    rules = text_rules(column, required=not optional)
    if allowed is None:
        return rules
    allowed = set(allowed)
    # Only well-formed ids are offered: a mangled one (with a line break, say) is reported in its own file.
    # The first ones in sorted order, without sorting them all.
    ids = pd.Series(list(allowed), dtype="str")
    offered = heapq.nsmallest(13, ids[ids.str.fullmatch(ID_PATTERN)])
    shown = ", ".join(offered[:12]) + (", …" if len(offered) > 12 else "")
    return rules + column_rules(
        column, (one_of(allowed, optional=True), f"not an id in {file}: use one of its ids ({shown}) or add the row there first")
    )
