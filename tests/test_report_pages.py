"""Page rendering pieces, without a build: notebook links and plotly outputs."""

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.report.notebook_links import link_to_pages
from helpers.report.pages import render_notebook
from helpers.report.plotly_outputs import PLOTLY_MIMETYPE


def test_links_to_sibling_notebooks_point_at_their_pages():
    text = "[the record](0_the_record.ipynb), [a part](2_x.ipynb#Heading), [web](https://a.org/n.ipynb), [deeper](s/n.ipynb)"
    assert link_to_pages(text) == ("[the record](0_the_record.html), [a part](2_x.html#Heading), "
                                   "[web](https://a.org/n.ipynb), [deeper](s/n.ipynb)")


def test_a_plotly_output_becomes_a_figure_drawn_by_the_local_plotly_js():
    figure = {"data": [{"type": "scatter", "x": [1], "y": [2], "text": ["</script><b>x</b>"]}], "layout": {}}
    cell = new_code_cell("figure", outputs=[new_output("display_data", data={PLOTLY_MIMETYPE: figure})])
    notebook = new_notebook(cells=[new_markdown_cell("# A title"), cell])
    page = render_notebook(notebook, "a_notebook", "plotly.min.js", "index.html")
    assert '<script charset="utf-8" src="plotly.min.js"></script>' in page
    assert 'id="plotly-cell1-output0"' in page and "Plotly.newPlot" in page
    assert "</script><b>" not in page
    assert "<title>A title</title>" in page
    assert notebook.cells[1].outputs[0]["data"] == {PLOTLY_MIMETYPE: figure}  # the notebook itself is untouched
    assert render_notebook(notebook, "a_notebook", "plotly.min.js", "index.html") == page
