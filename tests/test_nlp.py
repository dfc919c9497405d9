"""The spaCy pipeline as newsfacts loads it: line breaks end sentences, and the sentence index answers as
spaCy would."""

from __future__ import annotations

import pytest

from newsfacts.errors import ModelError
from newsfacts.nlp import _load, text_of


def test_line_breaks_end_sentences(nlp) -> None:
    doc = nlp("Gunmen kill 12 at market\n\nKELVARO - At least 12 people were killed on Friday.")
    assert [s.text.strip() for s in doc.sents][0] == "Gunmen kill 12 at market"


def test_sentence_index_matches_spacys_own(nlp) -> None:
    text = ("Police said 12 people died. Another 30 were hurt, officials said.\nThe toll may rise. "
            "Rescuers are still searching.")
    doc = nlp(text)
    starts = [s.start for s in doc.sents]
    assert starts == [t.i for t in doc if t.i == 0 or t.is_sent_start]
    for token in doc:
        assert token.sent.start <= token.i < token.sent.end
    assert doc[3:5].sent.start == 0
    assert text_of(doc) == text


def test_a_pipeline_that_is_not_installed_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="xx_not_installed"):
        _load("xx_not_installed")
