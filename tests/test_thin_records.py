"""What each chart and finding shows on a thin record: one claim, one claimant, no casualty figure yet.

Each chart that a record can leave with nothing to draw says why in words, in both drawings and
its caption, rather than drawing empty axes; each finding says what there is.
"""

import dataclasses
import html

import pytest

from helpers.record import absent
from helpers import charts, findings, load_record


@pytest.fixture(scope="module")
def record():
    return load_record(archive_dir=None)


def keeping(record, keep):
    claims = record.claims
    return dataclasses.replace(record, claims=claims[keep(claims)].reset_index(drop=True))


def said_by_each_drawing(name, record):
    """The titles of both drawings, as plain text."""
    static, interactive = charts.static(name, record), charts.interactive(name, record)
    plain = html.unescape(interactive.layout.title.text.replace("<br>", " ").replace("<b>", "").replace("</b>", ""))
    return static._suptitle.get_text().replace("\n", " "), plain


@pytest.mark.parametrize("name", ["casualties_over_time", "killed_and_wounded", "casualty_rate"])
def test_with_no_casualty_figure_the_cost_charts_say_so(record, name):
    troops_only = keeping(record, lambda claims: claims["measure"] == "sent")
    message = charts.CHARTS[name].caption(troops_only)
    assert message in (absent.NO_CASUALTY_TOTAL, "No claimant has given killed and wounded apart, or killed and the sum "
                                                 "the same day, so there is no split yet.")
    assert said_by_each_drawing(name, troops_only) == (message, message)
    assert findings.cost_overview(troops_only).data == absent.NO_CASUALTIES


@pytest.mark.parametrize("name", ["headline_growth", "headline_growth_first_weeks", "claimants_side_by_side"])
def test_with_no_figure_of_troops_sent_the_growth_charts_say_so(record, name):
    casualties_only = keeping(record, lambda claims: claims["measure"] == "casualties")
    static, _ = said_by_each_drawing(name, casualties_only)
    assert static.startswith("No ")
    assert findings.growth(casualties_only).data == absent.NO_HEADLINE


def test_one_claim_of_troops_sent_is_the_only_step_and_nothing_is_compared(record):
    one = keeping(record, lambda claims: claims["claim_id"] == "c001")
    assert "is the only one said so far" in findings.growth(one).data
    assert findings.disagreement(one).data.startswith("Only South Korea's NIS has given figures")
    assert charts.CHARTS["headline_growth"].caption(one).startswith("The largest official estimate so far is the only one")
    for name in charts.CHARTS:  # every chart draws, or says why it cannot
        said_by_each_drawing(name, one)


def test_a_part_without_its_claimants_total_is_left_out_of_the_share_chart_and_said(record):
    parts_only = keeping(record, lambda claims: claims["measure"].isin(["in_region", "toward_front"]))
    static, _ = said_by_each_drawing("share_near_front", parts_only)
    assert static.startswith("No claimant that gave a part of the troops")
    assert "no total of" in findings.locations(parts_only).data
