"""The coverage audit: every number in the archived stories is a claim or a listed exclusion."""

import shutil
from pathlib import Path

import pytest

from helpers.record import audit
from helpers import load_record
from helpers.record.mentions import find_mentions
from helpers.record.paths import DATA_DIR

from conftest import read_rows, set_cell, write_rows


@pytest.mark.parametrize(
    "text, expected",
    [
        ("As many as 3,000 North Korean troops", [("3,000", 3000)]),
        ("has sent 3 000 troops to Russia", [("3 000", 3000)]),
        ("some 1 500 special forces soldiers", [("1 500", 1500)]),
        ("about 10,000 troops and 10 000 more", [("10,000", 10000), ("10 000", 10000)]),
        ("about 8,000 of those soldiers", [("8,000", 8000)]),
        ("stationed 50 kilometers from the border", [("50", 50)]),
        ("a no-break space: 3\u00a0000 troops", [("3\u00a0000", 3000)]),
        ("tens of thousands of North Korean troops", [("tens of thousands", None)]),
        ("thousands of troops, hundreds of them", [("thousands", None), ("hundreds", None)]),
        ("several thousand soldiers", [("several thousand", None)]),
        ("taken to three military training sites", [("three", 3)]),
        ("Ten thousand troops, twenty-five tanks", [("Ten thousand", 10000), ("twenty-five", 25)]),
        ("a thousand men and two dozen officers", [("a thousand", 1000), ("two dozen", 24)]),
        ("a $45 billion deal and 1.5 million shells", [("45 billion", 45_000_000_000), ("1.5 million", 1_500_000)]),
        ("a 4.5 percent rise", [("4.5", None)]),
        ("on October 30, 2024.", [("30", 30), ("2024", 2024)]),
        ("the 23rd of October", [("23", 23)]),
        ("at the conclusion of 2+2 meetings", [("2", 2), ("2", 2)]),
    ],
)
def test_every_form_of_number_is_read(text, expected):
    assert [(m.printed, m.value) for m in find_mentions(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "By:https://www.abc.net.au/news/2024-10-24/us-says-north-korea-has-deployed-troops-to-russia/104510626",
        "One of Vietnam's politicians; no one knows",
        "invoke Article III of the treaty",
        "for the first time, often",
    ],
)
def test_what_is_not_read(text):
    assert find_mentions(text) == []


def test_a_number_beside_a_url_is_still_read():
    assert [m.printed for m in find_mentions("see https://x.org/a/3000 where 3,000 troops")] == ["3,000"]
    # The URL ends at the space; what follows is read, not lost with the URL's digits.
    assert [m.printed for m in find_mentions("https://x.org/12 000 troops")] == ["000"]


def test_the_sentence_of_a_number():
    text = "Intro line.\nU.S. Secretary Austin said so. About 8,000 of those soldiers are in Kursk. Then more.\n"
    start = text.index("8,000")
    assert audit.sentence_around(text, start, start + 5) == "About 8,000 of those soldiers are in Kursk."
    start = text.index("Secretary")
    assert audit.sentence_around(text, start, start + 9) == "U.S. Secretary Austin said so."


def test_a_long_sentence_is_cut_around_its_number():
    text = "word " * 200 + "sent 3,000 troops " + "word " * 200
    start = text.index("3,000")
    sentence = audit.sentence_around(text, start, start + 5)
    assert sentence.startswith("…") and sentence.endswith("…") and "sent 3,000 troops" in sentence
    assert len(sentence) < 450


def run_audit(capsys, archive_dir: Path, data_dir: Path | None = None) -> tuple[int, str]:
    """The audit's exit code and what it printed."""
    data = ["--data", str(data_dir)] if data_dir else []
    code = audit.main([*data, "--archive", str(archive_dir)])
    return code, capsys.readouterr().out


def test_the_record_covers_every_number_in_the_shared_archive(shared_archive, capsys):
    code, out = run_audit(capsys, shared_archive)
    assert code == 0
    assert "0 missed" in out and "MISSED" not in out and "UNUSED" not in out


def test_the_record_covers_every_number_in_the_made_up_archive(record_copy, capsys):
    data_dir, archive_dir = record_copy
    code, out = run_audit(capsys, archive_dir, data_dir)
    assert code == 0 and "0 missed" in out


def remove_claim(data_dir: Path, claim_id: str) -> None:
    path = data_dir / "claims.csv"
    write_rows(path, [row for row in read_rows(path) if row["claim_id"] != claim_id])


def test_a_removed_claim_is_reported_with_its_story_and_sentence(tmp_path, shared_archive, capsys):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    remove_claim(data_dir, "c015")
    code, out = run_audit(capsys, shared_archive, data_dir)
    assert code == 1
    missed = [line for line in out.splitlines() if line.startswith("MISSED")]
    assert missed == [
        "MISSED rttnews_2024-10-31 (002_a9811cd60867ed72.txt:11): '8,000': "
        "'Our most recent information indicates that about 8,000 of those soldiers are now in the Kursk Oblast."
    ]
    assert "1 missed" in out and "a claim in data/claims.csv or a row in data/exclusions.csv" in out


def test_a_removed_claim_is_reported_without_the_shared_archive(record_copy, capsys):
    data_dir, archive_dir = record_copy
    remove_claim(data_dir, "c001")
    code, out = run_audit(capsys, archive_dir, data_dir)
    assert code == 1
    assert "MISSED reuters_translated_2024-10-24 (003_4dfcb43a491baca5.txt:2): '1 500': " \
           "North Korea had sent some 1 500 special forces soldiers to Russia" in out


def test_an_exclusion_that_excludes_nothing_fails(record_copy, capsys):
    data_dir, archive_dir = record_copy
    # "200" is in the context's words, but the story's number there is "1,200".
    set_cell(data_dir / "exclusions.csv", "number", "1,200", "number", "200")
    code, out = run_audit(capsys, archive_dir, data_dir)
    assert code == 1
    assert "UNUSED exclusion of rttnews_2024-10-31: '200'" in out
    assert "MISSED rttnews_2024-10-31" in out and "'1,200'" in out


def test_an_exclusion_covers_only_its_context(record_copy):
    """Excluding "tens of thousands" in one sentence does not hide it in another."""
    data_dir, archive_dir = record_copy
    path = data_dir / "exclusions.csv"
    write_rows(path, [row for row in read_rows(path) if row["context"] != "and tens of thousands are sent overall"])
    mentions, unused = audit.audit(load_record(data_dir, archive_dir), archive_dir)
    missed = mentions[mentions["status"] == "missed"]
    assert list(zip(missed["printed"], missed["sentence"])) == [
        ("tens of thousands", "and tens of thousands are sent overall")]
    assert unused.empty


def test_an_invalid_record_is_reported_not_audited(record_copy, capsys):
    data_dir, archive_dir = record_copy
    set_cell(data_dir / "exclusions.csv", "number", "50", "context", "stationed near the border")
    assert audit.main(["--data", str(data_dir), "--archive", str(archive_dir)]) == 1
    err = capsys.readouterr().err
    assert "exclusions.csv:" in err and "the context must contain the number as printed" in err


def test_no_archive_fails(tmp_path, capsys):
    assert audit.main(["--archive", str(tmp_path / "nowhere")]) == 1
    assert "nothing was audited" in capsys.readouterr().err
