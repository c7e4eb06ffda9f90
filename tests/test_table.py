"""The claims table export: one row per claim, readable, and safe to open in a spreadsheet."""

import hashlib

import pandas as pd
import pytest

from helpers import load_record
from helpers.report import table

from conftest import read_rows, set_cell, write_rows

HYPERLINK = '=HYPERLINK("http://example.com/x","Click for the full story")'
INJECTED = {
    # (file, key column, key, column): a cell a spreadsheet would run as a formula
    ("claims.csv", "claim_id", "c003", "quote"): HYPERLINK,
    ("claims.csv", "claim_id", "c002", "speaker"): "+cmd|' /C calc'!A0",
    ("claims.csv", "claim_id", "c001", "notes"): "-2+3",
    ("sources.csv", "source_id", "ap_2024-10-30", "outlet"): "@SUM(1+1)*cmd",
}


@pytest.fixture
def injected_record(record_copy):
    """A valid record whose quote, speaker, notes and outlet start like spreadsheet formulas."""
    data_dir, archive_dir = record_copy
    for (file, key_column, key, column), value in INJECTED.items():
        set_cell(data_dir / file, key_column, key, column, value)
    # The new quote must be in c003's archived story; add it and record the story's new hash.
    story = archive_dir / "000_70ddd5687d639c1d.txt"
    story.write_text(story.read_text(encoding="utf-8") + HYPERLINK + "\n", encoding="utf-8")
    sources = read_rows(data_dir / "sources.csv")
    for source in sources:
        if source["archive_file"] == story.name:
            source["archive_sha256"] = hashlib.sha256(story.read_bytes()).hexdigest()
    write_rows(data_dir / "sources.csv", sources)
    return load_record(data_dir, archive_dir)


def read_back(path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype="str", keep_default_na=False)


def test_formula_cells_are_neutralised(injected_record, tmp_path):
    written = read_back(table.write_table(injected_record, tmp_path / "claims.csv")).set_index("claim")
    assert written.at["c003", "quote"] == "'" + HYPERLINK
    assert written.at["c002", "speaker"] == "'+cmd|' /C calc'!A0"
    assert written.at["c001", "notes"] == "'-2+3"
    assert (written.loc[written["outlet"].str.contains("SUM"), "outlet"] == "'@SUM(1+1)*cmd").all()
    assert written.at["c003", "quote check"] == "verified"
    # Nothing else is touched: no other cell starts with a quote mark.
    marked = written.apply(lambda column: column.str.startswith("'")).sum().sum()
    assert marked == 3 + (written["outlet"] == "'@SUM(1+1)*cmd").sum()


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\tTAB", "\rCR"])
def test_every_formula_start_is_neutralised(cell):
    assert table.neutralise(pd.Series([cell, "a=b", "", "3000"])).tolist() == ["'" + cell, "a=b", "", "3000"]


def test_the_table_is_utf8_with_a_bom_and_one_row_per_claim(tmp_path):
    record = load_record()
    path = table.write_table(record, tmp_path / "out" / "claims.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    written = pd.read_csv(path, encoding="utf-8-sig")
    assert len(written) == len(record.claims)
    assert set(written["claim"]) == set(record.claims["claim_id"])
    assert written["figure"].dtype == "int64"


def test_the_table_round_trips_through_pandas(tmp_path):
    record = load_record()
    expected = table.claims_table(record)
    written = read_back(table.write_table(record, tmp_path / "claims.csv"))
    assert list(written.columns) == list(expected.columns)
    as_text = expected.apply(lambda column: column.astype("str").where(column.notna(), ""))
    pd.testing.assert_frame_equal(written, as_text, check_dtype=False)


def test_the_table_reads_as_words(tmp_path):
    written = read_back(table.write_table(load_record(), tmp_path / "claims.csv")).set_index("claim")
    row = written.loc["c005"]
    assert (row["claimant"], row["claimant country"], row["speaker"]) == ("The White House", "United States", "John Kirby")
    assert (row["said on"], row["said on precision"]) == ("2024-10-23", "day")
    assert (row["figure"], row["qualifier"], row["low"], row["high"]) == ("3000", "at least", "3000", "")
    assert (row["measure"], row["location"]) == ("sent to Russia", "eastern Russia")


def test_the_command_says_what_it_wrote(tmp_path, capsys):
    out = tmp_path / "table.csv"
    assert table.main(["--out", str(out)]) == 0
    assert f"to {out}" in capsys.readouterr().out and out.is_file()


def test_the_command_reports_a_bad_record(record_copy, tmp_path, capsys):
    data_dir, _ = record_copy
    set_cell(data_dir / "claims.csv", "claim_id", "c001", "figure", "1,500")
    assert table.main(["--data", str(data_dir), "--out", str(tmp_path / "t.csv")]) == 1
    assert "claims.csv:2: figure: '1,500'" in capsys.readouterr().err


def test_export_table_option_writes_the_table_only(tmp_path):
    from helpers.report import export

    assert export.main(["--table", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [export.TABLE_FILE]
    assert (tmp_path / export.TABLE_FILE).read_bytes().startswith(b"\xef\xbb\xbf")
