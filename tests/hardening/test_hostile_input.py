"""Hostile input through the extractor (issue 12): each used to crash, freeze or balloon; each must give a
record (with warnings naming what was not read) or one typed error. No timing here: the shape of the work is
checked instead (pieces parsed, sentences bounded), and bench/hostile_inputs.py prints the seconds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts import nlp
from newsfacts.incidents.mentions import number_value
from newsfacts.ingest.html import _link_labels
from newsfacts.numbers import MAX_FIGURE_DIGITS, digits_to_int, word_to_int


@pytest.fixture(scope="module")
def nlp_pipeline():
    return nlp.load_pipeline()


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


# --- nlp.parse: long documents in pieces, run-on sentences bounded --------------------------------------------


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet="ab \n", max_size=300), st.integers(min_value=4, max_value=40))
def test_text_pieces_cover_the_text_exactly(text: str, size: int) -> None:
    pieces = nlp.text_pieces(text, size)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= size for a, b in pieces)
    assert [b for _, b in pieces[:-1]] == [a for a, _ in pieces[1:]]


def test_a_long_text_is_parsed_in_pieces_and_joined_exactly(nlp_pipeline, monkeypatch) -> None:
    monkeypatch.setattr(nlp, "PIECE_CHARS", 200)
    text = "\n".join(f"Police said {i + 2} people were killed in Baku on Monday." for i in range(30))
    doc, warnings = nlp.parse(nlp_pipeline, text)
    assert doc.text == text and nlp.text_of(doc) == text
    assert warnings == []
    assert len(list(doc.sents)) >= 30
    assert all(len(sent) <= 20 for sent in doc.sents)  # no sentence runs across two pieces


def test_a_run_on_sentence_is_read_in_bounded_pieces_and_named(nlp_pipeline, monkeypatch) -> None:
    monkeypatch.setattr(nlp, "MAX_SENTENCE_TOKENS", 40)
    text = "Police said " + " and ".join(f"{i + 2} people were killed in town {i}" for i in range(60)) + "."
    doc, warnings = nlp.parse(nlp_pipeline, text)
    assert doc.text == text
    assert max(len(sent) for sent in doc.sents) <= 40
    assert len(warnings) == 1 and "run-on sentence" in warnings[0] and "characters 0-" in warnings[0]


def test_sentence_entities_come_from_the_index(nlp_pipeline) -> None:
    doc, _ = nlp.parse(nlp_pipeline, "John Smith met Mary Jones in Paris. Then Ali went to Baku on Monday.")
    for sent in doc.sents:
        assert [e.text for e in sent.ents] == [e.text for e in doc.ents if sent.start <= e.start and e.end <= sent.end]
    for token in doc:
        expected = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        assert nlp.entity_at(doc, token.i) == expected


def test_the_extractor_names_a_run_on_sentence_in_its_warnings(extractor, monkeypatch) -> None:
    monkeypatch.setattr(nlp, "MAX_SENTENCE_TOKENS", 40)
    text = "Police said " + " and ".join(f"{i + 2} people were killed in town {i}" for i in range(30)) + "."
    article = extractor.extract(text)
    assert any("run-on sentence" in w for w in article.warnings)
    assert article.facts and all(article.text[f.evidence.start : f.evidence.end] == f.evidence.text
                                 for f in article.facts)


def test_language_detection_reads_a_bounded_sample(monkeypatch) -> None:
    """lingua took 6 s on one 60,000-letter word: it now reads at most a bounded sample of a block."""
    from newsfacts import language

    seen: list[str] = []

    class Detector:
        def compute_language_confidence_values(self, text: str) -> list:
            seen.append(text)
            return []

    monkeypatch.setattr(language, "_detector", lambda: Detector())
    language.detect_language("Zzyzx " + "q" * 100_000 + " vwxyz" * 5_000)
    assert seen and len(seen[0]) <= language.MAX_DETECT_CHARS
    assert max(len(word) for word in seen[0].split()) <= language.MAX_DETECT_WORD


def test_pipe_reads_a_run_on_sentence_as_extract_does(extractor, monkeypatch) -> None:
    """The merge of issue 12 into the prepare/understand pipeline: `pipe` parses through `nlp.parse` too."""
    monkeypatch.setattr(nlp, "MAX_SENTENCE_TOKENS", 40)
    run_on = "Police said " + " and ".join(f"{i + 2} people were killed in town {i}" for i in range(30)) + "."
    plain = "Police said five people were killed in Baku on Monday."
    piped = list(extractor.pipe([run_on, plain], batch_size=2))
    assert piped == [extractor.extract(run_on), extractor.extract(plain)]
    assert any("run-on sentence" in w for w in piped[0].warnings)
    assert not any("run-on sentence" in w for w in piped[1].warnings)


def test_pipe_types_an_unexpected_failure_and_goes_on(extractor, monkeypatch) -> None:
    from newsfacts import pipeline

    real = pipeline.understand

    def flaky(doc, prepared, *args, **kwargs):
        if "boom" in prepared.cleaned.text:
            raise ValueError("boom")
        return real(doc, prepared, *args, **kwargs)

    monkeypatch.setattr(pipeline, "understand", flaky)
    failed: list = []
    texts = ["Police said boom, five people were killed.", "Police said five people were killed in Baku."]
    articles = list(extractor.pipe(texts, on_error=lambda d, e: failed.append(e)))
    assert len(articles) == 1 and [e.code for e in failed] == ["E500"] and "ValueError: boom" in failed[0].message
