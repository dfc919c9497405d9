"""A store double with the real store's record types, for page and API tests (the real store has its own
tests; these check what the web app does with its answers)."""

from __future__ import annotations

import json

try:  # tests/ may or may not be a package; the root conftest is importable either way
    from tests.conftest import SEED_GOLD
except ImportError:
    from conftest import SEED_GOLD

from newsfacts.errors import StoreError
from newsfacts.model import Article, EventPlace, Span
from newsfacts.store import EventFilters
from newsfacts.store.records import (
    AddResult,
    EventSource,
    FigureRange,
    MergedEvent,
    SearchHit,
    SeriesPoint,
    SourceFigure,
)


def figure(low: int, best: int | None = None, high: int | None = None, day: str | None = None) -> FigureRange:
    return FigureRange(low=low, best=best if best is not None else low, high=high if high is not None else low,
                       day=day, best_from="median")


def sample_events() -> list[MergedEvent]:
    landslide_sources = [
        EventSource(article_id=2, outlet="Kavrina Herald", published="2025-07-08", title="Landslide buries houses"),
        EventSource(article_id=3, outlet="Northline", published="2025-07-09", title="Tervik toll rises to 19"),
        EventSource(article_id=4, outlet="Daily Lantern", published="2025-07-11", title="Tervik toll 27"),
        EventSource(article_id=5, outlet="Lantern Wire", published="2025-07-11", copy_of=4),
    ]
    landslide_figures = [
        SourceFigure(category="killed", value=8, official=2, total=True, article_id=2, outlet="Kavrina Herald",
                     day="2025-07-08", source="disaster officials",
                     evidence=Span(text="eight people were killed", start=0, end=24)),
        SourceFigure(category="killed", value=19, official=2, total=True, article_id=3, outlet="Northline",
                     day="2025-07-09", evidence=Span(text="rose to 19", start=10, end=20)),
        SourceFigure(category="killed", value=27, official=1, total=True, article_id=4, outlet="Daily Lantern",
                     day="2025-07-11", evidence=Span(text="27 <b>dead</b>", start=0, end=14)),
        SourceFigure(category="injured", value=24, official=1, total=True, article_id=4, outlet="Daily Lantern",
                     day="2025-07-11"),
    ]
    series = [
        SeriesPoint(day="2025-07-08", category="killed", low=8, best=8, high=8, outlets=["Kavrina Herald"]),
        SeriesPoint(day="2025-07-09", category="killed", low=19, best=19, high=19, outlets=["Northline"]),
        SeriesPoint(day="2025-07-11", category="killed", low=27, best=27, high=27, outlets=["Daily Lantern"]),
    ]
    return [
        MergedEvent(id=1, type="attack_on_civilians", status="historical", date="1990-01-19/1990-01-26",
                    place=EventPlace(name="Baku", latitude=40.4, longitude=49.9, precision=1),
                    figures={"killed": figure(131, 147, 147), "injured": figure(744), "arrested": figure(841)},
                    sources=[EventSource(article_id=1, outlet="News.Az", published="2025-01-20")]),
        MergedEvent(id=2, type="disaster", status="current", date="2025-07-08",
                    place=EventPlace(name="Tervik"), figures={"killed": figure(27, day="2025-07-11"),
                                                              "injured": figure(24, day="2025-07-11")},
                    sources=landslide_sources, source_figures=landslide_figures, series=series),
        MergedEvent(id=3, type="disaster", status="current", date="2025-07-15", place=EventPlace(name="Coldharrow"),
                    figures={"killed": figure(4), "injured": figure(6)},
                    sources=[EventSource(article_id=6, outlet="Northline", published="2025-07-16")]),
        MergedEvent(id=4, type="shooting", status="current", date="2025-03-14", place=EventPlace(name="Ostrimar"),
                    figures={"killed": figure(3, 4, 5), "arrested": figure(2)},
                    sources=[EventSource(article_id=7, outlet="Meridian Ledger", published="2025-03-14"),
                             EventSource(article_id=8, outlet="Voice of the Plains", published="2025-03-14")]),
        MergedEvent(id=5, type="protest", status="current", date=None, place=None,
                    figures={"arrested": figure(12)},
                    sources=[EventSource(article_id=9, outlet="Harbour Chronicle")]),
    ]


