"""Render executed notebooks to standalone HTML pages that load nothing from outside the output folder."""

from pathlib import Path

from nbconvert import HTMLExporter
from nbformat import NotebookNode

from helpers.report.notebook_links import NotebookLinksToPages
from helpers.report.plotly_outputs import PlotlyToHTML

TEMPLATES_DIR = Path(__file__).parent / "templates"


def notebook_title(notebook: NotebookNode, fallback: str) -> str:
    """The first Markdown heading, else the file's name."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def page_exporter() -> HTMLExporter:
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES_DIR)])
    exporter.register_preprocessor(PlotlyToHTML(), enabled=True)
    exporter.register_preprocessor(NotebookLinksToPages(), enabled=True)
    return exporter


def render_notebook(notebook: NotebookNode, name: str, plotly_js_src: str, index_href: str) -> str:
    """The page for an executed notebook; `notebook` itself is left as it is (nbconvert works on a copy)."""
    resources = {
        "metadata": {"name": notebook_title(notebook, name)},
        "plotly_js_src": plotly_js_src,
        "index_href": index_href,
    }
    body, _ = page_exporter().from_notebook_node(notebook, resources=resources)
    return body
