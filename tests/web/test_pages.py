"""The HTML pages in-process: analyse, article page, events, escaping, headers and limits."""

from __future__ import annotations

import re

import pytest

from newsfacts.options import Options
from newsfacts.web.security import CONTENT_SECURITY_POLICY, bearer_token, token_matches

from .conftest import TOKEN, ASGIClient, make_app
from .fakes import MemoryStore

XSS = (
    'Police said 3 people were killed.\n\n<script>alert("x")</script> <img src=x onerror="alert(1)">\n\n'
    '<a href="javascript:alert(2)">more</a> <svg onload=alert(3)></svg> "quoted" & \'single\''
)


@pytest.fixture
def site(monkeypatch) -> ASGIClient:
    return ASGIClient(make_app(store=MemoryStore.with_samples(), monkeypatch=monkeypatch))


def test_seed_article_page(site, seed_text):
    html = site.post("/analyse", data={"text": seed_text}).text
    assert "82+20+21+8 = 131 ≠ 147" in html
    assert 'class="textsize"' in html and 'aria-label="Larger text"' in html and 'aria-label="Smaller text"' in html
    assert re.search(r">\+</button>.*?>↺</button>.*?>−</button>.*?16 px</output>", html, re.S)
    assert '<span class="outlet">News.Az</span>' in html and 'datetime="2025-01-20"' in html
    assert html.count('<mark class="fact') == 10
    assert 'class="panel post-card"' in html and "@TC_Disisleri" in html and 'lang="tr"' in html
    assert "We commemorate with respect" in html


def test_highlights_wrap_exactly_the_evidence(site, seed_text):
    html = site.post("/analyse", data={"text": seed_text}).text
    first = re.search(r'<mark [^>]*id="fact-0"[^>]*>([^<]*)<span class="tip"', html)
    assert first and first.group(1) == "killed 82 people"


def test_hostile_text_is_escaped(site):
    html = site.post("/analyse", data={"text": XSS}).text
    body = html.split('id="article-text"', 1)[1].split("</div>", 1)[0]
    assert "<script" not in body and "<img" not in body and "<svg" not in body and "<a " not in body
    assert "&lt;script&gt;" in body and "onerror=&#34;alert(1)&#34;" in body
    assert "javascript:" not in html.split('id="article-text"', 1)[0]


def test_hostile_metadata_and_url_are_escaped_and_unlinked(monkeypatch):
    from newsfacts.model import Article

    app = make_app(store=MemoryStore(), monkeypatch=monkeypatch)
    hostile = Article(text="x", source='<b onmouseover="x">Evil</b>', title="<script>t()</script>",
                      url="javascript:alert(1)")
    app.state.store._store.saved[7] = hostile
    html = ASGIClient(app).get("/articles/7").text
    assert "<script>t()" not in html and "&lt;script&gt;t()" in html
    assert '<b onmouseover' not in html
    assert 'href="javascript:' not in html


def test_security_headers_on_pages_and_api(site):
    for path in ("/", "/events", "/api/v1/health", "/static/style.css"):
        headers = site.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_pages_use_no_inline_script_or_style_and_no_remote_assets(site, seed_text):
    for html in (site.get("/").text, site.post("/analyse", data={"text": seed_text}).text, site.get("/events").text,
                 site.get("/events/2").text):
        assert re.search(r"<script(?![^>]*\bsrc=\"/static/)", html) is None
        assert " style=" not in html and "<style" not in html
        assert re.search(r'(src|href)="(https?:)?//', html) is None


def test_request_body_limit(monkeypatch):
    client = ASGIClient(make_app(monkeypatch=monkeypatch, max_bytes=1000))
    big = "x" * 200_000
    response = client.post("/api/v1/extract", json={"text": big})
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"
    page = client.post("/analyse", data={"text": big})
    assert page.status_code == 413 and "limit" in page.text


