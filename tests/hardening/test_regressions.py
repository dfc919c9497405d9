"""Every crash the hardening runs found, as the small input that used to crash, plus a replay of the fuzz
corpus (`tests/hardening/corpus/`, written by `bench/fuzz_extract.py` and `bench/fuzz_readers.py`).

A test here fails if the crash comes back. Crashes in modules still being written by others are kept as
skipped tests whose reason names the crash, until their owners fix them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsfacts.dates import resolve_date
from newsfacts.ingest.jsonl import RecordError
from newsfacts.ingest.warc import article_offsets, iter_warc
from newsfacts.model import Article, Event, EventPlace
from newsfacts.options import Options
from newsfacts.store import open_store

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
BENCH = HERE.parents[1] / "bench"


def bench_module(name: str):
    """A fuzz script imported as a module: its targets are what the corpus inputs are replayed through."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # fuzz_readers imports fuzz_extract by name
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- WARC: a response record without WARC-Target-URI (fuzz_readers; fixed in ingest/warc.py) -------------

HTTP = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Two people were hurt.</p>"
NO_TARGET_URI = (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(HTTP) + HTTP + b"\r\n\r\n")


def test_warc_response_without_target_uri_is_a_record_error(tmp_path):
    path = tmp_path / "no-uri.warc"
    path.write_bytes(NO_TARGET_URI)
    items = list(iter_warc(path, Options()))  # warcio raised AttributeError here, ending the whole batch
    assert len(items) == 1 and isinstance(items[0], RecordError)
    assert items[0].code == "E100" and "corrupt WARC record" in items[0].message
    assert list(article_offsets(path)) == []


# --- dates: relative dates counted back past year 1 (found with extreme publication dates; fixed) ---------

@pytest.mark.parametrize(("text", "published"), [
    ("last year", "0001-01-01"),  # gave "0"
    ("two years ago", "0001-06-01"),  # gave "-1"
    ("3 months ago", "0001-02-01"),  # gave "0-11"
    ("last month", "0002-01-01"),  # gave "1-12", not a YYYY-MM value
])
def test_relative_dates_before_year_one_have_no_value(text, published):
    assert resolve_date(text, published) == (None, "unknown")


def test_relative_dates_in_ordinary_years_still_resolve():
    assert resolve_date("last year", "2025-03-01") == ("2024", "year")
    assert resolve_date("3 months ago", "2025-02-01") == ("2024-11", "month")


# --- posts: control characters around an embed's paragraphs (fuzz_extract; fixed in posts.py) -------------


@pytest.mark.parametrize("html", [
    '<blockquote class="twitter-tweet">\x01<p>Hello</p>\x02 tail &mdash; X (@x)</blockquote>',  # drop_tree
    '<div><blockquote class="twitter-tweet"><p>Hel<br>\x01lo</p> &mdash; X</blockquote>\x03after</div>',  # .tail
])
def test_embed_with_control_characters_flattens(html):
    from newsfacts.posts import flatten_embedded_posts

    flat = flatten_embedded_posts(html)  # lxml raised ValueError setting text that held \x01-\x03
    assert "Hel" in flat and not any(c in flat for c in "\x01\x02\x03")


# --- store: dates at the ends of the calendar (property test; store/merge.py is not ours to change) -------

STORE_DATE_CRASH = ("store/merge.py date_interval raises ValueError for an incident dated '0000' or '9999-12' "
                    "(year 0 / 10000) and OverflowError for a published day within 3 days of 0001-01-01 or at "
                    "9999-12-31 (undated window, one-day slack); add_article should store or refuse with "
                    "StoreError — reported to the store's author by the hardening issue")


@pytest.mark.parametrize(("date", "published"), [
    ("0000", None), ("9999-12", None), (None, "0001-01-01"), ("0001-01-01", None), ("9999-12-31", "9999-12-31"),
])
def test_store_takes_incidents_dated_at_the_ends_of_the_calendar(tmp_path, date, published):
    article = Article(text="Three people were killed in Kelvaro.", published=published, events=[
        Event(type="shooting", status="current", date=date, place=EventPlace(name="Kelvaro"), totals={"killed": 3})])
    with open_store(tmp_path / "store.db") as store:
        result = store.add_article(article)
        assert store.article(result.article_id) == article


STORE_READ_CRASH = ("store/core.py Store._read does not turn sqlalchemy OperationalError into StoreError as _write "
                    "does: with PostgreSQL restarted mid-ingest (bench/faults.py postgres-restart) "
                    "Store.find_url raised it and `newsfacts ingest` ended in a traceback instead of "
                    "error[E401] — reported to the store's author by the hardening issue")


