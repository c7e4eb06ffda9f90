"""Read a hand-edited CSV exactly as written: every cell as text, with the CSV line of every row.

Nothing is converted here, so nothing can be coerced silently; `validation` decides what a
cell may hold. A UTF-8 byte-order mark and CRLF line endings are accepted.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.errors import Problem

WHOLE_FILE = "(file)"
HEADER = "(header)"


@dataclass
class RawTable:
    """A CSV's cells as strings, the CSV line each row starts on, and any structural problems."""

    label: str
    cells: pd.DataFrame
    lines: pd.Series
    problems: list[Problem] = field(default_factory=list)


def read_raw_table(path: Path, label: str, columns: list[str]) -> RawTable:
    """Read `path` as text cells; report a missing file, bad encoding, a bad header or bad rows.

    `columns` are the columns the file must have, in any order; others are reported as unexpected.
    """
    empty = RawTable(label, pd.DataFrame(columns=columns, dtype="str"), pd.Series([], dtype="int64"))
    if not path.is_file():
        empty.problems.append(Problem(label, 0, WHOLE_FILE, str(path), "the file does not exist"))
        return empty
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        empty.problems.append(
            Problem(label, line, WHOLE_FILE, repr(data[error.start : error.start + 4]), "not UTF-8 text: save the file as UTF-8")
        )
        return empty
    # Only white space (text.strip() would copy the whole text to tell).
    if not text or text.isspace():
        empty.problems.append(Problem(label, 1, HEADER, "", f"the file is empty: its first line must name the columns {', '.join(columns)}"))
        return empty

    header = next(csv.reader(_lines(text)))
    problems = _header_problems(label, header, columns)
    try:
        # The bytes already read, decoded by pandas as they were above: no copy of the text is made.
        cells = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype="str", keep_default_na=False, na_filter=False,
                            skip_blank_lines=True)
    except pd.errors.ParserError:
        problems.extend(_row_length_problems(label, text, len(header)))
        return RawTable(label, empty.cells, empty.lines, problems)
    if problems:
        # Keep the columns that are well named so their cells are still checked.
        keep = [c for c in cells.columns if c in columns and header.count(c) == 1]
        cells = cells[keep]
    cells = cells.reset_index(drop=True)
    return RawTable(label, cells, _record_lines(text, len(cells)), problems)


def _lines(text: str) -> Iterator[str]:
    """The text's lines one by one, as io.StringIO(text) gives them, without copying the whole text."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _header_problems(label: str, header: list[str], columns: list[str]) -> list[Problem]:
    problems = []
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(label, 1, name, name, "the column appears twice in the header: keep one"))
        seen.add(name)
        if name not in columns:
            problems.append(
                Problem(label, 1, name, name, f"unexpected column: the file's columns are {', '.join(columns)}")
            )
    for name in columns:
        if name not in seen:
            problems.append(Problem(label, 1, name, "(missing)", "missing column: add it to the header (cells may be empty where allowed)"))
    return problems


def _row_length_problems(label: str, text: str, width: int) -> list[Problem]:
    """Every row whose number of cells differs from the header's (only run when pandas refuses the file)."""
    problems = []
    reader = csv.reader(io.StringIO(text))
    next(reader)
    start = reader.line_num + 1
    for row in reader:
        if row and len(row) != width:
            problems.append(
                Problem(label, start, WHOLE_FILE, ",".join(row), f"the row has {len(row)} cells but the header has {width}: "
                        "check for a missing comma or an unquoted comma inside a cell")
            )
        start = reader.line_num + 1
    return problems


def _record_lines(text: str, record_count: int) -> pd.Series:
    """The CSV line each record starts on (header = line 1)."""
    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    if physical == record_count + 1:
        # No blank lines and no line breaks inside cells: record i is on line i + 2.
        return pd.Series(range(2, record_count + 2), dtype="int64")
    starts = []
    reader = csv.reader(io.StringIO(text))
    next(reader)
    start = reader.line_num + 1
    for row in reader:
        if row:
            starts.append(start)
        start = reader.line_num + 1
    return pd.Series(starts, dtype="int64")
