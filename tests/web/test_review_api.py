"""The review API in-process over a real SQLite store: reading facts, confirming, correcting, rejecting, adding,
the audit trail, the queue, the 409 for a stale revision, and every way a write is refused (no token, a wrong
one, a cross-site Origin or Sec-Fetch-Site); the operations are in the OpenAPI document."""

from __future__ import annotations

import pytest

from newsfacts.model import Article, Derivation, Event, EventPlace, Fact, Span
from newsfacts.store import EventFilters
from newsfacts.web.services import StoreService

from .conftest import TOKEN, ASGIClient, make_app

AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Coder": "Ana Coder"}
TEXT = (
    "Flooding in Marrowby on Sunday killed 6 people, the district office said. Volunteers said 7 had died. "
    "Rescuers pulled 3 people from the river alive, and 12 were injured."
)


def span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(text=words, start=start, end=start + len(words))


def flood() -> Article:
    facts = [
        Fact(category="killed", value=6, role="total", source="the district office", evidence=span("killed 6 people")),
        Fact(category="killed", value=7, source="Volunteers", evidence=span("7 had died")),
        Fact(category="injured", value=12, evidence=span("12 were injured")),
    ]
    event = Event(type="disaster", status="current", date="2025-06-01", place=EventPlace(name="Marrowby"),
                  totals={"killed": 6, "injured": 12},
                  derivations=[Derivation(category="killed", value=6, method="explicit_total", facts=[0]),
                               Derivation(category="injured", value=12, method="explicit_total", facts=[2])])
    return Article(text=TEXT, source="Marrowby Gazette", published="2025-06-02", title="Flooding in Marrowby",
                   facts=facts, events=[event])


@pytest.fixture
def setup(monkeypatch, tmp_path):
    app = make_app(monkeypatch=monkeypatch)
    app.state.store = StoreService(f"sqlite:///{tmp_path / 'review.db'}")
    store = app.state.store.get()
    article_id = store.add_article(flood()).article_id
    return ASGIClient(app), store, article_id


def test_correct_reject_add_and_the_trail(setup):
    client, store, article_id = setup
    facts = client.get(f"/api/v1/articles/{article_id}/facts").json()
    assert [(f["index"], f["state"], f["revision_id"]) for f in facts] == [(0, "machine", None), (1, "machine", None),
                                                                            (2, "machine", None)]
    answer = client.post(f"/api/v1/articles/{article_id}/facts/0/revisions", headers=AUTH,
                         json={"action": "correct", "value": 8, "seen_revision": None, "note": "office update"})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["fact"]["state"] == "corrected" and body["fact"]["machine"]["value"] == 6
    assert body["revision"]["coder"] == "Ana Coder" and body["revision"]["old_value"] == 6
    event_id = body["event_ids"][0]
    event = client.get(f"/api/v1/events/{event_id}").json()
    assert event["figures"]["killed"]["best"] == 8 and event["reviewed"] is True
    assert {(f["value"], f["reviewed"]) for f in event["source_figures"] if f["category"] == "killed"} == {(8, True), (7, False)}

    rejected = client.post(f"/api/v1/articles/{article_id}/facts/2/revisions", headers=AUTH, json={"action": "reject"})
    assert rejected.status_code == 201
    assert "injured" not in client.get(f"/api/v1/events/{event_id}").json()["figures"]

    words = span("3 people from the river")
    added = client.post(f"/api/v1/articles/{article_id}/facts", headers=AUTH,
                        json={"category": "evacuated", "value": 3, "start": words.start, "end": words.end})
    assert added.status_code == 201, added.text
    assert added.json()["fact"]["fact"]["evidence"]["text"] == "3 people from the river"

    trail = client.get(f"/api/v1/articles/{article_id}/revisions").json()
    assert [r["action"] for r in trail] == ["correct", "reject", "add"]
    assert client.get(f"/api/v1/events/{event_id}/revisions").json() == trail
    page = client.get(f"/articles/{article_id}").text
    assert "machine: 6" in page and "state-rejected" in page and 'data-start="0"' in page
    assert "Review history" in page and "office update" in page
    event_page = client.get(f"/events/{event_id}").text
    assert f'href="/articles/{article_id}#fact-0"' in event_page and "Review history" in event_page


