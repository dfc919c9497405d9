"""The records users see as JSON, in one place; the JSON Schema is generated from them.

Every extracted thing carries the span of the clean text it came from (`Span`), so a user can always go
back to the exact words. Offsets are Python string indices into `Article.text`.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# 1.1: Fact.rule and the "rubric" qualifier (a vague phrase given a figure by a coding rubric);
# the "learned" method of a Derivation (a total the calibration model chose).
SCHEMA_VERSION = "1.1"

Category = Literal[
    "killed",
    "injured",
    "arrested",
    "detained",
    "imprisoned",
    "missing",
    "displaced",
    "evacuated",
    "abducted",
    "buildings_damaged",
    "vehicles_damaged",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
# "rubric": a vague phrase ("several") given a figure by a coding rubric (rubric.py); `Fact.rule` says which.
Qualifier = Literal["at_least", "more_than", "about", "up_to", "range", "rubric"]
Role = Literal["part", "total", "subset", "update", "reported"]
CheckKind = Literal["sum_mismatch", "subset_exceeds_total", "anniversary_mismatch", "source_disagreement"]
Severity = Literal["info", "warning", "error"]
EventType = Literal[
    "shooting",
    "stabbing",
    "bombing",
    "armed_clash",
    "attack_on_civilians",
    "protest",
    "riot",
    "arrest_operation",
    "crash",
    "fire",
    "collapse",
    "disaster",
    "other",
]
EventStatus = Literal["current", "historical", "background"]
DatePrecision = Literal["day", "range", "month", "year", "relative", "unknown"]
EntityKind = Literal["person", "organization", "place", "group"]
# "learned": the total the calibration model chose over the rules' count (calibrate.py), with its evidence.
Method = Literal["explicit_total", "sum_of_parts", "update", "implicit", "explicit_zero", "reported", "none",
                 "learned"]
# The categories an incident's `totals` carries (detained and taken into custody count as arrested).
TOTAL_CATEGORIES: tuple[str, ...] = ("killed", "injured", "arrested")


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A stretch of the clean text: `Article.text[start:end] == text`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Geo(Record):
    """Coordinates from the offline gazetteer, with how precise the match is."""

    latitude: float
    longitude: float
    country_code: str | None = None
    geonameid: int | None = None
    feature: Literal["city", "admin", "country", "continent", "region"] = "city"
    # UCDP GED's where_prec: 1 exact place, 2 within 25 km, 3 second-order admin, 4 first-order admin,
    # 5 part of a country, 6 country, 7 international waters or airspace.
    precision: int = Field(ge=1, le=7)


class Entity(Record):
    """A person, organisation or place named in the text (places with coordinates where the gazetteer knows them)."""

    text: str
    kind: EntityKind
    evidence: Span
    geo: Geo | None = None


class DateMention(Record):
    """A date expression normalised against the publication date."""

    text: str
    value: str | None = Field(description="YYYY-MM-DD, YYYY-MM, YYYY, or a START/END range; null if unresolvable")
    precision: DatePrecision
    relative: bool = Field(description="True when the text is relative (on Sunday, last week) and was anchored")
    evidence: Span


class Block(Record):
    """A paragraph of the clean text with its detected language (ISO 639-1)."""

    start: int
    end: int
    language: str | None
    kind: Literal["paragraph", "post", "translation", "credit"] = "paragraph"


class Post(Record):
    """A social-media post embedded in the article, paired with the translation the article gives."""

    platform: str
    handle: str | None
    author: str | None
    date: str | None
    language: str | None
    text: str
    links: list[str] = []
    translation: str | None = None
    evidence: Span


class Quote(Record):
    """Direct speech with its speaker where the text names one."""

    text: str
    speaker: str | None
    language: str | None
    evidence: Span


class Fact(Record):
    """A counted figure: how many were killed, injured, arrested, ... as the text states it."""

    category: Category
    value: int = Field(ge=0, description="the figure; for a range its low end")
    qualifier: Qualifier | None = None
    high: int | None = Field(default=None, description="top of a range, else null")
    role: Role = "reported"
    place: str | None = Field(default=None, description="place names as written, several joined with '; '")
    date: str | None = Field(default=None, description="YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
    actor: str | None = None
    source: str | None = Field(default=None, description="who the article attributes the figure to")
    of: int | None = Field(
        default=None, description="index of the fact this one is a subset of, part of, or updates"
    )
    rule: str | None = Field(
        default=None, description="for qualifier 'rubric': the rubric and its rule that gave the figure "
                                  "('isaf: several = 3'); null for a figure the text states"
    )
    evidence: Span


class Check(Record):
    """A consistency flag, with its arithmetic spelled out."""

    kind: CheckKind
    severity: Severity
    detail: str
    facts: list[int] = Field(default=[], description="indices into `facts` of the figures involved")


class EventPlace(Record):
    name: str
    latitude: float | None = None
    longitude: float | None = None
    precision: int | None = Field(default=None, ge=1, le=7, description="UCDP where_prec")


class Actors(Record):
    perpetrator: str | None = None
    target: str | None = None


class Derivation(Record):
    """How one of an event's totals was reached, and what it rests on."""

    category: str
    value: int
    method: Method
    facts: list[int] = []
    mentions: list[Span] = []
    note: str = ""


class Event(Record):
    """One incident the article reports, with per-category totals as a careful reader counts them."""

    type: EventType
    status: EventStatus
    date: str | None
    date_precision: DatePrecision = "unknown"
    place: EventPlace | None = None
    actors: Actors = Actors()
    totals: dict[str, int]
    derivations: list[Derivation] = []
    evidence: Span | None = None


class Article(Record):
    """Everything newsfacts took from one article. This is the `--json` output of `newsfacts extract`."""

    schema_version: str = SCHEMA_VERSION
    source: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    language: str | None = None
    text: str
    blocks: list[Block] = []
    posts: list[Post] = []
    quotes: list[Quote] = []
    entities: list[Entity] = []
    dates: list[DateMention] = []
    facts: list[Fact] = []
    checks: list[Check] = []
    events: list[Event] = []
    warnings: list[str] = Field(default=[], description="what could not be done, in words (e.g. non-English text)")


def json_schema() -> dict:
    """The JSON Schema of `Article`, versioned with SCHEMA_VERSION."""
    schema = Article.model_json_schema()
    schema["$id"] = f"https://newsfacts.dev/schema/article-{SCHEMA_VERSION}.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
