"""One input named on the command line → the articles it holds, whatever its kind.

`iter_input` is what `extract` and `ingest` read through, so both accept the same things:

- a JSON Lines file (`.jsonl`, `.jsonl.gz`, or any file or stdin whose first line is a JSON article record):
  one article per line; a bad line is a `RecordError` naming its line number, and the others go on;
- a `.json` file holding one article record;
- a WARC file (`.warc`, `.warc.gz`; needs warcio, `pip install 'newsfacts[batch]'`): each article record;
- anything else: one article (text or HTML file, http(s) URL, or `-` for stdin).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import httpx

from ..errors import InputError, NewsfactsError, require_extra
from ..options import Options
from .jsonl import ReadItem, RecordError, document_from_record, iter_jsonl, parse_line
from .text import check_bytes, document_from_bytes, looks_like_html, read_bytes, read_input

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_article_record_line(line: bytes) -> bool:
    """Whether a line is a JSON article record ({"text": …} or {"html": …}): what makes input JSON Lines."""
    stripped = line.strip()
    if not stripped.startswith(b"{"):
        return False
    try:
        record = json.loads(stripped)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return isinstance(record, dict) and ("text" in record or "html" in record)


def _first_line(data: bytes) -> bytes:
    return next((line for line in data.splitlines() if line.strip()), b"")


def _lines(data: bytes, origin: str, options: Options) -> Iterator[ReadItem]:
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            yield parse_line(line, f"{origin}:{number}", options)


def _json_record(path: str, options: Options) -> Iterator[ReadItem]:
    data = read_bytes(path, options)
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        if is_article_record_line(_first_line(data)):
            yield from _lines(data, path, options)  # JSON Lines under a .json name
            return
        raise InputError(f"{path} is not a JSON article record ({exc}): give text, HTML or a JSON object with 'text'") from exc
    except RecursionError:
        raise InputError(f"{path} nests JSON too deeply to be an article record: give a JSON object with 'text'") from None
    yield document_from_record(record, path, options)


def _warc(path: str, options: Options) -> Iterator[ReadItem]:
    require_extra("warcio", "batch")
    from .warc import iter_warc

    if not Path(path).is_file():
        raise InputError(f"no such file: {path}: check the path")
    yield from iter_warc(path, options)


def _stdin(stream: BinaryIO, options: Options) -> Iterator[ReadItem]:
    """stdin: JSON Lines streamed line by line when its first line is an article record, else one article."""
    head = b""
    while not head.strip():
        line = stream.readline(options.max_bytes + 1)
        if not line:
            break
        head += line
    if is_article_record_line(head):
        number = head.count(b"\n") or 1  # blank lines before the first record count too
        yield parse_line(head.strip(), f"<stdin>:{number}", options)
        for line in iter(lambda: stream.readline(options.max_bytes + 1), b""):
            number += 1
            if line.strip():
                yield parse_line(line, f"<stdin>:{number}", options)
        return
    data = head + stream.read(max(options.max_bytes + 1 - len(head), 0))
    yield document_from_bytes(data, "<stdin>", options)


def iter_input(spec: str, options: Options, transport: httpx.BaseTransport | None = None,
               stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """The articles of one input, each a RawDocument or a RecordError (a bad line or record; the rest go on).
    An input that cannot be read at all raises its NewsfactsError."""
    lowered = spec.lower()
    if spec == "-":
        yield from _stdin(stdin or sys.stdin.buffer, options)
    elif lowered.startswith(("http://", "https://")):
        yield read_input(spec, options, transport)
    elif lowered.endswith(JSONL_SUFFIXES):
        if not Path(spec).is_file():
            raise InputError(f"no such file: {spec}: check the path")
        yield from iter_jsonl(spec, options)
    elif lowered.endswith(WARC_SUFFIXES):
        yield from _warc(spec, options)
    elif lowered.endswith(".json"):
        yield from _json_record(spec, options)
    else:
        data = read_bytes(spec, options)
        check_bytes(data, spec, options)
        first = _first_line(data)
        if is_article_record_line(first) and not looks_like_html(first.decode("utf-8", "replace")):
            yield from _lines(data, spec, options)
        else:
            from .text import HTML_SUFFIXES

            yield document_from_bytes(data, spec, options, html_hint=Path(spec).suffix.lower() in HTML_SUFFIXES)


def error_of(item: RecordError) -> NewsfactsError:
    """A RecordError as the typed error it stands for, with its origin (path:line) attached."""
    error = NewsfactsError(item.message)
    error.code = item.code
    error.origin = item.origin  # type: ignore[attr-defined]
    return error
