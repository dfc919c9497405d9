"""extract(): from one raw document to a checked Article record.

Data flows one way: ingest → clean → understand → checks → record. The store, web app, batch runner and
CLI only call `extract()` (or `Extractor.extract()` to reuse one loaded pipeline) and read records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import checks, clean, dates, facts, incidents, language, metadata, places, posts, quotes
from .errors import InternalError, NewsfactsError
from .ingest.base import RawDocument
from .ingest.html import main_text_from_html
from .ingest.text import document_from_text
from .model import Article
from .nlp import load_pipeline, parse
from .options import Options


@dataclass
class Extractor:
    """Holds one loaded spaCy pipeline; build it once per process (or per Dask worker)."""

    options: Options = field(default_factory=Options)

    def __post_init__(self) -> None:
        self.nlp = load_pipeline(self.options)

    def extract(self, document: RawDocument | str) -> Article:
        """The cascade, stage by stage:

        1. ingest: a str becomes a RawDocument (size, emptiness and binary checks happen in the readers);
        2. main text: HTML goes through trafilatura (embedded posts flattened first); text is taken as is;
        3. clean: page chrome removed, joined sentences repaired; offsets map back to the raw text;
        4. metadata: published date, outlet, title (what the user or the carrier gives wins);
        5. language of each block, and of the article;
        6. parse with spaCy (inside a memory zone, so long runs do not grow the vocabulary), in pieces of at most
           100,000 characters, and run-on sentences in pieces of at most 150 words (named in `warnings`);
        7. embedded posts paired with their translations; quotes with their speakers;
        8. entities with gazetteer coordinates; dates normalised against the publication date;
        9. counted facts, with qualifier, role, place, date, actor and evidence span;
        10. incidents: the events the article reports, with per-category totals and how they were reached;
        11. checks: sums against totals, subsets against their whole, anniversaries, disagreeing sources.

        Bad input is a NewsfactsError; anything else that goes wrong on one document is an InternalError, so
        that every shell reports it in one line and goes on with the next document.
        """
        try:
            return self._cascade(document)
        except NewsfactsError:
            raise
        except Exception as exc:  # noqa: BLE001 - one document's failure must not end a run of many
            origin = document.origin if isinstance(document, RawDocument) else "<text>"
            detail = " ".join(str(exc).split())[:200]
            raise InternalError(
                f"{origin}: newsfacts failed on this input ({type(exc).__name__}: {detail}); the other inputs are "
                "not affected: please report it with the input"
            ) from exc

    def _cascade(self, document: RawDocument | str) -> Article:
        if isinstance(document, str):
            document = document_from_text(document, self.options)
        main = main_text_from_html(document, self.options) if document.is_html else None
        cleaned = clean.clean_text(main.text if main else document.content)
        meta = metadata.find_metadata(cleaned, document, main, self.options)
        blocks = language.detect_blocks(cleaned.text)
        with self.nlp.memory_zone():
            doc, parse_warnings = parse(self.nlp, cleaned.text)
            found_posts = posts.find_posts(cleaned.text, blocks)
            found_quotes = quotes.find_quotes(doc, blocks, found_posts)
            entities = places.find_entities(doc)
            date_mentions = dates.find_dates(doc, meta.published)
            found_facts = facts.find_facts(doc, date_mentions, entities, meta.published, found_posts)
            events = incidents.find_events(doc, found_facts, date_mentions, entities, meta.published)
            flags = checks.run_checks(doc, found_facts, date_mentions, meta.published)
        return Article(
            source=meta.source,
            url=document.url or self.options.url,
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
            warnings=language.warnings(blocks) + list(meta.warnings) + parse_warnings,
        )


def extract(document: RawDocument | str, options: Options | None = None) -> Article:
    """Extract one article; the spaCy pipeline is cached per process, so repeated calls stay cheap."""
    return Extractor(options or Options()).extract(document)
