"""The records the store returns: merged events with low/best/high, their sources, search hits, add results.

They extend `newsfacts.model` (whose records they embed) and are what `newsfacts events --json` prints.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..model import Actors, Check, DatePrecision, EventPlace, Record, Span

AddStatus = Literal["added", "duplicate", "copy"]


class AddResult(Record):
    """What `Store.add_article` did: a new article, one already stored, or a syndicated copy of one."""

    status: AddStatus
    article_id: int = Field(description="the stored article (for a duplicate: the one already there)")
    copy_of: int | None = Field(default=None, description="for a copy: the article it copies")
    event_ids: list[int] = Field(default=[], description="the merged events this article touched")


class SourceFigure(Record):
    """One figure one source gave for an event, as the article states it."""

    category: str
    value: int
    source: str | None = Field(default=None, description="who the article attributes the figure to")
    official: int = Field(description="0 not official, 1 anonymous or generic official, 2 named official, 3 named institution")
    total: bool = Field(description="True for the article's own total, False for another source it quotes")
    article_id: int
    outlet: str | None = None
    day: str | None = Field(default=None, description="the day the figure was reported (publication date)")
    evidence: Span | None = None
    fact: int | None = Field(default=None, description="the article fact it rests on (review it at /api/v1/articles/{article_id}/facts)")
    reviewed: bool = Field(default=False, description="a coder confirmed, corrected or added the fact it rests on")


class FigureRange(Record):
    """UCDP-style low/best/high for one category, from the latest day's independent sources."""

    low: int
    best: int
    high: int
    day: str | None = Field(default=None, description="the report day the figures come from")
    best_from: str = Field(description="why `best` is what it is: the official source, or 'median'")
    reviewed: bool = Field(default=False, description="every figure of that day was reviewed by a coder")


class SeriesPoint(Record):
    """The figures of one report day: earlier days are superseded but kept to show how the toll moved."""

    day: str | None
    category: str
    low: int
    best: int
    high: int
    outlets: list[str] = []


class EventSource(Record):
    """An article that reports the event."""

    article_id: int
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    copy_of: int | None = Field(default=None, description="set when the article is a syndicated copy")
    status: str = "current"
    date: str | None = None
    place: str | None = None


class MergedEvent(Record):
    """One event as reported by one or more articles, with low/best/high per category and who said what."""

    id: int
    type: str
    status: str
    date: str | None
    date_precision: DatePrecision = "unknown"
    place: EventPlace | None = None
    actors: Actors = Actors()
    figures: dict[str, FigureRange] = {}
    sources: list[EventSource] = []
    source_figures: list[SourceFigure] = []
    series: list[SeriesPoint] = []
    checks: list[Check] = []
    reviewed: bool = Field(default=False, description="a coder reviewed at least one of its source figures")


class SearchHit(Record):
    """An article matching a full-text query, with a snippet of the matching words."""

    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    snippet: str
    rank: float = Field(description="higher is better; comparable only within one search")
