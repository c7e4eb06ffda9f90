"""The rules read in the order data/README.md gives them: each file's rows, column by column,
under the column each reports."""

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.record import archive, rules
from helpers.record.paths import DATA_DIR
from helpers.record import COLUMNS, KEYS


def readme_columns() -> dict[str, list[str]]:
    """Each file's columns in the order the first table of its section in data/README.md lists them."""
    columns: dict[str, list[str]] = {}
    file, in_table = None, False
    for line in (DATA_DIR / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = re.fullmatch(r"## (\w+\.csv)", line)
            file, in_table = (heading.group(1) if heading else None), False
        elif file is not None and line.startswith("|"):
            in_table = True
            columns.setdefault(file, []).extend(re.findall(r"`(\w+)`", line.split("|")[1]))
        elif in_table:
            file, in_table = None, False
    return columns


def every_rule() -> dict[str, list[rules.Rule]]:
    """Every file's rules, those that need an archive included."""
    cells = {name: pd.DataFrame(columns=columns, dtype="str") for name, columns in COLUMNS.items()}
    known = {name: pd.Series(dtype="str") for name in KEYS}
    texts = {"s": archive.ArchivedText(Path("s.txt"), "0" * 64, "Story text.")}
    return rules.record_rules(cells, known, texts, Path("archive"))


@pytest.mark.parametrize("file", list(COLUMNS))
def test_the_rules_follow_the_readme_column_by_column(file):
    order = readme_columns()[file]
    reported = [rule.column for rule in every_rule()[file]]
    assert set(reported) <= set(order), set(reported) - set(order)
    positions = [order.index(column) for column in reported]
    assert positions == sorted(positions), [c for c, p, q in zip(reported[1:], positions[1:], positions) if p < q]


def test_the_files_follow_the_readme():
    assert list(every_rule()) == list(readme_columns())


def test_every_column_has_a_rule():
    for file, file_rules in every_rule().items():
        assert {rule.column for rule in file_rules} == set(COLUMNS[file]), file
