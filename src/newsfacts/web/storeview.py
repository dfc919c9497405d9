"""The web app's only contact with the store: thin calls, plus the filtering, sorting and table rows the
events pages need. Pure functions over the store's records (`newsfacts.store.records`); no storage here.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.exceptions import HTTPException

from ..model import Article
from ..store.records import AddResult, MergedEvent, SearchHit

SORT_KEYS = ("date", "place", "type", "killed", "injured", "arrested", "sources")
SORT_PATTERN = r"^-?(" + "|".join(SORT_KEYS) + r")$"
TABLE_CATEGORIES = ("killed", "injured", "arrested")


def valid_sort(sort: str) -> bool:
    return re.match(SORT_PATTERN, sort) is not None


def _not_found(kind: str, record_id: object) -> HTTPException:
    return HTTPException(404, f"no {kind} with id {record_id} in the store: list them at /api/v1/{kind}s")


def add_article(store: Any, article: Article, origin: str) -> AddResult:
    return store.add_article(article, origin=origin)


def article_summary(article_id: int, article: Article) -> dict[str, Any]:
    return {
        "id": article_id,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "url": article.url,
        "facts": len(article.facts),
        "checks": len(article.checks),
    }


def list_articles(store: Any, limit: int, offset: int) -> list[dict[str, Any]]:
    """Stored articles as summaries; accepts the store giving (id, Article) pairs or records with an id."""
    rows = []
    for item in store.articles(limit=limit, offset=offset):
        if isinstance(item, tuple):
            rows.append(article_summary(item[0], item[1]))
        elif isinstance(item, Article):
            continue  # an Article carries no id; nothing to link to
        else:
            data = item.model_dump() if hasattr(item, "model_dump") else dict(item)
            data.setdefault("id", data.get("article_id"))
            rows.append({k: data.get(k) for k in ("id", "title", "source", "published", "url")} | {
                "source": data.get("source") or data.get("outlet"),
                "facts": data.get("facts", 0) if isinstance(data.get("facts"), int) else len(data.get("facts") or []),
                "checks": data.get("checks", 0) if isinstance(data.get("checks"), int) else len(data.get("checks") or []),
            })
    return rows


def get_article(store: Any, article_id: int | str) -> Article:
    try:
        article = store.article(int(article_id))
    except (LookupError, ValueError):
        raise _not_found("article", article_id) from None
    if article is None:
        raise _not_found("article", article_id)
    return article


def get_event(store: Any, event_id: int | str) -> MergedEvent:
    try:
        event = store.event(int(event_id))
    except (LookupError, ValueError):
        raise _not_found("event", event_id) from None
    if event is None:
        raise _not_found("event", event_id)
    return event


def search(store: Any, query: str, limit: int) -> list[SearchHit]:
    return list(store.search(query, limit=limit))


def independent_sources(event: MergedEvent) -> int:
    """Sources that count: a syndicated copy is the same report again."""
    return sum(1 for s in event.sources if s.copy_of is None)


def outlets(event: MergedEvent) -> list[str]:
    return sorted({s.outlet for s in event.sources if s.outlet})


def place_name(event: MergedEvent) -> str:
    return event.place.name if event.place else ""


def matches(event: MergedEvent, filters: dict[str, str | None]) -> bool:
    """Category (has a figure in it), place and outlet (contain, case-blind), date range (inclusive; an event
    with a date range matches when the ranges overlap; an undated event never matches a date filter)."""
    category = filters.get("category")
    if category and not (category in event.figures or any(f.category == category for f in event.source_figures)):
        return False
    place = (filters.get("place") or "").casefold()
    if place and place not in place_name(event).casefold():
        return False
    outlet = (filters.get("outlet") or "").casefold()
    if outlet and not any(outlet in o.casefold() for o in outlets(event)):
        return False
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    if date_from or date_to:
        if not event.date:
            return False
        first, _, last = event.date.partition("/")
        last = last or first
        if date_from and last[: len(date_from)] < date_from[: len(last)]:
            return False
        if date_to and first[: len(date_to)] > date_to[: len(first)]:
            return False
    return True


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


def list_events(store: Any, filters: dict[str, str | None], sort: str, limit: int) -> list[MergedEvent]:
    active = {k: v for k, v in filters.items() if v}
    events = [e for e in store.events(active) if matches(e, active)]
    return sort_events(events, sort if valid_sort(sort) else "-date")[:limit]


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
