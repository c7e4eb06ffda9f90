"""The figures the notebooks' prose names are the record's: nbval compares outputs, not Markdown, so this test does."""

import re

import nbformat
import pytest

from helpers import estimates, load_record
from helpers.record.paths import NOTEBOOKS_DIR, PROJECT_ROOT

# "15,000" or "1,500", not a date, a year or a cell's number.
SEPARATED_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?!\d|,\d)")
STEP_CHAIN = re.compile(r"\d{1,3}(?:,\d{3})*(?:\s*→\s*\d{1,3}(?:,\d{3})*)+")
QUOTED = re.compile(r"[\"“]([^\"”]*\d[^\"”]*)[\"”]")
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def record():
    return load_record(archive_dir=None)


def prose(path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def as_number(text: str) -> int:
    return int(text.replace(",", ""))


def squeezed(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_the_prose_names_is_one_of_the_records(record, path):
    claims = record.claims
    figures = set(claims["figure"]) | set(claims["low"].dropna()) | set(claims["high"].dropna())
    named = {match.group() for match in SEPARATED_NUMBER.finditer(prose(path))}
    assert {text for text in named if as_number(text) not in figures} == set()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_the_prose_quotes_is_worded_so_in_the_record(record, path):
    """A quoted figure ("some 11,000", "11 to 12,000") is a claim's wording, words or paraphrase."""
    claims = estimates.with_wording(record)
    said = [squeezed(text) for text in (*claims["quote"], *claims["notes"], *claims["as_worded"])]
    quoted = {match.group(1) for match in QUOTED.finditer(prose(path))}
    assert {text for text in quoted if not any(squeezed(text) in words for words in said)} == set()


def test_every_chain_of_steps_is_the_headline_series(record):
    """In the notebooks a chain names every step; the README's opening may stop early and say where."""
    steps = [int(figure) for figure in estimates.headline_steps(record)["figure"]]
    chains = {path.name: STEP_CHAIN.findall(prose(path)) for path in NOTEBOOKS}
    chains["README.md"] = STEP_CHAIN.findall((PROJECT_ROOT / "README.md").read_text(encoding="utf-8"))
    assert chains["0_the_record.ipynb"] and chains["README.md"]
    for source, found in chains.items():
        for chain in found:
            figures = [as_number(part) for part in re.split(r"\s*→\s*", chain)]
            if source == "README.md":
                assert figures == steps[:len(figures)], (source, chain)
            else:
                assert figures == steps, (source, chain)
