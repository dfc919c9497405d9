"""Readers: decoding, the bad-input contract (empty, binary, too large, no article, unreachable), URL fetching
through httpx.MockTransport (no network), feeds, and HTML main text."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsfacts.ingest
from newsfacts.errors import (
    BinaryInputError,
    EmptyInputError,
    FetchError,
    ForbiddenAddressError,
    InputError,
    InputTooLargeError,
    NewsfactsError,
    NoArticleError,
)
from newsfacts.ingest import url as url_module
from newsfacts.ingest.base import RawDocument
from newsfacts.ingest.feeds import feed_documents, parse_feed, read_feed
from newsfacts.ingest.html import main_text_from_html
from newsfacts.ingest.text import (
    binary_kind,
    decode_bytes,
    document_from_text,
    looks_like_html,
    read_input,
    read_path,
    read_stdin,
)
from newsfacts.ingest.url import fetch_url, is_public_address
from newsfacts.options import Options

OPTIONS = Options()
PUBLIC = "http://93.184.216.34"  # an IP literal: no name to resolve, so no DNS in tests
PARAGRAPH = (
    "Police in Valesk detained 214 people over the weekend as thousands of demonstrators marched against a "
    "draft law on foreign agents, the Interior Ministry said on Sunday."
)
ARTICLE_HTML = f"""<!doctype html><html><head><title>Police detain 214 in Valesk</title>
<meta property="og:site_name" content="Meridia Today">
<meta property="article:published_time" content="2025-03-02T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Police detain 214 in Valesk</h1>
<p>{PARAGRAPH}</p><p>According to the ministry, 131 people were detained on Saturday and 83 on Sunday, when a
smaller crowd gathered outside the headquarters of state television.</p></article>
<footer>Contact us</footer></body></html>"""


def test_exports_are_sorted() -> None:
    assert newsfacts.ingest.__all__ == sorted(newsfacts.ingest.__all__)
    assert all(hasattr(newsfacts.ingest, name) for name in newsfacts.ingest.__all__)


# ---------------------------------------------------------------------------------------------------------------
# Decoding.


@pytest.mark.parametrize(
    ("data", "declared", "text", "encoding"),
    [
        ("Préfecture “x” — y".encode("cp1252"), None, "Préfecture “x” — y", "cp1252"),
        ("Préfecture “x”".encode("cp1252"), "ISO-8859-1", "Préfecture “x”", "cp1252"),
        ("Préfecture “x”".encode(), "iso-8859-1", "Préfecture “x”", "utf-8"),
        ("Türkiye’s".encode(), None, "Türkiye’s", "utf-8"),
        ("\ufeffNews".encode(), None, "News", "utf-8"),
        ("Türkiye’s".encode("utf-16"), None, "Türkiye’s", "utf-16-le"),
        ('<meta charset="windows-1251"><p>Погибли</p>'.encode("cp1251"), None, None, "cp1251"),
        ("<?xml version='1.0' encoding='koi8-r'?><p>Погибли</p>".encode("koi8-r"), None, None, "koi8-r"),
        ("Погибли".encode("cp1251"), "windows-1251", "Погибли", "cp1251"),
        (b"caf\xe9 \x81", None, "café \x81", "cp1252"),
        (b"plain", "no-such-charset", "plain", "utf-8"),
    ],
)
def test_decode_bytes(data: bytes, declared: str | None, text: str | None, encoding: str) -> None:
    decoded, used = decode_bytes(data, declared)
    assert used == encoding
    if text is not None:
        assert decoded == text
    else:
        assert "Погибли" in decoded


@given(st.text(max_size=50))
def test_decode_round_trips_utf8(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"))[0] == text.removeprefix("\ufeff")


@given(st.binary(max_size=200))
def test_decode_never_fails(data: bytes) -> None:
    text, encoding = decode_bytes(data)
    assert isinstance(text, str) and encoding


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG"),
        (b"PK\x03\x04....", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"text\x00with a NUL", "NUL"),
    ],
)
def test_binary_kind(data: bytes, kind: str) -> None:
    assert kind in (binary_kind(data) or "")


def test_text_is_not_binary() -> None:
    assert binary_kind("Türkiye’s".encode("utf-16")) is None
    assert binary_kind(b"plain text") is None


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  <html><p>x</p></html>", True),
        ("<div><p>A fragment</p></div>", True),
        ("<?xml version='1.0'?><html><body>x</body></html>", True),
        ("Police said <p> is a tag.", False),
        ("<3 this story", False),
        (PARAGRAPH, False),
    ],
)
def test_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html


# ---------------------------------------------------------------------------------------------------------------
# The bad-input contract for text, files and stdin.


def test_document_from_text() -> None:
    document = document_from_text(PARAGRAPH, OPTIONS)
    assert document.content == PARAGRAPH and not document.is_html
    assert document_from_text(ARTICLE_HTML, OPTIONS).is_html
    with pytest.raises(EmptyInputError, match="empty"):
        document_from_text(" \n\t ", OPTIONS)
    with pytest.raises(InputTooLargeError, match="over the limit"):
        document_from_text("é" * 60, Options(max_bytes=100))
    with pytest.raises(BinaryInputError):
        document_from_text("a\x00b", OPTIONS)


def test_read_path(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_bytes("<p>Préfecture “x”</p>".encode("cp1252"))
    document = read_path(page, OPTIONS)
    assert document.is_html and document.content == "<p>Préfecture “x”</p>" and document.encoding == "cp1252"
    assert document.origin == str(page)
    text = tmp_path / "a.txt"
    text.write_text(PARAGRAPH, encoding="utf-8")
    assert not read_path(text, OPTIONS).is_html


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", EmptyInputError, "empty"),
        (b"  \n ", EmptyInputError, "empty"),
        (b"%PDF-1.4 binary", BinaryInputError, "PDF"),
        (b"\x89PNG\r\n\x1a\nxx", BinaryInputError, "PNG"),
        (b"x" * 101, InputTooLargeError, "over the limit"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, error: type, words: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(error, match=words) as raised:
        read_path(path, Options(max_bytes=100))
    assert str(path) in raised.value.message and "\n" not in raised.value.one_line()


def test_size_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1000)
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("read a file over the limit"))
    with pytest.raises(InputTooLargeError):
        read_path(path, Options(max_bytes=100))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file: .*nope.txt"):
        read_input(str(tmp_path / "nope.txt"), OPTIONS)
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path, OPTIONS)


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin("Préfecture".encode("cp1252")))
    assert read_stdin(OPTIONS).content == "Préfecture"
    monkeypatch.setattr("sys.stdin", _Stdin(b"x" * 200))
    with pytest.raises(InputTooLargeError):
        read_input("-", Options(max_bytes=100))
    monkeypatch.setattr("sys.stdin", _Stdin(b""))
    with pytest.raises(EmptyInputError, match="<stdin>"):
        read_stdin(OPTIONS)


# ---------------------------------------------------------------------------------------------------------------
# URLs, through httpx.MockTransport.


def _transport(routes: dict[str, httpx.Response]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        response = routes.get(str(request.url))
        if response is None:
            return httpx.Response(404, text="not here")
        return response

    return httpx.MockTransport(handler)


def test_fetch_html_with_declared_charset() -> None:
    body = "<html><body><p>Préfecture “x”</p></body></html>".encode("cp1252")
    transport = _transport(
        {f"{PUBLIC}/a": httpx.Response(200, content=body, headers={"Content-Type": "text/html; charset=iso-8859-1"})}
    )
    document = fetch_url(f"{PUBLIC}/a", OPTIONS, transport=transport)
    assert document.is_html and "Préfecture “x”" in document.content
    assert document.url == f"{PUBLIC}/a" and document.encoding == "cp1252"


def test_fetch_plain_text_and_user_agent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text=PARAGRAPH, headers={"Content-Type": "text/plain"})

    document = fetch_url(f"{PUBLIC}/t", OPTIONS, transport=httpx.MockTransport(handler))
    assert not document.is_html and document.content == PARAGRAPH
    assert seen[0].headers["User-Agent"] == OPTIONS.user_agent


def test_redirects_are_followed_and_rechecked() -> None:
    transport = _transport(
        {
            f"{PUBLIC}/old": httpx.Response(301, headers={"Location": "/new"}),
            f"{PUBLIC}/new": httpx.Response(200, text=PARAGRAPH, headers={"Content-Type": "text/plain"}),
            f"{PUBLIC}/sneaky": httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"}),
            f"{PUBLIC}/loop": httpx.Response(302, headers={"Location": "/loop"}),
        }
    )
    assert fetch_url(f"{PUBLIC}/old", OPTIONS, transport=transport).url == f"{PUBLIC}/new"
    with pytest.raises(ForbiddenAddressError, match="127.0.0.1"):
        fetch_url(f"{PUBLIC}/sneaky", OPTIONS, transport=transport)
    with pytest.raises(FetchError, match="redirected more than"):
        fetch_url(f"{PUBLIC}/loop", OPTIONS, transport=transport)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://10.0.0.5/", "http://169.254.169.254/latest", "http://[::1]/", "http://0.0.0.0/"]
)
def test_private_addresses_are_refused(url: str) -> None:
    transport = _transport({})
    with pytest.raises(ForbiddenAddressError, match="NEWSFACTS_ALLOW_PRIVATE_URLS"):
        fetch_url(url, OPTIONS, transport=transport)


def test_private_address_allowed_when_asked() -> None:
    transport = _transport({"http://127.0.0.1/a": httpx.Response(200, text=PARAGRAPH, headers={"Content-Type": "text/plain"})})
    assert fetch_url("http://127.0.0.1/a", Options(allow_private_urls=True), transport=transport).content == PARAGRAPH


def test_host_names_are_resolved_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    transport = _transport({"http://news.example/a": httpx.Response(200, text=PARAGRAPH)})
    monkeypatch.setattr(url_module, "resolve_host", lambda host: ["93.184.216.34"])
    assert fetch_url("http://news.example/a", OPTIONS, transport=transport).content == PARAGRAPH
    monkeypatch.setattr(url_module, "resolve_host", lambda host: ["93.184.216.34", "192.168.1.4"])
    with pytest.raises(ForbiddenAddressError, match="192.168.1.4"):
        fetch_url("http://news.example/a", OPTIONS, transport=transport)


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def fail(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match="cannot resolve host 'dead.example'"):
        fetch_url("http://dead.example/", OPTIONS, transport=_transport({}))


def test_public_address_check() -> None:
    assert is_public_address("93.184.216.34") and is_public_address("2606:4700::1111")
    for address in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.1.1", "::1", "fe80::1",
                    "224.0.0.1", "240.0.0.1", "::ffff:127.0.0.1", "100.64.0.1"):
        assert not is_public_address(address), address


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404 Not Found"), (503, "HTTP 503")])
def test_http_errors(status: int, words: str) -> None:
    transport = _transport({f"{PUBLIC}/x": httpx.Response(status)})
    with pytest.raises(FetchError, match=words):
        fetch_url(f"{PUBLIC}/x", OPTIONS, transport=transport)


def test_timeouts_and_dead_hosts() -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(FetchError, match="timed out after 15 s"):
        fetch_url(f"{PUBLIC}/x", OPTIONS, transport=httpx.MockTransport(timeout))
    with pytest.raises(FetchError, match="connection refused"):
        fetch_url(f"{PUBLIC}/x", OPTIONS, transport=httpx.MockTransport(refused))


def test_content_type_and_size() -> None:
    transport = _transport(
        {
            f"{PUBLIC}/pdf": httpx.Response(200, content=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}),
            f"{PUBLIC}/big": httpx.Response(200, content=b"x" * 500, headers={"Content-Type": "text/plain"}),
            f"{PUBLIC}/stream": httpx.Response(200, content=iter([b"x" * 60, b"y" * 60]), headers={"Content-Type": "text/plain"}),
            f"{PUBLIC}/empty": httpx.Response(200, content=b"", headers={"Content-Type": "text/html"}),
        }
    )
    with pytest.raises(InputError, match="application/pdf"):
        fetch_url(f"{PUBLIC}/pdf", OPTIONS, transport=transport)
    with pytest.raises(InputTooLargeError):
        fetch_url(f"{PUBLIC}/big", Options(max_bytes=100), transport=transport)
    with pytest.raises(InputTooLargeError):
        fetch_url(f"{PUBLIC}/stream", Options(max_bytes=100), transport=transport)
    with pytest.raises(EmptyInputError):
        fetch_url(f"{PUBLIC}/empty", OPTIONS, transport=transport)


def test_bad_urls() -> None:
    with pytest.raises(InputError, match="only http"):
        fetch_url("ftp://93.184.216.34/x", OPTIONS, transport=_transport({}))
    with pytest.raises(InputError):
        fetch_url("http://", OPTIONS, transport=_transport({}))


def test_read_input_dispatches_urls() -> None:
    transport = _transport({f"{PUBLIC}/a": httpx.Response(200, text=PARAGRAPH, headers={"Content-Type": "text/plain"})})
    assert read_input(f"{PUBLIC}/a", OPTIONS, transport=transport).url == f"{PUBLIC}/a"


# ---------------------------------------------------------------------------------------------------------------
# Feeds.

RSS = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Meridia Today</title>
<item><title>Police detain 214</title><link>{PUBLIC}/a</link><pubDate>Sun, 02 Mar 2025 18:00:00 GMT</pubDate>
<description>&lt;p&gt;Police   detained 214.&lt;/p&gt;</description></item>
<item><title>Broken</title><link>{PUBLIC}/gone</link></item>
<item><title>No link</title></item>
</channel></rss>""".encode()
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Euro Wire</title>
<entry><title>Chernobyl 40 years on</title><link href="{PUBLIC}/c"/><updated>2025-04-26T08:00:00+02:00</updated>
<summary>Flowers laid.</summary></entry></feed>""".encode()


def test_parse_rss_and_atom() -> None:
    items = parse_feed(RSS, "feed.xml")
    assert [item.title for item in items] == ["Police detain 214", "Broken", "No link"]
    first = items[0]
    assert (first.link, first.published, first.summary, first.source) == (
        f"{PUBLIC}/a", "2025-03-02", "Police detained 214.", "Meridia Today"
    )
    (entry,) = parse_feed(ATOM, "atom.xml")
    assert (entry.link, entry.published, entry.source) == (f"{PUBLIC}/c", "2025-04-26", "Euro Wire")


def test_read_feed_from_file_and_url(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS)
    assert len(read_feed(str(path), OPTIONS)) == 3
    transport = _transport({f"{PUBLIC}/feed": httpx.Response(200, content=ATOM, headers={"Content-Type": "application/atom+xml"})})
    assert read_feed(f"{PUBLIC}/feed", OPTIONS, transport=transport)[0].title == "Chernobyl 40 years on"


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PARAGRAPH)
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read_feed(str(path), OPTIONS)


def test_feed_documents_go_on_after_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS)
    transport = _transport({f"{PUBLIC}/a": httpx.Response(200, text=ARTICLE_HTML, headers={"Content-Type": "text/html"})})
    results = list(feed_documents(str(path), OPTIONS, transport=transport))
    assert len(results) == 3
    document, gone, no_link = results
    assert isinstance(document, RawDocument) and document.is_html
    assert (document.published, document.source, document.url) == ("2025-03-02", "Meridia Today", f"{PUBLIC}/a")
    assert isinstance(gone, FetchError) and "HTTP 404" in gone.message
    assert isinstance(no_link, NewsfactsError) and "no link" in no_link.message


# ---------------------------------------------------------------------------------------------------------------
# HTML main text.


def test_main_text_from_html() -> None:
    main = main_text_from_html(RawDocument(ARTICLE_HTML, is_html=True, url=f"{PUBLIC}/a"), OPTIONS)
    assert main.title == "Police detain 214 in Valesk"
    assert main.published == "2025-03-02" and main.source == "Meridia Today"
    assert main.text.startswith("Police in Valesk detained 214") and "\n\nAccording to the ministry" in main.text
    assert "Home" not in main.text and "Contact us" not in main.text


def test_html_date_from_url_when_the_page_has_none() -> None:
    html = ARTICLE_HTML.replace('<meta property="article:published_time" content="2025-03-02T09:00:00Z">', "")
    main = main_text_from_html(RawDocument(html, is_html=True, url="https://x.example/2025/03/03/story"), OPTIONS)
    assert main.published == "2025-03-03"


def test_historical_dates_in_prose_are_not_the_page_date() -> None:
    body = "<p>Thirty-five years have passed since the events of January 20, 2015, when troops entered the city " \
           "and opened fire on crowds, killing scores of people in the streets of the capital.</p>"
    main = main_text_from_html(RawDocument(f"<html><body><article>{body}</article></body></html>", is_html=True), OPTIONS)
    assert main.published is None


def test_navigation_page_has_no_article() -> None:
    html = "<html><body><nav><a href='/'>Home</a><a href='/w'>World</a><a href='/s'>Sport</a></nav></body></html>"
    with pytest.raises(NoArticleError, match="no article text found"):
        main_text_from_html(RawDocument(html, is_html=True, origin="nav.html"), OPTIONS)


def test_embedded_posts_are_flattened_first(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfacts.posts

    monkeypatch.setattr(
        newsfacts.posts, "flatten_embedded_posts", lambda html: html.replace("EMBED", "<p>Flattened post text.</p>")
    )
    html = ARTICLE_HTML.replace("</article>", "EMBED</article>")
    assert "Flattened post text." in main_text_from_html(RawDocument(html, is_html=True), OPTIONS).text
