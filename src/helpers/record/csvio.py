"""Read a hand-edited CSV exactly as written: every cell as text, with the CSV line of every row.

Nothing is converted here, so nothing can be coerced silently; `validation` decides what a
cell may hold. A UTF-8 byte-order mark and CRLF (or CR) line endings are accepted; blank lines
are skipped but counted.
"""

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.record.errors import Problem

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
    before = path.stat()
    data = path.read_bytes()
    plain = _read_plain(data, label, columns, _Source(path, before))
    if plain is not None:
        return plain
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
    rows = pd.DataFrame([row for _, row in records], columns=range(len(header)), dtype="str")
    return _table(label, header, columns, rows, [line for line, _ in records], problems)


def _table(label: str, header: list[str], columns: list[str], rows: pd.DataFrame, lines, problems) -> RawTable:
    """The RawTable of `rows`, which all line up with the header (the i-th column holds the i-th cells)."""
    # Keep the columns that are well named so their cells are still checked.
    keep = {c: header.index(c) for c in header if c in columns and header.count(c) == 1}
    cells = rows.iloc[:, list(keep.values())].set_axis(list(keep), axis="columns").reset_index(drop=True)
    return RawTable(label, cells, pd.Series(lines, dtype="int64"), problems)


_BOM = "\ufeff".encode()
_COMMA, _QUOTE, _LF, _CR = (ord(c) for c in ',"\n\r')
# Bytes are compared a block at a time: a comparison over the whole file would allocate an array
# the size of the file for every byte looked for, and on this kind of machine fresh memory costs
# more than the comparison itself (3.2 s against 0.6 s for the claims of a 280 MB record).
_SCAN_BLOCK = 1 << 20


@dataclass(frozen=True)
class _Source:
    """The file the bytes came from, as it was before they were read."""

    path: Path
    before: os.stat_result

    def unchanged(self) -> bool:
        after = self.path.stat()
        return (after.st_size, after.st_mtime_ns, after.st_ino) == (
            self.before.st_size, self.before.st_mtime_ns, self.before.st_ino)


def _positions(body: np.ndarray, byte: int) -> np.ndarray:
    """Where `byte` occurs in `body`, in order."""
    found = [np.flatnonzero(body[start:start + _SCAN_BLOCK] == byte) + start for start in range(0, len(body), _SCAN_BLOCK)]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.intp)


def _counts_before(body: np.ndarray, byte: int, positions: np.ndarray) -> np.ndarray:
    """For each of the sorted `positions`, how many times `byte` occurs in `body` before it."""
    counts = np.zeros(len(positions), dtype=np.intp)
    if not len(positions):
        return counts
    seen = 0
    for start in range(0, len(body), _SCAN_BLOCK):
        block = np.flatnonzero(body[start:start + _SCAN_BLOCK] == byte)
        first, last = np.searchsorted(positions, (start, start + _SCAN_BLOCK))
        counts[first:last] = np.searchsorted(block, positions[first:last] - start) + seen
        if last == len(positions):
            break
        seen += len(block)
    return counts


def _parsed(data: bytes, text_start: int, source: _Source | None) -> pd.DataFrame:
    """pandas' reading of every row, the header too, as text.

    From the file itself when it is still the one whose bytes were checked: pandas reads a large
    file on several threads then, as `pd.read_csv(path)` does. Otherwise from the bytes. The
    encoding is plain UTF-8 (the C parser skips a leading byte-order mark itself): pandas decodes
    any other encoding, "utf-8-sig" included, through a slower text wrapper.
    """
    options = {"encoding": "utf-8", "header": None, "dtype": "str", "keep_default_na": False,
               "na_filter": False, "skip_blank_lines": False}
    if source is not None:
        rows = pd.read_csv(source.path, **options)
        if source.unchanged():
            return rows
    return pd.read_csv(io.BytesIO(data[text_start:] if text_start else data), **options)


def _read_plain(data: bytes, label: str, columns: list[str], source: _Source | None = None) -> RawTable | None:
    """The table as pandas' C parser reads it, when the file is plain enough that the csv module
    would read exactly the same rows; None otherwise, and `_rows_with_lines` reads it.

    Plain: no NUL; no carriage return but in a CRLF outside quotes; every double quote opening a
    cell, closing it or doubled inside it; every row, the header too, with the same number of
    cells (at least two); no row longer than the csv module's field limit. pandas refuses a row
    longer than the first, and the count of commas outside quotes finds a shorter one. The checks
    look at the bytes (quote, comma and line feed never occur inside a UTF-8 sequence), and pandas
    decodes as strictly as `read_raw_table` does, so a file that is not UTF-8 is left to it.
    `source` is the file `data` was read from, if any.
    """
    text_start = len(_BOM) if data.startswith(_BOM) else 0
    body = np.frombuffer(data, dtype=np.uint8)[text_start:]
    # pandas would also drop a second byte-order mark, which the csv module keeps as text.
    if not len(body) or data.startswith(_BOM, text_start) or b"\x00" in data:
        return None
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None
    quotes = _positions(body, _QUOTE)
    if len(quotes) % 2 or not _quotes_well_placed(body, quotes):
        return None

    def inside_quotes(positions: np.ndarray) -> np.ndarray:
        """Which of the sorted `positions` lie in a quoted cell (between an even-numbered quote and the next)."""
        return np.searchsorted(quotes, positions) % 2 == 1

    if b"\r" in data and inside_quotes(_positions(body, _CR)).any():
        return None
    line_feeds = _positions(body, _LF)
    ends = line_feeds[~inside_quotes(line_feeds)]
    if not len(ends) or ends[-1] != len(body) - 1:
        ends = np.append(ends, len(body))
    starts = np.append(0, ends[:-1] + 1)
    # A cell is no longer than its row.
    if (ends - starts).max() > csv.field_size_limit():
        return None
    try:
        rows = _parsed(data, text_start, source)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
        # Not UTF-8 either: `read_raw_table` says where.
        return None
    count, width = rows.shape
    commas_before_quotes = _counts_before(body, _COMMA, quotes)
    inside = int((commas_before_quotes[1::2] - commas_before_quotes[0::2]).sum())
    outside = data.count(b",") - inside
    if width < 2 or count != len(ends) or outside != count * (width - 1):
        return None
    header = rows.iloc[0].tolist()
    # The line a row starts on: one more than the line feeds before it, quoted ones included.
    lines = np.searchsorted(line_feeds, starts[1:]) + 1
    return _table(label, header, columns, rows.iloc[1:], lines, _header_problems(label, 1, header, columns))


def _quotes_well_placed(body: np.ndarray, quotes: np.ndarray) -> bool:
    """Whether every quote opens a cell, closes one, or is doubled inside one, as in CSV written by a program."""
    before = np.where(quotes > 0, body[np.maximum(quotes - 1, 0)], _COMMA)
    after = np.where(quotes + 1 < len(body), body[np.minimum(quotes + 1, len(body) - 1)], _LF)
    opening, closing = np.arange(0, len(quotes), 2), np.arange(1, len(quotes), 2)
    # An opening quote starts a cell, or is the second of a doubled quote inside one.
    doubled_before = np.append(False, quotes[1:] == quotes[:-1] + 1)
    opens = np.isin(before[opening], (_COMMA, _LF)) | doubled_before[opening]
    # A closing quote ends a cell, or is the first of a doubled quote.
    doubled_after = np.append(quotes[:-1] + 1 == quotes[1:], False)
    closes = np.isin(after[closing], (_COMMA, _LF, _CR)) | doubled_after[closing]
    return bool(opens.all() and closes.all())


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
