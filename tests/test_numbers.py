"""Numbers as news copy writes them: words, digits, vague quantities, qualifiers, ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.numbers import digits_to_int, parse_number_text, qualifier_before, quantity_at, word_to_int

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """An independent speller for 0..999999, to check word_to_int against."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return ONES[n // 100] + " hundred" + (" and " + spell(n % 100) if n % 100 else "")
    return spell(n // 1000) + " thousand" + (" " + spell(n % 1000) if n % 1000 else "")


@given(st.integers(min_value=0, max_value=999_999))
def test_spelled_numbers_round_trip(n: int) -> None:
    assert word_to_int([spell(n)]) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_thousands_separators(n: int) -> None:
    assert digits_to_int(f"{n:,}") == n
    assert digits_to_int(str(n)) == n


@pytest.mark.parametrize("text,value", [
    ("Thirty-five", 35), ("1,100", 1100), ("2.300", 2300), ("a dozen", 12), ("dozens", 24),
    ("hundreds", 200), ("scores", 40), ("1.2 million", 1_200_000), ("two dozen", 24),
])
def test_parse_number_text(text: str, value: int) -> None:
    assert parse_number_text(text) == value


@pytest.mark.parametrize("text", ["3.5", "twenty-foo", "", "people", "1,10"])
def test_not_whole_numbers(text: str) -> None:
    assert parse_number_text(text) is None


@given(st.text(max_size=40))
def test_parse_number_text_never_raises(text: str) -> None:
    value = parse_number_text(text)
    assert value is None or value >= 0


@pytest.mark.parametrize("words,qualifier", [
    (["killing", "at", "least"], "at_least"), (["more", "than"], "more_than"), (["nearly"], "about"),
    (["some"], "about"), (["close", "to"], "about"), (["up", "to"], "up_to"), (["over"], "more_than"),
    (["killing"], None),
])
def test_qualifier_before(words: list[str], qualifier: str | None) -> None:
    assert qualifier_before(words)[0] == qualifier


def test_quantity_ranges_and_changes(nlp) -> None:
    doc = nlp("It killed between 12 and 15 people. The toll rose from 12 to 19.")
    q = quantity_at(doc, [t.i for t in doc if t.text == "12"][0])
    assert (q.value, q.high, q.qualifier) == (12, 15, "range")
    change = quantity_at(doc, [t.i for t in doc if t.text == "12"][1])
    assert (change.value, change.high, change.qualifier) == (12, None, None)


def test_every_one_of_them_counts_nobody() -> None:
    import spacy

    doc = spacy.blank("en")("every one of the injured and one of the dead")
    assert quantity_at(doc, 1) is None
    assert quantity_at(doc, 6).value == 1
