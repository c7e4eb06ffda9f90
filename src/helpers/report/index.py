"""The report's index page: the record's version, the notebook pages and every chart in every format.

Rendered with Jinja2 autoescaping, so captions and titles from the data show as text.
"""

from dataclasses import dataclass
from pathlib import Path

import jinja2

from helpers import findings
from helpers.charts import Chart
from helpers.record.changelog import record_version, version_date
from helpers.report.export import TABLE_FILE
from helpers.record import Record

TEMPLATES_DIR = Path(__file__).parent / "templates"
INDEX_PAGE = "index.html"
TITLE = "North Korean troops in Russia: the public estimates"
FORMAT_LABELS = {"png": "PNG", "svg": "SVG", "html": "interactive (HTML)"}
PREVIEW_WIDTH = 720


@dataclass(frozen=True)
class NotebookPage:
    file: str
    title: str
    href: str


def chart_entry(chart: Chart, record: Record, formats: list[str], pages: dict[str, NotebookPage]) -> dict:
    return {
        "name": chart.name,
        "caption": chart.caption(record),
        "files": [(FORMAT_LABELS[f], f"{chart.name}.{f}") for f in formats],
        "preview": f"{chart.name}.png",
        "notebook": pages.get(chart.notebook),
    }


def source_entries(record: Record) -> list[dict]:
    sources = record.sources.sort_values(["published", "outlet"], na_position="last")
    published = sources["published"].dt.strftime("%d %b %Y").fillna("date not shown")
    return [{"outlet": outlet, "headline": headline, "published": day, "url": url}
            for outlet, headline, day, url in zip(sources["outlet"], sources["headline"], published, sources["url"])]


def render_index(record: Record, charts: list[Chart], formats: list[str], pages: list[NotebookPage]) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    by_file = {page.file: page for page in pages}
    return environment.get_template("index.html.j2").render(
        title=TITLE,
        version=f"Built from the {record_version(record)}.",
        record_date=f"{version_date(record):%-d %B %Y}",
        latest=findings.latest_entries(record),
        largest=findings.largest_now(record),
        notebooks=pages,
        charts=[chart_entry(chart, record, formats, by_file) for chart in charts],
        sources=source_entries(record),
        table_file=TABLE_FILE,
        claim_count=len(record.claims),
        preview_width=PREVIEW_WIDTH,
    )
