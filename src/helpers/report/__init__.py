"""The report: the notebooks executed and rendered to HTML, every chart exported, and an index page.

    python -m helpers.report [--out DIR] [--data DIR] [--notebooks DIR]

Everything is written into a temporary folder beside the output folder and swapped in only
when the whole build succeeded, so a failed build leaves the previous report as it was.

Here too: `export` (every chart in every format), `table` (the record as a spreadsheet), `readable` (tables for
readers in the notebooks), `update` (`make update`: check, re-execute the notebooks, rebuild, say what changed),
`notebooks`, `pages`, `index` and the templates the build renders.
"""
