"""Coverage audit: every number in every archived story is a claim of that story or a listed exclusion.

    python -m helpers.record.audit [--archive DIR] [--data DIR]

A number (as `helpers.record.mentions` reads it) is *covered* when a claim of the same story has it
as its figure, low or high; *excluded* when a row of data/exclusions.csv for the story gives
it as printed and its context contains it; otherwise *missed*. Prints one line per missed
number (the story, the number as printed and its sentence) and per exclusion that excludes
nothing, then a summary; exits 1 if there is any, 0 otherwise.
"""

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

from helpers.record import archive
from helpers.record.errors import RecordError
from helpers.record.mentions import find_mentions, url_spans
from helpers.record.paths import DEFAULT_ARCHIVE_DIR
from helpers.record import Record, load_record
from helpers.record.verify import archived_texts

# A sentence ends at . ! or ? (and any closing quote) before a capital, a digit or an opening
# quote, except after a single capital ("U.S.") or a title ("Mr.").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])"
)
# How many characters of a long sentence to show on each side of the number.
_SENTENCE_REACH = 200


def comparable(printed: str) -> str:
    """A number as printed, in the form exclusions are matched on: normalised space and quotes, any case."""
    return archive.normalise(printed).casefold()


def story_mentions(source_id: str, text: archive.ArchivedText) -> pd.DataFrame:
    """One row per number in one archived story: as printed, its value, its line and its sentence."""
    found = find_mentions(text.text)
    return pd.DataFrame({
        "source_id": pd.Series(source_id, index=range(len(found)), dtype="str"),
        "archive_file": pd.Series(text.path.name, index=range(len(found)), dtype="str"),
        "printed": pd.Series([archive.normalise(m.printed) for m in found], dtype="str"),
        "value": pd.Series([m.value for m in found], dtype="Int64"),
        "line": pd.Series([text.text.count("\n", 0, m.start) + 1 for m in found], dtype="int64"),
        "start": pd.Series([m.start for m in found], dtype="int64"),
        "end": pd.Series([m.end for m in found], dtype="int64"),
        "sentence": pd.Series([sentence_around(text.text, m.start, m.end) for m in found], dtype="str"),
    })


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds [start, end), on one line (a sentence never spans a line break).

    A very long sentence is cut to the words around the number, marked with "…".
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    sentence_start, sentence_end = line_start, len(text) if line_end == -1 else line_end
    for boundary in _SENTENCE_END.finditer(text, line_start, sentence_end):
        if boundary.end() <= start:
            sentence_start = boundary.end()
        elif boundary.start() >= end:
            sentence_end = boundary.start() + 1
            break
    window_start = max(sentence_start, start - _SENTENCE_REACH)
    window_end = min(sentence_end, end + _SENTENCE_REACH)
    sentence = archive.normalise(text[window_start:window_end])
    return ("…" if window_start > sentence_start else "") + sentence + ("…" if window_end < sentence_end else "")


def context_spans(text: str, context: str) -> list[tuple[int, int]]:
    """Where `context` stands in `text` as printed, wherever it occurs (compared after normalising)."""
    normalised, positions = archive.normalise_with_positions(text)
    wanted = archive.normalise(context)
    spans = []
    at = normalised.find(wanted) if wanted else -1
    while at != -1:
        spans.append((positions[at], positions[at + len(wanted) - 1] + 1))
        at = normalised.find(wanted, at + 1)
    return spans


def exclusion_spans(record: Record, texts: dict[str, archive.ArchivedText]) -> pd.DataFrame:
    """One row per place an exclusion's context stands in its story (none for a context not found)."""
    exclusions = record.exclusions.reset_index(names="exclusion")
    rows = [
        (row.exclusion, row.source_id, comparable(row.number), start, end)
        for row in exclusions[exclusions["source_id"].isin(texts.keys())].itertuples()
        for start, end in context_spans(texts[row.source_id].text, row.context)
    ]
    columns = ["exclusion", "source_id", "number", "context_start", "context_end"]
    return pd.DataFrame(rows, columns=columns).astype(
        {"exclusion": "int64", "source_id": "str", "number": "str", "context_start": "int64", "context_end": "int64"})


