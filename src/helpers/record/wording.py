"""Figures written back as the stories worded them: "about 10,000", "at least 3,000", "11,000–12,000"."""

import re

import pandas as pd


def thousands(values: pd.Series) -> pd.Series:
    """Whole numbers with thousands separators; <NA> stays empty."""
    # As objects, so a column with no number at all (every interval open) maps to text too.
    numbers = pd.Series(values, dtype="Int64").astype("object")
    text = numbers.map(lambda n: f"{n:,}", na_action="ignore")
    return text.fillna("").astype("str")


# Words a range is printed with that say no more than "low–high" does.
_RANGE_OWN_WORDS = re.compile(r"\b(?:between|from)\s*$")
# A vague amount printed in words ("a couple thousand") is its own wording: it is shown whole, then the figure it is read as.
_AMOUNT_IN_WORDS = re.compile(r"\b(?:hundred|thousand|million)\b")


def worded(claims: pd.DataFrame, qualifier_labels: pd.Series) -> pd.Series:
    """Each claim's figure with its qualifier as the story printed it ("as many as 3,000"); a range as "low–high",
    after the words that hedge it ("around 11 to 12,000" is "around 11,000–12,000"); an amount printed in words as it
    was printed, then the figure it is read as ("a couple thousand (2,000)").

    Falls back to the qualifier's label where a claim has no printed wording.
    """
    label = claims["qualifier"].map(qualifier_labels).fillna("").astype("str")
    printed = claims["qualifier_wording"].str.lower()
    label = printed.where(printed != "", label)
    figure = thousands(claims["figure"])
    text = (label + " " + figure).str.strip()
    is_range = claims["qualifier"].eq("range") & claims["low"].notna() & claims["high"].notna()
    # A range's wording is the range as printed: what comes before its first number hedges it.
    hedge = printed.str.extract(r"^(\D*)", expand=False).fillna("").str.replace(_RANGE_OWN_WORDS, "", regex=True)
    ranged = (hedge.str.strip() + " " + thousands(claims["low"]) + "–" + thousands(claims["high"])).str.strip()
    in_words = printed.str.contains(_AMOUNT_IN_WORDS) & ~is_range
    return text.where(~is_range, ranged).where(~in_words, claims["qualifier_wording"] + " (" + figure + ")")


def dated(dates: pd.Series, day_known: pd.Series, form: str = "%-d %b") -> pd.Series:
    """Each statement's date as written, "by 30 Oct" where its stories do not date it (said no later than then)."""
    text = pd.Series(dates).dt.strftime(form)
    return text.where(pd.Series(day_known, index=text.index).astype(bool), "by " + text)
