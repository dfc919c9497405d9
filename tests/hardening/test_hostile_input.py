"""Hostile input through the extractor (issue 12): each used to crash, freeze or balloon; each must give a
record (with warnings naming what was not read) or one typed error. No timing here: the shape of the work is
checked instead (pieces parsed, sentences bounded), and bench/hostile_inputs.py prints the seconds.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.incidents.mentions import number_value
from newsfacts.ingest.html import _link_labels
from newsfacts.numbers import MAX_FIGURE_DIGITS, digits_to_int, word_to_int

OLD_ANCHOR = re.compile(r"<a\b[^<>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)


# --- ingest/html.py: link labels paired in one pass ---------------------------------------------------------


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(["<a href=x>", "<A>", "</a>", "</a >", "label", " ", "<b>", "<", ">", "<ab>"]),
                max_size=30))
def test_link_labels_pair_tags_as_the_lazy_pattern_did(parts: list[str]) -> None:
    html = "".join(parts)
    assert _link_labels(html) == OLD_ANCHOR.findall(html)


def test_unclosed_links_end_the_search() -> None:
    assert _link_labels("<a href=x>" * 5000 + "text") == []
    assert _link_labels("<a>one</a>" + "<a>" * 100 + "two</a>") == ["one", "<a>" * 99 + "two"]


# --- figures: no int() of thousands of digits, nothing beyond SQLite's integer -------------------------------


def test_long_runs_of_digits_are_not_figures() -> None:
    assert digits_to_int("9" * 5000) is None  # int() refuses over 4,300 digits
    assert digits_to_int("9" * 20) is None  # beyond SQLite's 64-bit integer
    assert digits_to_int("9" * MAX_FIGURE_DIGITS) == int("9" * MAX_FIGURE_DIGITS)
    assert digits_to_int("1,100") == 1100
    assert word_to_int(["9" * 5000 + ".5"]) is None  # a float of that size is inf: no OverflowError
    assert word_to_int(["1.2", "million"]) == 1_200_000


class _Token:
    def __init__(self, text: str) -> None:
        self.text = text


def test_number_tokens_of_thousands_of_digits_have_no_value() -> None:
    assert number_value(_Token("9" * 5000)) is None
    assert number_value(_Token("82")) == 82


def test_the_extractor_reads_a_40000_digit_number(extractor) -> None:
    article = extractor.extract("Police said 5 people were killed in the market. " + "9" * 40_000)
    assert [f.value for f in article.facts] == [5]