def test_a_read_from_a_database_that_went_away_is_a_store_error(tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from newsfacts.errors import StoreError

    with open_store(tmp_path / "store.db") as store:
        def connection_refused(*_args, **_kwargs):
            raise OperationalError("SELECT 1", {}, Exception("the database system is shutting down"))

        monkeypatch.setattr(store.engine, "connect", connection_refused)
        with pytest.raises(StoreError):
            store.find_url("https://news.example/1")


# --- the fuzz corpus ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(CORPUS.glob("readers-*.bin")), ids=lambda p: p.name)
def test_reader_corpus_input_no_longer_crashes(path, tmp_path):
    target = bench_module("fuzz_readers").make_readers_target(tmp_path)
    target(path.read_bytes())  # raises on a crash or a broken invariant (chunks must tile the file)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("extract-*.bin")), ids=lambda p: p.name)
def test_extract_corpus_input_no_longer_crashes(path, extractor):
    from newsfacts.errors import NewsfactsError

    target = bench_module("fuzz_extract").make_extract_target(extractor)
    try:
        target(path.read_bytes())
    except NewsfactsError:
        pass  # a typed refusal is the right answer to hostile input


# --- web API: what schemathesis found (fixed in web/storeview.py, web/api.py, web/app.py) -----------------


def call_api(app, method: str, url: str, **kwargs):
    import asyncio

    import httpx

    async def send():
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=True)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.request(method, url, **kwargs)

    # Its own thread and loop: Playwright's sync API (the browser tests) may leave a loop running in this one.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, send()).result()


@pytest.fixture
def api_app(tmp_path):
    from newsfacts.web import create_app

    return create_app(store_url=f"sqlite:///{tmp_path / 'web.db'}", options=Options())


@pytest.mark.parametrize("path", ["/api/v1/articles/9223372036854775808", "/api/v1/events/9223372036854775808",
                                  "/api/v1/articles/-9223372036854775809", "/articles/2147483648"])
def test_ids_beyond_the_store_integer_range_are_not_found(api_app, path):
    response = call_api(api_app, "GET", path)  # raised OverflowError in the SQLite driver (a 500)
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["%0B", "%0C%0A", "%1C", "!!!"])
def test_a_search_without_words_finds_nothing_rather_than_failing(api_app, query):
    response = call_api(api_app, "GET", f"/api/v1/search?q={query}")  # was 503 E401 "store unavailable"
    assert response.status_code == 200
    assert response.json() == []


def test_a_body_that_is_not_utf8_json_has_a_documented_status_and_the_error_shape(api_app):
    response = call_api(api_app, "POST", "/api/v1/extract", content=b"\x89PNG\r\n\x1a\n",
                        headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert "application/json" in response.json()["error"]["message"]
    responses = api_app.openapi()["paths"]["/api/v1/extract"]["post"]["responses"]
    assert "400" in responses


def test_the_openapi_document_says_exactly_one_input(api_app):
    schema = api_app.openapi()["components"]["schemas"]["ExtractRequest"]
    # Without it `{}` was schema-valid and then refused by the app with 422.
    branches = {(tuple(b["required"]), b["properties"][b["required"][0]]["type"]) for b in schema["oneOf"]}
    assert branches == {(("text",), "string"), (("html",), "string"), (("url",), "string")}


# --- the hostile shapes the issue names, end to end ---------------------------------------------------------

HOSTILE_TEXTS = [
    "Police said 1,2,3 people were killed in Kelvaro on Monday.",
    "The toll rose to 12– officials said, and 3-4 were detained.",
    "قال مسؤولون إن ١٢ شخصا قتلوا. Officials said ١٢ people were killed on Sunday.",
    "At least ½ of the 40 people were injured; twenty-one-year-old men were arrested.",
    "<html><body><article><p>Five people were killed when gunmen opened fire on a market in Kelvaro, police"
    " said on Monday, and 12 others were wounded in the attack on the crowded square near the",  # truncated
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=["list-commas", "open-range", "arabic-digits", "fraction", "truncated-html"])
def test_hostile_text_gives_a_record_or_a_typed_error(extractor, text):
    from newsfacts.errors import NewsfactsError
    from newsfacts.ingest.text import document_from_text

    try:
        article = extractor.extract(document_from_text(text, Options()))
    except NewsfactsError:
        return
    for fact in article.facts:
        assert article.text[fact.evidence.start : fact.evidence.end] == fact.evidence.text


def test_misdeclared_encoding_and_all_navigation_pages_are_typed_errors(extractor):
    from newsfacts.errors import NoArticleError
    from newsfacts.ingest.text import document_from_bytes

    nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(200))
    page = f"<html><head><meta charset='utf-16'></head><body><nav><ul>{nav}</ul></nav></body></html>"
    document = document_from_bytes(page.encode("cp1252"), "<nav>", Options())  # says UTF-16, is not
    with pytest.raises(NoArticleError):
        extractor.extract(document)


def test_an_oversized_page_is_refused_before_any_work():
    from newsfacts.errors import InputTooLargeError
    from newsfacts.ingest.text import document_from_bytes

    table = b"<table>" + b"<tr><td>1</td><td>2</td></tr>" * 2000 + b"</table>"
    with pytest.raises(InputTooLargeError):
        document_from_bytes(table, "<tables>", Options(max_bytes=len(table) - 1))
