"""Paging in SQL: every sort key gives, page by page, the order the web table's Python sort gives over all events;
the total counts every match; the chart's figures cover every filtered event. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from newsfacts.store import EventFilters
from newsfacts.store.paging import SORT_KEYS
from newsfacts.web.storeview import sort_events, sort_value

from .builders import F, I, build_article

# (place, day, type, killed, injured, detained): some figures missing, two ties on killed
REPORTS = [
    ("Arden", "2025-02-03", "shooting", 4, None, None),
    ("Brisk", "2025-02-10", "riot", None, 12, 30),
    ("Calder", "2025-03-01", "bombing", 4, 20, None),
    ("Dunmore", "2025-01-15", "fire", 9, None, None),
    ("Eastly", "2025-04-20", "protest", None, None, 5),
]


def store_reports(store) -> None:
    for n, (place, day, kind, killed, injured, detained) in enumerate(REPORTS):
        parts, facts, totals, basis = [], [], {}, {}
        for category, value in (("killed", killed), ("injured", injured), ("detained", detained)):
            if value is None:
                continue
            words = f"{value} {category}"
            parts.append(words)
            basis["arrested" if category == "detained" else category] = [len(facts)]
            totals["arrested" if category == "detained" else category] = value
            facts.append(F(category, words, value, role="total"))
        text = f"In {place} on {day}: " + ", ".join(parts) + f". Report number {n}."
        store.add_article(build_article(text, published=day, source=f"Outlet {n}", url=f"https://o{n}.example/a",
                                        facts=facts, incidents=[I(kind, day, place, totals, basis)]))


@pytest.mark.parametrize("sort", [*SORT_KEYS, *(f"-{k}" for k in SORT_KEYS)])
def test_pages_follow_the_table_order(store, sort):
    store_reports(store)
    key, descending = sort.lstrip("-"), sort.startswith("-")
    # the table's order for the events with a value; those without come last, by id in the sort's direction
    ordered = sort_events(store.events(), sort)
    present = [e.id for e in ordered if sort_value(e, key)[0]]
    missing = sorted((e.id for e in ordered if not sort_value(e, key)[0]), reverse=descending)
    expected = present + missing
    paged = []
    for offset in range(0, 6, 2):
        events, total = store.event_page(EventFilters(), sort, limit=2, offset=offset)
        assert total == 5
        paged += [e.id for e in events]
    assert paged == expected


def test_filters_totals_tolls_and_articles(store):
    store_reports(store)
    events, total = store.event_page(EventFilters(category="killed"), "-killed", limit=1)
    assert total == 3 and events[0].place.name == "Dunmore"
    tolls = sorted(store.event_tolls(EventFilters(date_from="2025-02-01")))
    assert tolls == [("2025-02-03", {"killed": 4}), ("2025-02-10", {"injured": 12, "arrested": 30}),
                     ("2025-03-01", {"killed": 4, "injured": 20}), ("2025-04-20", {"arrested": 5})]
    rows, count = store.article_page(limit=2, offset=1)
    assert count == 5 and [r["id"] for r in rows] == [4, 3]
    with pytest.raises(Exception, match="unknown sort"):
        store.event_page(EventFilters(), "bogus")


def test_event_points_are_the_located_events_deadliest_first(store):
    from newsfacts.model import EventPlace

    for n, (place, lat, killed) in enumerate((("Arden", 10.5, 3), ("Brisk", None, 50), ("Calder", -4.25, 9))):
        article = build_article(f"In {place}, {killed} killed. Report {n}.", published="2025-02-0" + str(n + 1),
                                source=f"O{n}", facts=[F("killed", f"{killed} killed", killed, role="total")],
                                incidents=[I("shooting", f"2025-02-0{n + 1}", place, {"killed": killed}, {"killed": [0]})])
        if lat is not None:
            located = EventPlace(name=place, latitude=lat, longitude=20.0, precision=2)
            article = article.model_copy(update={"events": [article.events[0].model_copy(update={"place": located})]})
        store.add_article(article)
    rows, total = store.event_points(EventFilters(), limit=1)
    assert total == 2 and [(r["place"], r["killed_best"], r["precision"]) for r in rows] == [("Calder", 9, 2)]
    assert store.event_points(EventFilters(place="arden"))[0][0]["latitude"] == 10.5
