"""Queries: events by filters, and full-text search over articles (SQLite FTS5, PostgreSQL full-text)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Select, and_, exists, func, or_, select, text

from ..errors import StoreError
from . import tables
from .figures import category_key
from .records import SearchHit

if TYPE_CHECKING:
    from .core import EventFilters

SNIPPET_WORDS = 16


def event_query(filters: EventFilters) -> Select:
    """SELECT the `detail` JSON of the events matching the filters, most recent first."""
    e, i, a = tables.event, tables.incident, tables.article
    query = select(e.c.detail).where(e.c.detail != "{}")
    if filters.category:
        key = category_key(filters.category)
        if key is None:
            raise StoreError(f"unknown category {filters.category!r}: use killed, injured or arrested (detained counts as arrested)")
        query = query.where(e.c[f"{key}_high"] > 0)
    if filters.place:  # autoescape: % and _ in a place name are letters, not wildcards
        query = query.where(func.lower(e.c.place).contains(filters.place.lower(), autoescape=True))
    if filters.date_from:
        query = query.where(e.c.date_end >= filters.date_from)
    if filters.date_to:
        query = query.where(e.c.date_start <= filters.date_to)
    if filters.outlet:
        query = query.where(
            exists(
                select(i.c.id)
                .join(a, a.c.id == i.c.article_id)
                .where(i.c.event_id == e.c.id, func.lower(a.c.source).contains(filters.outlet.lower(), autoescape=True))
            )
        )
    query = query.order_by(e.c.date_start.desc(), e.c.id.desc())
    if filters.limit:
        query = query.limit(filters.limit)
    return query


def sorted_event_queries(filters: EventFilters) -> list[Select]:
    """The filtered events in the order `filters.sort` asks for, as queries to run in turn: the events with a
    value for the key, by it (ties by id in the same direction), then those without one, most recent first.
    Two plain queries rather than one ORDER BY on CASE expressions, so that each can walk an index on
    (column, id) and stop at the page's end: on 100,000 events the CASE order sorted the whole table for
    every page (`tests/store/test_paging.py` checks the order against the table's)."""
    e = tables.event
    base = event_query(replace(filters, sort=None))
    key = (filters.sort or "").lstrip("-")
    if key not in SORT_COLUMNS:
        return [base]
    column = SORT_COLUMNS[key]
    descending = (filters.sort or "").startswith("-")
    present = column.is_not(None) if key != "place" else and_(e.c.place.is_not(None), e.c.place != "")
    ordered = base.where(present).order_by(None).order_by(
        *((column.desc(), e.c.id.desc()) if descending else (column.asc(), e.c.id.asc())))
    return [ordered, base.where(~present if key != "place" else or_(e.c.place.is_(None), e.c.place == ""))]


SORT_COLUMNS = {
    "date": tables.event.c.date,
    "place": func.lower(tables.event.c.place),
    "type": tables.event.c.type,
    "killed": tables.event.c.killed_best,
    "injured": tables.event.c.injured_best,
    "arrested": tables.event.c.arrested_best,
    "sources": tables.event.c.sources,
}


def fts5_query(user_query: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: each word quoted, all required;
    a "quoted phrase" stays a phrase."""
    parts = []
    for phrase, word in re.findall(r'"([^"]+)"|(\S+)', user_query):
        chunk = phrase or word
        tokens = re.findall(r"\w+", chunk)
        if tokens:
            parts.append('"' + " ".join(tokens) + '"')
    return " ".join(parts)


def search_articles(conn: Connection, query: str, limit: int = 20) -> list[SearchHit]:
    if not query.strip():
        raise StoreError('give some words to search for, e.g. newsfacts search "market attack"')
    if conn.dialect.name == "sqlite":
        match = fts5_query(query)
        if not match:
            return []
        rows = conn.execute(
            text(
                "SELECT a.id, a.title, a.source, a.published, a.url, "
                f"snippet(article_fts, 1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet, -bm25(article_fts) AS rank "
                "FROM article_fts JOIN article a ON a.id = article_fts.rowid "
                "WHERE article_fts MATCH :match ORDER BY bm25(article_fts) LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        ).all()
    elif conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                "SELECT a.id, a.title, a.source, a.published, a.url, "
                "ts_headline('english', a.text, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet, "
                "ts_rank(to_tsvector('english', coalesce(a.title, '') || ' ' || a.text), q) AS rank "
                "FROM article a, websearch_to_tsquery('english', :query) q "
                "WHERE to_tsvector('english', coalesce(a.title, '') || ' ' || a.text) @@ q "
                "ORDER BY rank DESC, a.id LIMIT :limit"
            ),
            {"query": query, "limit": limit},
        ).all()
    else:
        like = f"%{query.lower()}%"
        a = tables.article
        rows = conn.execute(
            select(a.c.id, a.c.title, a.c.source, a.c.published, a.c.url, func.substr(a.c.text, 1, 160).label("snippet"), text("0.0 AS rank"))
            .where(func.lower(a.c.text).like(like))
            .limit(limit)
        ).all()
    return [
        SearchHit(article_id=r.id, title=r.title, outlet=r.source, published=r.published, url=r.url,
                  snippet=" ".join((r.snippet or "").split()), rank=float(r.rank or 0.0))
        for r in rows
    ]
