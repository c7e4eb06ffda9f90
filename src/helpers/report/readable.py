"""Tables for people: what a notebook shows of an analysis, with words where the analysis keeps codes.

An analysis returns machine columns (`said_on`, `multiple_of_previous`), ids and raw values
(`<NA>`, 3.333333, 10000) so that code and tests can use it. `for_readers(frame, record)` shows the
same rows as a reader reads them:

- headers in words ("Said on", "× previous"), from `HEADERS` or, for any other machine name, its
  words ("days_apart" is "Days apart"); a column named by the data (a claimant) keeps its name;
- ids hidden (claims, statements, claimants: every `*_id` and `*_statement` column) or written as
  the names the record gives them (a location, a measure, a subset, a qualifier);
- whole numbers with thousands separators, ratios as "3.3×", shares and rates as "27%", dates as
  "28 Oct 2024", yes/no for true/false, and an empty cell for a missing value.

The result displays as HTML (a pandas Styler with a fixed id, so the output is the same on every
run, and its text escaped) and as plain text (the same cells); the CSV export keeps its own columns.
"""

import hashlib
import re

import pandas as pd
from pandas.io.formats.style import Styler

from helpers.record import Record
from helpers.report.table import PRECISION_WORDS
from helpers.record.wording import thousands

HEADERS = {
    "said_on": "Said on",
    "said_on_other": "Other said on",
    "said_on_precision": "Date known",
    "claimant_short_name": "Claimant",
    "claimant_other": "Other claimant",
    "total_other": "Other total",
    "basis_other": "Other basis",
    "short_name": "Short name",
    "measure_label": "What is counted",
    "label": "Label",
    "location_name": "Where",
    "locations": "Where",
    "locations_other": "Other where",
    "as_worded": "As worded",
    "wordings": "As worded",
    "wordings_other": "Other as worded",
    "total_wordings": "Total as worded",
    "denominator_wordings": "Denominator as worded",
    "multiple_of_previous": "× previous",
    "days_since_previous": "Days since previous",
    "day_known": "Day known",
    "total_day_known": "Total's day known",
    "total_said_on": "Total said on",
    "in_one_story": "In one story",
    "intervals_overlap": "Intervals overlap",
    "share_low": "Share, lowest",
    "share_high": "Share, highest",
    "rate_low": "Rate, lowest",
    "rate_high": "Rate, highest",
    "killed_share": "Share killed",
    "killed_worded": "Killed, as worded",
    "wounded_worded": "Wounded, as worded",
    "casualties_worded": "Killed and wounded, as worded",
    "casualties": "Killed and wounded",
    "wounded_implied": "Wounded implied",
    "lag_min": "Shortest lag (days)",
    "lag_max": "Longest lag (days)",
    "quote_status": "Quote check",
    "route_order": "Stop",
    "figures_said": "Figures said there",
    "speaker_kind": "Speaker is",
    "low_rule": "Low bound",
    "high_rule": "High bound",
    "in_headline": "In the headline",
    "part_of_total": "Part of a total",
    "latitude": "Latitude (°N)",
    "longitude": "Longitude (°E)",
}

# Columns whose values are ids: never shown (a row is known by its names and dates).
_HIDDEN = re.compile(r"(?:^|_)(?:id|ids|statement|claim)$")
# Floats written as a multiple ("3.3×") or as a percentage ("27%"); any other float with two decimals.
_MULTIPLE = re.compile(r"(?:^|_)(?:multiple|ratio)(?:_|$)")
_PERCENT = re.compile(r"(?:^|_)(?:share|rate)(?:_|$)")
_MACHINE_NAME = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")


def _vocabularies(record: Record) -> dict[str, pd.Series]:
    """Id → name for every column whose values are vocabulary ids."""
    qualifiers = record.qualifiers.set_index("qualifier")["label"]
    locations = record.locations.set_index("location")["name"]
    # A plain figure's qualifier has no label: "exact".
    labels = qualifiers.where(qualifiers != "", qualifiers.index.to_series().str.replace("_", " "))
    return {
        "location": locations, "locations": locations, "locations_other": locations,
        "measure": record.measures.set_index("measure")["label"],
        "subset": record.subsets.set_index("subset")["label"],
        "qualifier": labels, "qualifiers": labels,
        "said_on_precision": pd.Series(PRECISION_WORDS),
    }


def _names(ids: pd.Series, names: pd.Series) -> pd.Series:
    """Ids written as names; a cell listing several ("kursk_oblast, russia") names each; unknown ids stay."""
    text = ids.astype("str").where(ids.notna(), "")
    if not text.str.contains(", ", regex=False).any():
        return text.map(names).fillna(text).astype("str")
    parts = text.str.split(", ").explode()
    named = parts.map(names).fillna(parts)
    return named.groupby(level=0).agg(", ".join).reindex(text.index).astype("str")


