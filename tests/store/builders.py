"""Hand-built Article records for store tests: what a correct extractor gives, written compactly."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.model import Actors, Article, Derivation, Event, EventPlace, Fact, Span


@dataclass(frozen=True)
class F:
    """A fact: its category, value and the words it stands on (the first occurrence after `after`)."""

    category: str
    words: str
    value: int
    role: str = "reported"
    source: str | None = None
    of: int | None = None
    after: str | None = None


@dataclass(frozen=True)
class I:  # noqa: E742 - short on purpose: the cluster tables read as data
    """An incident: type, status, date, place, totals, and which facts each total rests on."""

    type: str
    date: str | None
    place: str | None
    totals: dict[str, int]
    basis: dict[str, list[int]] = field(default_factory=dict)
    status: str = "current"
    perpetrator: str | None = None


def span_of(text: str, words: str, after: str | None = None) -> Span:
    offset = text.index(after) if after else 0
    start = text.index(words, offset)
    return Span(text=words, start=start, end=start + len(words))


def build_article(
    text: str, *, facts: list[F] = (), incidents: list[I] = (), published: str | None = None,
    source: str | None = None, url: str | None = None, title: str | None = None,
) -> Article:
    built_facts = [
        Fact(category=f.category, value=f.value, role=f.role, source=f.source, of=f.of, evidence=span_of(text, f.words, f.after))
        for f in facts
    ]
    events = []
    for inc in incidents:
        derivations = [
            Derivation(category=c, value=v, method="explicit_total" if inc.basis.get(c) else "implicit", facts=inc.basis.get(c, []))
            for c, v in inc.totals.items()
        ]
        events.append(
            Event(
                type=inc.type, status=inc.status, date=inc.date, date_precision="day" if inc.date else "unknown",
                place=EventPlace(name=inc.place) if inc.place else None, actors=Actors(perpetrator=inc.perpetrator),
                totals=inc.totals, derivations=derivations,
            )
        )
    return Article(text=text, published=published, source=source, url=url, title=title or text.split("\n", 1)[0],
                   facts=built_facts, events=events)


def load_cluster_file(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
