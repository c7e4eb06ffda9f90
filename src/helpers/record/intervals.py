"""The interval [low, high] a qualifier gives a figure, by the rules in data/qualifiers.csv.

A rule is `figure` (the bound is the figure), `open` (no bound), `stated` (the bound is
written in the claim, as for a range) or `figure*F` (the figure times F, rounded half up).
"""

import re

import numpy as np
import pandas as pd

from helpers.record.validation import by_value

RULE_PATTERN = r"figure|open|stated|figure\*[0-9]+(\.[0-9]+)?"


def bound_factor(qualifier: pd.Series, rules: pd.Series) -> pd.Series:
    """What each claim's qualifier multiplies its figure by for this bound; NaN where the bound is not computed."""
    def factor_of(qualifiers: pd.Series) -> pd.Series:
        rule = qualifiers.map(rules).astype("str")
        factor = pd.to_numeric(rule.str.extract(r"^figure\*([0-9.]+)$", expand=False), errors="coerce")
        return factor.where(rule != "figure", 1.0)

    return by_value(qualifier, factor_of)


def expected_bound(figure: pd.Series, qualifier: pd.Series, rules: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The bound each claim's qualifier implies, and whether the claim must state it itself.

    `rules` maps a qualifier to its rule for this bound (low or high). Returns (bound, stated):
    bound is <NA> where the bound is open or stated in the claim; stated is True where the rule
    is `stated`.
    """
    factor = bound_factor(qualifier, rules)
    number = by_value(figure, lambda figures: pd.to_numeric(figures, errors="coerce").astype("float64"))
    # Round the product first so 0.9 * 1005 = 904.5 is not read as 904.4999….
    values = np.floor(np.round(number * factor, 6) + 0.5)
    bound = pd.Series(values, index=figure.index).astype("Int64")
    return bound, by_value(qualifier, lambda qualifiers: qualifiers.map(rules).astype("str") == "stated")


def is_rule(text: str) -> bool:
    return re.fullmatch(RULE_PATTERN, text) is not None
