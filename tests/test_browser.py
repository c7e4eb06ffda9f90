"""The built pages in a real browser: plotly charts render, images load, nothing is fetched from outside.

Uses Debian's headless Chromium (apt-get install chromium). Skipped where it is not installed,
except in CI (the CI variable is set), where its absence is a failure.
"""

import os

import pytest

from chromium import Chromium, file_url, find_chromium
from report_builds import FIXTURE_NOTEBOOK

PLOTLY_DRAWN = "document.querySelectorAll('.plotly-graph-div .main-svg').length > 0"
IMAGES_SETTLED = "[...document.images].every(image => image.complete)"
IMAGE_WIDTHS = "[...document.images].map(image => [image.getAttribute('src').slice(0, 60), image.naturalWidth])"


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if binary is None:
        message = "no Chromium here: install Debian's chromium (apt-get install chromium) to run the browser checks"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with Chromium(binary) as running:
        yield running


def open_page(browser, path):
    page = browser.new_page()
    page.load(file_url(path))
    assert page.wait_until(IMAGES_SETTLED), f"{path.name}: images never finished loading"
    return page


def assert_clean(page, name):
    outside = [url[:80] for url in page.requested if not url.startswith(("file://", "data:"))]
    assert outside == [], f"{name} fetched from outside the output folder"
    assert page.exceptions == [], f"{name} raised JavaScript errors"
    assert page.dialogs == [], f"{name} opened a dialog"


def assert_images_load(page, name):
    widths = page.evaluate(IMAGE_WIDTHS)
    assert widths, f"{name} has no images"
    assert all(width > 0 for _, width in widths), (name, widths)


def notebook_pages(build):
    return [build.out_dir / f"{path.stem}.html" for path in sorted(build.notebooks_dir.glob("*.ipynb"))]


def test_the_index_loads_every_chart_preview(browser, built_report):
    page = open_page(browser, built_report.out_dir / "index.html")
    assert_images_load(page, "index.html")
    assert_clean(page, "index.html")


def test_a_notebook_page_draws_plotly_charts_and_its_images(browser, built_report):
    pages = [p for p in notebook_pages(built_report) if "Plotly.newPlot" in p.read_text(encoding="utf-8")]
    assert pages, "no notebook page has a plotly chart"
    page = open_page(browser, pages[0])
    assert page.wait_until(PLOTLY_DRAWN), f"{pages[0].name}: plotly drew nothing"
    assert_images_load(page, pages[0].name)
    assert_clean(page, pages[0].name)


def test_every_interactive_chart_draws(browser, built_report):
    for path in sorted(built_report.out_dir.glob("*.html")):
        if path.name == "index.html" or path in notebook_pages(built_report):
            continue
        page = open_page(browser, path)
        assert page.wait_until(PLOTLY_DRAWN), f"{path.name}: plotly drew nothing"
        assert_clean(page, path.name)


def test_markup_in_the_data_stays_text_in_the_browser(browser, hostile_report):
    notebook_page = FIXTURE_NOTEBOOK.replace(".ipynb", ".html")
    for name in ("index.html", notebook_page):
        page = open_page(browser, hostile_report.out_dir / name)
        if name == notebook_page:
            assert page.wait_until(PLOTLY_DRAWN), name
        assert page.evaluate("document.querySelectorAll('[onerror], img[src=\"x\"]').length") == 0, name
        assert "<script>alert(1)</script>" in page.evaluate("document.body.innerText"), name
        assert_clean(page, name)
