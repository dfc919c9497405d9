"""Readers: each turns one kind of input (text, file, stdin, URL, feed, WARC, JSONL) into a `RawDocument`,
with the same checks everywhere: empty, binary, too large, unreachable → one typed error with one clear line."""

from .base import RawDocument
from .feeds import FeedItem, feed_documents, read_feed
from .html import MainText, main_text_from_html
from .text import decode_bytes, document_from_text, looks_like_html, read_input, read_path, read_stdin
from .url import fetch_url

__all__ = [
    "FeedItem",
    "MainText",
    "RawDocument",
    "decode_bytes",
    "document_from_text",
    "feed_documents",
    "fetch_url",
    "looks_like_html",
    "main_text_from_html",
    "read_feed",
    "read_input",
    "read_path",
    "read_stdin",
]
