"""Queries: events by filters, and full-text search over articles (SQLite FTS5, PostgreSQL full-text)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Select, exists, func, select, text

from ..errors import StoreError
from . import tables
from .figures import category_key
from .records import SearchHit

if TYPE_CHECKING:
    from .core import EventFilters

SNIPPET_WORDS = 16


def event_query(filters: EventFilters) -> Select:
    """SELECT the `detail` JSON of the events matching the filters, most recent first."""
    e = tables.event
    query = select(e.c.detail).where(e.c.detail != "{}", *event_conditions(filters))
    query = query.order_by(e.c.date_start.desc(), e.c.id.desc())
    if filters.limit:
        query = query.limit(filters.limit)
    if filters.offset:
        query = query.offset(filters.offset)
    return query


def event_conditions(filters: EventFilters) -> list:
    """The WHERE conditions of the filters on the event table (they combine with AND)."""
    e, i, a = tables.event, tables.incident, tables.article
    conditions: list = [e.c.status.in_(filters.statuses)]
    if filters.category:
        key = category_key(filters.category)
        if key is None:
            raise StoreError(f"unknown category {filters.category!r}: use killed, injured or arrested (detained counts as arrested)")
        conditions.append(e.c[f"{key}_high"] > 0)
    if filters.place:  # autoescape: % and _ in a place name are letters, not wildcards
        conditions.append(func.lower(e.c.place).contains(filters.place.lower(), autoescape=True))
    if filters.date_from:
        conditions.append(e.c.date_end >= filters.date_from)
    if filters.date_to:
        conditions.append(e.c.date_start <= filters.date_to)
    if filters.outlet:
        conditions.append(
            exists(
                select(i.c.id)
                .join(a, a.c.id == i.c.article_id)
                .where(i.c.event_id == e.c.id, func.lower(a.c.source).contains(filters.outlet.lower(), autoescape=True))
            )
        )
    if filters.reviewed:
        conditions.append(e.c.reviewed.is_(True))
    return conditions


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
