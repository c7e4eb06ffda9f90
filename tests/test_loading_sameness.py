"""The loader's shortcuts give exactly what the plain pandas they replace gives.

While a record is read, each column is parsed once and cell tests run once per distinct
value; a few rules compare codes instead of text. Here every shortcut is checked against
its plain form, and whole records (valid, and broken in many ways at once) are loaded both
with the shortcuts and without them: the same record, the same problems.
"""

import contextlib
import random
import shutil

import numpy as np
import pandas as pd
import pytest

from helpers.record import archive, load as record, validation
from helpers import load_record
from helpers.bench import synthetic
from helpers.record.errors import RecordError

# Cells that break rules in many ways: spacing, separators, dates, ids, typography.
ODD_CELLS = ["", " ", " x", "x ", "10,000", "0", "-5", "1500.5", "2099-01-01", "2021-01-01", "2024-02-30",
             "30/10/2024", "ABC", "about", "exact", "range", "sent", "russia", "day", "no_later_than", "verbatim",
             "paraphrase", "unattributed", "3000", "2700", "3300", "true", "#1f5fa8", "figure*0.9", "open",
             "figure*x", "http://x", "not a url", "a" * 64, "file.txt", "dir/file.txt", "12.5", "é", "x\ny",
             "as  many as", "AS MANY AS", "as\u00a0many as", "\u2018some\u2019", "ΣΑΣ", "about\t",
             "North\u00a0Korea sent \u201cabout\u201d 3,000"]


def damaged_copy(source, target, share: float, seed: int):
    """A copy of the record in `source` with a `share` of its cells replaced by odd ones or other rows' values."""
    shutil.copytree(source, target)
    rng = random.Random(seed)
    for path in sorted(target.glob("*.csv")):
        table = pd.read_csv(path, dtype="str", keep_default_na=False)
        for _ in range(max(1, int(table.size * share))):
            row, column = rng.randrange(len(table)), rng.randrange(len(table.columns))
            other = table.iat[rng.randrange(len(table)), column]
            table.iat[row, column] = rng.choice(ODD_CELLS) if rng.random() < 0.6 else other
        table.to_csv(path, index=False, lineterminator="\n")
    return target


@contextlib.contextmanager
def without_shortcuts(monkeypatch):
    """Every rule in its plain form: no column parsed once, no test run per distinct value."""
    with monkeypatch.context() as patch:
        plain = contextlib.nullcontext
        patch.setattr(validation, "each_column_read_once", plain)
        patch.setattr(record, "each_column_read_once", plain)
        yield


def outcome(data_dir, archive_dir=None):
    try:
        loaded = load_record(data_dir, archive_dir)
    except RecordError as error:
        return str(error)
    return loaded


def assert_same_outcome(first, second):
    if isinstance(first, str) or isinstance(second, str):
        assert first == second
        return
    for name in ("claims", "sources", "claimants", "qualifiers", "measures", "locations", "subsets", "exclusions"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


@pytest.fixture(scope="module")
def synthetic_record(tmp_path_factory):
    return synthetic.write_record(tmp_path_factory.mktemp("synthetic"), 1500, seed=5)


@pytest.mark.parametrize("share", [0, 0.01, 0.05, 0.3])
def test_a_synthetic_record_loads_the_same_without_shortcuts(synthetic_record, tmp_path, monkeypatch, share):
    folder = damaged_copy(synthetic_record, tmp_path / "record", share, seed=int(share * 100)) if share else synthetic_record
    fast = outcome(folder)
    with without_shortcuts(monkeypatch):
        assert_same_outcome(fast, outcome(folder))


@pytest.mark.parametrize("share", [0, 0.05, 0.3])
def test_the_curated_record_loads_the_same_without_shortcuts(record_copy, tmp_path, monkeypatch, share):
    data_dir, archive_dir = record_copy
    folder = damaged_copy(data_dir, tmp_path / "damaged", share, seed=7) if share else data_dir
    fast = outcome(folder, archive_dir)
    with without_shortcuts(monkeypatch):
        assert_same_outcome(fast, outcome(folder, archive_dir))


@pytest.fixture
def cells() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    picks = ["a", "b", "", " b", "c", "a"]
    return pd.DataFrame({
        "group": pd.Series(rng.choice(picks, 1500), dtype="str"),
        "value": pd.Series(rng.choice(picks + ["d"], 1500), dtype="str").where(rng.random(1500) > 0.1),
        "other": pd.Series(rng.choice(picks, 1500), dtype="str"),
    })


def test_agrees_within_is_nunique_per_group(cells):
    groups = cells["group"].where(cells.index % 17 > 0)
    expected = cells["value"].groupby(groups).transform("nunique") <= 1
    pd.testing.assert_series_equal(validation.agrees_within(cells["value"], groups), expected, check_names=False)


def test_repeated_and_unique_are_duplicated(cells):
    pd.testing.assert_series_equal(validation.repeated(cells, ["group", "value", "other"]),
                                   cells.duplicated(["group", "value", "other"], keep=False))
    pd.testing.assert_series_equal(validation.unique(cells["value"]), ~cells["value"].duplicated(keep=False))


def test_per_value_answers_as_the_test_does(cells):
    with validation.each_column_read_once():
        for test in (validation.no_outer_space, validation.filled, validation.matches("[a-c]"),
                     validation.one_of({"a", "d"}, optional=True)):
            pd.testing.assert_series_equal(test(cells["other"]), test.__wrapped__(cells["other"]), check_names=False)


def test_normalise_all_is_normalise_of_each_cell():
    texts = pd.Series(ODD_CELLS + ["  two  spaces ", "tab\there", "‘quoted’ “twice”", "line\nbreak\u2009thin"],
                      dtype="str")
    pd.testing.assert_series_equal(archive.normalise_all(texts), texts.map(archive.normalise).astype("str"))


def test_looked_up_columns_are_a_left_merge():
    claims = pd.DataFrame({"source_id": pd.Series(["b", "a", "b", "c"], dtype="str"), "n": [1, 2, 3, 4]})
    sources = pd.DataFrame({"source_id": pd.Series(["a", "b", "c", "d"], dtype="str"),
                            "outlet": pd.Series(["A", "B", "C", "D"], dtype="str"),
                            "published": pd.to_datetime(["2024-10-01", "2024-10-02", None, "2024-10-04"])})
    looked_up = pd.concat([claims, record._looked_up(claims, sources, "source_id")], axis=1)
    pd.testing.assert_frame_equal(looked_up, claims.merge(sources, on="source_id", how="left", validate="many_to_one"))

