"""Properties that hold for any input: the loader's contract, the qualifier intervals, the headline.

Every test is derandomized and bounded (max_examples), so a run is reproducible and the file
takes a few seconds; a failure prints the smallest input that breaks the property. For a
deeper search, multiply every bound: PROPERTY_EXAMPLES_SCALE=20 .venv/bin/python -m pytest
tests/test_properties.py
"""

import csv
import dataclasses
import io
import os
import re
import shutil
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import Record, RecordError, estimates, load_record
from helpers.record import intervals
from helpers.record.archive import normalise, normalise_with_positions
from helpers.record.mentions import find_mentions, url_spans
from helpers.record.paths import DATA_DIR
from helpers.record import COLUMNS

import record_strategies as drawn
from conftest import make_record_copy, read_rows, write_rows
from record_strategies import records, write_tables

SCALE = int(os.environ.get("PROPERTY_EXAMPLES_SCALE", "1"))
BOUNDED = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# --- The loader: any file content loads or raises RecordError, and nothing else -------------------

@pytest.fixture(scope="module")
def fuzzed_copy(tmp_path_factory) -> tuple[Path, Path]:
    return make_record_copy(tmp_path_factory.mktemp("fuzz"))


def loads_or_reports(data_dir: Path, archive_dir: Path, name: str, content: bytes) -> None:
    """Write `content` to `name`, load, and check the loader's contract; the file is restored after."""
    path = data_dir / name
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        record = load_record(data_dir, archive_dir)
    except RecordError as error:
        assert error.problems, "a RecordError must list its problems"
        # One line per problem, after the heading.
        assert len(str(error).splitlines()) == len(error.problems) + 1, str(error)
    else:
        # Nothing is dropped silently: every row of the file is in the record.
        text = content.decode("utf-8-sig")
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row][1:]
        loaded = getattr(record, name.removesuffix(".csv"))
        assert len(loaded) == len(rows)
    finally:
        path.write_bytes(original)


CSV_ALPHABET = st.sampled_from(list('abc019,"\n\r\t ;-_.:/é€\ufeff\x00') + ["2024-10-24", "claim_id", "3000"])
FUZZED_FILES = st.sampled_from(["claims.csv", "sources.csv"])
EVERY_FILE = st.sampled_from(sorted(COLUMNS))


@given(name=FUZZED_FILES, text=st.lists(CSV_ALPHABET, max_size=60).map("".join))
@settings(BOUNDED, max_examples=5 * SCALE)
def test_any_text_loads_or_is_reported(fuzzed_copy, name, text):
    loads_or_reports(*fuzzed_copy, name, text.encode("utf-8"))


@given(name=FUZZED_FILES, data=st.binary(max_size=80))
@settings(BOUNDED, max_examples=4 * SCALE)
def test_any_bytes_load_or_are_reported(fuzzed_copy, name, data):
    loads_or_reports(*fuzzed_copy, name, data)


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def file_rows(data_dir: Path, name: str) -> tuple[list[str], list[list[str]]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


CELL_VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "0", "-1", "1.5", "10,000", "1e3", "NaN", "None", "nan", "NULL", "true", "false",
                     "2024-02-30", "2024-10-24", "2099-01-01", "0001-01-01", "1900-01-01", "c001", "kr_nis", "about",
                     "range", "exact", "open", "figure", "stated", "figure*x", "figure*0.9", "figure*99999999999",
                     "sent", "russia", "kursk_oblast", "=1+1", "#zzzzzz", "999999999999999999999999", "00", "3000 ",
                     "-90.5", "1e400", "undated", "inferred_window", "no_later_than", "paraphrase"]),
)


@given(name=EVERY_FILE, edits=st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99), CELL_VALUES), min_size=1,
                                      max_size=4))
@settings(BOUNDED, max_examples=12 * SCALE)
def test_any_cell_edit_loads_or_is_reported(fuzzed_copy, name, edits):
    header, rows = file_rows(fuzzed_copy[0], name)
    for row, column, value in edits:
        rows[row % len(rows)][column % len(header)] = value
    loads_or_reports(*fuzzed_copy, name, csv_bytes(header, rows))


HEADER_EDITS = st.sampled_from(["rename", "drop", "duplicate", "swap", "add", "blank"])


@given(name=FUZZED_FILES, edits=st.lists(st.tuples(HEADER_EDITS, st.integers(0, 99), st.text(max_size=8)),
                                        min_size=1, max_size=3))
