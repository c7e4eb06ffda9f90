"""Valid records of the shapes curators will really add, for property tests (hypothesis strategies).

A drawn record starts from the project's vocabularies (as `helpers.bench.synthetic` does) and varies
what an edit can change: claimants left out or added (with new countries), claimants that give
only parts of a total, only casualties or only a pledge; a new measure row; a new location with
or without a place on the route; sources dated, dated to a window or undated; statements said the
same day, years after today's last one, carried by one story or two with different qualifiers;
ranges and open intervals; paraphrases; one claim, and no claim of some measure at all.

    tables = data.draw(records())          # {file name: rows}
    folder = write_tables(tmp_path, tables)
    record = load_record(folder, archive_dir=None)
"""

import csv
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

from helpers.record import intervals
from helpers.bench import synthetic
from helpers.record.paths import DATA_DIR
from helpers.record import COLUMNS

FIRST_DAY = pd.Timestamp("2022-02-24")
# A fixed last day, before any day the tests run on, so a drawn record is valid on every later day.
LAST_DAY = pd.Timestamp("2026-11-30")
VOCABULARIES = {name: synthetic.read_table(DATA_DIR / name) for name in synthetic.COPIED}
QUALIFIERS = VOCABULARIES["qualifiers.csv"].set_index("qualifier")
PRINTED = synthetic.printed_wordings(VOCABULARIES["qualifiers.csv"])
NEW_CLAIMANTS = [
    {"claimant_id": "drawn_uk_mod", "name": "Ministry of Defence (United Kingdom)",
     "short_name": "UK Ministry of Defence (drawn)", "country": "United Kingdom", "kind": "defence ministry", "colour": "#3b7a57",
     "party_to_deployment": "false"},
    {"claimant_id": "drawn_ua_gur", "name": "Defence Intelligence of Ukraine", "short_name": "Ukraine's HUR (drawn)",
     "country": "Ukraine", "kind": "intelligence agency", "colour": "#7f7f7f",
     "party_to_deployment": "false"},
    {"claimant_id": "drawn_jp_mod", "name": "Ministry of Defense (Japan)", "short_name": "Japan's MoD (drawn)",
     "country": "Japan", "kind": "defence ministry", "colour": "#17becf",
     "party_to_deployment": "false"},
    {"claimant_id": "drawn_kp_state", "name": "North Korea's leadership (drawn)", "short_name": "North Korea (drawn)",
     "country": "North Korea", "kind": "state media", "colour": "#9467bd", "party_to_deployment": "true"},
]
# A curator may add any of these for real: a drawn one must not clash with the record's own (id, short name, colour).
KNOWN_CLAIMANTS = VOCABULARIES["claimants.csv"]
NEW_CLAIMANTS = [
    claimant for claimant in NEW_CLAIMANTS
    if not any(claimant[column] in set(KNOWN_CLAIMANTS[column]) for column in ("claimant_id", "short_name", "colour"))
]
NEW_LOCATION = {"location": "drawn_donetsk_oblast", "name": "Donetsk Oblast", "parent": "", "kind": "region",
                "latitude": "48.0", "longitude": "37.8", "meaning": "A region of Ukraine, made up for a test."}
OUTLETS = ("Reuters", "Yonhap", "BBC News", "The Kyiv Independent")
SPEAKER_KINDS = ("named", "anonymous", "institutional", "unattributed")


def write_tables(folder: Path, tables: dict[str, list[dict[str, str]]], changelog: bool = True) -> Path:
    """Write a drawn record's CSVs (and a data README with one changelog entry) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS[name], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    if changelog:
        (folder / "README.md").write_text("# A drawn record\n\n## Changelog\n\n### 2026-12-01\n- Drawn for a test.\n")
    return folder


def _rows(name: str) -> list[dict[str, str]]:
    return VOCABULARIES[name].to_dict("records")


def _day(draw, earliest: pd.Timestamp, latest: pd.Timestamp) -> pd.Timestamp:
    return earliest + pd.Timedelta(days=draw(st.integers(0, max(0, (latest - earliest).days))))


@st.composite
def claimants(draw) -> list[dict[str, str]]:
    """Some of the project's claimants (at least one) and up to two new ones."""
    known = _rows("claimants.csv")
    kept = draw(st.lists(st.sampled_from(known), unique_by=lambda row: row["claimant_id"], max_size=4,
                         min_size=0 if NEW_CLAIMANTS else 1))
    new = draw(st.lists(st.sampled_from(NEW_CLAIMANTS), unique_by=lambda row: row["claimant_id"], max_size=2,
                        min_size=0 if kept else 1)) if NEW_CLAIMANTS else []
    return kept + new


