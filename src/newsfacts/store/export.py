"""Merged events as rows: native columns, or ACLED-like and UCDP-GED-like column sets; csv, jsonl, parquet."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ..csvsafe import safe_row
from ..errors import StoreError, require_extra
from .records import MergedEvent

FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
COLUMN_SETS: tuple[str, ...] = ("native", "acled", "ucdp")

ACLED_COLUMNS = ("event_date", "event_type", "actor1", "location", "latitude", "longitude", "fatalities", "source", "notes")
UCDP_COLUMNS = ("id", "date_start", "date_end", "best", "low", "high", "where_coordinates", "latitude", "longitude", "where_prec", "source_article")
NATIVE_COLUMNS = (
    "id", "type", "status", "date", "place", "latitude", "longitude",
    "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "arrested_low", "arrested_best", "arrested_high", "sources", "outlets", "disagreement", "urls",
)
# ACLED's event types, nearest to ours (ACLED codebook 2023, "event_type").
ACLED_EVENT_TYPES: dict[str, str] = {
    "shooting": "Violence against civilians", "stabbing": "Violence against civilians",
    "attack_on_civilians": "Violence against civilians", "bombing": "Explosions/Remote violence",
    "armed_clash": "Battles", "protest": "Protests", "riot": "Riots", "arrest_operation": "Strategic developments",
}


def _figure(event: MergedEvent, category: str, bound: str) -> int | None:
    figure_range = event.figures.get(category)
    return getattr(figure_range, bound) if figure_range else None


def _independent(event: MergedEvent) -> list:
    return [s for s in event.sources if s.copy_of is None]


def _date_bounds(event: MergedEvent) -> tuple[str | None, str | None]:
    if event.date and "/" in event.date:
        start, end = event.date.split("/", 1)
        return start, end
    return event.date, event.date


def native_row(event: MergedEvent) -> dict:
    row: dict = {
        "id": event.id, "type": event.type, "status": event.status, "date": event.date,
        "place": event.place.name if event.place else None,
        "latitude": event.place.latitude if event.place else None,
        "longitude": event.place.longitude if event.place else None,
    }
    for category in ("killed", "injured", "arrested"):
        for bound in ("low", "best", "high"):
            row[f"{category}_{bound}"] = _figure(event, category, bound)
    independent = _independent(event)
    row["sources"] = len({s.article_id for s in independent})
    row["outlets"] = "; ".join(sorted({s.outlet for s in independent if s.outlet}))
    row["disagreement"] = any(c.kind == "source_disagreement" for c in event.checks)
    row["urls"] = " ".join(s.url for s in independent if s.url)
    return row


def acled_row(event: MergedEvent) -> dict:
    notes = [f"{c}: low {r.low}, best {r.best}, high {r.high}" for c, r in sorted(event.figures.items())]
    notes += [c.detail for c in event.checks]
    return {
        "event_date": _date_bounds(event)[0],
        "event_type": ACLED_EVENT_TYPES.get(event.type, "Other"),
        "actor1": event.actors.perpetrator,
        "location": event.place.name if event.place else None,
        "latitude": event.place.latitude if event.place else None,
        "longitude": event.place.longitude if event.place else None,
        "fatalities": _figure(event, "killed", "best") or 0,
        "source": "; ".join(sorted({s.outlet for s in _independent(event) if s.outlet})),
        "notes": " | ".join(notes),
    }


def ucdp_row(event: MergedEvent) -> dict:
    start, end = _date_bounds(event)
    place = event.place
    return {
        "id": event.id, "date_start": start, "date_end": end,
        "best": _figure(event, "killed", "best") or 0,
        "low": _figure(event, "killed", "low") or 0,
        "high": _figure(event, "killed", "high") or 0,
        "where_coordinates": place.name if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "where_prec": place.precision if place else None,
        "source_article": "; ".join(f"{s.outlet or ''} {s.published or ''} {s.url or ''}".strip() for s in _independent(event)),
    }


ROW_MAKERS: dict[str, tuple[tuple[str, ...], Callable[[MergedEvent], dict]]] = {
    "native": (NATIVE_COLUMNS, native_row),
    "acled": (ACLED_COLUMNS, acled_row),
    "ucdp": (UCDP_COLUMNS, ucdp_row),
}


def event_rows(events: list[MergedEvent], columns: str = "native") -> tuple[tuple[str, ...], list[dict]]:
    if columns not in ROW_MAKERS:
        raise StoreError(f"unknown column set {columns!r}: use one of {', '.join(COLUMN_SETS)}")
    names, make = ROW_MAKERS[columns]
    return names, [make(e) for e in events]


def export_events(events: list[MergedEvent], fmt: str, columns: str = "native", out: str | Path | IO[str] | None = None) -> int:
    """Write the events to `out` (a path, a text stream, or stdout when None); returns the number of rows."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    names, rows = event_rows(events, columns)
    if fmt == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise StoreError("parquet is binary: give a file with --out, e.g. --out events.parquet")
        require_extra("pyarrow", "batch")
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows, schema=None) if rows else pa.table({n: [] for n in names}), str(out))
        return len(rows)
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.DictWriter(buffer, fieldnames=list(names), lineterminator="\n")
        writer.writeheader()
        writer.writerows(safe_row(row) for row in rows)  # no formula injection (csvsafe.py)
    else:
        for row in rows:
            buffer.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out is None:
        sys.stdout.write(buffer.getvalue())
    elif isinstance(out, (str, Path)):
        Path(out).write_text(buffer.getvalue(), encoding="utf-8")
    else:
        out.write(buffer.getvalue())
    return len(rows)
