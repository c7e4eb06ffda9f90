"""Links between notebooks, rewritten for the rendered pages: `[…](1_how….ipynb)` → `1_how….html`."""

import re

from nbconvert.preprocessors import Preprocessor

# A Markdown link target naming a notebook in the same folder (no scheme, no folder), with an optional anchor.
_SIBLING_NOTEBOOK = re.compile(r"\]\(([\w.-]+)\.ipynb(#[^)\s]*)?\)")


def link_to_pages(markdown: str) -> str:
    return _SIBLING_NOTEBOOK.sub(lambda match: f"]({match[1]}.html{match[2] or ''})", markdown)


class NotebookLinksToPages(Preprocessor):
    """In Markdown cells, point links to sibling notebooks at their pages in the output folder."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = link_to_pages(cell.source)
        return cell, resources
