"""Case recovery for upper-case text: detection, recased words, length, and evidence sliced from the text as given."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from newsfacts import truecase
from newsfacts.model import Span

WIRE = ("LIMA, 4 MAY 90 (AFP) -- [TEXT] THREE SOLDIERS WERE KILLED AND TWO PEASANTS WERE WOUNDED TODAY WHEN\n"
        "REBELS OF THE TPLM ATTACKED A PATROL NEAR THE TOWN OF HUANCAYO, THE PERUVIAN ARMY SAID.\n\n"
        "   POLICE SAID THE GUERRILLAS ESCAPED ON FOOT.  I SAW THE BODIES, A WITNESS SAID.")


@pytest.fixture(scope="module")
def lexicon(nlp):
    return truecase.lexicon_for(nlp)


def recased_words(text: str, nlp) -> list[str]:
    return truecase.recase_for_parse(text, nlp).text.split()


def test_upper_case_text_is_detected_and_mixed_case_is_not() -> None:
    assert truecase.is_upper_text(WIRE)
    assert not truecase.is_upper_text("Three soldiers were killed and two peasants were wounded on Friday.")
    assert not truecase.is_upper_text("TWO KILLED")  # too short to be running text


def test_mixed_case_text_is_returned_as_given(nlp) -> None:
    text = "Rebels of the TPLM attacked a patrol near Huancayo, the Peruvian army said. NO INJURIES, said police."
    recased = truecase.recase_for_parse(text, nlp)
    assert recased.text is text and recased.blocks == 0


def test_common_words_go_lower_and_sentences_open_with_a_capital(nlp) -> None:
    words = recased_words(WIRE, nlp)
    assert "Three" in words and "soldiers" in words and "killed" in words and "wounded" in words
    assert "Police" in words  # a new paragraph opens a sentence
    assert "I" in words and "bodies," in words


def test_places_demonyms_months_and_acronyms(nlp) -> None:
    recased = truecase.recase_for_parse(WIRE, nlp).text
    assert recased.startswith("Lima, 4 May 90 (AFP)")  # a city, a month next to a figure, an acronym
    assert "the Peruvian army" in recased
    assert "the TPLM attacked" in recased
    assert "Huancayo" in recased  # not an English word: a name


def test_an_abbreviation_set_in_brackets_once_stays_capitals_everywhere(nlp) -> None:
    text = ("LIMA, 4 MAY 90 (AFP) -- [TEXT] A BOMB SHOOK THE AFP OFFICES IN LIMA TODAY, AND THE OAS [ORGANIZATION "
            "OF AMERICAN STATES] CONDEMNED IT. THE [OAS] SAID TWO GUARDS WERE HURT.")
    recased = truecase.recase_for_parse(text, nlp).text
    assert "the AFP offices" in recased and "the OAS [" in recased and "The [OAS] said" in recased


def test_may_without_a_figure_is_the_verb(nlp) -> None:
    text = "THE ARMY SAID THE REBELS MAY ATTACK AGAIN AND THE POLICE MAY NOT BE READY FOR THEM IN TIME."
    assert "may attack" in truecase.recase_for_parse(text, nlp).text


def test_several_word_place_names_and_names_before_a_name(nlp) -> None:
    text = ("GUNMEN KILLED TWO JUDGES IN SAN SALVADOR AND ONE IN NEW YORK, SAID PRESIDENT EDGAR QUINTERAL, "
            "WHO SPOKE FOR THE FAMILIES.")
    recased = truecase.recase_for_parse(text, nlp).text
    assert "San Salvador" in recased and "New York" in recased
    assert "President Edgar Quinteral" in recased


def test_a_line_break_inside_a_paragraph_opens_no_sentence(nlp) -> None:
    text = "THE ARMY SAID THAT THE ATTACK ON THE\nPATROL LEFT FOUR SOLDIERS DEAD AND SEVEN WOUNDED IN THE HILLS."
    assert "the\npatrol left" in truecase.recase_for_parse(text, nlp).text


def test_apostrophes_keep_their_letters_low(nlp) -> None:
    text = "THE GUERRILLAS' LEADER SAID HE DIDN'T ORDER THE ATTACK THAT KILLED FIVE VILLAGERS ON SUNDAY."
    recased = truecase.recase_for_parse(text, nlp).text
    assert "guerrillas' leader" in recased and "didn't" in recased and "Sunday" in recased


def test_an_upper_case_paragraph_in_a_mixed_article_is_recased_alone(nlp) -> None:
    mixed = "The agency filed the following report on Tuesday evening from the capital."
    upper = "FOUR POLICEMEN WERE KILLED WHEN A BOMB EXPLODED NEAR THE MARKET, THE AGENCY SAID."
    recased = truecase.recase_for_parse(f"{mixed}\n\n{upper}", nlp)
    assert recased.blocks == 1
    assert recased.text.startswith(mixed)
    assert "Four policemen were killed" in recased.text


@pytest.mark.parametrize("word", ["STRAßE", "İZMIR", "ŉ", "ǅ", "ﬁ", "ΐ"])
def test_letters_whose_other_case_is_longer_keep_the_length(word: str, lexicon) -> None:
    text = f"THE POLICE SAID THAT {word} WAS WHERE THE TWO GUARDS WERE KILLED ON SUNDAY NIGHT."
    assert len(truecase.truecase(text, lexicon).text) == len(text)


_UPPERISH = st.text(alphabet=st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ ,.'-\n0123456789ßİŉǅﬁΐÉÑ")),
                    max_size=300)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_UPPERISH)
def test_recasing_never_changes_the_length_or_the_letters(text: str, lexicon) -> None:
    recased = truecase.truecase(text, lexicon).text
    assert len(recased) == len(text)
    assert all(a == b or a.lower() == b.lower() for a, b in zip(recased, text, strict=True))


_WORDS = ("TWO THREE 14 SOLDIERS POLICEMEN PEASANTS WERE WAS KILLED WOUNDED INJURED ARRESTED DEAD IN LIMA "
          "SAN SALVADOR THE A OF AND BY REBELS FMLN SAID ON MONDAY 4 MAY \"THEY\" AT LEAST PEOPLE ATTACK").split()
_PUNCT = (" ", " ", " ", ", ", ". ", ".\n\n", " -- ", "\n")


@st.composite
def upper_articles(draw) -> str:
    n = draw(st.integers(min_value=12, max_value=60))
    parts = [draw(st.sampled_from(_WORDS)) + draw(st.sampled_from(_PUNCT)) for _ in range(n)]
    return "".join(parts).strip() + "."


def _spans(value):
    """Every Span of a record, recursively."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _spans(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _spans(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _spans(item)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=upper_articles())
