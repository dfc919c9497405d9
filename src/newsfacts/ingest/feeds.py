"""RSS and Atom feeds (feedparser): the items of a feed, and the article behind each item's link.

The feed is always handed to feedparser as bytes, never as a string, because feedparser fetches a string
that looks like a URL itself, past our timeouts, size cap and address checks.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace

import httpx

from ..errors import InputError, NewsfactsError
from ..options import Options
from .base import RawDocument
from .text import check_bytes, read_bytes
from .url import fetch, fetch_url

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "text/plain",  # some servers send feeds as text
        "text/html",  # and some as HTML; feedparser tells
    }
)
# A tag ends at the next `<` too: `<[^>]+>` scanned to the end of the text from every `<` when none closed.
_TAG = re.compile(r"<[^<>]++>")


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed; `source` is the feed's own title (the outlet)."""

    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD
    summary: str | None
    source: str | None = None


def _plain(value: str | None) -> str | None:
    """Feed text without markup or runs of whitespace."""
    if not value:
        return None
    import html

    text = " ".join(html.unescape(_TAG.sub(" ", value)).split())
    return text or None


def _entry_date(entry: dict) -> str | None:
    """published, else updated, as YYYY-MM-DD (feedparser gives UTC struct_time)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed)))
    return None


def feed_bytes(spec: str, options: Options, transport: httpx.BaseTransport | None = None) -> bytes:
    """The feed's bytes, from a URL or a file, within the size limit."""
    if spec.lower().startswith(("http://", "https://")):
        fetched = fetch(spec, options, FEED_TYPES, transport=transport)
        check_bytes(fetched.body, spec, options)
        return fetched.body
    data = read_bytes(spec, options)
    check_bytes(data, spec, options)
    return data


def parse_feed(data: bytes, origin: str) -> list[FeedItem]:
    """The items of an RSS or Atom document; InputError when it is not one."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise InputError(f"{origin} is not an RSS or Atom feed (no items found): give the feed's address")
    source = _plain(parsed.feed.get("title"))
    return [
        FeedItem(
            link=(entry.get("link") or "").strip() or None,
            title=_plain(entry.get("title")),
            published=_entry_date(entry),
            summary=_plain(entry.get("summary")),
            source=source,
        )
        for entry in parsed.entries
    ]


def read_feed(spec: str, options: Options, transport: httpx.BaseTransport | None = None) -> list[FeedItem]:
    """The items of an RSS/Atom feed given as a URL or a file."""
    return parse_feed(feed_bytes(spec, options, transport), spec)


def feed_documents(
    spec: str, options: Options, transport: httpx.BaseTransport | None = None
) -> Iterator[RawDocument | NewsfactsError]:
    """The article behind each item, with the feed's date and title as the carrier's metadata; an item that
    cannot be fetched yields its error and the others go on."""
    for item in read_feed(spec, options, transport):
        if not item.link:
            yield InputError(f"an item of {spec} ({item.title or 'untitled'}) has no link: nothing to fetch")
            continue
        try:
            document = fetch_url(item.link, options, transport=transport)
        except NewsfactsError as exc:
            yield exc
            continue
        yield replace(
            document,
            published=item.published or document.published,
            source=item.source or document.source,
            title=item.title or document.title,
        )