def audit(record: Record, archive_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(mentions, unused exclusions): every number with its `status`, and exclusions that exclude nothing.

    `status` is "covered", "excluded" or "missed"; `exclusion` is the row of record.exclusions
    that excludes it, if any.
    """
    texts = archived_texts(record, archive_dir)
    nothing = story_mentions("", archive.ArchivedText(Path(), "", ""))
    mentions = pd.concat([nothing, *(story_mentions(s, text) for s, text in texts.items())], ignore_index=True)

    claimed = pd.concat([record.claims[["source_id", bound]].set_axis(["source_id", "value"], axis=1)
                         for bound in ("figure", "low", "high")]).astype({"value": "Int64"}).dropna()
    covered = pd.MultiIndex.from_frame(mentions[["source_id", "value"]]).isin(pd.MultiIndex.from_frame(claimed))

    spans = exclusion_spans(record, texts)
    inside = mentions.assign(number=mentions["printed"].map(comparable)).reset_index(names="mention").merge(
        spans, on=["source_id", "number"])
    inside = inside[(inside["context_start"] <= inside["start"]) & (inside["end"] <= inside["context_end"])]
    first_exclusion = inside.groupby("mention")["exclusion"].min()
    mentions["exclusion"] = first_exclusion.reindex(mentions.index).astype("Int64")

    mentions["status"] = "missed"
    mentions.loc[mentions["exclusion"].notna(), "status"] = "excluded"
    mentions.loc[covered, "status"] = "covered"
    unused = record.exclusions[~record.exclusions.index.isin(inside["exclusion"])]
    return mentions, unused


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def summary_line(mentions: pd.DataFrame, unused: pd.DataFrame, stories: int, unarchived: int, urls: int) -> str:
    counts = mentions["status"].value_counts()
    line = (f"Audit of {plural(stories, 'archived story', 'archived stories')}: {len(mentions)} numbers found; "
            f"{counts.get('covered', 0)} covered by claims, {counts.get('excluded', 0)} excluded, "
            f"{counts.get('missed', 0)} missed")
    if len(unused):
        line += f"; {plural(len(unused), 'exclusion')} excluding nothing"
    line += f" (digits inside {plural(urls, 'URL')} not read"
    if unarchived:
        line += f"; {plural(unarchived, 'source')} with no archived text not audited"
    return line + ")."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.record.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE_DIR, help="folder of archived stories")
    parser.add_argument("--data", type=Path, default=None, help="the record's folder (default: data/)")
    args = parser.parse_args(argv)
    if not args.archive.is_dir():
        print(f"The archive folder {args.archive} is not here: nothing was audited.", file=sys.stderr)
        return 1
    try:
        record = load_record(args.data, archive_dir=args.archive)
    except RecordError as error:
        print(error, file=sys.stderr)
        return 1

    mentions, unused = audit(record, args.archive)
    for row in mentions[mentions["status"] == "missed"].itertuples():
        print(f"MISSED {row.source_id} ({row.archive_file}:{row.line}): {row.printed!r}: {row.sentence}")
    for row in unused.itertuples():
        print(f"UNUSED exclusion of {row.source_id}: {row.number!r} in {row.context!r}: no such number in that "
              f"context: write the number exactly as printed, and a context that contains it")
    texts = archived_texts(record, args.archive)
    urls = sum(len(url_spans(text.text)) for text in texts.values())
    print(summary_line(mentions, unused, len(texts), len(record.sources) - len(texts), urls))
    if (mentions["status"] == "missed").any() or len(unused):
        print("Each missed number needs a claim in data/claims.csv or a row in data/exclusions.csv: the story's "
              "source_id, the number as printed, words around it copied from the story, and why it is not a claim.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
