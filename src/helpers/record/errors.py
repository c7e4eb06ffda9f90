"""One error type for everything wrong with the record, listing every problem at once."""

from dataclasses import dataclass

_MAX_VALUE_CHARS = 80


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell: where it is, what it holds and which rule it breaks.

    `line` is the CSV line (the header is line 1); 0 means the file as a whole.
    """

    file: str
    line: int
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        value = self.value if len(self.value) <= _MAX_VALUE_CHARS else self.value[: _MAX_VALUE_CHARS - 1] + "…"
        # A column name read from a header may hold a line break: quote it so the problem stays on one line.
        column = self.column if self.column.isprintable() else repr(self.column)
        return f"{self.file}:{self.line}: {column}: {value!r}: {self.rule}"


class RecordError(ValueError):
    """The record does not pass validation; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the record:"
        super().__init__("\n".join([heading, *(str(p) for p in self.problems)]))