@settings(BOUNDED, max_examples=5 * SCALE)
def test_any_header_change_loads_or_is_reported(fuzzed_copy, name, edits):
    header, rows = file_rows(fuzzed_copy[0], name)
    columns = [list(column) for column in zip(header, *rows)]
    for edit, index, text in edits:
        at = index % len(columns)
        if edit == "rename":
            columns[at][0] = text
        elif edit == "drop" and len(columns) > 1:
            del columns[at]
        elif edit == "duplicate":
            columns.insert(at, list(columns[at]))
        elif edit == "swap":
            columns[at][0], columns[-1][0] = columns[-1][0], columns[at][0]
        elif edit == "add":
            columns.append([text] + ["x"] * len(rows))
        elif edit == "blank":
            columns[at][0] = ""
    table = [list(row) for row in zip(*columns)]
    loads_or_reports(*fuzzed_copy, name, csv_bytes(table[0], table[1:]))


# --- Qualifier → interval ----------------------------------------------------------------------------

QUALIFIERS = pd.DataFrame(read_rows(DATA_DIR / "qualifiers.csv")).set_index("qualifier")
FIGURES = st.integers(min_value=1, max_value=10_000_000)


def bounds(figures: list[int], qualifier: str) -> tuple[list, list]:
    figure = pd.Series(figures, dtype="int64")
    qualifier_column = pd.Series(qualifier, index=figure.index)
    low, _ = intervals.expected_bound(figure, qualifier_column, QUALIFIERS["low_rule"])
    high, _ = intervals.expected_bound(figure, qualifier_column, QUALIFIERS["high_rule"])
    return [None if pd.isna(v) else int(v) for v in low], [None if pd.isna(v) else int(v) for v in high]


