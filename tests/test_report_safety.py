"""Text from the data is escaped wherever it lands: a record carrying markup builds pages showing it as text."""

import xml.etree.ElementTree as ElementTree

import pytest

from helpers.charts import CHARTS
from html_checks import injected_markup, parse
from report_builds import ATTRIBUTE_PAYLOAD, FIXTURE_NOTEBOOK, HOSTILE_OUTLET, HOSTILE_QUOTE, SCRIPT_PAYLOAD

SVG = "{http://www.w3.org/2000/svg}"
HEADLINE_CHART = "headline_growth"


def html_pages(build):
    return sorted(build.out_dir.glob("*.html"))


def test_no_page_turns_the_data_into_markup(built_report):
    for page in html_pages(built_report):
        assert injected_markup(parse(page)) == [], page.name


def test_the_index_shows_the_outlet_as_text(built_report):
    text = parse(built_report.out_dir / "index.html").get_text()
    assert HOSTILE_OUTLET in text


def test_notebook_pages_show_the_quote_and_outlet_as_text(built_report):
    page = parse(built_report.out_dir / FIXTURE_NOTEBOOK.replace(".ipynb", ".html"))
    text = page.get_text()
    assert HOSTILE_QUOTE in text and HOSTILE_OUTLET in text


@pytest.mark.parametrize("name", list(CHARTS))
def test_interactive_charts_never_carry_the_markup_raw(built_report, name):
    html = (built_report.out_dir / f"{name}.html").read_text(encoding="utf-8")
    assert SCRIPT_PAYLOAD not in html and ATTRIBUTE_PAYLOAD not in html


@pytest.mark.parametrize("name", list(CHARTS))
def test_svg_charts_hold_no_script_image_or_handler(built_report, name):
    svg = ElementTree.parse(built_report.out_dir / f"{name}.svg")
    assert not list(svg.iter(f"{SVG}script")) and not list(svg.iter(f"{SVG}image"))
    assert all(not key.startswith("on") for element in svg.iter() for key in element.attrib)


def test_the_headline_chart_shows_the_markup_as_text(built_report):
    """The edited claim is a headline claim, so the headline chart draws its outlet (and hovers its quote)."""
    html = (built_report.out_dir / f"{HEADLINE_CHART}.html").read_text(encoding="utf-8")
    # plotly draws entity-escaped text as the characters themselves, never as tags.
    assert "&lt;script&gt;alert(1)&lt;\\u002fscript&gt;" in html or "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    svg = ElementTree.parse(built_report.out_dir / f"{HEADLINE_CHART}.svg")
    assert SCRIPT_PAYLOAD in " ".join(element.text or "" for element in svg.iter(f"{SVG}text"))