def _cells(name: str, values: pd.Series) -> pd.Series:
    """One column's values as a reader reads them; a missing value is an empty cell."""
    missing = values.isna()
    if missing.all():  # (formatting an all-missing column would keep its number type)
        return pd.Series("", index=values.index, dtype="str")
    if pd.api.types.is_bool_dtype(values):
        text = values.map({True: "yes", False: "no"})
    elif pd.api.types.is_datetime64_any_dtype(values):
        text = values.dt.strftime("%-d %b %Y")
    elif pd.api.types.is_integer_dtype(values):
        text = thousands(values)
    elif pd.api.types.is_float_dtype(values):
        numbers = values.astype("Float64")
        if _MULTIPLE.search(name):
            text = numbers.round(1).map("{:,.1f}×".format, na_action="ignore")
        elif _PERCENT.search(name):
            text = (numbers * 100).round(0).map("{:.0f}%".format, na_action="ignore")
        else:
            text = numbers.map("{:,.2f}".format, na_action="ignore")
    else:
        text = values.astype("str")
    return text.astype("str").where(~missing, "")


def header(name: object) -> str:
    """A column's header in words: `HEADERS`, else a machine name's words; a name from the data as it is."""
    name = str(name)
    if name in HEADERS:
        return HEADERS[name]
    return name.replace("_", " ").capitalize() if _MACHINE_NAME.match(name) else name


def for_readers(frame: pd.DataFrame, record: Record) -> "ReaderTable":
    """`frame` as a table for people (see the module's docstring); its rows and their order are kept."""
    frame = frame.reset_index() if any(frame.index.names) else frame.reset_index(drop=True)
    vocabularies = _vocabularies(record)
    columns = {}
    for name in frame.columns:
        key = str(name)
        if _HIDDEN.search(key):
            continue
        values = frame[name]
        columns[key] = _names(values, vocabularies[key]) if key in vocabularies else _cells(key, values)
    # An id column whose names another column already shows (`location` beside `location_name`) is dropped.
    columns = {key: cells for key, cells in columns.items()
               if key not in vocabularies or not any(cells.equals(other) for name, other in columns.items() if name != key)}
    kinds = {name: frame[name].dtype for name in columns}
    numeric = [header(name) for name, kind in kinds.items()
               if pd.api.types.is_numeric_dtype(kind) and not pd.api.types.is_bool_dtype(kind)]
    dates = [header(name) for name, kind in kinds.items() if pd.api.types.is_datetime64_any_dtype(kind)]
    shown = pd.DataFrame({header(name): cells for name, cells in columns.items()})
    return ReaderTable(shown, numeric, dates)


def one_row(frame: pd.DataFrame) -> "ReaderTable":
    """The first row of `frame`, field by field: the record's own column names (what a curator edits), each value
    written as `for_readers` writes it (a date as "23 Oct 2024", a missing value as an empty cell)."""
    row = frame.iloc[:1]
    values = [_cells(str(name), row[name]).iloc[0] if len(row) else "" for name in row.columns]
    return ReaderTable(pd.DataFrame({"Column": [str(name) for name in row.columns], "Value": values}), [])


class ReaderTable:
    """A formatted table: HTML for notebooks and pages, the same cells as text for nbval and terminals."""

    def __init__(self, shown: pd.DataFrame, numeric: list[str], dates: list[str] = ()):
        self.shown, self.numeric, self.dates = shown, numeric, list(dates)

    def styler(self) -> Styler:
        # The id is the table's own content's, so every run writes the same HTML (a Styler's default is random).
        uuid = hashlib.sha256(self.shown.to_csv().encode("utf-8")).hexdigest()[:10]
        styles = [{"selector": "td, th", "props": "text-align: left; vertical-align: top;"}]
        return (Styler(self.shown, uuid=uuid, cell_ids=False)
                .hide(axis="index")
                .format(escape="html")
                .format_index(escape="html", axis=1)
                .set_table_styles(styles)
                # Numbers right-aligned; numbers and dates never broken across lines ("28 Oct 2024").
                .set_table_styles({column: [{"selector": "td, th", "props": "text-align: right; white-space: nowrap;"}]
                                   for column in self.numeric}, overwrite=False)
                .set_table_styles({column: [{"selector": "td", "props": "white-space: nowrap;"}]
                                   for column in self.dates}, overwrite=False)
                .set_table_attributes('class="reader-table"'))

    def _repr_html_(self) -> str:
        return self.styler().to_html()

    def __repr__(self) -> str:
        if self.shown.empty:
            return "(no rows)" if len(self.shown.columns) else "(empty table)"
        return self.shown.to_string(index=False)
