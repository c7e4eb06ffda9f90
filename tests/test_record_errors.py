"""Malformed input: every problem is reported with its file, CSV line, column and rule, all at once."""

from pathlib import Path

import pytest

from helpers import Problem, RecordError, load_record

from conftest import read_rows, set_cell, write_rows


def problems_of(data_dir: Path, archive_dir: Path) -> list[Problem]:
    with pytest.raises(RecordError) as caught:
        load_record(data_dir, archive_dir)
    # One line per problem after the heading, whatever line breaks the cells hold.
    assert len(str(caught.value).splitlines()) == len(caught.value.problems) + 1
    return caught.value.problems


def assert_reported(problems: list[Problem], file: str, line: int, column: str, rule_words: str) -> None:
    matching = [p for p in problems if (p.file, p.line, p.column) == (file, line, column)]
    assert matching, f"no problem at {file}:{line}: {column}; got {[str(p) for p in problems]}"
    assert any(rule_words in p.rule for p in matching), [p.rule for p in matching]


def test_the_copy_is_valid(record_copy):
    data_dir, archive_dir = record_copy
    assert len(load_record(data_dir, archive_dir).claims) == len(read_rows(data_dir / "claims.csv"))


CLAIM_EDITS = [
    # (claim, column, bad value, words the rule must contain)
    ("c001", "said_on", "2024-02-30", "not a real date"),
    ("c001", "said_on", "2021-06-01", "between 2022-02-24 and today"),
    ("c001", "said_on", "2099-01-01", "between 2022-02-24 and today"),
    ("c001", "figure", "0", "whole number above 0"),
    ("c001", "figure", "-3000", "whole number above 0"),
    ("c001", "figure", "1500.5", "whole number above 0"),
    ("c001", "figure", "10,000", "without separators"),
    ("c001", "qualifier", "roughly", "not an id in qualifiers.csv"),
    ("c001", "source_id", "bbc_2024-10-25", "not an id in sources.csv"),
    ("c001", "claimant_id", "kr_army", "not an id in claimants.csv"),
    ("c001", "quote", "North Korea had sent some 15 000 special forces soldiers to Russia",
     "not found in the source's archived text"),
    ("c001", "measure", "marched", "not an id in measures.csv"),
    ("c001", "speaker_kind", "secret", "must be one of"),
    ("c001", "qualifier_wording", "roughly", "not in the quote"),
    ("c001", "qualifier_wording", "", "leave it empty exactly when the qualifier is exact"),
    ("c101", "qualifier_wording", "around", "the range as printed, its numbers included"),
    # c006 is said "no later than" its story's date and shares its statement with c007, so a
    # mistake in it could echo through the rules that compare it with its source and statement.
    ("c006", "said_on", "2024-02-30", "not a real date"),
    ("c006", "said_on", "2021-06-01", "between 2022-02-24 and today"),
    ("c006", "figure", "0", "whole number above 0"),
    ("c006", "figure", "10,000", "without separators"),
    ("c006", "source_id", "bbc_2024-10-25", "not an id in sources.csv: use one of its ids"),
    ("c006", "claimant_id", "kr_army", "not an id in claimants.csv: use one of its ids"),
    ("c006", "measure", "marched", "not an id in measures.csv"),
]


@pytest.mark.parametrize("claim_id, column, value, rule_words", CLAIM_EDITS)
def test_a_bad_claim_cell_is_named_once(record_copy, claim_id, column, value, rule_words):
    data_dir, archive_dir = record_copy
    line = set_cell(data_dir / "claims.csv", "claim_id", claim_id, column, value)
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", line, column, rule_words)
    # One mistake, one problem: not echoed by the rules that compare the cell with others.
    assert len(problems) == 1, [str(p) for p in problems]