def test_a_stale_revision_is_a_409_with_the_state_now(setup):
    client, _, article_id = setup
    url = f"/api/v1/articles/{article_id}/facts/1/revisions"
    first = client.post(url, headers=AUTH, json={"action": "correct", "value": 9})
    assert first.status_code == 201
    stale = client.post(url, headers={**AUTH, "X-Coder": "Ben"}, json={"action": "correct", "value": 5})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "E409" and "Ana Coder" in error["message"]
    assert error["current"]["fact"]["value"] == 9 and error["current"]["revision_id"] == first.json()["revision"]["id"]
    again = client.post(url, headers={**AUTH, "X-Coder": "Ben"},
                        json={"action": "correct", "value": 5, "seen_revision": error["current"]["revision_id"]})
    assert again.status_code == 201 and again.json()["revision"]["old_value"] == 9


@pytest.mark.parametrize(("headers", "status", "code"), [
    ({}, 401, "unauthorized"),
    ({"Authorization": "Bearer wrong"}, 401, "unauthorized"),
    ({**AUTH, "Origin": "https://evil.example"}, 403, "forbidden"),
    ({**AUTH, "Origin": "null"}, 403, "forbidden"),
    ({**AUTH, "Sec-Fetch-Site": "cross-site"}, 403, "forbidden"),
])
def test_writes_are_refused_without_a_token_or_from_another_site(setup, headers, status, code):
    client, store, article_id = setup
    for url, body in ((f"/api/v1/articles/{article_id}/facts/0/revisions", {"action": "confirm"}),
                      (f"/api/v1/articles/{article_id}/facts", {"category": "killed", "value": 1, "start": 0, "end": 4}),
                      ("/api/v1/articles", {"text": "Two were hurt in Marrowby."}),
                      ("/api/v1/events/1/merge", {"other": 2}), ("/api/v1/events/1/split", {"articles": [1]})):
        answer = client.post(url, headers=headers, json=body)
        assert answer.status_code == status, (url, answer.text)
        assert answer.json()["error"]["code"] == code
    assert store.revisions(article_id=article_id) == []


def test_same_origin_and_a_coder_token_write(setup):
    client, store, article_id = setup
    same = {**AUTH, "Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert client.post(f"/api/v1/articles/{article_id}/facts/0/revisions", headers=same,
                       json={"action": "confirm"}).status_code == 201
    token = store.add_coder("Dara")
    # a coder's own token: the name is the store's, whatever X-Coder says
    mine = {"Authorization": f"Bearer {token}", "X-Coder": "Someone Else"}
    assert client.get("/api/v1/coder", headers=mine).json() == {"coder": "Dara"}
    answer = client.post(f"/api/v1/articles/{article_id}/facts/1/revisions", headers=mine, json={"action": "confirm"})
    assert answer.status_code == 201 and answer.json()["revision"]["coder"] == "Dara"


def test_bad_review_requests(setup):
    client, _, article_id = setup
    base = f"/api/v1/articles/{article_id}"
    assert client.post(f"{base}/facts/7/revisions", headers=AUTH, json={"action": "confirm"}).json()["error"]["code"] == "E402"
    assert client.post(f"{base}/facts/0/revisions", headers=AUTH, json={"action": "correct"}).status_code == 422
    assert client.post(f"{base}/facts/0/revisions", headers=AUTH, json={"action": "explode"}).status_code == 422
    outside = client.post(f"{base}/facts", headers=AUTH, json={"category": "killed", "value": 1, "start": 0, "end": 10**6})
    assert outside.status_code == 422 and outside.json()["error"]["code"] == "E402"
    assert client.post("/api/v1/articles/999/facts/0/revisions", headers=AUTH, json={"action": "confirm"}).status_code == 404
    assert client.get("/api/v1/articles/999/facts").status_code == 404


def test_queue_lists_disagreement_and_leaves_reviewed_out(setup):
    client, _, article_id = setup
    queue = client.get("/api/v1/review/queue").json()
    assert [item["reasons"] for item in queue] == [["sources disagree"]]  # 6 (office) and 7 (volunteers)
    assert "sources disagree" in client.get("/review").text
    client.post(f"/api/v1/articles/{article_id}/facts/1/revisions", headers=AUTH, json={"action": "confirm"})
    assert client.get("/api/v1/review/queue").json() == []


def test_review_operations_are_in_the_openapi_document(setup):
    client, _, _ = setup
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/articles/{article_id}/facts/{index}/revisions"]
    assert {"get", "post"} <= set(paths["/api/v1/articles/{article_id}/facts"])
    for path in ("/api/v1/articles/{article_id}/revisions", "/api/v1/events/{event_id}/revisions",
                 "/api/v1/review/queue", "/api/v1/coder"):
        assert "get" in paths[path]
    assert "409" in paths["/api/v1/articles/{article_id}/facts/{index}/revisions"]["post"]["responses"]


