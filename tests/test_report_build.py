"""The report build: complete, offline, its chart files free of dates, and the notebooks left alone."""

from PIL import Image

from helpers.charts import CHARTS
from helpers.report.export import FORMATS, PLOTLY_JS
from html_checks import is_local, loaded_addresses, parse
from report_builds import file_hashes


def test_the_build_reports_progress_and_size(built_report):
    out = built_report.result.stdout
    assert f"chart 1 of {len(CHARTS)}" in out and "wrote index.html" in out
    assert "Built the report in" in out


def test_the_index_links_every_notebook_and_every_chart_in_every_format(built_report):
    index = parse(built_report.out_dir / "index.html")
    links = {a["href"] for a in index.find_all("a")}
    expected = {f"{name}.{fmt}" for name in CHARTS for fmt in FORMATS}
    expected |= {f"{path.stem}.html" for path in built_report.notebooks_dir.glob("*.ipynb")}
    assert expected <= links
    for href in expected:
        assert (built_report.out_dir / href).stat().st_size > 0
    text = index.get_text(" ")
    assert "claims" in text and "record of" in text
    for chart in CHARTS.values():
        assert chart.name in str(index)


def test_no_page_loads_anything_from_outside_the_output_folder(built_report):
    for page in built_report.out_dir.glob("*.html"):
        addresses = loaded_addresses(parse(page))
        assert all(is_local(a) for a in addresses), (page.name, [a[:80] for a in addresses if not is_local(a)])
        for address in addresses:
            if not address.startswith("data:"):
                assert (built_report.out_dir / address).is_file(), (page.name, address)
        text = page.read_text(encoding="utf-8")
        # Scripts that nbconvert's and plotly's default pages fetch from a CDN at run time.
        for remote in ("cdnjs.cloudflare.com", "cdn.plot.ly", "unpkg.com", "cdn.jsdelivr.net"):
            assert remote not in text, (page.name, remote)


def test_every_link_between_pages_reaches_a_file_of_the_output(built_report):
    for page in built_report.out_dir.glob("*.html"):
        for link in parse(page).find_all("a", href=True):
            target = link["href"].split("#")[0]
            if target and is_local(target):
                assert (built_report.out_dir / target).is_file(), (page.name, link["href"])


def test_notebook_pages_draw_their_plotly_figures_with_the_local_plotly_js(built_report):
    pages = [built_report.out_dir / f"{p.stem}.html" for p in built_report.notebooks_dir.glob("*.ipynb")]
    drawn = [page for page in pages if "Plotly.newPlot" in page.read_text(encoding="utf-8")]
    assert drawn, "no notebook page draws a plotly figure"
    for page in pages:
        assert "application/vnd.plotly.v1+json" not in page.read_text(encoding="utf-8")


def test_the_build_leaves_the_notebooks_as_committed(built_report):
    assert file_hashes(built_report.notebooks_dir) == built_report.notebook_hashes


def test_chart_files_carry_no_date_software_or_remote_script(built_report):
    for name in CHARTS:
        svg = (built_report.out_dir / f"{name}.svg").read_text(encoding="utf-8")
        assert "<dc:date>" not in svg and "Matplotlib v" not in svg
        assert "Software" not in Image.open(built_report.out_dir / f"{name}.png").info
        html = (built_report.out_dir / f"{name}.html").read_text(encoding="utf-8")
        assert f'<script charset="utf-8" src="{PLOTLY_JS}"></script>' in html
        assert "cdn.plot.ly" not in html and f'id="{name}"' in html