def test_low_above_high(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    rows = read_rows(path)
    index = next(i for i, r in enumerate(rows) if r["qualifier"] == "about")
    rows[index]["low"], rows[index]["high"] = rows[index]["high"], rows[index]["low"]
    write_rows(path, rows)
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", index + 2, "low", "low is greater than high: swap them")
    # Not also "outside [low, high]" and "does not follow from the qualifier" twice.
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize("cells, column, rule_words", [
    ({"low": "12000", "high": "11000"}, "low", "low is greater than high"),
    ({"figure": "13000"}, "figure", "the figure is its lower number"),
    ({"figure": "11500"}, "figure", "the figure is its lower number"),
    ({"low": ""}, "low", "range states it"),
])
def test_a_mistake_in_a_range_is_reported_once(record_copy, cells, column, rule_words):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    rows = read_rows(path)
    index = next(i for i, row in enumerate(rows) if row["qualifier"] == "range")
    rows[index].update(cells)
    write_rows(path, rows)
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", index + 2, column, rule_words)
    assert len(problems) == 1, [str(p) for p in problems]


def test_a_bound_off_the_qualifier_is_reported_once(record_copy):
    data_dir, archive_dir = record_copy
    # about 1,500 gives [1350, 1650]; a low of 1600 is wrong but still below high.
    line = set_cell(data_dir / "claims.csv", "claim_id", "c001", "low", "1600")
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", line, "low", "does not follow from the qualifier")
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize("claim_id, figure", [
    ("c001", "1400"),  # "some 1,500" (about): its bounds 1350 and 1650 follow from 1,500
    ("c108", "40000"),  # 4,000 exactly: both bounds are 4,000
])
def test_a_mistyped_figure_is_reported_once_at_the_figure(record_copy, claim_id, figure):
    data_dir, archive_dir = record_copy
    line = set_cell(data_dir / "claims.csv", "claim_id", claim_id, "figure", figure)
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", line, "figure", "low and high both follow from another figure")
    assert len(problems) == 1, [str(p) for p in problems]


def test_bounds_that_follow_from_no_one_figure_are_each_reported(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    low = set_cell(path, "claim_id", "c001", "low", "1000")
    set_cell(path, "claim_id", "c001", "high", "1700")
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", low, "low", "does not follow from the qualifier")
    assert_reported(problems, "claims.csv", low, "high", "does not follow from the qualifier")
    assert len(problems) == 2, [str(p) for p in problems]


def test_bounds_that_contradict_the_qualifier(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    # "at least 3 000" with an upper bound, and "as many as 3,000" with a lower one.
    at_least = set_cell(path, "claim_id", "c005", "high", "3000")
    up_to = set_cell(path, "claim_id", "c002", "low", "3000")
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", at_least, "high", "does not follow from the qualifier")
    assert_reported(problems, "claims.csv", up_to, "low", "does not follow from the qualifier")


def test_duplicate_claim_id(record_copy):
    data_dir, archive_dir = record_copy
    line = set_cell(data_dir / "claims.csv", "claim_id", "c002", "claim_id", "c001")
    problems = problems_of(data_dir, archive_dir)
    # Either row may be the one to renumber, so both are named, and nothing else.
    assert_reported(problems, "claims.csv", 2, "claim_id", "must be unique, so give one of the rows a new id")
    assert_reported(problems, "claims.csv", line, "claim_id", "must be unique")
    assert len(problems) == 2, [str(p) for p in problems]


def test_missing_and_unexpected_columns(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    rows = read_rows(path)
    for row in rows:
        del row["qualifier"]
        row["confidence"] = "high"
    write_rows(path, rows)
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", 1, "qualifier", "missing column: add it to the header")
    assert_reported(problems, "claims.csv", 1, "confidence", "unexpected column: rename it")
    assert len(problems) == 2, [str(p) for p in problems]


def test_the_other_columns_are_still_checked_when_one_is_missing(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    line = set_cell(path, "claim_id", "c003", "figure", "3,000")
    rows = read_rows(path)
    for row in rows:
        del row["notes"]
    write_rows(path, rows)
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", 1, "notes", "missing column")
    assert_reported(problems, "claims.csv", line, "figure", "without separators")


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_empty_file(record_copy, content):
    data_dir, archive_dir = record_copy
    (data_dir / "claims.csv").write_bytes(content)
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", 1, "(header)", "the file is empty")
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize("damage", ["empty", "no source_id column", "a short row"])
def test_an_unreadable_sources_file_is_one_problem_not_one_per_reference(record_copy, damage):
    data_dir, archive_dir = record_copy
    path = data_dir / "sources.csv"
    rows = read_rows(path)
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "no source_id column":
        write_rows(path, [{k: v for k, v in row.items() if k != "source_id"} for row in rows])
    else:
        path.write_text(path.read_text(encoding="utf-8") + "bbc_2024-10-25,BBC\n", encoding="utf-8")
    problems = problems_of(data_dir, archive_dir)
    assert {p.file for p in problems} == {"sources.csv"} and len(problems) == 1, [str(p) for p in problems]


def test_missing_file(record_copy):
    data_dir, archive_dir = record_copy
    (data_dir / "claimants.csv").unlink()
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claimants.csv", 0, "(file)", "does not exist")


def test_row_with_too_many_cells(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\n") + ",extra\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert_reported(problems_of(data_dir, archive_dir), "claims.csv", 4, "(file)", "cells but the header has")


def test_a_row_with_too_few_cells_is_one_problem_not_a_cell_each(record_copy):
    """pandas used to pad a short row with empty cells, so every required cell was reported."""
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = ",".join(lines[3].split(",")[:5]) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", 4, "(file)", "the row has 5 cells but the header has 20")
    assert len(problems) == 1, [str(p) for p in problems]


def test_old_mac_line_endings_load(record_copy):
    """A bare carriage return ends a line (it used to stop the CSV reader with an error)."""
    data_dir, archive_dir = record_copy
    path = data_dir / "claimants.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    assert len(load_record(data_dir, archive_dir).claimants) == len(read_rows(data_dir / "claimants.csv"))


@pytest.mark.parametrize("content, rule_words", [
    (b"\ra", "missing column"),
    (b'claim_id,"source_id\n', "unexpected column"),  # the quote runs to the end of the file
    (b'claim_id\n"' + b"x" * 200_000 + b'"\n', "not readable as CSV (field larger than field limit"),
    (b"claim_id,\x00\n", "unexpected column"),
])
def test_unusual_bytes_are_reported_not_raised(record_copy, content, rule_words):
    """Inputs that once raised something other than RecordError."""
    data_dir, archive_dir = record_copy
    (data_dir / "claims.csv").write_bytes(content)
    problems = problems_of(data_dir, archive_dir)
    assert any(p.file == "claims.csv" and rule_words in p.rule for p in problems), [str(p) for p in problems]


def test_a_column_name_with_a_line_break_stays_on_one_line(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("notes", '"no\ntes"', 1), encoding="utf-8")
    problems_of(data_dir, archive_dir)  # asserts one line per problem


def test_a_mangled_id_stays_out_of_the_ids_offered(record_copy):
    """The ids a reference may use are listed in its rule; a form feed among them broke the line."""
    data_dir, archive_dir = record_copy
    set_cell(data_dir / "claimants.csv", "claimant_id", "kr_nis", "claimant_id", "\x0c")
    assert all("\x0c" not in p.rule for p in problems_of(data_dir, archive_dir))


def test_a_duplicated_qualifier_is_reported_not_raised(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "qualifiers.csv"
    rows = read_rows(path)
    write_rows(path, rows + [dict(rows[1], low_rule="figure*0.8")])
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "qualifiers.csv", 2 + 1, "qualifier", "must be unique")
    assert_reported(problems, "qualifiers.csv", 2 + len(rows), "qualifier", "must be unique")


def test_not_utf8(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    path.write_bytes(path.read_bytes().replace("Kirby".encode(), "Kirby\xe9".encode("latin-1"), 1))
    problems = problems_of(data_dir, archive_dir)
    assert any(p.file == "claims.csv" and "not UTF-8" in p.rule and p.line > 1 for p in problems)


def test_bom_and_crlf_load(record_copy):
    data_dir, archive_dir = record_copy
    for name in ("claims.csv", "sources.csv", "claimants.csv"):
        path = data_dir / name
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    record = load_record(data_dir, archive_dir)
    assert len(record.claims) == len(read_rows(data_dir / "claims.csv"))
    assert "claim_id" in record.claims.columns


def test_line_numbers_count_line_breaks_inside_cells_and_blank_lines(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "claims.csv"
    rows = read_rows(path)
    rows[0]["notes"] = "first line\nsecond line"
    rows[2]["figure"] = "3,000"
    write_rows(path, rows)
    path.write_text(path.read_text(encoding="utf-8").replace("\nc002,", "\n\nc002,", 1), encoding="utf-8")
    # header 1, c001 on 2-3, blank 4, c002 5, c003 6
    assert_reported(problems_of(data_dir, archive_dir), "claims.csv", 6, "figure", "without separators")


def test_all_problems_in_all_files_at_once(record_copy):
    data_dir, archive_dir = record_copy
    claim_line = set_cell(data_dir / "claims.csv", "claim_id", "c004", "said_on", "2024-13-01")
    source_line = set_cell(data_dir / "sources.csv", "source_id", "ap_2024-10-30", "published", "30/10/2024")
    claimant_line = set_cell(data_dir / "claimants.csv", "claimant_id", "us_dod", "name", "")
    hash_line = set_cell(data_dir / "sources.csv", "source_id", "newsweek_2024-10-31", "archive_sha256", "0" * 64)
    problems = problems_of(data_dir, archive_dir)
    assert_reported(problems, "claims.csv", claim_line, "said_on", "not a real date")
    assert_reported(problems, "sources.csv", source_line, "published", "not a real date")
    assert_reported(problems, "claimants.csv", claimant_line, "name", "must not be empty")
    assert_reported(problems, "sources.csv", hash_line, "archive_sha256", "does not match")


def test_statement_rows_must_agree(record_copy):
    data_dir, archive_dir = record_copy
    line = set_cell(data_dir / "claims.csv", "claim_id", "c007", "claimant_id", "kr_presidential_office")
    assert_reported(problems_of(data_dir, archive_dir), "claims.csv", line, "claimant_id", "one statement has one claimant")


def test_said_after_publication(record_copy):
    data_dir, archive_dir = record_copy
    line = set_cell(data_dir / "claims.csv", "claim_id", "c009", "said_on", "2024-11-02")
    assert_reported(problems_of(data_dir, archive_dir), "claims.csv", line, "said_on", "said after the story was published")


def test_nothing_is_dropped_silently(record_copy):
    """A row that breaks a rule is reported, never left out of a record that then loads."""
    data_dir, archive_dir = record_copy
    set_cell(data_dir / "claims.csv", "claim_id", "c010", "figure", "ten thousand")
    with pytest.raises(RecordError):
        load_record(data_dir, archive_dir)


def test_an_exclusion_entered_twice_is_reported_at_both_lines(record_copy):
    data_dir, archive_dir = record_copy
    path = data_dir / "exclusions.csv"
    rows = read_rows(path)
    write_rows(path, rows + [rows[3]])
    problems = problems_of(data_dir, archive_dir)
    for line in (3 + 2, len(rows) + 2):
        assert_reported(problems, "exclusions.csv", line, "context", "already excludes this number in this context")
    assert len(problems) == 2, [str(p) for p in problems]
