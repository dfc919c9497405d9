"""The web app's only contact with the store: thin calls, plus the filtering, sorting and table rows the
events pages need. Pure functions over the store's records (`newsfacts.store.records`); no storage here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException

from ..errors import StoreError
from ..model import Article
from ..store import AddResult, EventFilters, MergedEvent, SearchHit, Store

SORT_KEYS = ("date", "place", "type", "killed", "injured", "arrested", "sources")
SORT_PATTERN = r"^-?(" + "|".join(SORT_KEYS) + r")$"
# The categories merged events carry low/best/high for (the store's rule: detained counts as arrested).
TABLE_CATEGORIES = ("killed", "injured", "arrested")
ARTICLE_FIELDS = ("id", "title", "source", "published", "url", "copy_of")
# Store ids are SQL INTEGER columns (32-bit in PostgreSQL): a larger number names no row, and the database
# driver raises on it instead of finding none (GET /api/v1/articles/9223372036854775808 gave a 500).
MAX_ID = 2**31 - 1


def valid_sort(sort: str) -> bool:
    return re.match(SORT_PATTERN, sort) is not None


def _not_found(kind: str, record_id: object) -> HTTPException:
    return HTTPException(404, f"no {kind} {record_id} in the store: list them at /api/v1/{kind}s")


def is_not_found(exc: StoreError) -> bool:
    """The store says "no article N" / "no event N" with a plain StoreError; everything else is a real fault."""
    return exc.message.startswith(("no article ", "no event "))


def add_article(store: Store, article: Article, origin: str) -> AddResult:
    return store.add_article(article, origin=origin)


def list_articles(store: Store, limit: int, offset: int) -> list[dict[str, Any]]:
    """Stored articles, newest first: (id, title, source, published, url, copy_of); one page read in SQL."""
    rows = store.articles(limit=limit, offset=offset, newest_first=True)
    return [{k: row.get(k) for k in ARTICLE_FIELDS} for row in rows]


def get_article(store: Store, article_id: int) -> Article:
    if not 0 < article_id <= MAX_ID:
        raise _not_found("article", article_id)
    try:
        return store.article(int(article_id))
    except StoreError as exc:
        if is_not_found(exc):
            raise _not_found("article", article_id) from None
        raise


def get_event(store: Store, event_id: int) -> MergedEvent:
    if not 0 < event_id <= MAX_ID:
        raise _not_found("event", event_id)
    try:
        return store.event(int(event_id))
    except StoreError as exc:
        if is_not_found(exc):
            raise _not_found("event", event_id) from None
        raise


def search(store: Store, query: str, limit: int) -> list[SearchHit]:
    if not re.search(r"\w", query):
        # No words, no hits: the store refuses such a query with a StoreError, which answered 503 "store
        # unavailable" to `?q=%0B` (bench/schemathesis_run.py); a regex pattern in the OpenAPI document cannot
        # say "a word" the same way in JSON Schema (ASCII \w) and Python (Unicode \w).
        return []
    return list(store.search(query, limit=limit))


def independent_sources(event: MergedEvent) -> int:
    """Sources that count: a syndicated copy is the same report again."""
    return sum(1 for s in event.sources if s.copy_of is None)


def outlets(event: MergedEvent) -> list[str]:
    return sorted({s.outlet for s in event.sources if s.outlet})


def place_name(event: MergedEvent) -> str:
    return event.place.name if event.place else ""


def sort_value(event: MergedEvent, key: str) -> tuple:
    """Missing values sort last in either direction (the tuple's first item says whether one is present)."""
    if key in TABLE_CATEGORIES:
        figure = event.figures.get(key)
        return (figure is not None, figure.best if figure else 0)
    if key == "sources":
        return (True, independent_sources(event))
    if key == "place":
        return (bool(place_name(event)), place_name(event).casefold())
    if key == "type":
        return (True, event.type)
    return (event.date is not None, event.date or "")


def sort_events(events: list[MergedEvent], sort: str) -> list[MergedEvent]:
    key = sort.lstrip("-")
    descending = sort.startswith("-")
    present = [e for e in events if sort_value(e, key)[0]]
    missing = [e for e in events if not sort_value(e, key)[0]]
    return sorted(present, key=lambda e: (sort_value(e, key), e.id), reverse=descending) + missing


def list_events(store: Store, filters: Mapping[str, str | None], sort: str, limit: int) -> list[MergedEvent]:
    """The store filters and sorts (its EventFilters semantics: date ranges overlap, detained counts as
    arrested; events without the sort key's value last)."""
    active = {k: v.strip() for k, v in filters.items() if v and v.strip()}
    # Sorted, filtered and cut to one page in SQL: memory and time do not grow with the store.
    return store.events(EventFilters(**active, sort=sort if valid_sort(sort) else "-date", limit=limit))  # type: ignore[arg-type]


def event_row(event: MergedEvent) -> dict[str, Any]:
    """One line of the events table."""
    return {
        "id": event.id,
        "date": event.date,
        "place": place_name(event),
        "type": event.type.replace("_", " "),
        "status": event.status,
        "figures": {c: event.figures.get(c) for c in TABLE_CATEGORIES},
        "sources": independent_sources(event),
        "outlets": outlets(event),
        "disagreement": any(f.low != f.high for f in event.figures.values()),
    }
