"""The event merge rule, as pure functions (the store only loads reports and saves what these return).

Which incidents are one event: the non-background incidents of different articles with

1. compatible types (the same, or in one family: an attack reported as a shooting by one outlet and as a
   bombing by another is one attack; `other` fits any type);
2. overlapping dates, one day of slack (a late-night incident is dated the next day by some outlets); an
   incident with no date is taken as the three days before its article was published;
3. the same or a containing place ("Kelvaro" contains "Lantern Square, Kelvaro"), so that two incidents in one
   city on one day at different streets stay two events; a missing place fits any place.

An incident joins the best-matching event it fits (more shared place parts, then same exact type, then the
older event); else it starts a new event.

Figures (UCDP GED's low/best/high), per category:

1. figures reported on different days are a time series: only the latest report day on which the category
   was reported counts; earlier days are kept as the series;
2. syndicated copies count once (they contribute no figures of their own);
3. best = the figure of the most official, most specific source named that day (a ministry over the police
   over "officials"); with no official source, the median of that day's figures (of an even count, the lower
   middle one, so that `best` is always a figure some source gave); low and high = the lowest and highest;
4. when that day's sources disagree, a `source_disagreement` check says who said what.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import Actors, Check, DatePrecision, EventPlace
from .records import FigureRange, SeriesPoint, SourceFigure

# Calibrated on the dev set and the multisource clusters: outlets date a late-night incident a day apart.
DATE_SLACK_DAYS = 1
# An incident without a date: news reports an incident within a few days of it.
UNDATED_WINDOW_DAYS = 3
# Two places whose names fit but whose gazetteer coordinates are further apart than this are two places
# (Springfield, Illinois and Springfield, Missouri); 50 km covers a city and its suburbs.
SAME_PLACE_MAX_KM = 50.0

TYPE_FAMILIES: dict[str, str] = {
    "shooting": "violence",
    "stabbing": "violence",
    "bombing": "violence",
    "armed_clash": "violence",
    "attack_on_civilians": "violence",
    "protest": "unrest",
    "riot": "unrest",
    "arrest_operation": "unrest",
    "crash": "accident",
    "fire": "hazard",
    "collapse": "hazard",
    "disaster": "hazard",
}
# Words that name the kind of place rather than the place ("Ostrimar province" is "Ostrimar").
_PLACE_NOISE = re.compile(
    r"\b(?:the|of|province|district|region|county|state|city|town|village|area|municipality|"
    r"governorate|oblast|prefecture|neighbou?rhood|suburbs?|near|outside|in)\b"
)


@dataclass(frozen=True)
class Report:
    """One non-background incident of one stored article, as the merge sees it."""

    incident_id: int
    article_id: int
    type: str
    status: str
    date: str | None
    published: str | None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int | None = None
    copy_of: int | None = None
    outlet: str | None = None
    perpetrator: str | None = None
    figures: tuple[SourceFigure, ...] = field(default=())


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def date_interval(value: str | None, published: str | None = None) -> tuple[date, date] | None:
    """The days an incident date can mean: a day, a START/END range, a month, a year; an undated incident
    is the UNDATED_WINDOW_DAYS before publication. None when neither is known or the date is off the
    calendar (year 0, year 10000): such an incident merges with nothing rather than failing the article."""
    try:
        return _date_interval(value, published)
    except (ValueError, OverflowError):
        return None


def _date_interval(value: str | None, published: str | None) -> tuple[date, date] | None:
    if value:
        if "/" in value:
            start, end = (parse_day(part) for part in value.split("/", 1))
            if start and end:
                return (start, end) if start <= end else (end, start)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = parse_day(value)
            if day:
                return day, day
        if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(match[1]), int(match[2])
            if 1 <= month <= 12:
                first = date(year, month, 1)
                following = date(year + month // 12, month % 12 + 1, 1)
                return first, following - timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
    day = parse_day(published)
    return (day - timedelta(days=UNDATED_WINDOW_DAYS), day) if day else None


def dates_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    if a is None or b is None:
        return False
    slack = timedelta(days=DATE_SLACK_DAYS)
    try:
        return a[0] - slack <= b[1] and b[0] - slack <= a[1]
    except OverflowError:  # the first days of year 1: no slack to take
        return a[0] <= b[1] and b[0] <= a[1]


def types_compatible(a: str, b: str) -> bool:
    if a == b or "other" in (a, b):
        return True
    family = TYPE_FAMILIES.get(a)
    return family is not None and family == TYPE_FAMILIES.get(b)


def place_parts(name: str | None) -> tuple[frozenset[str], ...]:
    """A place name as its comma-separated parts, each a set of words without kind-of-place words."""
    if not name:
        return ()
    parts = []
    for piece in re.split(r"[,;/]", name.lower()):
        words = frozenset(re.findall(r"[\w'-]+", _PLACE_NOISE.sub(" ", piece)))
        if words:
            parts.append(words)
    return tuple(parts)


def _same_part(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def place_overlap(a: str | None, b: str | None) -> int | None:
    """How many place parts two names share when they can name one place; None when they are two places.

    Names are read most specific first ("Tanner Row, Eastgate, Hollesby"). They are aligned on their most
    specific shared part; above it, a part only one name gives is a detail the other leaves out ("Lantern
    Square, Kelvaro" and "Kelvaro, Ostrimar province" fit), but a part both give that differs makes them two
    places ("Tanner Row, Eastgate, Hollesby" and "Mercer Street, Saltmarsh, Hollesby"). A missing name fits
    any place (0).
    """
    pa, pb = place_parts(a), place_parts(b)
    if not pa or not pb:
        return 0
    anchor = next(((i, j) for i, x in enumerate(pa) for j, y in enumerate(pb) if _same_part(x, y)), None)
    if anchor is None:
        return None
    i, j = anchor
    if i > 0 and j > 0:
        return None  # both name something more specific than the shared part, and it is not the same
    shared = 1
    for x, y in zip(pa[i + 1 :], pb[j + 1 :], strict=False):
        if not _same_part(x, y) and not any(_same_part(x, z) for z in pb[j + 1 :]):
            return None  # "Springfield, Illinois" and "Springfield, Missouri"
        shared += 1
    return shared


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _coordinates(report: Report) -> tuple[float, float] | None:
    if report.latitude is None or report.longitude is None:
        return None
    return report.latitude, report.longitude


def pair_score(a: Report, b: Report) -> int | None:
    """How well two reports fit as one event (higher is better), or None when they cannot be one event."""
    if not types_compatible(a.type, b.type):
        return None
    shared = place_overlap(a.place, b.place)
    if shared is None:
        return None
    ca, cb = _coordinates(a), _coordinates(b)
    if ca and cb and distance_km(ca, cb) > SAME_PLACE_MAX_KM:
        return None
    if not dates_overlap(date_interval(a.date, a.published), date_interval(b.date, b.published)):
        return None
    return 2 * shared + (1 if a.type == b.type else 0)


def event_score(report: Report, members: list[Report]) -> int | None:
    """A report fits an event when it fits every member on type and place and overlaps one in date."""
    scores = []
    for member in members:
        if member.article_id == report.article_id:
            return None  # two incidents of one article are two events: the article told them apart
        if not types_compatible(report.type, member.type) or place_overlap(report.place, member.place) is None:
            return None
        scores.append(pair_score(report, member))
    fitting = [s for s in scores if s is not None]
    return max(fitting) if fitting else None


def choose_event(report: Report, events: dict[int, list[Report]]) -> int | None:
    """The id of the event the report joins (best score, then the older event), or None for a new event."""
    best: tuple[int, int] | None = None
    for event_id in sorted(events):
        score = event_score(report, events[event_id])
        if score is not None and (best is None or score > best[0]):
            best = (score, event_id)
    return best[1] if best else None


def _report_day(report: Report) -> str | None:
    return report.published[:10] if report.published else report.date


def day_figures(reports: list[Report]) -> dict[str, dict[str | None, list[SourceFigure]]]:
    """Each category's figures grouped by report day, from independent articles only."""
    grouped: dict[str, dict[str | None, list[SourceFigure]]] = {}
    for report in reports:
        if report.copy_of is not None:
            continue
        for figure in report.figures:
            grouped.setdefault(figure.category, {}).setdefault(_report_day(report), []).append(figure)
    return grouped


def figure_range(figures: list[SourceFigure], day: str | None) -> FigureRange:
    """low/best/high of one day's figures (rule 3 in the module docstring)."""
    values = [f.value for f in figures]
    top = max(f.official for f in figures)
    if top > 0:
        officials = [f for f in figures if f.official == top]
        best = statistics.median_low(sorted(f.value for f in officials))
        chosen = next(f for f in officials if f.value == best)
        best_from = f"official: {chosen.source}" + (f" ({chosen.outlet})" if chosen.outlet else "")
    else:
        best = statistics.median_low(sorted(values))
        best_from = "median"
    return FigureRange(low=min(values), best=best, high=max(values), day=day, best_from=best_from,
                       reviewed=all(f.reviewed for f in figures))


def _by_day_key(day: str | None) -> str:
    return day or ""


def merge_figures(reports: list[Report]) -> tuple[dict[str, FigureRange], list[SeriesPoint], list[Check]]:
    """The event's low/best/high per category, its time series, and a disagreement check per category."""
    figures: dict[str, FigureRange] = {}
    series: list[SeriesPoint] = []
    checks: list[Check] = []
    for category, by_day in sorted(day_figures(reports).items()):
        days = sorted(by_day, key=_by_day_key)
        for day in days:
            day_range = figure_range(by_day[day], day)
            outlets = sorted({f.outlet for f in by_day[day] if f.outlet})
            series.append(
                SeriesPoint(day=day, category=category, low=day_range.low, best=day_range.best, high=day_range.high, outlets=outlets)
            )
        latest = days[-1]
        figures[category] = figure_range(by_day[latest], latest)
        if len({f.value for f in by_day[latest]}) > 1:
            checks.append(disagreement_check(category, by_day[latest]))
    series.sort(key=lambda point: (_by_day_key(point.day), point.category))
    return figures, series, checks


def disagreement_check(category: str, figures: list[SourceFigure]) -> Check:
    """Who said what: 'killed: Ostrimar Courier (a police officer) 12; Voice of the Plains (the ministry) 15'."""
    said = []
    for figure in sorted(figures, key=lambda f: (f.value, f.outlet or "")):
        who = figure.outlet or f"article {figure.article_id}"
        if figure.source:
            who += f" ({figure.source})"
        said.append(f"{who} {figure.value}")
    values = sorted({f.value for f in figures})
    return Check(
        kind="source_disagreement",
        severity="warning",
        detail=f"{category}: sources give {values[0]} to {values[-1]}: " + "; ".join(said),
    )


def merged_type(reports: list[Report]) -> str:
    """The most reported specific type (`other` only when no report says more)."""
    counts = Counter(r.type for r in reports if r.type != "other")
    return counts.most_common(1)[0][0] if counts else "other"


def merged_actors(reports: list[Report]) -> Actors:
    """The perpetrator most reports name, if any."""
    named = Counter(r.perpetrator for r in reports if r.perpetrator)
    return Actors(perpetrator=named.most_common(1)[0][0]) if named else Actors()


def merged_status(reports: list[Report]) -> str:
    if any(r.status == "current" for r in reports):
        return "current"
    return "background" if reports and all(r.status == "background" for r in reports) else "historical"


def merged_date(reports: list[Report]) -> tuple[str | None, DatePrecision]:
    """The most reported day-precise date; else the most reported date; with its precision."""
    days = Counter(r.date for r in reports if r.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.date))
    if days:
        return days.most_common(1)[0][0], "day"
    other = Counter(r.date for r in reports if r.date)
    if other:
        value = other.most_common(1)[0][0]
        precision: DatePrecision = (
            "range" if "/" in value else "month" if len(value) == 7 else "year" if len(value) == 4 else "unknown")
        return value, precision
    return None, "unknown"


def merged_place(reports: list[Report]) -> EventPlace | None:
    """The most specific place named (most parts), with coordinates from a report that has them."""
    named = [r for r in reports if r.place]
    if not named:
        return None
    chosen = max(named, key=lambda r: (len(place_parts(r.place)), r.precision is not None))
    located = chosen if chosen.latitude is not None else next((r for r in named if r.latitude is not None), None)
    return EventPlace(
        name=chosen.place or "",
        latitude=located.latitude if located else None,
        longitude=located.longitude if located else None,
        precision=located.precision if located else None,
    )
