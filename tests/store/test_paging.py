"""Lists are paged, sorted and filtered in SQL (issue 12, defect 3): a page of events or articles reads one
page of rows, whatever the size of the store; the SQL order is the table's order (`storeview.sort_events`)."""

from __future__ import annotations

import pytest
from sqlalchemy import event as sa_event

from newsfacts.store import EventFilters, MergedEvent
from newsfacts.web import storeview

from .builders import F, I, build_article

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


@pytest.mark.parametrize("sort", [f"{sign}{key}" for key in storeview.SORT_KEYS for sign in ("", "-")])
def test_sql_order_is_the_table_order(store, sort: str) -> None:
    fill(store)
    everything = store.events()
    expected = [e.id for e in storeview.sort_events(everything, sort)]
    assert [e.id for e in store.events(EventFilters(sort=sort))] == expected
    assert [e.id for e in storeview.list_events(store, {}, sort, 5)] == expected[:5]


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
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects and all("LIMIT" in s.upper() for s in selects)


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
