"""The JSON API in-process: extract, articles, events, search, the token, the one error shape, OpenAPI."""

from __future__ import annotations

import pytest
from fastapi.openapi.models import OpenAPI

from newsfacts.model import SCHEMA_VERSION

from .conftest import TOKEN, ASGIClient, make_app
from .fakes import MemoryStore

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore.with_samples()


@pytest.fixture
def api(monkeypatch, store) -> ASGIClient:
    return ASGIClient(make_app(store=store, monkeypatch=monkeypatch))


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


def test_extract_returns_the_article_record(api, seed_text):
    response = api.post("/api/v1/extract", json={"text": seed_text})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["schema_version"] == SCHEMA_VERSION and body["source"] == "News.Az"
    assert [f["value"] for f in body["facts"]][:5] == [82, 20, 21, 8, 147]
    for f in body["facts"]:
        assert body["text"][f["evidence"]["start"] : f["evidence"]["end"]] == f["evidence"]["text"]


def test_extract_passes_user_metadata_to_the_extractor(monkeypatch):
    app = make_app(monkeypatch=monkeypatch)
    client = ASGIClient(app)
    response = client.post("/api/v1/extract", json={"html": "<html><body><p>Two were hurt.</p></body></html>",
                                                    "published": "2025-03-01", "source": "Daily"})
    assert response.status_code == 200
    document = app.state.extraction._extractor.calls[-1]
    assert document.is_html and document.published == "2025-03-01" and document.source == "Daily"


@pytest.mark.parametrize("body", [{}, {"text": "a", "url": "https://example.org"}, {"text": "a", "bogus": 1}])
def test_extract_needs_exactly_one_input(api, body):
    assert_error(api.post("/api/v1/extract", json=body), 422, "invalid_request")


def test_empty_text_is_an_input_error_with_its_code(api):
    error = assert_error(api.post("/api/v1/extract", json={"text": "   "}), 422, "E101")
    assert "paste" in error["message"]


def test_url_analysis_refuses_loopback(api):
    assert_error(api.post("/api/v1/extract", json={"url": "http://127.0.0.1:9/x"}), 403, "E202")


def test_malformed_json_has_the_error_shape(api):
    response = api.post("/api/v1/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(response, 422, "invalid_request")


def test_writes_need_the_token(api, seed_text):
    assert_error(api.post("/api/v1/articles", json={"text": seed_text}), 401, "unauthorized")
    wrong = {"Authorization": "Bearer nope"}
    assert_error(api.post("/api/v1/articles", json={"text": seed_text}, headers=wrong), 401, "unauthorized")


def test_writes_are_closed_when_no_token_is_configured(monkeypatch, seed_text):
    client = ASGIClient(make_app(store=MemoryStore(), token=None, monkeypatch=monkeypatch))
    error = assert_error(client.post("/api/v1/articles", json={"text": seed_text}, headers=AUTH), 401, "unauthorized")
    assert "NEWSFACTS_TOKEN" in error["message"]


def test_add_then_read_back(api, store):
    text = "Police said 3 people were killed in Tervik on Monday."
    response = api.post("/api/v1/articles", json={"text": text}, headers=AUTH)
    assert response.status_code == 201, response.text
    result = response.json()["result"]
    assert result["status"] == "added"
    again = api.post("/api/v1/articles", json={"text": text}, headers=AUTH).json()["result"]
    assert again == {**result, "status": "duplicate"}
    article = api.get(f"/api/v1/articles/{result['article_id']}").json()
    assert article["text"] == text
    listing = api.get("/api/v1/articles").json()
    assert listing[0]["id"] == result["article_id"]


def test_events_filters_and_sort(api):
    everything = api.get("/api/v1/events").json()
    assert len(everything) == 5
    killed = api.get("/api/v1/events", params={"sort": "-killed"}).json()
    assert [e["id"] for e in killed][:2] == [1, 2]
    assert [e["id"] for e in api.get("/api/v1/events", params={"place": "TERV"}).json()] == [2]
    assert [e["id"] for e in api.get("/api/v1/events", params={"outlet": "northline"}).json()] == [3, 2]
    in_july = api.get("/api/v1/events", params={"date_from": "2025-07-01", "date_to": "2025-07-31"}).json()
    assert {e["id"] for e in in_july} == {2, 3}
    arrests = api.get("/api/v1/events", params={"category": "arrested"}).json()
    assert {e["id"] for e in arrests} == {1, 4, 5}
    assert_error(api.get("/api/v1/events", params={"sort": "drop table"}), 422, "invalid_request")


def test_event_and_missing_records(api):
    event = api.get("/api/v1/events/2").json()
    assert event["figures"]["killed"]["best"] == 27 and len(event["series"]) == 3
    assert_error(api.get("/api/v1/events/99"), 404, "not_found")
    assert_error(api.get("/api/v1/articles/99"), 404, "not_found")
    assert_error(api.get("/api/v1/articles/abc"), 422, "invalid_request")


def test_search(api):
    hits = api.get("/api/v1/search", params={"q": "Lankaran"}).json()
    assert [h["article_id"] for h in hits] == [1]
    assert_error(api.get("/api/v1/search"), 422, "invalid_request")


def test_store_endpoints_explain_when_no_store_is_configured(client):
    error = assert_error(client.get("/api/v1/events"), 503, "E401")
    assert "--db" in error["message"]


def test_unknown_route_and_method_have_the_error_shape(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(client.request("DELETE", "/api/v1/extract"), 405, "method_not_allowed")


def test_unexpected_failures_have_the_error_shape(monkeypatch):
    app = make_app(monkeypatch=monkeypatch)

    class Broken:
        def extract(self, document):
            raise RuntimeError("boom")

    app.state.extraction.factory = lambda _options: Broken()
    error = assert_error(ASGIClient(app).post("/api/v1/extract", json={"text": "x"}), 500, "internal_error")
    assert "boom" not in error["message"]


def test_openapi_document_validates(client):
    document = client.get("/api/v1/openapi.json").json()
    OpenAPI.model_validate(document)
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    assert {"/api/v1/extract", "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/events",
            "/api/v1/events/{event_id}", "/api/v1/search"} <= paths
    schemas = document["components"]["schemas"]

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    for ref in refs(document):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
    write = document["paths"]["/api/v1/articles"]["post"]
    assert "401" in write["responses"]


def test_api_docs_page_is_served_locally(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "/api/v1/extract" in response.text
    assert "cdn" not in response.text.lower() and "https://" not in response.text


def test_health_and_schema(client):
    assert client.get("/api/v1/health").json()["status"] == "ok"
    assert client.get("/api/v1/schema").json()["$id"].endswith(f"article-{SCHEMA_VERSION}.json")


def test_an_invalid_published_date_is_refused_not_ignored(client):
    """Issue 12: the API ignored it silently (the CLI refuses it)."""
    for bad in ("2025-02-30", "yesterday", "9999-12-31"):
        response = client.post("/api/v1/extract", json={"text": "Police said 5 people were killed.", "published": bad})
        assert response.status_code == 422 and response.json()["error"]["code"] == "E100"


def test_a_500_carries_the_security_headers(monkeypatch):
    from .conftest import ASGIClient, make_app

    app = make_app(monkeypatch=monkeypatch)

    class Broken:
        def extract(self, document):
            raise RuntimeError("bug")

    app.state.extraction = Broken()
    response = ASGIClient(app).post("/api/v1/extract", json={"text": "Police said 5 people were killed."})
    assert response.status_code == 500
    assert "content-security-policy" in response.headers and response.headers["x-frame-options"] == "DENY"
