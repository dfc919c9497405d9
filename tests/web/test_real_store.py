"""The web app over the real store (SQLite in a temporary directory): the adapter meets the store's API."""

from __future__ import annotations

import json

from newsfacts.model import Article
from newsfacts.web.services import StoreService

from .conftest import TOKEN, ASGIClient, make_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_save_read_search_and_events_on_sqlite(monkeypatch, tmp_path, seed_text):
    app = make_app(monkeypatch=monkeypatch)
    app.state.store = StoreService(f"sqlite:///{tmp_path / 'web.db'}")
    client = ASGIClient(app)
    saved = client.post("/api/v1/articles", json={"text": seed_text}, headers=AUTH)
    assert saved.status_code == 201, saved.text
    article_id = saved.json()["result"]["article_id"]
    record = client.get(f"/api/v1/articles/{article_id}").json()
    assert Article.model_validate(record).facts[0].value == 82
    assert [row["id"] for row in client.get("/api/v1/articles").json()] == [article_id]
    assert client.get("/api/v1/search", params={"q": "Lankaran"}).json()[0]["article_id"] == article_id
    events = client.get("/api/v1/events").json()
    assert isinstance(events, list)
    for event in events:
        assert client.get(f"/api/v1/events/{event['id']}").status_code == 200
        assert client.get(f"/events/{event['id']}").status_code == 200
    assert client.get("/events", params={"category": "killed", "place": "baku"}).status_code == 200
    assert client.get("/api/v1/articles/999").json()["error"]["code"] == "not_found"
    page = client.get(f"/articles/{article_id}").text
    assert "82+20+21+8 = 131 ≠ 147" in page
    json.dumps(events)
