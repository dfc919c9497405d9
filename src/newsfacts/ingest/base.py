"""What every reader hands to the pipeline: one decoded document and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawDocument:
    """One article as read: decoded text or HTML, plus metadata the reader already knows."""

    content: str
    is_html: bool = False
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD when the carrier says so (crawler, feed, WARC header)
    source: str | None = None  # outlet name when known
    title: str | None = None  # headline when the carrier gives one (feed item, JSONL record)
    origin: str = "<text>"  # path, URL or "<stdin>", for messages
    encoding: str | None = None  # the encoding the bytes were decoded from, when they were bytes
