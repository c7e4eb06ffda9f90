"""The report build: reproducible to the byte, complete, offline, and leaving the notebooks alone."""

from helpers.charts import CHARTS
from helpers.export import FORMATS
from html_checks import is_local, loaded_addresses, parse
from report_builds import build_or_fail, file_hashes


def test_two_builds_are_identical_by_sha256(built_report, tmp_path):
    again = build_or_fail(tmp_path, built_report.data_dir, built_report.notebooks_dir)
    first, second = file_hashes(built_report.out_dir), file_hashes(again.out_dir)
    assert first == second
    assert len(first) >= 3 * len(CHARTS) + 2


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
