"""Where the troops were said to be: figures by location over time, and the route."""

import pandas as pd

from helpers import estimates
from helpers.record.memo import per_record
from helpers.record import Record
from helpers.record.wording import dated


@per_record
def troops_by_location(record: Record) -> pd.DataFrame:
    """Every figure of troops said to be in a place, by location and date: totals sent and parts of them, not
    pledges, plans or one deployment counted alone (measures.csv's `in_headline` and `part_of_total`)."""
    measures = record.measures.set_index("measure")
    claims = estimates.with_wording(record)
    in_place = claims["measure"].map(measures["in_headline"] | measures["part_of_total"])
    claims = claims[in_place]
    names = record.locations.set_index("location")["name"]
    table = claims.assign(location_name=claims["location"].map(names))
    columns = ["said_on", "location", "location_name", "claimant_short_name", "as_worded", "figure", "low", "high",
               "measure_label", "statement_id", "claim_id", "outlet"]
    return table[columns].sort_values(["said_on", "location", "claim_id"], ignore_index=True)


@per_record
def route(record: Record) -> pd.DataFrame:
    """The route the troops were said to take, in order, with the figures said about each stop."""
    locations = record.locations
    stops = locations[locations["route_order"].notna()].sort_values("route_order")
    figures = troops_by_location(record).drop_duplicates(["location", "statement_id"])
    table = estimates.statements(record).set_index("statement_id")
    said_on = dated(figures["statement_id"].map(table["said_on"]), figures["statement_id"].map(table["day_known"]))
    text = figures["statement_id"].map(table["wordings"]) + " (" + figures["claimant_short_name"] + ", " + said_on + ")"
    said = text.groupby(figures["location"]).agg("; ".join)
    # Reindexed, not mapped: with no figure said at any stop, a map gives numbers, and "" no longer fills them.
    stops = stops.assign(figures_said=said.reindex(stops["location"], fill_value="").to_numpy())
    return stops[["route_order", "location", "name", "kind", "latitude", "longitude", "meaning", "figures_said"]].reset_index(drop=True)


def where_phrase(measure_label: str, place: str) -> str:
    """"in Kursk Oblast" for a count in a region, "moving toward the front in western Russia" otherwise."""
    return f"in {place}" if measure_label.startswith("in ") else f"{measure_label} in {place}"
