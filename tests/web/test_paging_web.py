"""Paging on the events and articles pages and in the API lists; "export this view" links carry the filter."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from newsfacts.web import pages

from .conftest import ASGIClient, make_app
from .fakes import MemoryStore


def client(monkeypatch) -> ASGIClient:
    return ASGIClient(make_app(store=MemoryStore.with_samples(), monkeypatch=monkeypatch))


def test_api_events_page_with_offset_and_total(monkeypatch):
    api = client(monkeypatch)
    everything = api.get("/api/v1/events", params={"sort": "-killed"}).json()
    seen = []
    for offset in range(0, len(everything), 2):
        answer = api.get("/api/v1/events", params={"sort": "-killed", "limit": 2, "offset": offset})
        assert answer.headers["x-total-count"] == str(len(everything))
        seen += [e["id"] for e in answer.json()]
    assert seen == [e["id"] for e in everything]
    assert api.get("/api/v1/events", params={"offset": -1}).status_code == 422
    assert api.get("/api/v1/articles", params={"limit": 1}).headers["x-total-count"] == "1"


def test_events_page_pages_keep_the_filter_and_sort(monkeypatch):
    monkeypatch.setattr(pages, "EVENTS_PAGE", 2)
    site = client(monkeypatch)
    first = site.get("/events", params={"sort": "-killed"}).text
    assert "1–2 of 5 events" in first and 'rel="prev"' not in first
    next_link = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(next_link).query) == {"sort": ["-killed"], "offset": ["2"]}
    last = site.get("/events", params={"sort": "-killed", "offset": 4}).text
    assert "5–5 of 5 events" in last and 'rel="next"' not in last and 'rel="prev"' in last
    # the chart sums the whole filter, not the page: its caption counts every event
    assert "of the 5 events of this filter" in last


def test_export_links_carry_the_filter(monkeypatch):
    site = client(monkeypatch)
    html = site.get("/events", params={"place": "tervik", "reviewed": "1"}).text
    links = [part.split('"')[0].replace("&amp;", "&") for part in html.split('href="/api/v1/events/export?')[1:]]
    queries = [parse_qs(link) for link in links]
    assert {(q["format"][0], q["columns"][0]) for q in queries} == {
        ("csv", "native"), ("csv", "acled"), ("csv", "ucdp"), ("jsonl", "native"), ("parquet", "native")}
    assert all(q["place"] == ["tervik"] and q["reviewed"] == ["true"] for q in queries)
