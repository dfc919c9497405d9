"""Paging in SQL: every sort key gives, page by page, the order the web table's Python sort gives over all events;
the total counts every match; the chart's figures cover every filtered event. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import event as sa_event

from newsfacts.store import EventFilters, MergedEvent
from newsfacts.store.paging import SORT_KEYS
from newsfacts.web import storeview
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


# --- issue 12: one page of rows read, newest articles first, % and _ are letters in filters ----------------

PLACES = ["Kelvaro", "Velmora", "Ostrimar", None, "Assembly Square, Velmora", "100%_Town"]


def fill(store, n: int = 12) -> None:
    for k in range(n):
        text = f"Report {k}\n\nPolice said {k + 2} people were killed and {k % 4} were hurt in town number {k}."
        totals = {"killed": k + 2} if k % 3 else {"killed": k + 2, "injured": k % 4 + 1}
        article = build_article(
            text, published=f"2025-0{k % 9 + 1}-1{k % 10}", source=f"Outlet {k % 3}", url=f"https://o.example/{k}",
            facts=[F("killed", f"{k + 2} people were killed", k + 2)],
            incidents=[I("shooting" if k % 2 else "protest", f"2025-0{k % 9 + 1}-0{k % 9 + 1}" if k % 5 else None,
                         PLACES[k % len(PLACES)], totals, {"killed": [0]})],
        )
        store.add_article(article, origin=f"t{k}")


def test_a_page_reads_one_page_of_rows(store, monkeypatch) -> None:
    fill(store)
    statements: list[str] = []
    sa_event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *rest: statements.append(statement))
    decoded = []
    real = MergedEvent.model_validate_json
    monkeypatch.setattr(MergedEvent, "model_validate_json", lambda data, **kw: decoded.append(1) or real(data, **kw))
    assert len(storeview.list_events(store, {}, "-killed", 3)) == 3
    assert len(decoded) == 3  # not every event of the store
    assert len(storeview.list_articles(store, 4, 2)) == 4
    # every SELECT of rows stops at the page's end; the only other one counts the matches (the page's total)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects and all("LIMIT" in s.upper() or "COUNT(" in s.upper() for s in selects)


def test_article_pages_are_newest_first_and_offset(store) -> None:
    fill(store)
    ids = [row["id"] for row in store.articles()]
    assert [row["id"] for row in storeview.list_articles(store, 3, 2)] == ids[::-1][2:5]


def test_percent_and_underscore_are_letters_in_filters(store) -> None:
    fill(store)
    assert {e.place.name for e in store.events(EventFilters(place="%_")) if e.place} == {"100%_Town"}
    assert store.events(EventFilters(place="_")) != [] and all(
        "_" in e.place.name for e in store.events(EventFilters(place="_")) if e.place)
    assert store.events(EventFilters(outlet="%")) == []
    assert store.articles(outlet="_") == []