@st.composite
def measures(draw) -> list[dict[str, str]]:
    """The project's measures, and maybe a new one counting troops or casualties, a total or a part of one."""
    rows = _rows("measures.csv")
    if draw(st.booleans()):
        counts = draw(st.sampled_from(["troops", "casualties"]))
        flags = draw(st.sampled_from([("false", "false"), ("true", "false"), ("false", "true")]))
        rows.append({"measure": "drawn_measure", "label": "counted a new way", "counts": counts, "in_headline": flags[0],
                     "part_of_total": flags[1], "meaning": "A measure made up for a test."})
    return rows


@st.composite
def locations(draw) -> list[dict[str, str]]:
    """The project's places, and maybe a new one with or without a place on the route (which may repeat one)."""
    rows = _rows("locations.csv")
    if draw(st.booleans()):
        route_order = draw(st.sampled_from(["", "5", "2", "9"]))
        rows.append({**NEW_LOCATION, "route_order": route_order})
    return rows


@st.composite
def sources(draw, latest: pd.Timestamp) -> list[dict[str, str]]:
    """One to four stories: dated to the day, to a window of days, or undated."""
    rows = []
    for number in range(draw(st.integers(1, 4))):
        precision = draw(st.sampled_from(["stated", "stated", "inferred_window", "undated"]))
        published = _day(draw, FIRST_DAY + pd.Timedelta(days=3), latest)
        earliest = published - pd.Timedelta(days=draw(st.integers(1, 3))) if precision == "inferred_window" else published
        dated = precision != "undated"
        rows.append({
            "source_id": f"story{number}", "outlet": draw(st.sampled_from(OUTLETS)), "credited": "", "headline": "",
            "published_earliest": f"{earliest:%Y-%m-%d}" if dated else "",
            "published": f"{published:%Y-%m-%d}" if dated else "",
            "published_precision": precision, "published_basis": "made up for a test",
            "url": f"https://example.org/story{number}", "archive_file": "", "archive_sha256": "", "notes": "",
        })
    return rows


def _bound(figure: int, qualifier: str, rule_column: str, stated: int) -> str:
    rule = QUALIFIERS.at[qualifier, rule_column]
    if rule == "open":
        return ""
    if rule == "stated":
        return str(stated)
    bound, _ = intervals.expected_bound(pd.Series([str(figure)]), pd.Series([qualifier]), QUALIFIERS[rule_column])
    return str(int(bound.iloc[0]))


def _claim_row(draw, number: int, statement: dict, source: dict, qualifier: str) -> dict[str, str]:
    """One story's row for `statement`, worded with `qualifier` and the interval it gives."""
    figure = statement["figure"]
    low = _bound(figure, qualifier, "low_rule", figure)
    high = _bound(figure, qualifier, "high_rule", statement["range_top"])
    wording = f"between {low} and {high}" if qualifier == "range" else PRINTED[qualifier]
    said_on, precision, basis = statement["said_on"], "day", "made up: the story names the day"
    if source["published"] and draw(st.integers(0, 4)) == 0:
        said_on, precision, basis = pd.Timestamp(source["published"]), "no_later_than", "the story does not date it"
    kind = draw(st.sampled_from(SPEAKER_KINDS))
    speaker = "" if kind == "unattributed" else draw(st.sampled_from(["an official", "Jane Doe", "the ministry"]))
    paraphrase = draw(st.integers(0, 5)) == 0
    figure_words = wording if qualifier == "range" else f"{wording} {figure}".strip()
    return {
        "claim_id": f"c{number:03d}", "source_id": source["source_id"], "statement_id": statement["statement_id"],
        "claimant_id": statement["claimant_id"], "speaker": speaker, "speaker_kind": kind,
        "said_on": f"{said_on:%Y-%m-%d}", "said_on_precision": precision, "said_on_basis": basis,
        "figure": str(figure), "qualifier": qualifier, "qualifier_wording": wording, "low": low, "high": high,
        "measure": statement["measure"], "location": statement["location"], "subset": statement["subset"],
        "quote_kind": "paraphrase" if paraphrase else "verbatim",
        "quote": "" if paraphrase else f"{speaker or 'Officials'} said {figure_words} troops in story {number}",
        "notes": f"the outlet's paraphrase: {figure_words}" if paraphrase else "",
    }


