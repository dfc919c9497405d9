"""Numbers as news copy writes them: digits, number words, vague quantities, and their qualifiers.

Works on spaCy tokens (so the parse decides what a number attaches to) and on plain strings (for tests and
for other stages). Everything here is a pure function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague quantities, valued by the counting conventions of tests/data/README.md (a dozen = 12, dozens = 24,
# hundreds = 200, scores = 40); thousands follows the same "two of the unit" reading as dozens and hundreds.
# Words that make "one" mean each member, not a count of one ("every one of them", "any one of").
DISTRIBUTIVES = frozenset({"every", "each", "any", "no"})
VAGUE = {"dozens": 24, "hundreds": 200, "scores": 40, "thousands": 2_000}
VAGUE_PHRASES = {("a", "dozen"): 12, ("tens", "of", "thousands"): 20_000, ("hundreds", "of", "thousands"): 200_000}

# Qualifier words before a figure, longest first. "some" and "nearly" read as "about" (README conventions).
QUALIFIER_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("no", "fewer", "than"), "at_least"),
    (("not", "less", "than"), "at_least"),
    (("at", "least"), "at_least"),
    (("a", "minimum", "of"), "at_least"),
    (("more", "than"), "more_than"),
    (("upwards", "of"), "more_than"),
    (("in", "excess", "of"), "more_than"),
    (("close", "to"), "about"),
    (("an", "estimated"), "about"),
    (("as", "many", "as"), "up_to"),
    (("up", "to"), "up_to"),
    (("at", "most"), "up_to"),
    (("over",), "more_than"),
    (("nearly",), "about"),
    (("almost",), "about"),
    (("about",), "about"),
    (("around",), "about"),
    (("roughly",), "about"),
    (("approximately",), "about"),
    (("some",), "about"),
    (("estimated",), "about"),
)

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")


@dataclass(frozen=True)
class Quantity:
    """A figure found in the text: value (low end for a range), optional top, qualifier, token range."""

    value: int
    high: int | None
    qualifier: str | None
    start: int  # first token index (qualifier included)
    end: int  # one past the last token of the figure
    number_start: int  # first token of the figure itself
    vague: bool = False


def word_to_int(words: list[str]) -> int | None:
    """'thirty-five' / ['one', 'hundred', 'and', 'twelve'] / ['1.2', 'million'] → int; None if not a number."""
    parts: list[str] = []
    for w in words:
        parts.extend(p for p in w.lower().replace("-", " ").split() if p != "and")
    if not parts:
        return None
    total = current = 0
    seen = False
    for p in parts:
        digit = digits_to_int(p)
        decimal = float(p) if _DECIMAL.match(p) else None
        if digit is not None:
            current += digit
        elif decimal is not None:
            current += decimal  # type: ignore[assignment]
        elif p in UNITS:
            current += UNITS[p]
        elif p in TENS:
            current += TENS[p]
        elif p == "hundred":
            current = (current or 1) * 100
        elif p in SCALES:
            total += (current or 1) * SCALES[p]
            current = 0
        else:
            return None
        seen = True
    value = total + current
    if not seen or value > MAX_FIGURE or value != int(value):
        return None
    return int(value)


# A figure is a count of people or things: the world's population has 10 digits. A longer run of digits is an
# identifier or junk, and it must not reach int() (Python refuses over 4,300 digits) nor the store (SQLite
# integers hold 19 digits): issue 12 had both crash.
MAX_FIGURE_DIGITS = 15
MAX_FIGURE = 10**MAX_FIGURE_DIGITS - 1


def digits_to_int(text: str) -> int | None:
    """'1,100' → 1100; '2.300' (continental thousands) → 2300; '82' → 82; anything else (or a figure over
    MAX_FIGURE_DIGITS digits) → None."""
    t = text.strip()
    if sum(char.isdigit() for char in t) > MAX_FIGURE_DIGITS:
        return None
    if _DIGITS.match(t):
        return int(t.replace(",", ""))
    if _DOTTED_THOUSANDS.match(t):
        return int(t.replace(".", ""))
    return None


def parse_number_text(text: str) -> int | None:
    """A whole figure written in words or digits, or a vague quantity ('dozens'); None otherwise."""
    words = text.lower().split()
    if tuple(words) in VAGUE_PHRASES:
        return VAGUE_PHRASES[tuple(words)]
    if len(words) == 1 and words[0] in VAGUE:
        return VAGUE[words[0]]
    return word_to_int(words)


def qualifier_before(words: list[str]) -> tuple[str | None, int]:
    """The qualifier that ends a list of lowercased words, and how many words it takes."""
    for phrase, qualifier in QUALIFIER_PHRASES:
        n = len(phrase)
        if len(words) >= n and tuple(words[-n:]) == phrase:
            return qualifier, n
    return None, 0


def is_number_token(token) -> bool:
    """A token that can be (part of) a figure: digits, number words, scale words."""
    low = token.lower_
    if digits_to_int(low) is not None or _DECIMAL.match(low):
        return True
    if low in UNITS or low in TENS or low in SCALES:
        return True
    if "-" in low:
        head, _, tail = low.partition("-")
        return head in TENS and tail in UNITS
    return False


def quantity_at(doc, i: int) -> Quantity | None:
    """The figure that starts at token i (digits/words/vague), with its qualifier; None if none starts there.

    Reads "between 12 and 15" and "12 to 15" as ranges, "a dozen" and "dozens" as vague figures.
    """
    tok = doc[i]
    low = tok.lower_
    if low == "one" and i > 0 and doc[i - 1].lower_ in DISTRIBUTIVES:
        return None  # "every one of the injured will get treatment" counts nobody
    number_start = i
    vague = False
    if low == "a" and i + 1 < len(doc) and doc[i + 1].lower_ == "dozen":
        value, end, vague = 12, i + 2, True
    elif low in ("tens", "hundreds") and i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ == "thousands":
        value, end, vague = VAGUE_PHRASES[(low, "of", "thousands")], i + 3, True
    elif low in VAGUE:
        value, end, vague = VAGUE[low], i + 1, True
    elif is_number_token(tok):
        end = i + 1
        while (end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end - 1].lower_ in TENS
               and doc[end + 1].lower_ in UNITS):
            end += 2  # "Thirty-one" split by the tokenizer into Thirty, -, one
        while end < len(doc) and (
            is_number_token(doc[end])
            or (doc[end].lower_ == "and" and end + 1 < len(doc) and doc[end - 1].lower_ in ("hundred", "thousand")
                and is_number_token(doc[end + 1]))
        ):
            end += 1
        words = [t.text for t in doc[i:end]]
        parsed = word_to_int(words)
        if parsed is None:
            return None
        value = parsed
    else:
        return None
    high = None
    qualifier, taken = qualifier_before([t.lower_ for t in doc[max(0, i - 3):i]])
    start = i - taken
    if i >= 1 and doc[i - 1].lower_ == "between":
        rng = _range_after(doc, end, "and")
        if rng:
            high, end = rng
            qualifier, start = "range", i - 1
    elif end < len(doc) and doc[end].lower_ in ("to", "-", "–", "or") and not vague and not _after_from(doc, i):
        rng = _range_after(doc, end, doc[end].lower_)
        if rng and rng[0] > value:
            high, end = rng
            qualifier = "range"
    return Quantity(value, high, qualifier, start, end, number_start, vague)


def _range_after(doc, i: int, joiner: str) -> tuple[int, int] | None:
    if i < len(doc) and doc[i].lower_ == joiner and i + 1 < len(doc) and is_number_token(doc[i + 1]):
        j = i + 1
        while j < len(doc) and is_number_token(doc[j]):
            j += 1
        value = word_to_int([t.text for t in doc[i + 1:j]])
        if value is not None:
            return value, j
    return None


def _after_from(doc, i: int) -> bool:
    """'from 12 to 19' is a change, not a range."""
    return i >= 1 and doc[i - 1].lower_ == "from"
