"""The report: the notebooks executed and rendered to HTML, every chart exported, and an index page.

    python -m helpers.report [--out DIR] [--data DIR] [--notebooks DIR]

Everything is written into a temporary folder beside the output folder and swapped in only
when the whole build succeeded, so a failed build leaves the previous report as it was.
"""