def test_export_this_view_is_the_cli_export(setup, tmp_path):
    client, store, article_id = setup
    client.post(f"/api/v1/articles/{article_id}/facts/0/revisions", headers=AUTH, json={"action": "correct", "value": 8})
    for fmt in ("csv", "jsonl"):
        answer = client.get("/api/v1/events/export", params={"format": fmt, "columns": "ucdp", "reviewed": "true"})
        assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
        cli_file = tmp_path / f"cli.{fmt}"
        store.export(fmt, "ucdp", cli_file, filters=EventFilters(reviewed=True))
        assert answer.content == cli_file.read_bytes()
    parquet = client.get("/api/v1/events/export", params={"format": "parquet", "place": "marrow"})
    pyarrow = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "web.parquet").write_bytes(parquet.content)
    table = pyarrow.read_table(tmp_path / "web.parquet").to_pylist()
    assert [(row["place"], row["killed_best"], row["reviewed"]) for row in table] == [("Marrowby", 8, True)]
    assert client.get("/api/v1/events/export", params={"format": "xlsx"}).status_code == 422


def test_merge_and_split_over_the_api(setup):
    client, store, first = setup
    other = store.add_article(Article(
        text="Marrowby flood: 5 dead in the east of the county, officials said.", source="County Times",
        published="2025-06-20", facts=[Fact(category="killed", value=5, role="total", evidence=Span(
            text="5 dead", start=16, end=22))],
        events=[Event(type="disaster", status="current", date="2025-06-19", place=EventPlace(name="Marrowby"),
                      totals={"killed": 5}, derivations=[Derivation(category="killed", value=5,
                                                                    method="explicit_total", facts=[0])])])).article_id
    keep, gone = sorted(e.id for e in store.events())
    refused = client.post(f"/api/v1/events/{keep}/merge", json={"other": gone}, headers={"Origin": "https://evil.example", **AUTH})
    assert refused.status_code == 403
    merged = client.post(f"/api/v1/events/{keep}/merge", json={"other": gone, "note": "one flood"}, headers=AUTH)
    assert merged.status_code == 201, merged.text
    assert merged.json()["revision"]["coder"] == "Ana Coder" and merged.json()["event_ids"] == [keep]
    assert client.get(f"/api/v1/events/{gone}").status_code == 404
    split = client.post(f"/api/v1/events/{keep}/split", json={"articles": [other]}, headers=AUTH)
    assert split.status_code == 201
    new_id = split.json()["revision"]["other_event_id"]
    assert [s["article_id"] for s in client.get(f"/api/v1/events/{new_id}").json()["sources"]] == [other]
    assert [c["action"] for c in client.get(f"/api/v1/events/{keep}/changes").json()] == ["merge", "split"]
    page = client.get(f"/events/{keep}").text
    assert "merged event #" in page and "Merge or split" in page
    assert client.post(f"/api/v1/events/{keep}/split", json={"articles": [first]}, headers=AUTH).status_code == 422
    assert client.post("/api/v1/events/999/merge", json={"other": keep}, headers=AUTH).status_code == 404


def test_saving_from_the_analyse_form_of_another_site_is_refused(setup):
    client, store, _ = setup
    form = {"text": "Two people were hurt in Marrowby on Friday.", "save": "1", "token": TOKEN}
    refused = client.post("/analyse", data=form, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403 and "another site" in refused.text
    assert store.count_articles() == 1
    saved = client.post("/analyse", data=form, headers={"Origin": "http://testserver"})
    assert saved.status_code == 303 and store.count_articles() == 2


def test_a_figure_stored_before_figures_named_their_fact_still_links_to_its_words(setup):
    from newsfacts.web.pages import linked_figures, source_reviews

    _, store, article_id = setup
    event = store.events()[0]
    old = event.model_copy(update={"source_figures": [f.model_copy(update={"fact": None}) for f in event.source_figures]})
    linked = linked_figures(old, source_reviews(store, old))
    assert [f.fact for f in linked.source_figures] == [f.fact for f in event.source_figures]
    assert all(f.fact is not None for f in linked.source_figures)


def test_huge_offsets_are_pages_not_errors(setup):
    client, _, _ = setup
    assert client.get("/review", params={"offset": 10**30}).status_code == 200
    assert client.get("/events", params={"offset": 10**30}).status_code == 200
    assert client.get("/api/v1/review/queue", params={"offset": 10**30}).status_code == 422