def test_analyse_upload_and_errors(site):
    upload = site.post("/analyse", files={"file": ("a.txt", b"Police said 3 people were killed.", "text/plain")})
    assert upload.status_code == 200 and "Police said 3 people were killed." in upload.text
    binary = site.post("/analyse", files={"file": ("a.pdf", b"%PDF\x00\x01", "application/pdf")})
    assert binary.status_code == 422 and "binary" in binary.text
    empty = site.post("/analyse", data={"text": "  "})
    assert empty.status_code == 422 and 'role="alert"' in empty.text
    private = site.post("/analyse", data={"url": "http://192.168.1.1/"})
    assert private.status_code == 403


def test_saving_from_the_form_needs_the_token(site):
    text = "Police said 4 people were injured in Coldharrow."
    refused = site.post("/analyse", data={"text": text, "save": "1", "token": "wrong"})
    assert refused.status_code == 401 and text in refused.text  # the form keeps what was typed
    saved = site.post("/analyse", data={"text": text, "save": "1", "token": TOKEN})
    assert saved.status_code == 303 and saved.headers["location"].startswith("/articles/")
    assert text in site.get(saved.headers["location"]).text


def test_events_page_table_chart_and_sorting(site):
    html = site.get("/events").text
    assert html.count("<tr>") == 6  # header + 5 events
    assert '<rect class="bar cat-killed"' in html and "Killed, injured and arrested per year" in html
    assert 'aria-sort="descending"' in html  # -date is the default
    by_killed = site.get("/events", params={"sort": "-killed"}).text
    assert by_killed.index("Baku") < by_killed.index("Tervik") < by_killed.index("Coldharrow")
    filtered = site.get("/events", params={"place": "coldharrow"}).text
    assert "Coldharrow" in filtered and "Tervik" not in filtered
    assert site.get("/events", params={"sort": "<script>"}).status_code == 200


def test_event_page_timeline_and_evidence(site):
    html = site.get("/events/2").text
    assert '<polyline class="line cat-killed"' in html
    assert "&lt;b&gt;dead&lt;/b&gt;" in html  # evidence escaped
    assert "copy of #4" in html
    assert site.get("/events/99").status_code == 404


def test_events_page_without_store_says_how_to_add_one(client):
    html = client.get("/events").text
    assert "--db" in html


def test_not_found_page_is_html(site):
    response = site.get("/no/such/page")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")


def test_token_helpers():
    assert bearer_token("Bearer abc") == "abc" and bearer_token("bearer  abc ") == "abc"
    assert bearer_token("Basic abc") is None and bearer_token(None) is None and bearer_token("Bearer") is None
    assert token_matches("s3cret", "s3cret") and not token_matches("s3cret", "s3cre")
    assert not token_matches(None, None) and not token_matches("", "")


def test_allow_private_urls_option_reaches_the_fetcher(monkeypatch):
    app = make_app(monkeypatch=monkeypatch, allow_private_urls=True)
    assert app.state.options == Options(allow_private_urls=True)


def test_event_page_with_an_undated_source_figure(monkeypatch):
    """An undated article merged into a dated event: its figure has no day (a 500 before, issue 12)."""
    store = MemoryStore.with_samples()
    event = next(e for e in store.merged if e.id == 2)
    undated = event.source_figures[0].model_copy(update={"day": None, "value": 7})
    store.merged = [e.model_copy(update={"source_figures": [*e.source_figures, undated]}) if e.id == 2 else e
                    for e in store.merged]
    response = ASGIClient(make_app(store=store, monkeypatch=monkeypatch)).get("/events/2")
    assert response.status_code == 200
    rows = re.findall(r'<td class="nowrap">([^<]*)</td>', response.text)
    assert rows[-1] == "—" and all(day != "—" for day in rows[:-1])


def test_the_token_is_checked_before_a_url_is_fetched(monkeypatch):
    """Issue 12: a wrong token still made the server fetch the URL first."""
    import newsfacts.ingest.url as url_module

    fetched: list[str] = []
    monkeypatch.setattr(url_module, "fetch_url", lambda url, options, transport=None: fetched.append(url))
    site = ASGIClient(make_app(store=MemoryStore.with_samples(), monkeypatch=monkeypatch))
    response = site.post("/analyse", data={"url": "https://example.org/a", "save": "1", "token": "wrong"})
    assert response.status_code == 401 and fetched == []
