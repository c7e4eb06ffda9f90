"""A made-up claims record of any size that passes every rule of the loader, for timing the helpers.

The claimants and vocabularies (qualifiers, measures, locations, subsets) are copied from
data/; the sources, claims and exclusions are generated. Every statement is carried by one
to four stories published on or after the day it was said, each with its own qualifier and
the low/high that qualifier gives by data/qualifiers.csv. No source has an archive file, so
no quote is checked against an archive.

    python -m helpers.bench.synthetic FOLDER CLAIMS
"""

import argparse
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.record import intervals
from helpers.record.paths import DATA_DIR
from helpers.record import COLUMNS

COPIED = ("claimants.csv", "qualifiers.csv", "measures.csv", "locations.csv", "subsets.csv")
FIRST_DAY = pd.Timestamp("2022-02-24")
# Fixed rather than today, so a seed always gives the same record.
LAST_DAY = pd.Timestamp("2025-12-31")
CLAIMS_PER_SOURCE = 10
MOST_STORIES_PER_STATEMENT = 4
# A statement is reported by stories among the next few published after it was said.
STORY_WINDOW = 40
OUTLETS = ("Reuters", "Associated Press", "Yonhap", "ABC News (Australia)", "Newsweek", "BBC News",
           "The Kyiv Independent", "RTTNews", "Al Jazeera", "The Korea Herald")
SPEAKERS = ("Sabrina Singh", "John Kirby", "Lloyd Austin", "a senior official", "lawmakers briefed by the agency",
            "the ministry")
SPEAKER_KINDS = ("named", "named", "named", "anonymous", "anonymous", "institutional")


def write_record(folder: Path, claims: int, seed: int = 0, data_dir: Path = DATA_DIR) -> Path:
    """Write a valid record of `claims` claims into `folder` (created if needed); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copyfile(data_dir / name, folder / name)
    rng = np.random.default_rng(seed)
    sources = _sources(rng, max(MOST_STORIES_PER_STATEMENT, claims // CLAIMS_PER_SOURCE))
    vocabularies = {name: read_table(data_dir / name) for name in COPIED}
    tables = {
        "sources.csv": sources,
        "claims.csv": _claims(rng, claims, sources, vocabularies),
        "exclusions.csv": _exclusions(sources),
    }
    for name, table in tables.items():
        table[COLUMNS[name]].to_csv(folder / name, index=False, lineterminator="\n")
    return folder


def read_table(path: Path) -> pd.DataFrame:
    """A CSV of the record as text cells, as a curator wrote them."""
    return pd.read_csv(path, dtype="str", keep_default_na=False)


def _sources(rng: np.random.Generator, count: int) -> pd.DataFrame:
    """Stories in publication order, the first a month into the war."""
    days = (LAST_DAY - FIRST_DAY).days
    published = pd.Series(np.sort(FIRST_DAY + pd.to_timedelta(rng.integers(30, days + 1, count), unit="D")))
    number = pd.Series(np.arange(count)).astype("str").str.zfill(7)
    date_text = published.dt.strftime("%Y-%m-%d")
    return pd.DataFrame({
        "source_id": "s" + number,
        "outlet": pd.Series(OUTLETS).take(rng.integers(0, len(OUTLETS), count)).to_numpy(),
        "credited": "",
        "headline": "North Korean troops in Russia, story " + number,
        "published_earliest": date_text,
        "published": date_text,
        "published_precision": "stated",
        "published_basis": "the date in the story's URL",
        "url": "https://example.org/" + date_text + "/story-" + number,
        "archive_file": "",
        "archive_sha256": "",
        "notes": "",
        "published_day": published,
    })


def _statements(rng: np.random.Generator, count: int, sources: pd.DataFrame,
                vocabularies: dict) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Each claim's statement (claimant, measure, figure, day said), its number, and which of its stories it is."""
    # Statements, each carried by one to four stories; the last is cut to make `count` rows.
    stories = rng.integers(1, MOST_STORIES_PER_STATEMENT + 1, count)
    ends = np.cumsum(stories)
    statement_count = int(np.searchsorted(ends, count)) + 1
    stories = stories[:statement_count]
    stories[-1] -= ends[statement_count - 1] - count
    statement = np.repeat(np.arange(statement_count), stories)
    nth_story = np.arange(count) - np.repeat(ends[:statement_count] - stories, stories)

    claimants = vocabularies["claimants.csv"]["claimant_id"].to_numpy()
    measures = vocabularies["measures.csv"]["measure"].to_numpy()
    # Half the statements are of the headline measure, as in the real record.
    measure_weights = np.where(vocabularies["measures.csv"]["in_headline"] == "true", 1.0, 0.0)
    measure_weights = 0.5 * measure_weights / measure_weights.sum() + 0.5 / len(measures)
    said = FIRST_DAY + pd.to_timedelta(rng.integers(0, _last_statement_day(sources) + 1, statement_count), unit="D")
    by_statement = pd.DataFrame({
        "statement_id": "st" + pd.Series(np.arange(statement_count)).astype("str").str.zfill(7),
        "claimant_id": rng.choice(claimants, statement_count),
        "measure": rng.choice(measures, statement_count, p=measure_weights),
        "figure": rng.integers(1, 200, statement_count) * 100,
        "said": said,
    }).take(statement)
    by_statement.index = pd.RangeIndex(count)
    return by_statement, statement, nth_story


