"""Chart geometry for server-rendered SVG: pure functions from data to coordinates.

The templates draw the shapes; no script and no vendored chart library, so the pages work under a strict CSP
and without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

# Drawing area in SVG user units; the SVG scales to its container through its viewBox.
WIDTH = 720
HEIGHT = 180
MARGIN_LEFT = 36
MARGIN_BOTTOM = 24
MARGIN_TOP = 24  # room for the value labels drawn above the highest point
# Bucket size by span: up to 62 days, days (≈ 10 units a bar at 720 units wide); up to 72 months, months (the
# same ≈ 10 units); beyond, years. Thinner bars than that stop reading as bars.
DAILY_SPAN_DAYS = 62
MONTHLY_SPAN_MONTHS = 72


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "2025-07" or "2025-07-08"
    count: int


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    baseline: float
    unit: str  # "day", "month" or "year"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int
    label: str  # the date
    note: str  # who reported it


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: tuple[Point, ...]
    path: str  # "x,y x,y ..." for a polyline (a step line: a figure holds until the next report)
    y_ticks: tuple[Tick, ...]
    baseline: float


def first_day(value: str | None) -> dt.date | None:
    """The first day a date string names: "2025-07-08", "2025-07", "2025", or the start of "A/B"."""
    if not value:
        return None
    head = value.split("/")[0].strip()
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return dt.datetime.strptime(head[:size], fmt).date()
        except ValueError:
            continue
    return None


def _buckets(days: list[dt.date]) -> tuple[list[str], str]:
    """Every label from the first to the last day, gaps included, so the x axis is true to time."""
    start, end = min(days), max(days)
    if (end - start).days <= DAILY_SPAN_DAYS:
        return [(start + dt.timedelta(days=n)).isoformat() for n in range((end - start).days + 1)], "day"
    if (end.year - start.year) * 12 + end.month - start.month < MONTHLY_SPAN_MONTHS:
        labels, year, month = [], start.year, start.month
        while (year, month) <= (end.year, end.month):
            labels.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return labels, "month"
    return [f"{year:04d}" for year in range(start.year, end.year + 1)], "year"


def _y_ticks(top: int, scale: float, baseline: float) -> tuple[Tick, ...]:
    steps = sorted({0, top // 2, top}) if top > 1 else [0, top]
    return tuple(Tick(MARGIN_LEFT - 6, baseline - v * scale, str(v)) for v in steps)


def _x_ticks(labels: list[str], slot: float) -> tuple[Tick, ...]:
    # At most about eight labels, evenly spaced, always including the first and last (dropping a label that
    # would crowd the last one).
    every = max(1, round(len(labels) / 8))
    chosen = [i for i in range(0, len(labels), every) if len(labels) - 1 - i >= every / 2 or i == 0]
    if chosen[-1] != len(labels) - 1:
        chosen.append(len(labels) - 1)
    return tuple(Tick(MARGIN_LEFT + (i + 0.5) * slot, HEIGHT - 6, labels[i]) for i in chosen)


def events_over_time(dates: list[str | None]) -> BarChart | None:
    """Bars of how many events fall on each day (month, year for longer spans); None when no date is known."""
    days = [d for d in (first_day(v) for v in dates) if d]
    if not days:
        return None
    labels, unit = _buckets(days)
    size = {"day": 10, "month": 7, "year": 4}[unit]
    counts = Counter(d.isoformat()[:size] for d in days)
    top = max(counts.values())
    baseline = HEIGHT - MARGIN_BOTTOM
    scale = (baseline - MARGIN_TOP) / top
    slot = (WIDTH - MARGIN_LEFT) / len(labels)
    bars = tuple(
        Bar(
            x=MARGIN_LEFT + i * slot + slot * 0.1,
            y=baseline - counts[label] * scale,
            width=slot * 0.8,
            height=counts[label] * scale,
            label=label,
            count=counts[label],
        )
        for i, label in enumerate(labels)
        if counts[label]
    )
    return BarChart(WIDTH, HEIGHT, bars, _x_ticks(labels, slot), _y_ticks(top, scale, baseline), baseline, unit)


def figure_timeline(reports: list[tuple[str | None, int, str]]) -> LineChart | None:
    """A step line of a reported figure over time from (date, value, who) reports; None under two dated reports."""
    dated = sorted(
        ((day, value, who) for day, value, who in ((first_day(d), v, w) for d, v, w in reports) if day),
        key=lambda r: r[0],
    )
    if len(dated) < 2:
        return None
    start, end = dated[0][0], dated[-1][0]
    span = max((end - start).days, 1)
    top = max(max(v for _, v, _ in dated), 1)
    baseline = HEIGHT - MARGIN_BOTTOM
    scale = (baseline - MARGIN_TOP) / top
    usable = WIDTH - MARGIN_LEFT - 24
    points = tuple(
        Point(
            x=MARGIN_LEFT + 12 + (day - start).days / span * usable,
            y=baseline - value * scale,
            value=value,
            label=day.isoformat(),
            note=who,
        )
        for day, value, who in dated
    )
    steps = [f"{points[0].x:.1f},{points[0].y:.1f}"]
    for before, after in zip(points, points[1:], strict=False):
        steps.append(f"{after.x:.1f},{before.y:.1f}")
        steps.append(f"{after.x:.1f},{after.y:.1f}")
    return LineChart(WIDTH, HEIGHT, points, " ".join(steps), _y_ticks(top, scale, baseline), baseline)


# The toll chart: killed, injured and arrested (best figures) per week, month or year. Up to 26 weeks, weeks (3 bars
# in ≈ 27 units each); up to 72 months, months; beyond, years.
WEEKLY_SPAN_WEEKS = 26
TOLL_CATEGORIES = ("killed", "injured", "arrested")


@dataclass(frozen=True)
class TollBar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the bucket: "2025-07-07" (the week's Monday), "2025-07", "2025"
    category: str
    value: int


@dataclass(frozen=True)
class TollChart:
    width: int
    height: int
    bars: tuple[TollBar, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    baseline: float
    unit: str  # "week", "month" or "year"
    totals: dict[str, int]  # per category over the whole chart (the legend)


def _toll_buckets(days: list[dt.date]) -> tuple[list[str], str, int]:
    """Labels from the first to the last bucket (gaps included), the unit, and how many characters of an ISO
    date name a bucket (weeks are named by their Monday, so 10)."""
    start, end = min(days), max(days)
    monday = start - dt.timedelta(days=start.weekday())
    if (end - monday).days < WEEKLY_SPAN_WEEKS * 7:
        weeks = (end - monday).days // 7 + 1
        return [(monday + dt.timedelta(weeks=n)).isoformat() for n in range(weeks)], "week", 10
    labels, unit = _buckets(days)
    if unit == "day":  # cannot happen past 26 weeks; kept total for safety
        unit = "month"
    return (labels, unit, 7) if unit == "month" else (labels, unit, 4)


def _bucket_of(day: dt.date, unit: str, size: int) -> str:
    if unit == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return day.isoformat()[:size]


def toll_over_time(events: list[tuple[str | None, dict[str, int]]]) -> TollChart | None:
    """Grouped bars of the killed, injured and arrested (each event's best figure, on its first day) per week,
    month or year; None when no event has both a date and a figure."""
    dated = [(d, figures) for d, figures in ((first_day(v), f) for v, f in events)
             if d and any(figures.get(c) for c in TOLL_CATEGORIES)]
    if not dated:
        return None
    labels, unit, size = _toll_buckets([d for d, _ in dated])
    sums: dict[tuple[str, str], int] = Counter()
    for day, figures in dated:
        for category in TOLL_CATEGORIES:
            sums[(_bucket_of(day, unit, size), category)] += figures.get(category) or 0
    top = max(sums.values()) or 1
    baseline = HEIGHT - MARGIN_BOTTOM
    scale = (baseline - MARGIN_TOP) / top
    slot = (WIDTH - MARGIN_LEFT) / len(labels)
    bar_width = slot * 0.8 / len(TOLL_CATEGORIES)
    bars = tuple(
        TollBar(x=MARGIN_LEFT + i * slot + slot * 0.1 + k * bar_width, y=baseline - sums[(label, c)] * scale,
                width=bar_width, height=sums[(label, c)] * scale, label=label, category=c, value=sums[(label, c)])
        for i, label in enumerate(labels)
        for k, c in enumerate(TOLL_CATEGORIES)
        if sums[(label, c)]
    )
    totals = {c: sum(v for (_, cat), v in sums.items() if cat == c) for c in TOLL_CATEGORIES}
    return TollChart(WIDTH, HEIGHT, bars, _x_ticks(labels, slot), _y_ticks(top, scale, baseline), baseline, unit, totals)
