"""Direct speech: quotation marks of every kind, speakers from the parse, pronouns, continuations, post
translations, scare quotes, and offsets on the seed, the dev set and random text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.quotes import find_quotes, quoted_spans, word_count

DATA = Path(__file__).parent / "data"  # read directly: importing conftest depends on how pytest is started
SEED_TXT = DATA / "examples" / "black-january.txt"
SEED_GOLD = DATA / "examples" / "black-january.json"


def dev_records() -> list[tuple[str, dict]]:
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((DATA / "dev").glob("*.json"))]



def _texts(text: str) -> list[str]:
    return [text[span.start : span.end] for span in quoted_spans(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ('He said "we will rebuild the town" today.', ["we will rebuild the town"]),
        ("He said “we will rebuild the town” today.", ["we will rebuild the town"]),
        ("Er sagte: „Wir bauen die Stadt wieder auf“.", ["Wir bauen die Stadt wieder auf"]),
        ("Il a dit « nous reconstruirons la ville ».", ["nous reconstruirons la ville"]),
        ("He said ‘we will rebuild the town’ today.", ["we will rebuild the town"]),
        ("He said 'we will rebuild the town' today.", ["we will rebuild the town"]),
        ("the tragedy of 'Black January.' Thirty years on", ["Black January."]),
        ("We don't know; it's the officers' job, he said.", []),
        ("He is 5'11\" tall and weighs 80 kg.", []),
        ('"Outer words and \'inner words here\' too," she said.', ["Outer words and 'inner words here' too,"]),
        ('An opening " with no end\nand "a second line" here', ["a second line"]),
    ],
)
def test_quoted_spans(text, expected):
    assert _texts(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n\"'“”‘’«»„")), max_size=80))
def test_quoted_spans_are_ordered_disjoint_and_within_one_line(text):
    spans = quoted_spans(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert "\n" not in text[span.start : span.end]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_word_count():
    assert word_count("Black January") == 2
    assert word_count("we've still got 2,300 of them") == 6


def _quotes(nlp, text: str):
    quotes = find_quotes(nlp(text), [])
    for quote in quotes:
        assert text[quote.evidence.start : quote.evidence.end] == quote.evidence.text == quote.text
    return [(quote.speaker, quote.text) for quote in quotes]


SPEAKERS = {
    "subject of say": (
        '"We have no information about casualties yet," Interior Minister Jan Novak told reporters on Tuesday.',
        [("Jan Novak", "We have no information about casualties yet")],
    ),
    "inverted say, relative clause dropped": (
        '"It never gets easier," said a woman from New Jersey whose brother was flying home.',
        [("woman from New Jersey", "It never gets easier")],
    ),
    "according to": (
        "According to police spokesman John Mills, “three men were seen running from the scene” after midnight.",
        [("John Mills", "three men were seen running from the scene")],
    ),
    "pronoun resolved to the person named before": (
        'Maria Lopez, 54, lives nearby. She said: "We heard a loud bang and then screaming."',
        [("Maria Lopez", "We heard a loud bang and then screaming.")],
    ),
    "pronoun with no person before stays None": (
        'The mayor spoke at noon.\n\n"We will rebuild every single home," she said.',
        [(None, "We will rebuild every single home")],
    ),
    "surname gets the full name used earlier": (
        'Governor Pavel Ostrov visited the town. "The shelling went on for two hours," Ostrov said.',
        [("Pavel Ostrov", "The shelling went on for two hours")],
    ),
    "adjacent attribution sentence": ('"We need help right now." The governor said.', [("governor", "We need help right now.")]),
    "continuation by the same speaker": (
        '"There was only one door open," said a vendor. "I lost everything I had."\n\nThe governor declared a day of mourning.',
        [("vendor", "There was only one door open"), ("vendor", "I lost everything I had.")],
    ),
    "a document is not a speaker": (
        'The statement said "all roads are now open again" by morning.',
        [(None, "all roads are now open again")],
    ),
    "scare quotes are skipped": ("Thousands marked 'Black January' in Baku.", []),
    "a label ending its sentence is not given the next sentence's subject": (
        'Groups must register as "agents of foreign influence". Critics say it is modelled on laws used elsewhere.',
        [(None, "agents of foreign influence")],
    ),
}


@pytest.mark.parametrize("text,expected", SPEAKERS.values(), ids=SPEAKERS.keys())
def test_speakers(nlp, text, expected):
    assert _quotes(nlp, text) == expected


def test_translation_of_a_post_is_spoken_by_the_post_author(nlp, seed_text):
    quotes = find_quotes(nlp(seed_text), [])
    (translation,) = [q for q in quotes if q.text.startswith("We commemorate")]
    assert translation.speaker == "T.C. Dışişleri Bakanlığı"
    assert translation.language == "en"
    assert translation.text.endswith("January 20, 1990")  # the comma before the closing mark is not quoted
    assert all(word_count(q.text) >= 3 for q in quotes)  # 'Black January' is not a quote


def test_quote_language_is_detected(nlp):
    (quote,) = find_quotes(nlp("Residents described it as « une nuit de terreur totale et absolue »."), [])
    assert quote.language == "fr"


DEV_SPEAKERS = {
    "dev-003.json": ["woman from New Jersey", "woman from New Jersey"],
    "dev-017.json": ["Elena Varga", "Daniel Roth"],
    "dev-113.json": ["vendor", "vendor"],
    "dev-116.json": ["Superintendent Neil Faraday"],
    "dev-019.json": ["Губернатор Орвельской области"],
}


def test_dev_quotes_spans_and_speakers(nlp):
    for name, record in dev_records():
        text = record["text"]
        quotes = find_quotes(nlp(text), [])
        for quote in quotes:
            assert text[quote.evidence.start : quote.evidence.end] == quote.text, name
        if name in DEV_SPEAKERS:
            assert [quote.speaker for quote in quotes] == DEV_SPEAKERS[name], name
