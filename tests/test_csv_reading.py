"""The quick reader (pandas' C parser, for plain files) reads exactly what the csv module reads.

Hand-edited files can hold anything, so the texts here are random: well-formed CSV written by
the csv module with rows of any length, and the same with stray quotes, blank lines, carriage
returns and the like spliced in. For each, the cells, the line numbers and the problems must
be the same whichever reader reads it.
"""

import csv
import io
import random

import pandas as pd
import pytest

from helpers.record import csvio

COLUMNS = ["id", "name", "note"]
PIECES = ["a", "bb", "é", "3,000", " ", '"', '""', ",", "\n", "\r\n", "\r", "\t", "x y", "\u00a0", "—"]
SPLICES = ['"', "\n", "\n\n", "\r", "\r\n", ",", ' "', '" ', "  \n", "\x00", "\ufeff"]


def written_csv(rng: random.Random, plain: bool) -> str:
    """CSV as a program writes it; `plain` ones have rows of one width and no carriage return in a cell."""
    headers = [COLUMNS, ["note", "id", "name"]] if plain else [COLUMNS + ["extra"], ["id", "name"], ["id", "id", "note"]]
    header = rng.choice(headers)
    pieces = [p for p in PIECES if "\r" not in p] if plain else PIECES
    rows = [header]
    for _ in range(rng.randrange(0, 6)):
        width = len(header) if plain or rng.random() < 0.8 else rng.randrange(1, len(header) + 2)
        rows.append(["".join(rng.choices(pieces, k=rng.randrange(0, 4))) for _ in range(width)])
    out = io.StringIO()
    csv.writer(out, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
    return out.getvalue()


def spliced(rng: random.Random, text: str) -> str:
    for _ in range(rng.randrange(1, 3)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(SPLICES) + text[at:]
    return text


def files():
    """Each text as UTF-8, now and then with a byte that is not UTF-8 (as a Latin-1 é is)."""
    rng = random.Random(20241023)
    for _ in range(150):
        for plain in (True, False):
            text = written_csv(rng, plain)
            for variant in (text, spliced(rng, text)):
                data = variant.encode("utf-8")
                if rng.random() < 0.1:
                    at = rng.randrange(len(data) + 1)
                    data = data[:at] + b"\xe9" + data[at:]
                yield data


def read(path, plain_allowed: bool, monkeypatch):
    with monkeypatch.context() as patch:
        if not plain_allowed:
            patch.setattr(csvio, "_read_plain", lambda *args: None)
        return csvio.read_raw_table(path, "t.csv", COLUMNS)


def test_both_readers_agree_on_every_text(tmp_path, monkeypatch):
    # The quick reader looks at the bytes a block at a time; blocks of a few bytes put block ends
    # everywhere: inside quotes, between a quote and a comma, in the middle of a UTF-8 sequence.
    monkeypatch.setattr(csvio, "_SCAN_BLOCK", 7)
    path = tmp_path / "t.csv"
    quick = 0
    for data in files():
        path.write_bytes(data)
        fast, slow = read(path, True, monkeypatch), read(path, False, monkeypatch)
        pd.testing.assert_frame_equal(fast.cells, slow.cells, obj=repr(data))
        pd.testing.assert_series_equal(fast.lines, slow.lines, obj=repr(data))
        assert fast.problems == slow.problems, repr(data)
        quick += csvio._read_plain(data, "t.csv", COLUMNS) is not None
    # The quick reader takes most well-formed files; the rest fall back to the csv module.
    assert quick > 150


@pytest.mark.parametrize("text", ['id,name,note\n1,"a ""b"", c",\n', 'id,name,note\r\n1,"two\nlines",x\r\n2,b,c\r\n',
                                  '\ufeffid,name,note\n1,2,3'])
def test_plain_files_are_read_quickly(text):
    assert csvio._read_plain(text.encode("utf-8"), "t.csv", COLUMNS) is not None


def test_a_large_file_reads_as_the_csv_module_reads_it(tmp_path, monkeypatch):
    """Large enough (over 5 MB) for pandas to split the file between threads at line feeds, some
    of which lie inside quoted cells; and for the quick reader to look at it in many blocks."""
    rng = random.Random(66259)
    pieces = [p for p in PIECES if "\r" not in p]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["note", "id", "name"])
    cells = ["".join(rng.choices(pieces, k=40)) for _ in range(500)]
    writer.writerows([f"n{number}", cells[number % 500], "é" * (number % 3)] for number in range(60_000))
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeff".encode() + out.getvalue().encode("utf-8"))
    assert path.stat().st_size > 5 * 2**20

    with monkeypatch.context() as patch:
        patch.setattr(csvio, "_rows_with_lines", lambda text: pytest.fail("the quick reader left the file to the csv module"))
        fast = csvio.read_raw_table(path, "t.csv", COLUMNS)
    slow = read(path, False, monkeypatch)
    pd.testing.assert_frame_equal(fast.cells, slow.cells)
    pd.testing.assert_series_equal(fast.lines, slow.lines)
    assert fast.problems == slow.problems == []


def test_a_file_changed_while_it_is_read_gives_the_bytes_that_were_checked(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_text("id,name,note\n1,a,x\n")
    read_csv = pd.read_csv

    def saved_meanwhile(source, **options):
        if source == path:
            path.write_text("id,name,note\n1,changed,x\n2,b,y\n")
        return read_csv(source, **options)

    monkeypatch.setattr(csvio.pd, "read_csv", saved_meanwhile)
    table = csvio.read_raw_table(path, "t.csv", COLUMNS)
    assert table.cells.to_dict("list") == {"id": ["1"], "name": ["a"], "note": ["x"]}
    assert table.lines.tolist() == [2]
