"""Merged events as rows: native columns, ACLED's or UCDP GED's column sets; csv, jsonl, parquet.

The column lists (names, order, types) are in `columns.py`. Every cell is either what the store knows or
empty: a column a dataset's coders fill by their own judgement (ACLED's actor type codes, UCDP's conflict
and dyad ids) stays empty rather than guessed. The rules, column by column, are in docs/store.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO

from ..csvsafe import safe_row
from ..errors import StoreError, require_extra
from . import columns as cols
from .geography import acled_region, locate, priogrid_gid, ucdp_region
from .records import EventSource, MergedEvent

FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
COLUMN_SETS: tuple[str, ...] = tuple(cols.COLUMN_SETS)

# Our event types in ACLED's terms: (disorder_type, event_type, sub_event_type), from ACLED's codebook.
# A sub-event type the article does not settle (a bombing: air strike, IED or suicide bomb?) stays empty.
ACLED_TYPES: dict[str, tuple[str, str, str | None]] = {
    "shooting": ("Political violence", "Violence against civilians", "Attack"),
    "stabbing": ("Political violence", "Violence against civilians", "Attack"),
    "attack_on_civilians": ("Political violence", "Violence against civilians", "Attack"),
    "bombing": ("Political violence", "Explosions/Remote violence", None),
    "armed_clash": ("Political violence", "Battles", "Armed clash"),
    "protest": ("Demonstrations", "Protests", None),
    "riot": ("Demonstrations", "Riots", None),
    "arrest_operation": ("Strategic developments", "Strategic developments", "Arrests"),
}
# Accidents and disasters are not political violence or demonstrations: neither ACLED nor UCDP records them.
NOT_CONFLICT_TYPES = frozenset({"crash", "fire", "collapse", "disaster"})
# UCDP GED's date_prec by the length of a date range in days (codebook: 1 a day, 2 two to six days,
# 3 a week, 4 eight to thirty days or a month, 5 longer, or only the year).
_UCDP_RANGE_PREC = ((1, 1), (6, 2), (7, 3), (30, 4))
# ACLED's geo_precision from our UCDP-style where_prec: 1 the town, 2 near it or a part of a region,
# 3 only a larger region (admin unit, part of a country, the country) is known.
_ACLED_GEO_PRECISION = {1: 1, 2: 2, 3: 3, 4: 3, 5: 3, 6: 3}

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand "
    "thousands several many some".split())
# Participles that begin actor names ("armed men", "unidentified gunmen") rather than verb phrases.
_NAME_PARTICIPLES = frozenset("armed unidentified masked suspected unknown alleged hooded uniformed".split())


def actor_name(text: str | None) -> str | None:
    """The actor as a name, or None when the words are not one: a count ("two suspects") or a verb phrase
    ("arrested two suspects") is what happened, not who did it."""
    if not text:
        return None
    words = re.findall(r"[\w'’-]+", text)
    if not words or any(w.isdigit() or w.lower() in _NUMBER_WORDS for w in words):
        return None
    first = words[0]
    # a lowercase participle opens a verb phrase ("opened fire on", "killing"); a capitalised word is a name's
    # ("United Nations", "Red Crescent")
    if first.islower() and first.endswith(("ed", "ing")) and first not in _NAME_PARTICIPLES:
        return None
    return " ".join(text.split())


def _figure(event: MergedEvent, category: str, bound: str) -> int | None:
    figure_range = event.figures.get(category)
    return getattr(figure_range, bound) if figure_range else None


def _independent(event: MergedEvent) -> list[EventSource]:
    return [s for s in event.sources if s.copy_of is None]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def date_bounds(event: MergedEvent) -> tuple[date | None, date | None]:
    """First and last day of the event's date: a day, a START/END range, a month (YYYY-MM) or a year."""
    value = event.date or ""
    if "/" in value:
        start, end = value.split("/", 1)
        return _day(start), _day(end)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        first = _day(value + "-01")
        if first is None:
            return None, None
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, date.fromordinal(following.toordinal() - 1)
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), date(int(value), 12, 31)
    day = _day(value)
    return day, day


def _span_days(event: MergedEvent) -> int | None:
    start, end = date_bounds(event)
    return (end - start).days + 1 if start and end and end >= start else None


def ucdp_date_prec(event: MergedEvent) -> int | None:
    days = _span_days(event)
    if days is None:
        return None
    if len(event.date or "") == 4:
        return 5
    if len(event.date or "") == 7:
        return 4  # a month named, whatever its length
    return next((prec for limit, prec in _UCDP_RANGE_PREC if days <= limit), 5)


