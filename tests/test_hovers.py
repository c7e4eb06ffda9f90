"""Every interactive chart's hovers name the claims behind each mark: the quote (or paraphrase note) of each.

The claims behind a mark are worked out here from the analysis helpers and from where the mark
stands (its trace, position and row label), not from the chart's hover strings.
"""

import html
import re

import numpy as np
import pandas as pd
import pytest

from helpers import charts, costs, estimates, load_record, places, provenance

@pytest.fixture(scope="module")
def record():
    return load_record(archive_dir=None)


def squeezed(text: str) -> str:
    """Words as a hover shows them, markup undone and every space dropped: wrapping moves line breaks."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def point_hover(trace, point: int) -> str:
    """The hover text of one point, with its hovertext and text filled in."""
    def value(attribute: str) -> str:
        given = getattr(trace, attribute, None)
        if given is None:
            return ""
        return given if isinstance(given, str) else str(given[point])

    template = value("hovertemplate")
    if not template:
        return value("hovertext") or value("text")
    return re.sub(r"%\{(hovertext|text)\}", lambda match: value(match.group(1)), template)


def hover_marks(figure):
    """(trace, point, hover) for every point that shows a hover."""
    for trace in figure.data:
        if trace.hoverinfo in ("skip", "none"):
            continue
        points = trace.x if trace.x is not None else trace.y
        for point in range(len(points)):
            yield trace, point, point_hover(trace, point)


def quotes(record) -> pd.Series:
    """Each claim's words as a hover must give them: the quote, or for a paraphrase its note."""
    claims = record.claims.set_index("claim_id")
    return claims["quote"].where(claims["quote_kind"] != "paraphrase", claims["notes"])


def statement_claims(record, statement_ids) -> set[str]:
    return set(record.claims.loc[record.claims["statement_id"].isin(list(statement_ids)), "claim_id"])


def said_near(said_on: pd.Series, x) -> pd.Series:
    """Said on the day a mark stands at: marks sit around the middle of the day, a statement's bars side by side."""
    return (said_on + pd.Timedelta(hours=12) - pd.Timestamp(x)).abs() <= pd.Timedelta(days=1)


def row_key(label: str) -> tuple[str, pd.Timestamp]:
    """(claimant, day) from a row label "claimant, 19 Dec 2024" (anything after ": " aside)."""
    claimant, day = label.split(": ")[0].rsplit(", ", 1)
    return claimant, pd.to_datetime(day, format="%d %b %Y")


# For each chart: the claims behind one point, as alternatives (the hover must hold every claim of one).
# No alternative means the point matched nothing the helpers give, which fails too.

def behind_timeline(record, figure, trace, point):
    claims = record.claims
    hit = claims[(claims["claimant_short_name"] == trace.name) & (claims["outlet"] == trace.y[point])
                 & said_near(claims["said_on"], trace.x[point])]
    return [{claim} for claim in hit["claim_id"]]


def behind_headline(record, figure, trace, point):
    headline = record.measures.loc[record.measures["in_headline"], "measure"]
    claims = record.claims[record.claims["measure"].isin(headline)]
    hit = claims[(claims["claimant_short_name"] == trace.name) & (claims["figure"] == trace.y[point])
                 & said_near(claims["said_on"], trace.x[point])]
    return [{claim} for claim in hit["claim_id"]]


def behind_claimants(record, figure, trace, point):
    in_force = estimates.latest_by_date(record)
    on_day = in_force[in_force["date"] == pd.Timestamp(trace.x[point]).normalize()]
    if trace.name == "highest to lowest":  # the band runs from the lowest figure in force that day to the highest
        highest = on_day.loc[on_day["figure"] == on_day["figure"].max(), "statement_id"]
        lowest = on_day.loc[on_day["figure"] == on_day["figure"].min(), "statement_id"]
        return [statement_claims(record, [high, low]) for high in highest for low in lowest]
    hit = on_day[(on_day["claimant"] == trace.legendgroup) & (on_day["figure"] == trace.y[point])]
    return [statement_claims(record, [statement]) for statement in hit["statement_id"]]


