"""extract(): from one raw document to a checked Article record.

Data flows one way: ingest → clean → understand → checks → record. The store, web app, batch runner and
CLI only call `extract()` (or `Extractor.extract()` to reuse one loaded pipeline) and read records.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Doc

from . import (
    calibrate,
    checks,
    clean,
    dates,
    facts,
    incidents,
    language,
    metadata,
    places,
    posts,
    quotes,
    truecase,
)
from .errors import InternalError, NewsfactsError
from .ingest.base import RawDocument
from .ingest.html import main_text_from_html
from .ingest.text import document_from_text
from .model import Article, Block
from .nlp import install_sentence_hooks, load_pipeline, parse, parse_many
from .options import Options
from .rubric import Rubric, load_rubric

T = TypeVar("T")

# Documents parsed together by `Extractor.pipe`: spaCy's own default for nlp.pipe on CPU.
PIPE_BATCH_SIZE = 256


# The extraction rules (counted facts, incidents, checks) are written for English: on an article in another
# language they would read numbers out of words they do not understand ("3 Menschen getötet" is no "killed 3").
RULES_LANGUAGE = "en"


@dataclass(frozen=True)
class _Prepared:
    """A document up to the parse: its clean text, metadata and paragraph languages."""

    document: RawDocument
    cleaned: clean.CleanText
    meta: metadata.Metadata
    blocks: list[Block]
    # upper-case text (old wire copy) is parsed with its case recovered; the record keeps the text as given
    recased: truecase.Recased | None = None

    @property
    def parse_text(self) -> str:
        return self.recased.text if self.recased else self.cleaned.text


# English function words: in English news about one word in four is one of them, in other languages that use
# the Latin script almost none. A short report thick with foreign names ("Kovasi Iduma alias Boti of Kistaram")
# can fool the language detector; its grammar words cannot.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in was were is are by for with on at from that his her their this has have had been be "
    "an after who which when while said".split())
ENGLISH_FUNCTION_SHARE = 0.15


def reads_as_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text[:20000].lower())
    return bool(words) and sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= ENGLISH_FUNCTION_SHARE


def rules_apply(blocks: list[Block], text: str = "") -> bool:
    """Whether the English rules may run: the article is English, too short to tell, or written in English
    grammar whatever the detector says of its names."""
    code = language.article_language(blocks)
    return code is None or code == RULES_LANGUAGE or reads_as_english(text)


def skipped_warning(blocks: list[Block], text: str = "") -> list[str]:
    if rules_apply(blocks, text):
        return []
    code = language.article_language(blocks) or "und"
    return [f"the article is in {language.language_name(code)} ({code}): the English extraction rules (counted "
            "facts, incidents, checks) were not run; translate it to English to extract them"]


def understand(doc: Doc, prepared: _Prepared, options: Options, rubric: Rubric | None = None,
               totals_model: calibrate.TotalsModel | None = None, parse_warnings: Sequence[str] = ()) -> Article:
    """Stages 7-11 on a parsed doc whose text is `prepared.parse_text` (the clean text, or it recased);
    `parse_warnings` (run-on sentences read in pieces, from `nlp.parse`) join the article's warnings."""
    cleaned, meta, blocks = prepared.cleaned, prepared.meta, prepared.blocks
    found_posts = posts.find_posts(cleaned.text, blocks)
    found_quotes = quotes.find_quotes(doc, blocks, found_posts)
    entities = places.find_entities(doc)
    date_mentions = dates.find_dates(doc, meta.published)
    if rules_apply(blocks, cleaned.text):
        found_facts = facts.find_facts(doc, date_mentions, entities, meta.published, found_posts, rubric)
        events = incidents.find_events(doc, found_facts, date_mentions, entities, meta.published)
        events = calibrate.calibrate_events(doc, found_facts, events, totals_model)
        flags = checks.run_checks(doc, found_facts, date_mentions, meta.published)
    else:
        found_facts, events, flags = [], [], []
    article = Article(
        source=meta.source,
        url=prepared.document.url or options.url,
        published=meta.published,
        title=meta.title,
        language=language.article_language(blocks),
        text=cleaned.text,
        blocks=blocks,
        posts=found_posts,
        quotes=found_quotes,
        entities=entities,
        dates=date_mentions,
        facts=found_facts,
        checks=flags,
        events=events,
        warnings=(skipped_warning(blocks, cleaned.text) or language.warnings(blocks)) + list(meta.warnings)
        + list(parse_warnings),
    )
    recased = prepared.recased
    if recased and recased.blocks:
        article = truecase.restore_text(article, cleaned.text, recased.text)
        article = article.model_copy(update={"warnings": [*article.warnings, truecase.warning(recased)]})
    return article