def acled_date(event: MergedEvent) -> tuple[date | None, int | None]:
    """ACLED's event_date and time_precision: the day (1); the middle day of a range of up to a week (2);
    the middle day of a longer range or a month (3). A year alone is too vague for ACLED: both empty."""
    days = _span_days(event)
    start, _ = date_bounds(event)
    if days is None or start is None or len(event.date or "") == 4:
        return None, None
    middle = date.fromordinal(start.toordinal() + (days - 1) // 2)
    return middle, 1 if days == 1 else 2 if days <= 7 else 3


def _outlets(event: MergedEvent) -> list[str]:
    return sorted({s.outlet for s in _independent(event) if s.outlet})


def _notes(event: MergedEvent) -> str:
    """A short description in ACLED's manner: what, where, when, the figures and who gave them, the checks."""
    place = event.place.name if event.place else "an unnamed place"
    parts = [f"{event.type.replace('_', ' ').capitalize()} in {place}" + (f" on {event.date}." if event.date else ".")]
    for category, r in sorted(event.figures.items()):
        parts.append(f"{category}: low {r.low}, best {r.best} ({r.best_from}), high {r.high}.")
    parts += [c.detail for c in event.checks]
    if event.reviewed:
        parts.append("Reviewed by a coder.")
    return " ".join(parts)


def _timestamp(updated_at: str | None) -> int | None:
    if not updated_at:
        return None
    try:
        return int(datetime.fromisoformat(updated_at).timestamp())
    except ValueError:
        return None


def native_row(event: MergedEvent, updated_at: str | None = None) -> dict:
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
    row["outlets"] = "; ".join(_outlets(event))
    row["disagreement"] = any(c.kind == "source_disagreement" for c in event.checks)
    row["urls"] = " ".join(s.url for s in independent if s.url)
    row["reviewed"] = event.reviewed
    for category in ("killed", "injured", "arrested"):
        figure_range = event.figures.get(category)
        row[f"{category}_reviewed"] = figure_range.reviewed if figure_range else None
    return row


def acled_row(event: MergedEvent, updated_at: str | None = None) -> dict:
    place, location = event.place, locate(event.place)
    country = location.country if location else None
    disorder, event_type, sub_event = ACLED_TYPES.get(event.type, (None, None, None))
    day, time_precision = acled_date(event)
    return {
        # Stable: the store's event id, after ACLED's country-acronym prefix when the country is known.
        "event_id_cnty": f"{country.iso3 if country else 'NF'}{event.id}",
        "event_date": day, "year": day.year if day else None, "time_precision": time_precision,
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_event,
        "actor1": actor_name(event.actors.perpetrator), "assoc_actor_1": None, "inter1": None,
        "actor2": actor_name(event.actors.target), "assoc_actor_2": None, "inter2": None, "interaction": None,
        "civilian_targeting": "Civilian targeting" if event_type == "Violence against civilians" else None,
        "iso": country.isonumeric if country else None,
        "region": acled_region(country) if country else None,
        "country": country.name if country else None,
        "admin1": location.admin1 if location else None, "admin2": None, "admin3": None,
        "location": place.name if place else None,
        "latitude": place.latitude if place else None, "longitude": place.longitude if place else None,
        "geo_precision": _ACLED_GEO_PRECISION.get(place.precision) if place and place.precision else None,
        "source": "; ".join(_outlets(event)) or None, "source_scale": None,
        "notes": _notes(event),
        # ACLED's rule: when reports differ, the most conservative figure.
        "fatalities": _figure(event, "killed", "low"),
        "tags": None, "timestamp": _timestamp(updated_at),
    }


def _joined(values: Sequence[str | None]) -> str | None:
    kept = [v for v in values if v]
    return ";".join(kept) if kept else None


def ucdp_row(event: MergedEvent, updated_at: str | None = None) -> dict:
    start, end = date_bounds(event)
    place, location = event.place, locate(event.place)
    independent = _independent(event)
    located = place is not None and place.latitude is not None and place.longitude is not None
    best = _figure(event, "killed", "best")
    row: dict = dict.fromkeys(cols.names("ucdp"))
    row.update({
        "id": event.id, "year": start.year if start else None,
        "side_a": actor_name(event.actors.perpetrator), "side_b": actor_name(event.actors.target),
        "number_of_sources": len({s.article_id for s in independent}),
        "source_article": _joined([
            f'"{s.outlet or ""},{s.published or ""},{s.title or ""}"' + (f" {s.url}" if s.url else "") for s in independent]),
        "source_office": _joined([s.outlet for s in independent]),
        "source_date": _joined([s.published for s in independent]),
        "source_headline": _joined([s.title for s in independent]),
        "source_original": _joined(sorted({f.source for f in event.source_figures if f.category == "killed" and f.source})),
        "where_prec": place.precision if place else None,
        "where_coordinates": place.name if place else None,
        "adm_1": location.admin1 if location else None,
        "latitude": place.latitude if located and place else None,
        "longitude": place.longitude if located and place else None,
        "geom_wkt": f"POINT ({place.longitude} {place.latitude})" if located and place else None,
        "priogrid_gid": priogrid_gid(place.latitude, place.longitude) if located and place and place.latitude is not None and place.longitude is not None else None,
        "country": location.country.name if location else None,
        "region": ucdp_region(location.country) if location else None,
        # Single clear events have 1; a report that sums up a span of days or a whole month has 2.
        "event_clarity": None if start is None else 1 if start == end else 2,
        "date_prec": ucdp_date_prec(event), "date_start": start, "date_end": end,
        # The store does not know which side the dead belonged to: UCDP's "unknown" keeps best = the sum.
        "deaths_unknown": best,
        "best": best, "high": _figure(event, "killed", "high"), "low": _figure(event, "killed", "low"),
    })
    return row


def included(event: MergedEvent, columns: str) -> bool:
    """Whether the dataset would record the event: ACLED and UCDP leave out accidents and disasters, and
    UCDP GED records only events with at least one death (never a row of zeros)."""
    if columns == "native":
        return True
    if event.type in NOT_CONFLICT_TYPES:
        return False
    if columns == "ucdp":
        return (_figure(event, "killed", "best") or 0) > 0
    return True


ROW_MAKERS: dict[str, Callable[[MergedEvent, str | None], dict]] = {
    "native": native_row, "acled": acled_row, "ucdp": ucdp_row,
}


def event_rows(events: list[MergedEvent], columns: str = "native", updated: dict[int, str] | None = None,
               progress: Callable[[Iterable[MergedEvent]], Iterable[MergedEvent]] | None = None,
               ) -> tuple[tuple[str, ...], list[dict]]:
    """The column names of a set and one row per event the dataset would record, in that order
    (`progress` wraps the events, e.g. in a progress bar)."""
    if columns not in ROW_MAKERS:
        raise StoreError(f"unknown column set {columns!r}: use one of {', '.join(COLUMN_SETS)}")
    names, make = cols.names(columns), ROW_MAKERS[columns]
    updated = updated or {}
    rows = [make(e, updated.get(e.id)) for e in (progress or iter)(events) if included(e, columns)]
    return names, [{name: row[name] for name in names} for row in rows]


def _cell(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def export_events(events: list[MergedEvent], fmt: str, columns: str = "native",
                  out: str | Path | IO[str] | None = None, updated: dict[int, str] | None = None,
                  progress: Callable[[Iterable[MergedEvent]], Iterable[MergedEvent]] | None = None) -> int:
    """Write the events to `out` (a path, a text stream, or stdout when None); returns the number of rows.

    `updated` maps event ids to when the store last changed them (ACLED's `timestamp`)."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    names, rows = event_rows(events, columns, updated, progress)
    if fmt == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise StoreError("parquet is binary: give a file with --out, e.g. --out events.parquet")
        require_extra("pyarrow", "batch")
        import pyarrow as pa
        import pyarrow.parquet as pq

        # One explicit schema per column set: an empty export or one without coordinates has the same types.
        pq.write_table(pa.Table.from_pylist(rows, schema=cols.arrow_schema(columns)), str(out))
        return len(rows)
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.DictWriter(buffer, fieldnames=list(names), lineterminator="\n")
        writer.writeheader()
        writer.writerows(safe_row({k: _cell(v) for k, v in row.items()}) for row in rows)  # no formula injection (csvsafe.py)
    else:
        for row in rows:
            buffer.write(json.dumps({k: _cell(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    if out is None:
        sys.stdout.write(buffer.getvalue())
    elif isinstance(out, (str, Path)):
        Path(out).write_text(buffer.getvalue(), encoding="utf-8")
    else:
        out.write(buffer.getvalue())
    return len(rows)