def half_up(figure: int, factor: str) -> int:
    return int((Decimal(figure) * Decimal(factor)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@given(figures=st.lists(FIGURES, min_size=1, max_size=20), qualifier=st.sampled_from(sorted(QUALIFIERS.index)))
@settings(BOUNDED, max_examples=60 * SCALE)
def test_every_interval_holds_its_figure_and_follows_its_rule(figures, qualifier):
    lows, highs = bounds(figures, qualifier)
    for figure, low, high in zip(figures, lows, highs):
        assert low is None or low <= figure
        assert high is None or figure <= high
        for bound, rule in ((low, QUALIFIERS.at[qualifier, "low_rule"]), (high, QUALIFIERS.at[qualifier, "high_rule"])):
            if rule == "figure":
                assert bound == figure
            elif rule in ("open", "stated"):
                assert bound is None
            else:
                assert bound == half_up(figure, rule.removeprefix("figure*")), (figure, rule)


@given(figure=FIGURES)
@settings(BOUNDED, max_examples=25 * SCALE)
def test_each_qualifier_gives_its_interval(figure):
    interval = {q: tuple(b[0] for b in bounds([figure], q)) for q in QUALIFIERS.index}
    assert interval["exact"] == (figure, figure)
    assert interval["at_least"] == (figure, None)
    assert interval["more_than"] == (figure, None)
    assert interval["up_to"] == (None, figure)
    assert interval["range"] == (None, None)  # both bounds are stated in the claim
    low, high = interval["about"]
    assert low <= figure <= high and abs((figure - low) - (high - figure)) <= 1
    low, high = interval["nearly"]
    assert low <= figure == high


# --- The archive text and the numbers read from it ---------------------------------------------------

STORY_PIECES = st.sampled_from(list("0123456789 ,.\n\t\u00a0\u201c\u201dabe+-/:") + [
    "three", "thousand", "tens of thousands", "one", "https://x.org/", "www.", " 000", "1,500"])


@given(text=st.lists(STORY_PIECES, max_size=40).map("".join))
@settings(BOUNDED, max_examples=150 * SCALE)
def test_every_digit_outside_a_url_is_read(text):
    found = find_mentions(text)
    spans = [(m.start, m.end) for m in found]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "mentions overlap"
    assert all(text[m.start:m.end] == m.printed for m in found)
    urls = url_spans(text)
    for position in (match.start() for match in re.finditer("[0-9]", text)):
        in_url = any(start <= position < end for start, end in urls)
        assert in_url or any(start <= position < end for start, end in spans), (text, position)


@given(text=st.text(max_size=60))
@settings(BOUNDED, max_examples=150 * SCALE)
def test_positions_point_back_into_the_text(text):
    normalised, positions = normalise_with_positions(text)
    assert normalised == normalise(text)
    assert len(positions) == len(normalised) and positions == sorted(set(positions))
    for char, position in zip(normalised, positions):
        assert char == " " or normalise(text[position]) == char


# --- The headline series and the as-of view ------------------------------------------------------------

@pytest.fixture(scope="module")
def record() -> Record:
    return load_record(archive_dir=None)


def load_drawn(tables: dict) -> Record:
    with tempfile.TemporaryDirectory(prefix="nk-drawn-") as folder:
        return load_record(write_tables(Path(folder) / "data", tables), archive_dir=None)


# The facts below hold for any record: they are checked on drawn ones (record_strategies), each with statements added.
DRAWN_RECORDS = records().map(load_drawn)

# Generated statements are carried by the latest story, so each is said before it was published.
CARRIER, LAST_PUBLISHED = max(((s["source_id"], s["published"]) for s in read_rows(DATA_DIR / "sources.csv")),
                              key=lambda source: source[1])
FIRST_DAY, LAST_DAY = drawn.FIRST_DAY, drawn.LAST_DAY
CARRIER_COLUMNS = {"outlet": "Made-up Outlet", "published_earliest": LAST_DAY, "published": LAST_DAY, "url": "",
                   "archive_file": ""}


@dataclasses.dataclass(frozen=True)
class Statement:
    claimant_id: str
    said_on: pd.Timestamp
    figure: int
    qualifier: str
    measure: str


def statements_of(record: Record, measures=None, figures=st.integers(1, 200_000), last_day=LAST_DAY):
    measures = measures or sorted(record.measures["measure"])
    return st.builds(
        Statement,
        claimant_id=st.sampled_from(sorted(record.claimants["claimant_id"])),
        said_on=st.integers(0, (last_day - FIRST_DAY).days).map(lambda days: FIRST_DAY + pd.Timedelta(days=days)),
        figure=figures,
        qualifier=st.sampled_from(sorted(set(record.qualifiers["qualifier"]) - {"range"})),
        measure=st.sampled_from(measures),
    )


def claim_cells(record: Record, statements: list[Statement]) -> list[dict[str, str]]:
    """The claims.csv rows that carry `statements`, one each, as a curator would write them."""
    rows = []
    # Ids follow on from the record's rows, so statements added in two steps never share one.
    for number, statement in enumerate(statements, start=len(record.claims)):
        low, high = bounds([statement.figure], statement.qualifier)
        label = record.qualifiers.set_index("qualifier").at[statement.qualifier, "label"]
        rows.append({
            "claim_id": f"prop{number:03d}", "source_id": CARRIER, "statement_id": f"prop_{number:03d}",
            "claimant_id": statement.claimant_id, "speaker": "an official", "speaker_kind": "anonymous",
            "said_on": f"{statement.said_on:%Y-%m-%d}", "said_on_precision": "day",
            "said_on_basis": "made up for a property test", "figure": str(statement.figure),
            "qualifier": statement.qualifier, "qualifier_wording": label,
            "low": "" if low[0] is None else str(low[0]),
            "high": "" if high[0] is None else str(high[0]), "measure": statement.measure, "location": "russia",
            "subset": "", "quote_kind": "paraphrase", "quote": "",
            "notes": f"made up: an official said {label} {statement.figure}",
        })
    return rows


def with_statements(record: Record, statements: list[Statement]) -> Record:
    """`record` with `statements` added in memory, typed and joined as the loader does."""
    if not statements:
        return record
    added = pd.DataFrame(claim_cells(record, statements))
    added["said_on"] = pd.to_datetime(added["said_on"]).astype(record.claims["said_on"].dtype)
    added["figure"] = added["figure"].astype("int64")
    for bound in ("low", "high"):
        added[bound] = pd.to_numeric(added[bound]).astype("Int64")
    claimants = record.claimants.set_index("claimant_id")
    added["claimant_name"] = added["claimant_id"].map(claimants["name"])
    added["claimant_short_name"] = added["claimant_id"].map(claimants["short_name"])
    added["claimant_country"] = added["claimant_id"].map(claimants["country"])
    sources = record.sources.set_index("source_id")
    carrier = sources.loc[CARRIER] if CARRIER in sources.index else CARRIER_COLUMNS
    for column in ("outlet", "published_earliest", "published", "url", "archive_file"):
        added[column] = carrier[column]
    for column in ("published_earliest", "published"):
        added[column] = added[column].astype(record.claims[column].dtype)
    claims = pd.concat([record.claims, added[record.claims.columns]], ignore_index=True)
    return dataclasses.replace(record, claims=claims)


@given(data=st.data())
@settings(BOUNDED, max_examples=3 * SCALE)
def test_generated_statements_are_valid_and_typed_as_the_loader_types_them(tmp_path_factory, record, data):
    # Said before the story that carries them was published, as the loader requires.
    statements = data.draw(st.lists(statements_of(record, last_day=pd.Timestamp(LAST_PUBLISHED)), min_size=1, max_size=3))
    data_dir, archive_dir = make_record_copy(tmp_path_factory.mktemp("valid"))
    path = data_dir / "claims.csv"
    write_rows(path, read_rows(path) + claim_cells(record, statements))
    loaded = load_record(data_dir, archive_dir).claims
    built = with_statements(record, statements).claims
    pd.testing.assert_frame_equal(loaded.drop(columns=["archive_file"]), built.drop(columns=["archive_file"]))
    shutil.rmtree(data_dir.parent)


def headline_on(series: pd.DataFrame) -> pd.Series:
    return series.set_index("date")["figure"]


@given(data=st.data())
@settings(BOUNDED, max_examples=6 * SCALE)
def test_the_headline_never_falls(data):
    record = data.draw(DRAWN_RECORDS)
    statements = data.draw(st.lists(statements_of(record), max_size=6))
    changed = with_statements(record, statements)
    steps = estimates.headline_steps(changed)
    assert steps["figure"].is_monotonic_increasing and steps["figure"].is_unique
    assert steps["said_on"].is_monotonic_increasing
    assert headline_on(estimates.headline_series(changed)).is_monotonic_increasing


@given(data=st.data())
@settings(BOUNDED, max_examples=7 * SCALE)
def test_a_statement_that_raises_the_headline_adds_a_step_and_keeps_the_days_before(data):
    record = data.draw(DRAWN_RECORDS)
    before = with_statements(record, data.draw(st.lists(statements_of(record, ["sent"]), max_size=3)))
    series = headline_on(estimates.headline_series(before, end=LAST_DAY))
    new = data.draw(statements_of(before, ["sent"]))
    current = series.get(new.said_on, 0)
    new = dataclasses.replace(new, figure=current + data.draw(st.integers(1, 50_000)))
    after = estimates.headline_series(with_statements(before, [new]), end=LAST_DAY).set_index("date")
    # A new step on its day, and the days before it as they were.
    assert after.at[new.said_on, "is_step"] and after.at[new.said_on, "figure"] == new.figure
    earlier = series.index[series.index < new.said_on]
    pd.testing.assert_series_equal(after["figure"][earlier], series[earlier])


@given(data=st.data())
@settings(BOUNDED, max_examples=7 * SCALE)
def test_a_statement_below_the_headline_changes_nothing(data):
    record = data.draw(DRAWN_RECORDS)
    before = with_statements(record, data.draw(st.lists(statements_of(record, ["sent"]), min_size=1, max_size=3)))
    series = estimates.headline_series(before, end=LAST_DAY).set_index("date")
    new = dataclasses.replace(data.draw(statements_of(before, ["sent"])),
                              said_on=data.draw(st.sampled_from(list(series.index))))
    current, step_on = int(series.at[new.said_on, "figure"]), series.at[new.said_on, "step_on"]
    figure = data.draw(st.integers(1, current))
    # A tie said on the step's own day could take the step; a tie on a later day cannot.
    assume(figure < current or new.said_on > step_on)
    after = with_statements(before, [dataclasses.replace(new, figure=figure)])
    # The series names each day's statement, so an unchanged series means unchanged steps.
    pd.testing.assert_frame_equal(estimates.headline_series(after, end=LAST_DAY).set_index("date"), series)


@given(data=st.data())
@settings(BOUNDED, max_examples=6 * SCALE)
def test_as_of_the_last_day_is_each_claimants_latest_statement(data):
    record = data.draw(DRAWN_RECORDS)
    changed = with_statements(record, data.draw(st.lists(statements_of(record), max_size=6)))
    everything = estimates.statements(changed)
    latest_day = everything["said_on"].max()
    view = estimates.as_of(changed, latest_day)
    measures = changed.measures.set_index("measure")

    def what(table):
        """The measure; the region of a part of the total; the deployment a one-deployment figure counts."""
        part = table["measure"].map(measures["part_of_total"])
        named_part = ~table["measure"].map(measures["in_headline"]) & (table["subset"] != "")
        return table["measure"] + table["locations"].where(part, "") + table["subset"].where(named_part, "")

    everything["what"] = what(everything)
    newest = everything.groupby(["claimant_id", "what"])["said_on"].max()
    assert len(view) == len(newest)
    view_what = what(view)
    for claimant_id, what, said_on, statement_id in zip(view["claimant_id"], view_what, view["said_on"],
                                                         view["statement_id"]):
        assert said_on == newest[(claimant_id, what)]
        assert statement_id in set(everything.loc[(everything["claimant_id"] == claimant_id)
                                                  & (everything["what"] == what)
                                                  & (everything["said_on"] == said_on), "statement_id"])
