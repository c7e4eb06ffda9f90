"""The built pages in a real browser: plotly charts render, images load, nothing is fetched from outside.

Uses Debian's headless Chromium (apt-get install chromium). Skipped where it is not installed,
except in CI (the CI variable is set), where its absence is a failure.

The index is opened from disk, as a reader opens it. The other pages are served from the output
folder over local HTTP: Chromium keeps a compiled script only for pages fetched that way, so
plotly.js (4.8 MB) is compiled for the first pages instead of for every one (about 1.3 CPU
seconds each).
"""

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import plotly.io
import pytest
from plotly.offline import get_plotlyjs

from chromium import file_url
from helpers import charts, load_record
from helpers.charts import CHARTS
from helpers.report.export import export_charts
from report_builds import FIXTURE_NOTEBOOK, SCRIPT_PAYLOAD

PLOTLY_COUNT = "document.querySelectorAll('.plotly-graph-div').length"
EVERY_PLOTLY_DRAWN = ("[...document.querySelectorAll('.plotly-graph-div')]"
                      ".every(div => div.querySelector('.main-svg'))")
IMAGES_SETTLED = "[...document.images].every(image => image.complete)"
IMAGE_WIDTHS = "[...document.images].map(image => [image.getAttribute('src').slice(0, 60), image.naturalWidth])"
PLOTLY_LAYOUT_FAULTS = (Path(__file__).parent / "plotly_layout.js").read_text(encoding="utf-8")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def served(built_report):
    """The output folder's address over HTTP on this machine (loopback only), ending in '/'."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_report.out_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@contextmanager
def opened(browser, url):
    page = browser.new_page()
    try:
        page.load(url)
        assert page.wait_until(IMAGES_SETTLED), f"{url}: images never finished loading"
        yield page
    finally:
        page.close()


def assert_clean(page, name):
    folder = page.url.rsplit("/", 1)[0] + "/"
    outside = [url[:80] for url in page.requested if not url.startswith((folder, "data:"))]
    assert outside == [], f"{name} fetched from outside the output folder"
    assert page.exceptions == [], f"{name} raised JavaScript errors"
    assert page.dialogs == [], f"{name} opened a dialog"


def assert_images_load(page, name):
    widths = page.evaluate(IMAGE_WIDTHS)
    assert widths, f"{name} has no images"
    assert all(width > 0 for _, width in widths), (name, widths)


def notebook_pages(build):
    return [build.out_dir / f"{path.stem}.html" for path in sorted(build.notebooks_dir.glob("*.ipynb"))]


def assert_markup_inert(page, name, shown=False):
    """The markup the test record carries created no element; where `shown`, it is on the page as text."""
    assert page.evaluate("document.querySelectorAll('[onerror], img[src=\"x\"]').length") == 0, name
    if shown:
        assert SCRIPT_PAYLOAD in page.evaluate("document.body.innerText"), name


# Each page is opened once, and every check of it is made then: a page with plotly costs the
# browser about a CPU second to open.
def test_the_index_loads_every_chart_preview_and_shows_markup_as_text(browser, built_report):
    with opened(browser, file_url(built_report.out_dir / "index.html")) as page:
        assert_images_load(page, "index.html")
        assert_markup_inert(page, "index.html", shown=True)
        assert_clean(page, "index.html")


def test_notebook_pages_draw_every_plotly_chart_and_keep_markup_as_text(browser, built_report, served):
    fixture_page = FIXTURE_NOTEBOOK.replace(".ipynb", ".html")
    pages = notebook_pages(built_report)
    assert fixture_page in {path.name for path in pages}
    drawn = 0
    for path in pages:
        with opened(browser, served + path.name) as page:
            assert page.wait_until(EVERY_PLOTLY_DRAWN), f"{path.name}: a plotly chart was not drawn"
            drawn += page.evaluate(PLOTLY_COUNT)
            if page.evaluate("document.images.length"):
                assert_images_load(page, path.name)
            # The fixture notebook prints the quote that carries the markup.
            assert_markup_inert(page, path.name, shown=path.name == fixture_page)
            assert_clean(page, path.name)
    assert drawn > 0, "no notebook page has a plotly chart"


def test_a_standalone_interactive_chart_draws(browser, built_report, served):
    path = built_report.out_dir / f"{next(iter(CHARTS))}.html"
    with opened(browser, served + path.name) as page:
        assert page.wait_until(EVERY_PLOTLY_DRAWN) and page.evaluate(PLOTLY_COUNT) == 1, path.name
        assert_markup_inert(page, path.name)
        assert_clean(page, path.name)


def test_every_interactive_chart_is_laid_out_cleanly(browser, tmp_path):
    """The project's record, every chart on one page as plotly draws it: no words off the page, too small to
    read, running together or covering a dot (see plotly_layout.js)."""
    record = load_record(archive_dir=None)
    (tmp_path / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
    figures = "".join(plotly.io.to_html(charts.interactive(name, record), include_plotlyjs=False, full_html=False,
                                        div_id=name) for name in CHARTS)
    page_path = tmp_path / "charts.html"
    page_path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><script src='plotly.min.js'></script>"
                         f"</head><body>{figures}</body></html>", encoding="utf-8")
    with opened(browser, file_url(page_path)) as page:
        assert page.wait_until(EVERY_PLOTLY_DRAWN) and page.evaluate(PLOTLY_COUNT) == len(CHARTS)
        faults = {name: found for name, found in page.evaluate(PLOTLY_LAYOUT_FAULTS).items() if found}
        assert page.exceptions == []
    assert faults == {}


def test_the_route_map_draws_with_the_network_cut_off(browser, tmp_path):
    """The exported route page, opened with the browser offline: land, coasts and borders are drawn from the
    figure itself (no outlines or tiles fetched), under the route and the countries' names."""
    record = load_record(archive_dir=None)
    export_charts(record, ["route"], ["html"], tmp_path, report=lambda _: None)
    page = browser.new_page()
    try:
        page.send("Network.emulateNetworkConditions", offline=True, latency=0, downloadThroughput=-1, uploadThroughput=-1)
        page.load(file_url(tmp_path / "route.html"))
        assert page.wait_until(EVERY_PLOTLY_DRAWN)
        drawn = page.evaluate("""(() => {
          const traces = [...document.querySelectorAll('.scatterlayer .trace')];
          const long = sel => traces.filter(t => [...t.querySelectorAll(sel)]
              .some(p => (p.getAttribute('d') || '').length > 2000)).length;
          return {filled: long('path.js-fill'), lines: long('path.js-line'),
                  words: [...document.querySelectorAll('.textpoint text, .annotation-text-g text')].map(t => t.textContent)};
        })()""")
        assert_clean(page, "route.html")
    finally:
        page.close()
    assert drawn["filled"] >= 1 and drawn["lines"] >= 2, drawn
    assert {"Russia", "North Korea", "Ukraine"} <= set(drawn["words"])
