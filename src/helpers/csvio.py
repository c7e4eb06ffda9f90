"""Read a hand-edited CSV exactly as written: every cell as text, with the CSV line of every row.

Nothing is converted here, so nothing can be coerced silently; `validation` decides what a
cell may hold. A UTF-8 byte-order mark and CRLF (or CR) line endings are accepted; blank lines
are skipped but counted.
"""

import csv
import io
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
    try:
        rows = _rows_with_lines(text)
    except _UnreadableCsv as error:
        empty.problems.append(Problem(label, error.line, WHOLE_FILE, "", f"not readable as CSV ({error.reason}): "
                                      "check for a double quote that is not closed"))
        return empty
    if not text.strip() or not rows:
        empty.problems.append(Problem(label, 1, HEADER, "", f"the file is empty: its first line must name the columns {', '.join(columns)}"))
        return empty

    (header_line, header), *records = rows
    problems = _header_problems(label, header_line, header, columns)
    misaligned = [
        Problem(label, line, WHOLE_FILE, ",".join(row), f"the row has {len(row)} cells but the header has {len(header)}: "
                "check for a missing comma, an unquoted comma inside a cell or a double quote that is not closed")
        for line, row in records if len(row) != len(header)
    ]
    if misaligned:
        # A row that does not line up with the header cannot be read cell by cell.
        return RawTable(label, empty.cells, empty.lines, problems + misaligned)
    # Keep the columns that are well named so their cells are still checked.
    keep = {c: header.index(c) for c in header if c in columns and header.count(c) == 1}
    cells = pd.DataFrame({c: pd.Series([row[i] for _, row in records], dtype="str") for c, i in keep.items()},
                         index=range(len(records)))
    return RawTable(label, cells, pd.Series([line for line, _ in records], dtype="int64"), problems)


class _UnreadableCsv(Exception):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line, self.reason = line, reason


def _rows_with_lines(text: str) -> list[tuple[int, list[str]]]:
    """Every row that is not blank, with the CSV line it starts on (the first line is 1).

    Any line ending (\\n, \\r\\n or \\r) ends a row, and one parser reads both the header and the
    rows, so a row's cells and its line number always agree.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, start = [], 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            raise _UnreadableCsv(start, str(error)) from error
        if row:
            rows.append((start, row))
        start = reader.line_num + 1


def _header_problems(label: str, line: int, header: list[str], columns: list[str]) -> list[Problem]:
    problems = []
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(label, line, name, name, "the column appears twice in the header: keep one"))
        seen.add(name)
        if name not in columns:
            problems.append(
                Problem(label, line, name, name, f"unexpected column: rename it to one of the file's columns or remove it (the columns are {', '.join(columns)})")
            )
    for name in columns:
        if name not in seen:
            problems.append(Problem(label, line, name, "(missing)", "missing column: add it to the header (cells may be empty where allowed)"))
    return problems