def test_every_span_of_an_upper_case_article_quotes_the_text_as_given(text: str, extractor) -> None:
    article = extractor.extract(text)
    for span in _spans(article):
        assert article.text[span.start:span.end] == span.text


def test_an_upper_case_article_counts_its_dead_and_says_its_case_was_recovered(extractor) -> None:
    article = extractor.extract(WIRE)
    assert any("case was recovered" in w for w in article.warnings)
    assert article.text.upper() == article.text  # the record keeps the text as given (cleaned, still upper)
    killed = [f for f in article.facts if f.category == "killed"]
    assert [f.value for f in killed] == [3]
    assert killed[0].evidence.text == WIRE[killed[0].evidence.start:killed[0].evidence.end]
    assert killed[0].evidence.text.isupper()
    assert sum(e.totals.get("killed", 0) for e in article.events if e.status != "background") == 3
    assert all(e.text.isupper() for e in article.entities if any(c.isalpha() for c in e.text))


def test_truecase_can_be_turned_off(nlp) -> None:
    from newsfacts.options import Options
    from newsfacts.pipeline import Extractor

    article = Extractor(Options(truecase=False)).extract(WIRE)
    assert not any("case was recovered" in w for w in article.warnings)


_MIXED_WORDS = ("Police said three people were killed in Arvella on Monday and FMLN UN NATO the Army "
                "WARNING injured".split())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(_MIXED_WORDS), min_size=1, max_size=80),
       seps=st.lists(st.sampled_from([" ", ". ", "\n\n", ", "]), min_size=80, max_size=80))
def test_mixed_case_text_is_never_recased(words: list[str], seps: list[str], nlp) -> None:
    text = "".join(w + s for w, s in zip(words, seps))
    if truecase.upper_share(text)[0] >= truecase.UPPER_SHARE:
        return  # a run of acronyms alone is upper-case text
    if any(truecase.is_upper_text(b) for b in text.split("\n\n")):
        return  # a paragraph of capitals in a mixed article is recased alone (tested above)
    recased = truecase.recase_for_parse(text, nlp)
    assert recased.text is text and recased.blocks == 0


def test_editors_tags_and_dashes_open_a_sentence_only_at_the_dateline(nlp) -> None:
    text = ("SELVAN, 3 JUN 91 (AFP) -- [TEXT] THE HOUSE WAS MACHINEGUNNED, ESTEBAN QUIROGA -- LEADER OF THE "
            "UNION [UTRA] -- HAS SAID. THE CIVIC PARTY [PCV] NATIONAL SECRETARY SPOKE TOO.")
    recased = truecase.recase_for_parse(text, nlp).text
    assert "(AFP) -- [Text] The house was machinegunned" in recased  # a closed compound is a word
    assert "-- has said" in recased and "[PCV] national secretary" in recased
