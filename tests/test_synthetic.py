"""The synthetic record the benchmark times: valid under every rule, with the rows asked for."""

from helpers import load_record
from helpers.bench import timing as bench
from helpers.bench import synthetic

from conftest import read_rows


def test_the_synthetic_record_loads_with_every_row(tmp_path):
    folder = synthetic.write_record(tmp_path / "record", 500)
    record = load_record(folder, archive_dir=None)
    assert len(record.claims) == 500
    for name, table in (("sources.csv", record.sources), ("exclusions.csv", record.exclusions),
                        ("claimants.csv", record.claimants), ("qualifiers.csv", record.qualifiers)):
        assert len(table) == len(read_rows(folder / name)), name
    assert record.claims.groupby("statement_id")["source_id"].nunique().max() > 1
    assert set(record.claims["qualifier"]) == set(record.qualifiers["qualifier"])
    assert set(record.claims["said_on_precision"]) == {"day", "no_later_than"}


def test_the_same_seed_gives_the_same_record(tmp_path):
    first = synthetic.write_record(tmp_path / "first", 200, seed=3)
    second = synthetic.write_record(tmp_path / "second", 200, seed=3)
    assert (first / "claims.csv").read_bytes() == (second / "claims.csv").read_bytes()


def test_the_performance_section_is_replaced_between_its_markers(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Title\n\n## Performance\n\n{bench.START_MARK}\nold\n{bench.END_MARK}\n\n## After\n")
    bench.write_docs("new table", doc)
    assert doc.read_text() == f"# Title\n\n## Performance\n\n{bench.START_MARK}\nnew table\n{bench.END_MARK}\n\n## After\n"
