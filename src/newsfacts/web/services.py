"""The two things the web app calls: one lazily built Extractor, and one lazily opened store.

Both are slow to start (a spaCy pipeline, a database connection), so they are built on first use, not at
import, and the app stays quick to start and to test. Extraction runs in a worker thread under a lock: one
spaCy pipeline is not safe to call from two threads at once, and a web user waits for a second either way.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from ..errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError, StoreError
from ..ingest.base import RawDocument
from ..model import Article
from ..options import Options


class ArticleExtractor(Protocol):
    def extract(self, document: RawDocument | str) -> Article: ...


def default_extractor(options: Options) -> ArticleExtractor:
    from ..pipeline import Extractor

    return Extractor(options)


class ExtractionService:
    """Builds its Extractor on first use (the factory is swappable, which the tests use)."""

    def __init__(self, options: Options, factory: Callable[[Options], ArticleExtractor] = default_extractor):
        self.options = options
        self.factory = factory
        self._extractor: ArticleExtractor | None = None
        self._lock = threading.Lock()

    def extract(self, document: RawDocument) -> Article:
        with self._lock:
            if self._extractor is None:
                self._extractor = self.factory(self.options)
            return self._extractor.extract(document)


class StoreNotConfiguredError(StoreError):
    """The server was started without a store; reading stored articles and events is not possible."""


class StoreService:
    """Opens the store named by `url` on first use; with no url every store call explains how to add one."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self._store: Any = None
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        return self.url is not None

    def get(self) -> Any:
        if self.url is None:
            raise StoreNotConfiguredError(
                "no store is configured: start the server with `newsfacts serve --db URL` "
                "(for example --db sqlite:///newsfacts.db)"
            )
        with self._lock:
            if self._store is None:
                from ..store import open_store

                self._store = open_store(self.url)
            return self._store


def document_from_text(text: str, options: Options, *, is_html: bool = False, origin: str = "<form>",
                       published: str | None = None, source: str | None = None,
                       url: str | None = None) -> RawDocument:
    """A RawDocument from text a user pasted or posted, with the metadata they gave."""
    if not text.strip():
        raise EmptyInputError("the article text is empty: paste the text, upload a file, or give a URL")
    if len(text.encode("utf-8")) > options.max_bytes:
        raise InputTooLargeError(
            f"the article is over the {options.max_bytes} byte limit: split it or raise NEWSFACTS_MAX_BYTES"
        )
    return RawDocument(content=text, is_html=is_html or looks_like_html(text), url=url,
                       published=published, source=source, origin=origin)


HTML_START = re.compile(r"\s*<(!doctype html|html|head|body|article|div|p|section|main)[\s>]", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A page or an HTML fragment rather than text: it opens with a document or block-level tag."""
    return HTML_START.match(text[:1024]) is not None


def decode_upload(data: bytes, filename: str | None) -> str:
    """Uploaded bytes as text: UTF-8 (with or without BOM), else Latin-1 for old pages; NUL bytes mean a
    binary file (a PDF, an image), which is refused."""
    if b"\x00" in data[:4096]:
        raise BinaryInputError(
            f"{filename or 'the upload'} looks like a binary file: upload the article as text or HTML"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def check_published(published: str | None) -> None:
    """An invalid publication date given with a request is refused, as the CLI refuses it (it was ignored)."""
    from ..metadata import MISSING_DATE_MARKERS, PUBLISHED_YEARS, normalise_date

    if published and published.strip().lower() not in MISSING_DATE_MARKERS and not normalise_date(published):
        raise InputError(f"'published' {published!r} is not a publication date: give it as YYYY-MM-DD, "
                         f"years {PUBLISHED_YEARS.start}-{PUBLISHED_YEARS.stop - 1}, or leave it out")


def with_metadata(document: RawDocument, published: str | None, source: str | None) -> RawDocument:
    """What the user states about a fetched page wins over what the page says."""
    return replace(document, published=published or document.published, source=source or document.source)
