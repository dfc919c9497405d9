"""Streaming readers: WARC (a fixture written here with warcio) and JSON Lines; a bad record never stops them."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfacts.errors import InputError
from newsfacts.ingest.base import RawDocument
from newsfacts.ingest.jsonl import (
    RecordError,
    document_from_record,
    iter_jsonl,
    line_offsets,
    normalise_published,
    parse_line,
)
from newsfacts.ingest.warc import article_offsets, declared_charset, iter_warc
from newsfacts.options import Options

PAGE = "<html><head><title>Blast</title></head><body><p>Three people were killed in {town}.</p></body></html>"


def write_response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                   status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
    writer.write_record(record)


def make_warc(path: Path, pages: int = 3, gzipped: bool = True) -> Path:
    """A small crawl: article pages, plus the records a reader must pass over or report."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsfacts tests"}))
        for i in range(pages):
            request = writer.create_warc_record(f"https://news.example/{i}", "request",
                                                payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            write_response(writer, f"https://news.example/{i}", PAGE.format(town=f"Town{i}").encode())
        write_response(writer, "https://news.example/gone", b"not found", status="404 Not Found")
        write_response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
        write_response(writer, "https://news.example/empty", b"   ")
        write_response(writer, "https://news.example/latin", "<p>Les bless\xe9s de Lyon</p>".encode("latin-1"),
                       content_type="text/html; charset=ISO-8859-1")
        resource = writer.create_warc_record("file:///notes.txt", "resource", payload=BytesIO(b"Two were injured."),
                                             warc_content_type="text/plain")
        writer.write_record(resource)
    return path


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def warc_file(tmp_path: Path, request) -> Path:
    name = "crawl.warc.gz" if request.param else "crawl.warc"
    return make_warc(tmp_path / name, gzipped=request.param)


def test_warc_reads_articles_and_reports_bad_records(warc_file: Path):
    items = list(iter_warc(warc_file, Options()))
    documents = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, RecordError)]
    assert [d.url for d in documents] == [
        "https://news.example/0", "https://news.example/1", "https://news.example/2",
        "https://news.example/latin", "file:///notes.txt",
    ]
    assert all(d.is_html for d in documents[:4]) and not documents[4].is_html
    assert "Town1" in documents[1].content
    assert "blessés" in documents[3].content and documents[3].encoding in ("cp1252", "latin-1", "iso-8859-1")  # WHATWG reads latin-1 as cp1252
    assert documents[4].content == "Two were injured."
    assert [e.code for e in errors] == ["E101"]  # the empty body; the 404 and the image are not articles
    assert all("@" in d.origin for d in documents)


def test_warc_offsets_start_mid_file(warc_file: Path):
    offsets = list(article_offsets(warc_file))
    assert len(offsets) == 6  # 3 pages, the empty one, the latin one, the resource
    whole = list(iter_warc(warc_file, Options()))
    tail = list(iter_warc(warc_file, Options(), offset=offsets[2], limit=2))
    assert tail == whole[2:4]
    assert [i.origin for i in whole] == [f"{warc_file}@{o}" for o in offsets]


def test_warc_too_large_is_an_error_not_a_stop(warc_file: Path):
    items = list(iter_warc(warc_file, Options(max_bytes=40)))
    assert {i.code for i in items if isinstance(i, RecordError)} >= {"E103"}
    assert any(isinstance(i, RawDocument) for i in items)  # the short text/plain resource still comes through


def test_corrupt_warc_reports_and_ends_the_file(tmp_path: Path):
    path = make_warc(tmp_path / "broken.warc.gz", pages=2)
    with open(path, "ab") as handle:
        handle.write(gzip.compress(b"garbage, not a WARC header\r\n\r\n"))
    items = list(iter_warc(path, Options()))
    assert isinstance(items[-1], RecordError) and "corrupt WARC record" in items[-1].message
    assert sum(isinstance(i, RawDocument) for i in items) == 4  # 2 pages, the latin one, the resource


def test_declared_charset():
    assert declared_charset("text/html; charset=ISO-8859-1") == "ISO-8859-1"
    assert declared_charset('text/html; charset="utf-8"') == "utf-8"
    assert declared_charset("text/html") is None


# ---- JSON Lines ----------------------------------------------------------------------------------------