class MemoryStore:
    """Enough of the store's API for the web app: add_article, articles, article, events, event, search."""

    def __init__(self) -> None:
        self.saved: dict[int, Article] = {}
        self.merged: list[MergedEvent] = []
        self.origins: dict[int, str] = {}

    @classmethod
    def with_samples(cls) -> MemoryStore:
        from .conftest import article_from_gold

        store = cls()
        store.add_article(article_from_gold(json.loads(SEED_GOLD.read_text(encoding="utf-8"))), origin="seed")
        store.merged = sample_events()
        return store

    def add_article(self, article: Article, origin: str) -> AddResult:
        for known_id, known in self.saved.items():
            if known.text == article.text:
                return AddResult(status="duplicate", article_id=known_id)
        new_id = max(self.saved, default=0) + 1
        self.saved[new_id] = article
        self.origins[new_id] = origin
        return AddResult(status="added", article_id=new_id)

    def articles(self, *, outlet: str | None = None, copies: bool = True, limit: int | None = None,
                 offset: int = 0, newest_first: bool = False) -> list[dict]:
        rows = [{"id": i, "source": a.source, "url": a.url, "published": a.published, "title": a.title,
                 "copy_of": None, "origin": self.origins[i]} for i, a in sorted(self.saved.items())]
        rows = rows[::-1] if newest_first else rows
        return rows[offset : offset + limit] if limit else rows[offset:]

    def article(self, article_id: int) -> Article:
        if article_id not in self.saved:
            raise StoreError(f"no article {article_id} in the store; list them with `newsfacts events`")
        return self.saved[article_id]

    def events(self, filters: EventFilters | None = None) -> list[MergedEvent]:
        """The real store's filter semantics, over the samples (most recent first)."""
        f = filters or EventFilters()
        found = []
        for e in self.merged:
            first, _, last = (e.date or "").partition("/")
            last = last or first
            if f.category and f.category.replace("detained", "arrested") not in e.figures:
                continue
            if f.place and f.place.lower() not in (e.place.name.lower() if e.place else ""):
                continue
            if f.date_from and not (e.date and last >= f.date_from):
                continue
            if f.date_to and not (e.date and first <= f.date_to):
                continue
            if f.outlet and not any(f.outlet.lower() in (s.outlet or "").lower() for s in e.sources):
                continue
            found.append(e)
        found = sorted(found, key=lambda e: (e.date or "", e.id), reverse=True)
        return found[: f.limit] if f.limit else found

    def event_page(self, filters: EventFilters | None = None, sort: str = "-date", limit: int = 100,
                   offset: int = 0) -> tuple[list[MergedEvent], int]:
        from newsfacts.web.storeview import sort_events

        found = sort_events(self.events(filters), sort)
        return found[offset : offset + limit], len(found)

    def event_points(self, filters: EventFilters | None = None, limit: int = 2000) -> tuple[list[dict], int]:
        located = [e for e in self.events(filters) if e.place and e.place.latitude is not None]
        rows = [{"id": e.id, "place": e.place.name, "latitude": e.place.latitude, "longitude": e.place.longitude,
                 "precision": e.place.precision, "killed_best": e.figures["killed"].best if "killed" in e.figures else None,
                 "injured_best": None, "date": e.date} for e in located]
        return rows[:limit], len(rows)

    def event_tolls(self, filters: EventFilters | None = None) -> list:
        return [(e.date, {c: f.best for c, f in e.figures.items()}) for e in self.events(filters)]

    def article_page(self, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        rows = list(reversed(self.articles()))
        return rows[offset : offset + limit], len(rows)

    def event_revisions(self, event_id: int) -> list:
        return []

    def revisions(self, *, article_id: int | None = None, event_id: int | None = None) -> list:
        return []

    def reviewed_facts(self, article_id: int) -> list:
        """The machine's facts, none reviewed (review itself is tested on the real store)."""
        from newsfacts.store.review import apply_revisions

        return apply_revisions(self.article(article_id), [])

    def event(self, event_id: int) -> MergedEvent:
        found = [e for e in self.merged if e.id == event_id]
        if not found:
            raise StoreError(f"no event {event_id} in the store; list them with `newsfacts events`")
        return found[0]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return [
            SearchHit(article_id=i, title=a.title, outlet=a.source, published=a.published, url=a.url,
                      snippet=a.text[:120], rank=1.0)
            for i, a in self.saved.items()
            if query.casefold() in a.text.casefold()
        ][:limit]
