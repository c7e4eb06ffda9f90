"""The summary `make reports` prints: the record's version, counts and headline figures."""

from helpers.record import summary

from conftest import set_cell


def test_summary_prints_the_headline(record_copy, capsys):
    data_dir, archive_dir = record_copy
    assert summary.main(["--data", str(data_dir), "--archive", str(archive_dir)]) == 0
    out = capsys.readouterr().out
    assert "record of " in out and " claims)" in out
    for figure in ("1,500", "3,000", "10,000", "11,000"):
        assert figure in out
    assert "The headline grew from 1,500" in out


def test_summary_on_bad_data_prints_the_problems_and_fails(record_copy, capsys):
    data_dir, archive_dir = record_copy
    set_cell(data_dir / "claims.csv", "claim_id", "c001", "figure", "1 500")
    assert summary.main(["--data", str(data_dir), "--archive", str(archive_dir)]) == 1
    assert "claims.csv:2: figure: '1 500'" in capsys.readouterr().err
