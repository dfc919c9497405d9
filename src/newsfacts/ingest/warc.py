"""WARC and WARC.gz in (Common Crawl's CC-NEWS, Heritrix, wget --warc-file), streamed with warcio.

Only records that can hold an article are read: `response` records with a 2xx HTTP status and an HTML or
plain-text body, and `resource` records of those types. Requests, metadata, redirects, images and the like
are passed over without a word. A record whose body cannot be used (empty, binary, too large) yields a
`RecordError` and the stream goes on; a record whose WARC headers are corrupt yields one too, and ends that
file, since nothing says where the next record starts.

The crawl date (WARC-Date) is not taken as the publication date: archives are often crawled long after
publication, and the page usually states its own date, which the metadata stage finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from ..errors import InputError, NewsfactsError
from ..options import Options
from .base import RawDocument
from .jsonl import ReadItem, RecordError
from .text import document_from_bytes

DEFAULT_OPTIONS = Options()
ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# What warcio raises on a record it cannot parse: its own error, bad numbers, short reads, and AttributeError
# for a response record without WARC-Target-URI (found by bench/fuzz_readers.py).
CORRUPT_RECORD_ERRORS = (ArchiveLoadFailed, ValueError, OSError, EOFError, AttributeError)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _content_type(record: ArcWarcRecord) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def is_article_record(record: ArcWarcRecord) -> bool:
    """True for a successful response (or a resource) whose body is HTML or plain text."""
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response":
        if record.http_headers is None:  # a non-HTTP response (dns:, ftp:) carries no page
            return False
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
    media_type = _content_type(record).split(";")[0].strip().lower()
    return media_type in ARTICLE_TYPES


def declared_charset(content_type: str) -> str | None:
    """The charset a Content-Type header declares, if any."""
    found = _HEADER_CHARSET.search(content_type)
    return found.group(1) if found else None


def document_from_warc_record(
    record: ArcWarcRecord, body: bytes, origin: str, options: Options = DEFAULT_OPTIONS
) -> RawDocument:
    """An article record's body → RawDocument, decoded and checked like any file; InputError when unusable."""
    content_type = _content_type(record)
    document = document_from_bytes(
        body, origin, options, declared=declared_charset(content_type), html_hint="html" in content_type.lower()
    )
    return replace(document, url=record.rec_headers.get_header("WARC-Target-URI"))


def iter_warc(
    path: str | Path, options: Options = DEFAULT_OPTIONS, offset: int = 0, limit: int | None = None
) -> Iterator[ReadItem]:
    """Stream the article records of a WARC file, one RawDocument or RecordError each.

    `offset` (from `article_offsets`) starts at a record boundary; `limit` counts article records, so that
    chunks planned from `article_offsets` tile the file exactly.
    """
    read = 0
    origin = f"{path}@{offset}"
    with open(path, "rb") as handle:
        handle.seek(offset)
        records = ArchiveIterator(handle)
        while limit is None or read < limit:
            try:
                record = next(records, None)
                if record is None:
                    return
                if not is_article_record(record):
                    continue
                read += 1
                # Read the body before asking for the offset: warcio finds a record's extent by reading it.
                body = record.content_stream().read(options.max_bytes + 1)
                origin = f"{path}@{records.get_record_offset()}"  # absolute: warcio counts from the file start
                missing = getattr(record.raw_stream, "limit", 0)
                if len(body) <= options.max_bytes and missing > 0:
                    # The file ends inside the record: a partial page read as a whole article (issue 12).
                    raise InputError(f"truncated WARC record: the file ends {missing:,} bytes before the record's "
                                     f"declared end ({record.length:,} bytes): re-fetch it")
                yield document_from_warc_record(record, body, origin, options)
            except NewsfactsError as exc:
                yield RecordError.from_exception(origin, exc)
            except CORRUPT_RECORD_ERRORS as exc:
                # warcio cannot find the next record boundary after a corrupt one: report and end this file.
                error = InputError(
                    f"corrupt WARC record after this offset ({exc}): the rest of the file is skipped; re-fetch it"
                )
                yield RecordError.from_exception(origin, error)
                return


def article_offsets(path: str | Path) -> Iterator[int]:
    """Byte offset of every article record, read without decoding bodies: how a file splits into chunks.

    Stops quietly at a corrupt record; the reader reports it when it gets there.
    """
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                if is_article_record(record):
                    yield records.get_record_offset()
        except CORRUPT_RECORD_ERRORS:
            return
