"""The store: articles and the events merged from them, in SQLite (default) or PostgreSQL.

Public API (used by the CLI, the web app and the batch runner):

    open_store(url=None) -> Store           None: NEWSFACTS_DB, else sqlite:///newsfacts.db in the cwd;
                                            a bare path means SQLite; migrates to the latest schema
    Store.add_article(article, *, origin=None) -> AddResult   status "added" | "duplicate" | "copy"
    Store.article(article_id) -> Article    the stored record, equal to the one added
    Store.articles(*, outlet=None, copies=True, limit=None) -> list[dict]
    Store.events(filters: EventFilters | None = None) -> list[MergedEvent]
    Store.event_page(filters, sort, limit, offset) -> (list[MergedEvent], total)   sorted and paged in SQL
    Store.event_tolls(filters) -> [(day, {killed, injured, arrested})]          what the events chart sums
    Store.article_page(limit, offset) -> (rows, total)                          newest first
    Store.event(event_id) -> MergedEvent    every source's figures and evidence, time series, checks
    Store.search(query, limit=20) -> list[SearchHit]
    Store.export(fmt, columns="native", out=None, filters=None) -> int   csv | jsonl | parquet; native | acled | ucdp
    Store.review(article_id, ReviewRequest) -> ReviewResult   a coder's revision (confirm, correct, reject, add);
                                            the article's figures and events are rebuilt from the reviewed facts
    Store.reviewed_facts(article_id) -> list[ReviewedFact]     each fact now, beside the machine's
    Store.revisions(article_id=|event_id=) -> list[Revision]   the append-only audit trail
    Store.review_queue(limit, offset) -> list[QueueItem]       what most needs a person
    Store.merge_events(keep, other, coder=) / Store.split_event(event_id, article_ids, coder=) -> EventRevision
    Store.add_coder(name) -> token; Store.coder_for_token(token) -> name | None
    Store.close()                           or use the store as a context manager

The merge rule (which incidents are one event; low/best/high) is written down in `newsfacts.store.merge`; how
coders' revisions change the figures, in `newsfacts.store.review`.
"""

from .core import EventFilters, Store, open_store, resolve_url
from .records import AddResult, EventSource, FigureRange, MergedEvent, SearchHit, SeriesPoint, SourceFigure
from .review import ReviewedFact, Revision
from .reviewing import EventRevision, QueueItem, ReviewRequest, ReviewResult

__all__ = [  # sorted; tests/store/test_api.py checks
    "AddResult",
    "EventFilters",
    "EventRevision",
    "EventSource",
    "FigureRange",
    "MergedEvent",
    "QueueItem",
    "ReviewRequest",
    "ReviewResult",
    "ReviewedFact",
    "Revision",
    "SearchHit",
    "SeriesPoint",
    "SourceFigure",
    "Store",
    "open_store",
    "resolve_url",
]