@dataclass
class Extractor:
    """Holds one loaded spaCy pipeline; build it once per process (or per Dask worker)."""

    options: Options = field(default_factory=Options)
    # A loaded pipeline to use instead of the one the options name (the spaCy component passes its own).
    nlp: Any = None

    def __post_init__(self) -> None:
        if self.nlp is None:
            self.nlp = load_pipeline(self.options)
        self.totals_model = calibrate.load_model(self.options.totals_model)
        rubric = load_rubric(self.options.rubric)
        self.rubric = None if rubric.is_strict else rubric

    def _understand(self, doc: Doc, prepared: _Prepared, parse_warnings: Sequence[str] = ()) -> Article:
        return understand(doc, prepared, self.options, self.rubric, self.totals_model, parse_warnings)

    def prepare(self, document: RawDocument | str) -> _Prepared:
        """Stages 1-5: everything before the parse."""
        if isinstance(document, str):
            document = document_from_text(document, self.options)
        main = main_text_from_html(document, self.options) if document.is_html else None
        cleaned = clean.clean_text(main.text if main else document.content)
        meta = metadata.find_metadata(cleaned, document, main, self.options)
        recased = truecase.recase_for_parse(cleaned.text, self.nlp) if self.options.truecase else None
        return _Prepared(document, cleaned, meta, language.detect_blocks(cleaned.text), recased)

    def _prepare_doc(self, doc: Doc) -> _Prepared:
        """A Doc someone already parsed: its text is taken as clean (offsets must index `doc.text`)."""
        document = document_from_text(doc.text, self.options)
        cleaned = clean.CleanText(text=doc.text, raw_offsets=tuple(range(len(doc.text) + 1)))
        meta = metadata.find_metadata(cleaned, document, None, self.options)
        return _Prepared(document, cleaned, meta, language.detect_blocks(doc.text))

    def extract(self, document: RawDocument | str | Doc) -> Article:
        """The cascade, stage by stage:

        1. ingest: a str becomes a RawDocument (size, emptiness and binary checks happen in the readers);
        2. main text: HTML goes through trafilatura (embedded posts flattened first); text is taken as is;
        3. clean: page chrome removed, joined sentences repaired; offsets map back to the raw text;
        4. metadata: published date, outlet, title (what the user or the carrier gives wins);
        5. language of each block, and of the article;
        6. parse with spaCy (inside a memory zone, so long runs do not grow the vocabulary), in pieces of at most
           20,000 characters, and run-on sentences in pieces of at most 150 words (named in `warnings`); upper-case
           text (old wire copy) is parsed with its case recovered, and evidence is sliced from the text as given;
        7. embedded posts paired with their translations; quotes with their speakers;
        8. entities with gazetteer coordinates; dates normalised against the publication date;
        9. counted facts, with qualifier, role, place, date, actor and evidence span;
        10. incidents: the events the article reports, with per-category totals and how they were reached;
            then calibrated: where the learned model (calibrate.py) reads a total otherwise, its reading wins;
        11. checks: sums against totals, subsets against their whole, anniversaries, disagreeing sources.

        Stages 9-11 run only on English text (or text too short to tell); otherwise `warnings` says so. A spaCy
        `Doc` skips stages 1-3 and 6: its text is taken as the clean text and its parse is used as it is.

        Bad input is a NewsfactsError; anything else that goes wrong on one document is an InternalError, so
        that every shell reports it in one line and goes on with the next document.
        """
        try:
            return self._cascade(document)
        except NewsfactsError:
            raise
        except Exception as exc:  # noqa: BLE001 - one document's failure must not end a run of many
            raise internal_error(document, exc) from exc

    def _cascade(self, document: RawDocument | str | Doc) -> Article:
        if isinstance(document, Doc):
            install_sentence_hooks(document)  # the fast sentence lookups the stages rely on
            return self._understand(document, self._prepare_doc(document))
        prepared = self.prepare(document)
        with self.nlp.memory_zone():
            doc, parse_warnings = parse(self.nlp, prepared.parse_text)
            return self._understand(doc, prepared, parse_warnings)

    def pipe(self, documents: Iterable[RawDocument | str], batch_size: int = PIPE_BATCH_SIZE,
             on_error: Callable[[RawDocument | str, NewsfactsError], None] | None = None) -> Iterator[Article]:
        """Articles for a stream of documents, in order, parsed `batch_size` at a time with `nlp.pipe` (a long
        text, or one with run-on sentences, is parsed in pieces as `extract` does).

        The stream is read one batch at a time (each batch in its own memory zone), so it may be endless. A
        document that cannot be read or has no article text raises its NewsfactsError, as `extract` does (an
        unexpected failure on one document is an InternalError); with `on_error` it is handed to
        `on_error(document, error)` instead and the stream goes on without it."""
        iterator = iter(documents)
        while chunk := list(itertools.islice(iterator, batch_size)):
            batch = [(d, p) for d in chunk if (p := self._prepared_or_reported(d, on_error)) is not None]
            with self.nlp.memory_zone():
                texts = [p.parse_text for _, p in batch]
                parsed = parse_many(self.nlp, texts, batch_size=batch_size)
                for (doc, parse_warnings), (document, prepared) in zip(parsed, batch, strict=True):
                    article = self._guarded(document, on_error,
                                            lambda: self._understand(doc, prepared, parse_warnings))  # noqa: B023
                    if article is not None:
                        yield article

    def _prepared_or_reported(self, document: RawDocument | str, on_error) -> _Prepared | None:
        return self._guarded(document, on_error, lambda: self.prepare(document))

    @staticmethod
    def _guarded(document: RawDocument | str, on_error, step: Callable[[], T]) -> T | None:
        """One document's step: an unexpected failure becomes an InternalError (as in extract: this document
        only); with `on_error`, any NewsfactsError is handed to it and None returned, else it is raised."""
        try:
            try:
                return step()
            except NewsfactsError:
                raise
            except Exception as exc:  # noqa: BLE001 - one document's failure must not end a run of many
                raise internal_error(document, exc) from exc
        except NewsfactsError as exc:
            if on_error is None:
                raise
            on_error(document, exc)
            return None


def internal_error(document: RawDocument | str | Doc, exc: Exception) -> InternalError:
    """An unexpected failure on one document, typed so that every shell reports it in one line and goes on."""
    origin = document.origin if isinstance(document, RawDocument) else "<text>"
    detail = " ".join(str(exc).split())[:200]
    return InternalError(
        f"{origin}: newsfacts failed on this input ({type(exc).__name__}: {detail}); the other inputs are "
        "not affected: please report it with the input"
    )


def extract(document: RawDocument | str | Doc, options: Options | None = None) -> Article:
    """Extract one article; the spaCy pipeline is cached per process, so repeated calls stay cheap."""
    return Extractor(options or Options()).extract(document)
