"""The benchmark: `timing` (python -m helpers.bench) times loading, the analyses, the notebooks, make update and
the test run; `synthetic` makes records of any size that pass every rule; `census` counts the test run's processes
by kind. Nothing here is imported by the notebooks or the report."""