def behind_framing(record, figure, trace, point):
    rows = estimates.framing_conflicts(record)
    hit = rows[(rows["claimant_short_name"] == trace.name) & (rows["figure"] == trace.y[point])]
    return [{claim} for claim in hit["claim_id"]]


def behind_locations(record, figure, trace, point):
    axis = figure.layout["xaxis" + trace.xaxis[1:]]
    panel = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", axis.title.text)).split())  # a long name is wrapped
    rows = places.troops_by_location(record)
    hit = rows[(rows["location_name"] == panel) & (rows["claimant_short_name"] == trace.name)
               & (rows["figure"] == trace.y[point]) & said_near(rows["said_on"], trace.x[point])]
    return [{claim} for claim in hit["claim_id"]]


def behind_share(record, figure, trace, point):
    shares = estimates.parts_of_totals(record)
    hit = shares[np.isclose(shares["share"].astype(float), trace.x[point])]
    pairs = zip(hit["statement_id"], hit["total_statement_id"])
    return [statement_claims(record, [part, total]) for part, total in pairs]


def behind_route(record, figure, trace, point):
    locations = record.locations
    stop = locations[(locations["longitude"] == trace.x[point]) & (locations["latitude"] == trace.y[point])]
    figures = places.troops_by_location(record)
    return [statement_claims(record, figures.loc[figures["location"] == location, "statement_id"])
            for location in stop["location"]]


def behind_matrix(record, figure, trace, point):
    statement = estimates.statements(record)["statement_id"].iloc[int(trace.y[point])]
    outlet = provenance.statement_story_matrix(record).columns[int(trace.x[point])]
    claims = record.claims
    hit = claims[(claims["statement_id"] == statement) & (claims["outlet"] == outlet)]
    return [set(hit["claim_id"])] if len(hit) else []


def behind_lag(record, figure, trace, point):
    claim = str(trace.y[point]).split(" · ")[0]
    return [{claim}] if claim in set(provenance.publication_lag(record)["claim_id"]) else []


def behind_speakers(record, figure, trace, point):
    claims = record.claims
    if trace.y[point] not in set(claims["claimant_short_name"]):
        return []
    hit = claims[(claims["claimant_short_name"] == trace.y[point]) & (claims["speaker_kind"] == trace.name)]
    return [set(hit["claim_id"])]


def behind_casualties(record, figure, trace, point):
    totals = costs.casualty_totals(record)
    hit = totals[(totals["claimant"] == trace.name) & (totals["total"] == trace.y[point])
                 & said_near(totals["said_on"], trace.x[point])]
    return [statement_claims(record, ids.split(" + ")) for ids in hit["statement_ids"]]


def behind_split(record, figure, trace, point):
    """A killed bar: the killed figure; a wounded bar: the wounded figure, or the sum and the killed it is
    implied from."""
    claimant, day = row_key(trace.y[point])
    said = costs.casualty_statements(record)
    said = said[(said["claimant"] == claimant) & (said["said_on"] == day)]
    split = costs.killed_and_wounded(record)
    split = split[(split["claimant"] == claimant) & (split["said_on"] == day)]

    def stated(measure: str, figure) -> set[str]:
        given = (said["measure"] == measure) & (said["figure"] == figure)
        return statement_claims(record, said.loc[given, "statement_id"])

    if trace.name == "killed":
        return [stated("killed", row.killed) for row in split.itertuples()]
    return [stated("casualties", row.casualties) | stated("killed", row.killed) if row.wounded_implied
            else stated("wounded", row.wounded) for row in split.itertuples()]