def _claims(rng: np.random.Generator, count: int, sources: pd.DataFrame, vocabularies: dict) -> pd.DataFrame:
    by_statement, statement, nth_story = _statements(rng, count, sources, vocabularies)
    statement_count = int(statement[-1]) + 1
    # Each story of a statement is a different source published on or after the day it was said.
    published = sources["published_day"].to_numpy()
    first_possible = np.searchsorted(published, by_statement["said"].to_numpy(), side="left")
    room = np.minimum(len(sources) - first_possible - MOST_STORIES_PER_STATEMENT, STORY_WINDOW)
    first_story = first_possible + np.floor(rng.random(statement_count) * (room[_firsts(statement)] + 1)).astype(int)[statement]
    source_row = first_story + nth_story
    source_published = sources["published_day"].take(source_row).reset_index(drop=True)

    qualifiers = vocabularies["qualifiers.csv"]
    qualifier = pd.Series(rng.choice(qualifiers["qualifier"].to_numpy(), count))
    printed = qualifier.map(printed_wordings(qualifiers))
    figure = by_statement["figure"]
    rules = qualifiers.set_index("qualifier")
    low = _bound(figure, qualifier, rules["low_rule"], figure)
    high = _bound(figure, qualifier, rules["high_rule"], figure + rng.integers(1, 20, count) * 100)
    # A range is printed whole, its numbers included ("between 11000 and 12000").
    is_range = (qualifier == "range").to_numpy()
    printed = printed.where(~is_range, printed + " " + low + " and " + high)

    no_later_than = rng.random(count) < 0.2
    said_on = by_statement["said"].where(~no_later_than, source_published)
    speaker_kind = pd.Series(rng.choice(SPEAKER_KINDS + ("unattributed",), count))
    speaker = pd.Series(rng.choice(SPEAKERS, count)).where(speaker_kind != "unattributed", "")
    paraphrase = rng.random(count) < 0.1
    figure_text = figure.astype("str")
    row_number = pd.Series(np.arange(count)).astype("str")
    subsets = vocabularies["subsets.csv"]["subset"].to_numpy()
    return pd.DataFrame({
        "claim_id": "c" + pd.Series(np.arange(count)).astype("str").str.zfill(8),
        "source_id": sources["source_id"].take(source_row).to_numpy(),
        "statement_id": by_statement["statement_id"],
        "claimant_id": by_statement["claimant_id"],
        "speaker": speaker,
        "speaker_kind": speaker_kind,
        "said_on": said_on.dt.strftime("%Y-%m-%d"),
        "said_on_precision": np.where(no_later_than, "no_later_than", "day"),
        "said_on_basis": ("the story does not date it; it was published on " + source_published.dt.strftime("%Y-%m-%d"))
        .where(no_later_than, "the story names the day, " + said_on.dt.strftime("%A %d %B %Y")),
        "figure": figure_text,
        "qualifier": qualifier,
        "qualifier_wording": printed,
        "low": low,
        "high": high,
        "measure": by_statement["measure"],
        "location": rng.choice(vocabularies["locations.csv"]["location"].to_numpy(), count),
        "subset": np.where(rng.random(count) < 0.1, rng.choice(subsets, count), ""),
        "quote_kind": np.where(paraphrase, "paraphrase", "verbatim"),
        # Every quote is different, as in the stories; report numbers make them so.
        "quote": ("North Korea has sent " + (printed + " " + figure_text).str.strip().where(~is_range, printed) + " troops to Russia, "
                  + speaker.where(speaker != "", "officials") + " said in report " + row_number).where(~paraphrase, ""),
        "notes": ("the outlet's paraphrase: " + figure_text + " troops, in report " + row_number).where(paraphrase, ""),
    })


def printed_wordings(qualifiers: pd.DataFrame) -> pd.Series:
    """For each qualifier, the words a story prints for it: none for exact, else its first wording
    that has words before the figure ("between" of "between N and M")."""
    wordings = qualifiers.set_index("qualifier")["wordings"].str.split(";").explode()
    before_figure = wordings.str.split(r"\bN\b", regex=True).str[0].str.strip()
    words = before_figure[before_figure != ""].groupby(level=0).first().reindex(qualifiers["qualifier"])
    return words.where(words.index != "exact", "")


def _last_statement_day(sources: pd.DataFrame) -> int:
    """Days from the war's start to the last day a statement can have so enough stories follow it."""
    return int((sources["published_day"].iloc[-MOST_STORIES_PER_STATEMENT] - FIRST_DAY).days)


def _firsts(statement: np.ndarray) -> np.ndarray:
    """The row of each statement's first story."""
    return np.flatnonzero(np.r_[True, statement[1:] != statement[:-1]])


def _bound(figure: pd.Series, qualifier: pd.Series, rules: pd.Series, stated: pd.Series) -> pd.Series:
    """The bound as text: computed by the qualifier's rule, `stated` where the claim states it, empty where open."""
    expected, is_stated = intervals.expected_bound(figure.astype("str"), qualifier, rules)
    bound = expected.where(~is_stated, stated).astype("Int64")
    return bound.astype("str").where(bound.notna(), "")


def _exclusions(sources: pd.DataFrame) -> pd.DataFrame:
    """One number left out of every hundredth story."""
    some = sources.iloc[::100]
    return pd.DataFrame({
        "source_id": some["source_id"],
        "number": "1,200",
        "context": "more than 1,200 Russian casualties per day",
        "reason": "Russian casualties per day, not North Korean troops.",
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.bench.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("claims", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_record(args.folder, args.claims, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
