"""Language of paragraphs and articles: the seed's Turkish post, the dev posts, short text, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.language import (
    article_language,
    detect_blocks,
    detect_language,
    language_name,
    warnings,
)
from newsfacts.model import Block

POSTS = {
    "tr": "20 Ocak 1990'da bağımsızlık uğruna şehit düşen Kardeş Azerbaycan'ın kahramanlarını saygı ve rahmetle "
    "anıyoruz.",
    "az": "Qaradağ rayonunda yanacaq anbarında baş vermiş partlayış nəticəsində 9 nəfər həlak olub. Yanğın tam "
    "söndürülüb.",
    "ru": "Ночью Тарсель снова подвергся обстрелу. Погибли два человека, 11 ранены, среди них трое детей.",
    "es": "Seguimos buscando a los desaparecidos en San Lucio. Más de 2.300 personas han sido evacuadas.",
    "fr": "Cette nuit à Montclair-sur-Orne : 45 interpellations, 17 policiers et gendarmes blessés.",
    "en": "The post says the heroes of the brotherly country are remembered with respect and reverence.",
}


@pytest.mark.parametrize("code", sorted(POSTS))
def test_detect_language_of_posts(code: str) -> None:
    assert detect_language(POSTS[code]) == code


@pytest.mark.parametrize(("text", "code"), [("Yanğın tam söndürülüb.", "az"), ("Yangın tamamen söndürüldü.", "tr")])
def test_turkish_and_azerbaijani_short_sentences(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "News.Az", "16 px", "2025-01-20", "— @TC_Disisleri"])
def test_too_short_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_blocks_split_lines_with_offsets_and_languages(seed_text: str) -> None:
    blocks = detect_blocks(seed_text)
    assert [seed_text[b.start : b.end] for b in blocks] == [line.strip() for line in seed_text.splitlines() if line.strip()]
    languages = [b.language for b in blocks]
    assert "tr" in languages and languages.count("en") >= 2
    assert blocks[-1].kind == "credit" and seed_text[blocks[-1].start : blocks[-1].end] == "News.Az"


def test_single_line_is_not_a_credit() -> None:
    assert [b.kind for b in detect_blocks("Latin Desk")] == ["paragraph"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab çə\n\t ."), max_size=80))
def test_block_offsets_cover_stripped_lines(text: str) -> None:
    for block in detect_blocks(text):
        piece = text[block.start : block.end]
        assert piece and piece == piece.strip() and "\n" not in piece


def test_article_language_counts_characters() -> None:
    blocks = [
        Block(start=0, end=100, language="tr"),
        Block(start=101, end=150, language="en"),
        Block(start=151, end=220, language="en"),
        Block(start=221, end=230, language=None),
    ]
    assert article_language(blocks) == "en"
    assert article_language([Block(start=0, end=5, language=None)]) is None
    assert article_language([]) is None


def test_warnings_name_a_foreign_article() -> None:
    blocks = [Block(start=0, end=200, language="tr")]
    (message,) = warnings(blocks)
    assert "Turkish (tr)" in message and "English text only" in message
    assert warnings([Block(start=0, end=200, language="en")]) == []
    assert warnings([]) == []
    assert "could not tell" in warnings([Block(start=0, end=3, language=None)])[0]


def test_language_name() -> None:
    assert language_name("az") == "Azerbaijani"
    assert language_name("xx") == "xx"


def test_plain_english_prose_is_english_without_the_detector():
    from newsfacts.language import _plainly_english

    assert _plainly_english("Police said that two of the men were taken to hospital after the crash on the road.")
    assert not _plainly_english("Qaradağ rayonunda yanacaq anbarında baş vermiş partlayış nəticəsində 9 nəfər həlak olub.")
    assert not _plainly_english("Seguimos buscando a los desaparecidos en San Lucio. Más de 2.300 personas evacuadas.")