def behind_rate(record, figure, trace, point):
    """The casualties over the claimant's troop figure that day, or else the headline figure known that day."""
    claimant, day = row_key(trace.y[point])
    rates = costs.casualty_rates(record)
    rates = rates[(rates["claimant"] == claimant) & (rates["said_on"] == day)
                  & np.isclose(rates["rate"].astype(float), trace.x[point])]
    totals = costs.casualty_totals(record)
    troops = estimates.statements(record)
    troops = troops[troops["measure"].isin(["sent", "sent_in_wave"]) & (troops["claimant"] == claimant)
                    & (troops["said_on"] == day)]
    headline = estimates.headline_series(record, end=day).set_index("date")["statement_id"]
    alternatives = []
    for rate in rates.itertuples():
        numerator = totals.loc[(totals["claimant"] == claimant) & (totals["said_on"] == day)
                               & (totals["total"] == rate.total), "statement_ids"]
        own = troops.loc[troops["figure"] == rate.denominator, "statement_id"]
        denominator = list(own) if len(own) else [headline[day]]
        alternatives += [statement_claims(record, [*ids.split(" + "), *denominator]) for ids in numerator]
    return alternatives


def behind_deployment(record, figure, trace, point):
    """The statement of the row: the claimant named under its deployment and measure, at its figure."""
    who = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", trace.y[point].split("<br>", 1)[1])).split())
    claimant = who.rsplit(", ", 1)[0].removeprefix("by ").strip()
    table = estimates.statements(record)
    hit = table[table["measure"].isin(["sent_in_wave", "support_planned", "support_sent"])
                & (table["figure"] == trace.x[point]) & (table["claimant"] == claimant)]
    return [statement_claims(record, [statement_id]) for statement_id in hit["statement_id"]]


def behind_killed(record, figure, trace, point):
    said = costs.casualty_statements(record)
    hit = said[(said["measure"] == "killed") & (said["claimant"] == trace.name) & (said["figure"] == trace.y[point])
               & said_near(said["said_on"], trace.x[point])]
    return [statement_claims(record, [statement_id]) for statement_id in hit["statement_id"]]


CLAIMS_BEHIND = {
    "record_timeline": behind_timeline,
    "headline_growth": behind_headline,
    "headline_growth_first_weeks": behind_headline,
    "claimants_side_by_side": behind_claimants,
    "framing_conflicts": behind_framing,
    "troops_by_location": behind_locations,
    "share_near_front": behind_share,
    "route": behind_route,
    "statement_story_matrix": behind_matrix,
    "publication_lag": behind_lag,
    "speakers": behind_speakers,
    "casualties_over_time": behind_casualties,
    "killed_and_wounded": behind_split,
    "casualty_rate": behind_rate,
    "deployments": behind_deployment,
    "killed_over_time": behind_killed,
}


def marks_missing_claims(record, chart: str) -> list[str]:
    """Each hover-bearing mark whose hover lacks a claim behind it."""
    figure = charts.interactive(chart, record)
    words = quotes(record)
    missing = []
    for trace, point, hover in hover_marks(figure):
        alternatives = CLAIMS_BEHIND[chart](record, figure, trace, point)
        where = f"{trace.name or trace.legendgroup} at ({trace.x[point]}, {trace.y[point]})"
        if not alternatives:
            missing.append(f"{where}: no claims found behind it")
            continue
        shown = squeezed(hover)
        lacking = [sorted(c for c in claims if squeezed(words[c]) not in shown) for claims in alternatives]
        if all(lacking):
            missing.append(f"{where}: lacks {min(lacking, key=len)}")
    return missing


def test_every_chart_says_how_to_find_the_claims_behind_its_marks():
    assert sorted(CLAIMS_BEHIND) == sorted(charts.CHARTS)


@pytest.mark.parametrize("chart", list(charts.CHARTS))
def test_each_mark_hovers_the_quote_of_every_claim_behind_it(record, chart):
    assert marks_missing_claims(record, chart) == []
