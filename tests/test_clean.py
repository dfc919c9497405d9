"""Clean text: chrome lines, joined sentences, whitespace, and the offset map back to the raw text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfacts.clean import clean_text, is_chrome, is_domain_or_abbreviation, join_points, split_lines

DEV = Path(__file__).parent / "data" / "dev"


def dev_records() -> list[tuple[str, dict]]:
    return [(path.name, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(DEV.glob("*.json"))]


# ---------------------------------------------------------------------------------------------------------------
# Joined sentences.


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("News.Az reports.Thirty-five years", "News.Az reports. Thirty-five years"),
        ("the tragedy of 'Black January.'On the night", "the tragedy of 'Black January.' On the night"),
        ("in Lankaran.Thus, 147 people", "in Lankaran. Thus, 147 people"),
        ("said on Tuesday.At least 14", "said on Tuesday. At least 14"),
        ('he said."We will stay," she said.', 'he said. "We will stay," she said.'),
        ('"It is over."Police left.', '"It is over." Police left.'),
        ("Is it over?Nobody knows!Police left.", "Is it over? Nobody knows! Police left."),
        ("was in 2024.The next", "was in 2024. The next"),
        ("the U.S.Army said", "the U.S. Army said"),
        ("they left.A man stayed", "they left. A man stayed"),
        ("the crowd.“We are here”", "the crowd. “We are here”"),
    ],
)
def test_joined_sentences_get_one_space(raw: str, clean: str) -> None:
    assert clean_text(raw).text == clean


@pytest.mark.parametrize(
    "raw",
    [
        "News.Az",
        "NEWS.AZ said",
        "Report.Az and Trend.Az said",
        "see pic.twitter.com/hDJu2YbHLM now",
        "the U.S. and the U.K. said",
        "U.S",
        "about 3.5 million",
        "e.g. this",
        "go to https://example.com/News.Html?A=B today",
        "write to Press.Office@Example.Org today",
        "www.Example.Com/Page",
        "Amazon.Com sells",
        "Foo.Bar.com is a host",
        "J.R.R. Tolkien",
    ],
)
def test_domains_abbreviations_urls_are_not_split(raw: str) -> None:
    assert clean_text(raw).text == raw


def test_domain_check_reads_token_shapes() -> None:
    assert is_domain_or_abbreviation("News.Az", 4)
    assert not is_domain_or_abbreviation("said.At least", 4)
    assert not is_domain_or_abbreviation("said.US officials", 4)
    assert not is_domain_or_abbreviation("Lankaran.Thus", 8)


def test_join_points_are_indices_of_the_capital_or_opener() -> None:
    assert join_points("ab.Word c") == [3]
    assert join_points("No join here.") == []


# ---------------------------------------------------------------------------------------------------------------
# Chrome.


@pytest.mark.parametrize(
    "line",
    [
        "date 2025-01-20 + ↺ − 16 px",
        "Share Tweet Email",
        "Facebook Twitter Email",
        "Facebook | Twitter | WhatsApp",
        "Share this story",
        "Please enable Javascript to watch this video",
        "Buy Photo",
        "Advertisement",
        "ADVERTISEMENT",
        "Read more",
        "Read more: Police arrest three after raid",
        "Copyright 2023 Channel 6 Lakeport. All rights reserved.",
        "© 2024 Example Media Ltd",
        "Skip to main content",
        "Sign up for our newsletter",
        "Listen to this article",
        "4 min read",
        "Updated: March 4, 2025 10:32",
        "Published 2025-01-20",
        "* * *",
        "Comments (12)",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "News.Az",
        "Latin Desk",
        "Euro Wire reports",
        "Police detained 214 people over the weekend, the ministry said.",
        "Read more about the protests in the report the commission published on Monday, which runs to 300 pages.",
        "Share prices fell sharply after the explosion.",
        "Email",  # a single interface word is chrome ...
    ][:-1],
)
def test_prose_and_credit_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_seed_chrome_removed_and_credit_kept(seed_text: str) -> None:
    cleaned = clean_text(seed_text)
    assert cleaned.chrome == ("date 2025-01-20 + ↺ − 16 px",)
    assert cleaned.text.startswith("Türkiye’s Foreign Ministry")
    assert cleaned.text.endswith("\n\nNews.Az")
    assert "reports. Thirty-five" in cleaned.text and "Lankaran. Thus," in cleaned.text


def test_dev_chrome_lines_leave_the_text() -> None:
    chrome_seen = []
    for _name, record in dev_records():
        cleaned = clean_text(record["text"])
        chrome_seen.extend(cleaned.chrome)
        assert "Share Tweet" not in cleaned.text and "↺" not in cleaned.text
    assert "Copyright 2023 Channel 6 Lakeport. All rights reserved." in chrome_seen
    assert chrome_seen.count("Buy Photo") == 2


# ---------------------------------------------------------------------------------------------------------------
# Whitespace and paragraphs.


def test_whitespace_runs_and_paragraphs() -> None:
    raw = "  First\tline   here.  \r\n\r\n\r\nSecond\u00a0line.\nThird\u200b line.  "
    assert clean_text(raw).text == "First line here.\n\nSecond line.\nThird line."


def test_removed_chrome_between_paragraphs_leaves_one_break() -> None:
    assert clean_text("One.\n\nShare Tweet Email\n\nTwo.").text == "One.\n\nTwo."
    assert clean_text("One.\nAdvertisement\nTwo.").text == "One.\nTwo."


def test_split_lines_knows_every_line_break() -> None:
    assert [line.text for line in split_lines("a\rb\u2028c\r\nd")] == ["a", "b", "c", "d"]


def test_raw_span_maps_back(seed_text: str) -> None:
    cleaned = clean_text(seed_text)
    start = cleaned.text.index("Thirty-five years")
    raw_start, raw_end = cleaned.raw_span(start, start + len("Thirty-five years"))
    assert seed_text[raw_start:raw_end] == "Thirty-five years"
    assert cleaned.raw_span(3, 3) == (cleaned.raw_offsets[3],) * 2


def test_empty_text() -> None:
    cleaned = clean_text("   \n\n ")
    assert cleaned.text == "" and cleaned.raw_offsets == (0,)


# ---------------------------------------------------------------------------------------------------------------
# Properties: the offset map is exact, cleaning is idempotent.

TEXT_ALPHABET = st.sampled_from(
    list("aAbBzZ .,!?'\"’”“()-/@:\n\t\r\u00a0\u200b") + ["Az", "News", ".com", "U.S.", "http://", "px", "Share"]
)
texts = st.lists(TEXT_ALPHABET, max_size=60).map("".join)


def _check_offsets(raw: str) -> None:
    cleaned = clean_text(raw)
    assert len(cleaned.raw_offsets) == len(cleaned.text) + 1
    assert list(cleaned.raw_offsets[:-1]) == sorted(cleaned.raw_offsets[:-1])
    for index, char in enumerate(cleaned.text):
        source = raw[cleaned.raw_offsets[index]]
        if char.isspace():
            continue  # a normalised or inserted space, or a line break
        assert source == char


@settings(max_examples=300, deadline=None)
@given(texts)
@example("a.Bb 'x.'Cc \"d.\"Ee")
@example("News.Az reports.Thirty")
def test_offsets_point_at_the_same_character(raw: str) -> None:
    _check_offsets(raw)


@settings(max_examples=300, deadline=None)
@given(texts)
@example("a.'B x.'C")
@example("U.S.Share.Share")
def test_clean_is_idempotent(raw: str) -> None:
    once = clean_text(raw).text
    assert clean_text(once).text == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_text(raw: str) -> None:
    _check_offsets(raw)
    once = clean_text(raw).text
    assert clean_text(once).text == once


def test_dev_texts_are_fixed_points() -> None:
    for name, record in dev_records():
        once = clean_text(record["text"]).text
        assert clean_text(once).text == once, name
        _check_offsets(record["text"])
    assert json.dumps(once)  # the last one serialises


def test_a_sentence_that_starts_with_a_figure_is_split_off():
    assert clean_text("Debris fell from the façade.12 apartments were damaged.").text == (
        "Debris fell from the façade. 12 apartments were damaged.")
    for kept in ("It was 3.5 km away.", "See p.12 of the report.", "It is No.4 in line.", "Go to www.site.com/a.12 now."):
        assert clean_text(kept).text == kept


def test_headlines_listed_below_related_stories_are_chrome() -> None:
    raw = ("Two people were hurt in a fight at the station on Friday.\n\nPolice are appealing for witnesses.\n\n"
           "RELATED STORIES\nThree hurt in town centre brawl - man, 23, charged\nPolice appeal after 2 arrested in raid\n"
           "MOST READ\n1 Council tax to rise 4.99% from April\n")
    cleaned = clean_text(raw)
    assert cleaned.text == "Two people were hurt in a fight at the station on Friday.\n\nPolice are appealing for witnesses."
    assert "Three hurt in town centre brawl - man, 23, charged" in cleaned.chrome


def test_a_headline_above_the_story_is_kept() -> None:
    raw = "Three hurt in town centre brawl\n\nThree people were hurt in a brawl on Friday, police said."
    assert clean_text(raw).text == raw
