"""Turn plotly's notebook outputs into HTML that draws them, for the rendered notebook pages.

In the notebooks plotly figures are `application/vnd.plotly.v1+json` outputs, which JupyterLab
draws but nbconvert's HTML leaves out. This preprocessor replaces each with a `text/html`
output: a div with a fixed id and a script calling the page's local plotly.js.
"""

import plotly.io
from nbconvert.preprocessors import Preprocessor

from helpers.charts import PLOTLY_MIMETYPE


def plotly_div(figure: dict, div_id: str) -> str:
    # plotly escapes "<" inside the figure's JSON, so text from the data cannot close the script.
    return plotly.io.to_html(figure, include_plotlyjs=False, full_html=False, div_id=div_id, validate=False,
                             config=figure.get("config"))


class PlotlyToHTML(Preprocessor):
    """Replace every plotly output with its HTML drawing; ids are numbered by cell, so stable."""

    def preprocess_cell(self, cell, resources, index):
        for number, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            if PLOTLY_MIMETYPE in data:
                html = plotly_div(data[PLOTLY_MIMETYPE], div_id=f"plotly-cell{index}-output{number}")
                output["data"] = {"text/html": html}
        return cell, resources
