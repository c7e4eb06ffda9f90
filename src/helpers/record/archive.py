"""The archived story texts: their SHA-256, and finding a quote in them.

Quotes are compared after normalising white space and typographic quotes, so a quote typed
with straight quotes matches a story printed with curly ones.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u00a0": " ", "\u202f": " ", "\u2009": " "})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Straight quotes, single spaces, no outer space."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def normalise_all(texts: pd.Series) -> pd.Series:
    """`normalise` of every cell, with pandas' string methods."""
    return texts.str.translate(_TYPOGRAPHIC).str.replace(_SPACE, " ", regex=True).str.strip()


def normalise_with_positions(text: str) -> tuple[str, list[int]]:
    """`normalise(text)`, and for each of its characters the position in `text` it comes from.

    Lets a quote found in the normalised text be pointed to in the text as printed.
    """
    translated = text.translate(_TYPOGRAPHIC)
    pieces, positions = [], []
    for run in re.finditer(r"\s+|\S+", translated):
        if run.group().isspace():
            if pieces:
                pieces.append(" ")
                positions.append(run.start())
        else:
            pieces.append(run.group())
            positions.extend(range(run.start(), run.end()))
    if pieces and pieces[-1] == " ":
        pieces.pop()
        positions.pop()
    return "".join(pieces), positions


@dataclass(frozen=True)
class ArchivedText:
    path: Path
    sha256: str
    text: str

    @property
    def normalised(self) -> str:
        return normalise(self.text)


def read_archived(path: Path) -> ArchivedText | None:
    """The file's text and SHA-256, or None if it is not there."""
    if not path.is_file():
        return None
    data = path.read_bytes()
    return ArchivedText(path, hashlib.sha256(data).hexdigest(), data.decode("utf-8", errors="replace"))


def quotes_found(quotes: pd.Series, source_ids: pd.Series, texts: dict[str, str]) -> pd.Series:
    """True where the quote occurs in its source's normalised text; <NA> where the source has no text.

    `texts` maps source_id to normalised archive text. Empty quotes count as not found.
    """
    found = pd.Series(pd.NA, index=quotes.index, dtype="boolean")
    for source_id, rows in quotes.groupby(source_ids, sort=False):
        text = texts.get(source_id)
        if text is None:
            continue
        normalised = normalise_all(rows).to_numpy(dtype=np.dtypes.StringDType())
        found.loc[rows.index] = (normalised != "") & (np.strings.find(text, normalised) >= 0)
    return found