@st.composite
def statements(draw, claimant_ids: list[str], measure_rows: list[dict], location_ids: list[str],
               source_rows: list[dict]) -> list[dict[str, str]]:
    """Claims for one to `most` statements, each carried by one or two of the sources."""
    by_claimant = {
        # A claimant keeps to some measures: only parts, only casualties, only a pledge, or anything.
        claimant_id: draw(st.lists(st.sampled_from([m["measure"] for m in measure_rows]), min_size=1, max_size=3,
                                   unique=True))
        for claimant_id in claimant_ids
    }
    subsets = [""] * 3 + list(VOCABULARIES["subsets.csv"]["subset"])
    # Statements often fall on the same few days, so ties happen.
    days = draw(st.lists(st.builds(lambda offset: FIRST_DAY + pd.Timedelta(days=offset),
                                   st.integers(0, (LAST_DAY - FIRST_DAY).days)), min_size=1, max_size=3))
    rows = []
    for number in range(draw(st.integers(1, 6))):
        claimant_id = draw(st.sampled_from(claimant_ids))
        carriers = draw(st.lists(st.sampled_from(source_rows), min_size=1, max_size=2,
                                 unique_by=lambda row: row["source_id"]))
        published = [pd.Timestamp(s["published"]) for s in carriers if s["published"]]
        said_on = min([draw(st.sampled_from(days)), *published])
        figure = draw(st.sampled_from([1, 50, 1500, 3000, 10000, 11000, 12000]) | st.integers(1, 200_000))
        statement = {
            "statement_id": f"st{number}", "claimant_id": claimant_id, "figure": figure,
            "range_top": figure + draw(st.integers(1, 5000)),
            "measure": draw(st.sampled_from(by_claimant[claimant_id])),
            "location": draw(st.sampled_from(location_ids)), "subset": draw(st.sampled_from(subsets)),
            "said_on": said_on,
        }
        qualifiers = draw(st.lists(st.sampled_from(list(QUALIFIERS.index)), min_size=len(carriers),
                                   max_size=len(carriers)))
        for source, qualifier in zip(carriers, qualifiers):
            rows.append(_claim_row(draw, len(rows) + 1, statement, source, qualifier))
    return rows


@st.composite
def records(draw) -> dict[str, list[dict[str, str]]]:
    """Every file of a valid record, as rows of text cells."""
    claimant_rows = draw(claimants())
    measure_rows = draw(measures())
    location_rows = draw(locations())
    source_rows = draw(sources(LAST_DAY))
    claim_rows = draw(statements([c["claimant_id"] for c in claimant_rows], measure_rows,
                                 [loc["location"] for loc in location_rows], source_rows))
    exclusions = []
    if draw(st.booleans()):
        exclusions.append({"source_id": source_rows[0]["source_id"], "number": "two",
                           "context": "for two years", "reason": "Years, not troops."})
    return {
        "claimants.csv": claimant_rows, "qualifiers.csv": _rows("qualifiers.csv"), "measures.csv": measure_rows,
        "locations.csv": location_rows, "subsets.csv": _rows("subsets.csv"), "sources.csv": source_rows,
        "claims.csv": claim_rows, "exclusions.csv": exclusions,
    }
