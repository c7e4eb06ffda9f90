"""Quote verification: the command's report, its exit codes and the status of every quote."""

from pathlib import Path

from helpers import load_record
from helpers.record import verify

from conftest import set_cell


def test_every_quote_verified_against_the_made_up_archive(record_copy, capsys):
    data_dir, archive_dir = record_copy
    assert verify.main(["--data", str(data_dir), "--archive", str(archive_dir), "--strict"]) == 0
    statuses = verify.quote_checks(load_record(data_dir, None), archive_dir)["quote_status"]
    archived = load_record(data_dir, None).claims["archive_file"] != ""
    assert (statuses[archived] == "verified").all()
    assert "FAIL" not in capsys.readouterr().out


def test_every_quote_verified_against_the_shared_archive(shared_archive):
    assert verify.main(["--archive", str(shared_archive), "--strict"]) == 0
    statuses = verify.quote_checks(load_record(archive_dir=None), shared_archive)
    archived = statuses["source_id"].isin(load_record(archive_dir=None).sources.query("archive_file != ''")["source_id"])
    assert (statuses.loc[archived, "quote_status"] == "verified").all()


def test_a_missing_quote_names_the_claim_and_the_source(record_copy, capsys):
    data_dir, archive_dir = record_copy
    set_cell(data_dir / "claims.csv", "claim_id", "c014", "quote", "We now assess that North Korea has sent around 12,000")
    assert verify.main(["--data", str(data_dir), "--archive", str(archive_dir)]) == 1
    out = capsys.readouterr().out
    assert "FAIL claim c014 in source rttnews_2024-10-31" in out


def test_a_changed_archive_is_noticed(record_copy, capsys):
    data_dir, archive_dir = record_copy
    changed = archive_dir / "002_a9811cd60867ed72.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "An added line.\n", encoding="utf-8")
    assert verify.main(["--data", str(data_dir), "--archive", str(archive_dir)]) == 1
    assert "FAIL source rttnews_2024-10-31" in capsys.readouterr().out


def test_no_archive_is_said_plainly_and_fails_only_when_strict(tmp_path: Path, capsys):
    absent = tmp_path / "nowhere"
    assert verify.main(["--archive", str(absent)]) == 0
    assert "is not here: no quote or archive hash was checked" in capsys.readouterr().out
    assert verify.main(["--archive", str(absent), "--strict"]) == 1