def test_record_fields():
    doc = document_from_record(
        {"html": "<p>Two killed</p>", "url": "https://a.example/x", "published": "2025-03-14T08:00:00Z",
         "source": " Wire "}, "f.jsonl:3")
    assert doc.is_html and doc.url == "https://a.example/x" and doc.published == "2025-03-14"
    assert doc.source == "Wire" and doc.origin == "f.jsonl:3"
    assert not document_from_record({"text": "Two were killed."}, "f:1").is_html


@pytest.mark.parametrize(
    ("record", "code"),
    [
        ({"url": "x"}, "E100"),
        ({"text": 3}, "E100"),
        ({"text": "   "}, "E101"),
        ({"text": "a\x00b"}, "E102"),
        ({"text": "ok", "published": "last Tuesday"}, "E100"),
        ([1, 2], "E100"),
    ],
)
def test_bad_records_raise_typed_errors(record, code):
    with pytest.raises(InputError) as caught:
        document_from_record(record, "f:1")
    assert caught.value.code == code


def test_parse_line_never_raises():
    assert parse_line(b"{not json", "f:1").code == "E100"
    assert parse_line(b'{"text": "caf\xe9"}', "f:2").code == "E102"
    assert isinstance(parse_line(b'{"text": "Five were hurt."}', "f:3"), RawDocument)


def write_jsonl(path: Path, lines: list[str]) -> Path:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_jsonl_stream_goes_on_after_a_bad_line(tmp_path: Path, name: str):
    path = write_jsonl(tmp_path / name, [json.dumps({"text": "One killed."}), "oops", "",
                                         json.dumps({"text": "Two killed."})])
    items = list(iter_jsonl(path, Options()))
    assert [type(i).__name__ for i in items] == ["RawDocument", "RecordError", "RawDocument"]
    assert [i.origin for i in items] == [f"{path}:1", f"{path}:2", f"{path}:4"]


def test_normalise_published():
    assert normalise_published("2025-03-14") == "2025-03-14"
    assert normalise_published(" 2025-03-14T23:59:00+05:00 ") == "2025-03-14"
    for bad in ("2025-13-01", "14/03/2025", 20250314, None):
        with pytest.raises(InputError):
            normalise_published(bad)


@given(st.dates())
def test_normalise_published_round_trips_dates(day):
    assert normalise_published(day.isoformat()) == day.isoformat()
    assert normalise_published(f"{day.isoformat()}T12:00:00") == day.isoformat()


@settings(max_examples=25, deadline=None)
@given(
    texts=st.lists(st.one_of(st.text(min_size=1, max_size=30), st.just("")), min_size=1, max_size=15),
    every=st.integers(min_value=1, max_value=6),
    gzipped=st.booleans(),
)
def test_chunks_tile_the_file(tmp_path_factory, texts, every, gzipped):
    """Reading chunk by chunk (from line_offsets) gives exactly what one pass gives, in order."""
    folder = tmp_path_factory.mktemp("tile")
    lines = [json.dumps({"text": t}) if t else "" for t in texts]
    path = write_jsonl(folder / ("t.jsonl.gz" if gzipped else "t.jsonl"), lines)
    whole = list(iter_jsonl(path, Options()))
    pieces = [
        item
        for first, offset, count in line_offsets(path, every)
        for item in iter_jsonl(path, Options(), first_line=first, offset=offset, limit=count)
    ]
    assert pieces == whole
    assert sum(count for _, _, count in line_offsets(path, every)) == len(lines)


def test_a_truncated_plain_warc_record_is_an_error_not_an_article(tmp_path):
    """Issue 12: the partial page of a record cut short by the end of the file was read as a whole article."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from newsfacts.ingest.jsonl import RecordError
    from newsfacts.ingest.warc import iter_warc

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    body = b"<html><body><p>" + b"Police said five people were killed in the market. " * 40 + b"</p></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://e.example/a", "response", payload=io.BytesIO(body),
                                                  http_headers=headers))
    whole = tmp_path / "whole.warc"
    whole.write_bytes(buffer.getvalue())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(buffer.getvalue()[:-300])
    assert not isinstance(next(iter_warc(whole)), RecordError)
    error = next(iter_warc(cut))
    assert isinstance(error, RecordError) and "truncated WARC record" in error.message
