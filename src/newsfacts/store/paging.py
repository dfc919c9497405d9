"""Pages of events and articles in SQL (sorted, with LIMIT/OFFSET and the total), and the figures the events
chart sums: the lists stay fast on a store of 100,000 events because only one page is read and parsed.

The sort keys are the events table's columns (`SORT_KEYS`); a missing value sorts last in either direction, and
ties go by id in the sort's direction — the order `web.storeview.sort_events` gives in Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from ..errors import StoreError
from . import tables
from .records import MergedEvent
from .search import event_conditions

if TYPE_CHECKING:
    from .core import EventFilters

_e = tables.event
SORT_COLUMNS: dict[str, Any] = {
    "date": _e.c.date_start, "place": func.lower(_e.c.place), "type": _e.c.type, "killed": _e.c.killed_best,
    "injured": _e.c.injured_best, "arrested": _e.c.arrested_best, "sources": _e.c.sources,
}
SORT_KEYS = tuple(SORT_COLUMNS)
ARTICLE_COLUMNS = ("id", "title", "source", "published", "url", "copy_of")


def _filtered(filters: EventFilters):
    """The events matching the filters, without order, limit or offset (the caller pages them).

    Unlike `event_query` this does not test `detail != '{}'`: an event row holds that placeholder only inside the
    write transaction that creates and merges it, which no reader sees, and the test reads every row's largest
    column (100 ms for a count over 100,000 events on SQLite, against 3 ms without)."""
    return select(_e.c.detail).where(*event_conditions(filters))


def event_page(conn: Connection, filters: EventFilters, sort: str, limit: int, offset: int) -> tuple[list[MergedEvent], int]:
    """One page of the filtered events in `sort` order ("-killed": most killed first), and how many match."""
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key not in SORT_COLUMNS:
        raise StoreError(f"unknown sort {sort!r}: use one of {', '.join(SORT_KEYS)}, '-' in front for descending")
    base = _filtered(filters)
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    column = SORT_COLUMNS[key]
    # NULLS LAST rather than an `IS NULL` key: the indexes on the sort columns then serve the ORDER BY ... LIMIT
    order = [(column.desc() if descending else column.asc()).nulls_last(), _e.c.id.desc() if descending else _e.c.id.asc()]
    details = conn.execute(base.order_by(*order).limit(limit).offset(offset)).scalars().all()
    return [MergedEvent.model_validate_json(d) for d in details], total


def event_tolls(conn: Connection, filters: EventFilters) -> list[tuple[str | None, dict[str, int]]]:
    """Per first day, the sum of the filtered events' best figures: what the chart sums into weeks or months,
    whatever page the table shows. Summed in SQL (one row a day, not one an event; `ix_event_tolls` covers it)."""
    sums = [func.sum(_e.c.killed_best).label("killed"), func.sum(_e.c.injured_best).label("injured"),
            func.sum(_e.c.arrested_best).label("arrested")]
    query = _filtered(filters).with_only_columns(_e.c.date_start, *sums).group_by(_e.c.date_start)
    return [
        (row.date_start, {k: int(v) for k, v in (("killed", row.killed), ("injured", row.injured),
                                                 ("arrested", row.arrested)) if v is not None})
        for row in conn.execute(query)
    ]


def article_page(conn: Connection, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the stored articles, newest first, and how many there are."""
    a = tables.article
    total = conn.execute(select(func.count()).select_from(a)).scalar_one()
    rows = conn.execute(select(*(a.c[name] for name in ARTICLE_COLUMNS)).order_by(a.c.id.desc()).limit(limit).offset(offset))
    return [dict(r._mapping) for r in rows], total


def event_points(conn: Connection, filters: EventFilters, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The filtered events that have coordinates, the deadliest first (at most `limit`), with the best place
    precision of their reports, and how many have coordinates in all: what the map draws."""
    i = tables.incident
    precision = select(func.min(i.c.precision)).where(i.c.event_id == _e.c.id).scalar_subquery()
    located = _filtered(filters).where(_e.c.latitude.is_not(None), _e.c.longitude.is_not(None))
    total = conn.execute(select(func.count()).select_from(located.subquery())).scalar_one()
    query = located.with_only_columns(
        _e.c.id, _e.c.place, _e.c.latitude, _e.c.longitude, precision.label("precision"), _e.c.killed_best,
        _e.c.injured_best, _e.c.date,
    ).order_by(_e.c.killed_best.desc().nulls_last(), _e.c.id.desc()).limit(limit)
    return [dict(row._mapping) for row in conn.execute(query)], total
