"""Every number a story prints, in every form the stories use, with where it stands.

Read as numbers:
- digits, alone or with thousands separators: "50", "2024", "3,000", "3 000", "1 500";
  a space (or a no-break or thin space) separates thousands only between a group of one to
  three digits and a group of exactly three, the way the translated stories write "3 000";
  a decimal part and a scale word belong to the number: "1.5 million", "45 billion";
- cardinal words and their compounds: "three", "twenty-five", "ten thousand", "a thousand",
  "two dozen";
- vague amounts, which have no value: "tens of thousands", "thousands", "hundreds",
  "dozens", "millions", "several thousand", "a few hundred".

Not read, by narrow rules:
- anything inside a URL (the digits of a path or an article id are not figures);
- "one" standing alone: it is almost always a pronoun or an article ("one of", "no one"),
  and a single soldier is never a troop estimate; "one thousand" is read;
- Roman numerals ("Article III"), ordinal words ("first") and fractions in words ("half").
Every digit outside a URL belongs to some number read here, so a figure in a form not
listed above is still reported, never passed over.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_MULTIPLIERS = {"dozen": 12, "hundred": 100}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def _alternatives(words) -> str:
    # Longest first, so "nineteen" is not read as "nine".
    return "|".join(sorted(words, key=len, reverse=True))


_SPACE = r"[ \u00a0\u202f\u2009]"
_SCALE_WORD = _alternatives([*_MULTIPLIERS, *_SCALES])
_NUMBER_WORD = _alternatives([*_UNITS, *_MULTIPLIERS, *_SCALES])

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)
_VAGUE = re.compile(
    rf"\b(?:(?:tens|hundreds) of (?:thousands|millions)|thousands|hundreds|dozens|millions"
    rf"|(?:several|a few|a couple of|some) (?:{_SCALE_WORD})s?)\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(
    rf"(?<![0-9])(?P<digits>[0-9]{{1,3}}(?:(?:,|{_SPACE})[0-9]{{3}})+|[0-9]+)(?P<decimals>\.[0-9]+)?(?![0-9])"
    rf"(?:{_SPACE}+(?P<scale>{_SCALE_WORD})\b)?",
    re.IGNORECASE,
)
_WORDS = re.compile(
    rf"\b(?:(?:a|an){_SPACE}+(?={_SCALE_WORD}))?(?:{_NUMBER_WORD})(?:(?:-|{_SPACE}+)(?:{_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
_ARTICLES = {"a", "an"}


@dataclass(frozen=True)
class Mention:
    """A number as printed, its value (None for a vague amount) and where it stands in the text."""

    printed: str
    value: int | None
    start: int
    end: int


def url_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _URL.finditer(text)]


def find_mentions(text: str) -> list[Mention]:
    """Every number in `text` outside URLs, in reading order."""
    # Blank the URLs out (keeping every position) so a number just after one is read whole.
    for start, end in url_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    candidates = [_vague(m) for m in _VAGUE.finditer(text)]
    candidates += [_digits(m) for m in _DIGITS.finditer(text)]
    candidates += [m for m in (_words(m) for m in _WORDS.finditer(text)) if m is not None]
    taken = []
    found = []
    # Earlier forms win an overlap: "tens of thousands" is one vague amount, not "tens" and "thousands".
    for mention in candidates:
        if not any(mention.start < end and start < mention.end for start, end in taken):
            found.append(mention)
            taken.append((mention.start, mention.end))
    return sorted(found, key=lambda mention: mention.start)


def _vague(match: re.Match) -> Mention:
    return Mention(match.group(), None, match.start(), match.end())


def _digits(match: re.Match) -> Mention:
    number = Decimal(re.sub(r"[^0-9]", "", match["digits"]) + (match["decimals"] or ""))
    scale = match["scale"]
    value = number * ({**_MULTIPLIERS, **_SCALES}[scale.lower()] if scale else 1)
    # A number that is not whole ("4.5") is kept, with no value to compare with a figure.
    return Mention(match.group(), int(value) if value == value.to_integral_value() else None, match.start(), match.end())


def _words(match: re.Match) -> Mention | None:
    words = re.split(rf"(?:-|{_SPACE})+", match.group().lower())
    if words == ["one"]:
        return None
    total, current = 0, 0
    for word in words:
        if word in _ARTICLES:
            current = 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _MULTIPLIERS:
            current = max(current, 1) * _MULTIPLIERS[word]
        else:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return Mention(match.group(), total + current, match.start(), match.end())
