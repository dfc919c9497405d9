"""JSON Lines in: one article per line, streamed, never all loaded.

Each line is an object with `text` (plain text) or `html` (a page), and optionally `url`, `published`
(YYYY-MM-DD or an ISO 8601 date-time) and `source`. A line that cannot be read yields a `RecordError`
(with the line number and what to fix) and the stream goes on: one bad line never stops a batch.

`.jsonl.gz` is read through gzip; there `offset` cannot be used, so a reader that starts mid-file
decompresses from the start and skips lines (split very large gzipped files for parallel reading).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, cast

from ..errors import BinaryInputError, InputError, InputTooLargeError, NewsfactsError
from ..options import Options
from .base import RawDocument
from .text import document_from_text


@dataclass(frozen=True)
class RecordError:
    """A record a streaming reader could not turn into a RawDocument: where it is and why."""

    origin: str  # path:line, path@offset or a file path
    code: str  # the NewsfactsError code (E1xx for input problems)
    message: str

    @classmethod
    def from_exception(cls, origin: str, exc: NewsfactsError) -> RecordError:
        return cls(origin=origin, code=exc.code, message=" ".join(exc.message.split()))

    def one_line(self) -> str:
        return f"{self.origin}: error[{self.code}]: {self.message}"


ReadItem = RawDocument | RecordError

DEFAULT_OPTIONS = Options()
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_gzipped(path: str | Path) -> bool:
    return str(path).endswith(".gz")


def open_lines(path: str | Path) -> BinaryIO:
    """The file as bytes, gunzipped when its name ends in .gz."""
    return cast(BinaryIO, gzip.open(path, "rb")) if is_gzipped(path) else open(path, "rb")  # noqa: SIM115


def normalise_published(value: object) -> str:
    """YYYY-MM-DD from a date or an ISO 8601 date-time string; InputError for anything else."""
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DAY.match(text):
            try:
                return date.fromisoformat(text[:10]).isoformat()
            except ValueError:
                pass
        else:
            try:
                return datetime.fromisoformat(text).date().isoformat()
            except ValueError:
                pass
    raise InputError(
        f"'published' is {value!r}, not a date: write it as YYYY-MM-DD (or an ISO 8601 date-time), "
        "or leave it out to let newsfacts find the date in the text"
    )


def _optional_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InputError(f"'{key}' must be a string, got {type(value).__name__}")
    return value.strip()


def document_from_record(record: object, origin: str, options: Options = DEFAULT_OPTIONS) -> RawDocument:
    """One parsed JSON line → RawDocument; InputError (with what to fix) when the record is unusable."""
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object per line, got {type(record).__name__}")
    is_html = record.get("html") is not None
    body = record["html"] if is_html else record.get("text")
    if body is None:
        raise InputError("the record has neither 'text' nor 'html': give the article in one of them")
    if not isinstance(body, str):
        raise InputError(f"'{'html' if is_html else 'text'}' must be a string, got {type(body).__name__}")
    document = document_from_text(body, options)  # the size, emptiness and binary checks every reader makes
    published = record.get("published")
    return replace(
        document,
        is_html=is_html or document.is_html,
        url=_optional_str(record, "url"),
        published=normalise_published(published) if published not in (None, "") else None,
        source=_optional_str(record, "source"),
        origin=origin,
        encoding="utf-8",
    )


# A record's JSON is longer than its article: quotes and line breaks are escaped, and a writer that escapes
# non-ASCII writes 6 bytes for a 2-byte Cyrillic letter. Three times the article limit, plus room for the
# other fields, holds any record whose article is within the limit.
JSON_EXPANSION = 3
JSON_FIELDS_BYTES = 64 * 1024
# Lines are read at most this much at a time when only their lengths are needed.
LINE_CHUNK = 1024 * 1024


def max_line_bytes(options: Options) -> int:
    return JSON_EXPANSION * options.max_bytes + JSON_FIELDS_BYTES


def bounded_lines(handle: BinaryIO, limit: int, lengths: bool = False) -> Iterator[bytes | int]:
    """Each line of the stream, without ever holding more than `limit` bytes of it: a line over the limit is
    read on to its end in pieces and yielded as its length (an int) instead. With `lengths`, every line is
    yielded as its length. A 600 MB line of a small .jsonl.gz was read whole before the size check (issue 12)."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:  # the whole line (readline stops at a line break or the end of the file)
            yield len(line) if lengths else line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(LINE_CHUNK)
            if not line:
                break
            size += len(line)
        yield size


def parse_line(line: bytes, origin: str, options: Options = DEFAULT_OPTIONS) -> ReadItem:
    """One raw line → RawDocument, or RecordError saying why not (never raises for bad input)."""
    try:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BinaryInputError(f"the line is not UTF-8 ({exc.reason} at byte {exc.start}): re-encode the file") from exc
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"the line is not valid JSON ({exc.msg}, column {exc.colno}): fix or drop it") from exc
        except RecursionError:  # json's parser recurses once per level: '[' * 100000 ended the whole read
            raise InputError("the line nests JSON arrays or objects too deeply to be an article record: "
                             "fix or drop it") from None
        return document_from_record(record, origin, options)
    except NewsfactsError as exc:
        return RecordError.from_exception(origin, exc)


def iter_jsonl(
    path: str | Path,
    options: Options = DEFAULT_OPTIONS,
    first_line: int = 1,
    offset: int = 0,
    limit: int | None = None,
) -> Iterator[ReadItem]:
    """Stream the records of a JSON Lines file, one RawDocument or RecordError per non-blank line.

    `first_line` (1-based) and `offset` (its byte offset, from `line_offsets`) start mid-file; `limit` counts
    lines read, blank ones included, so that chunks planned by line number tile the file exactly.
    """
    with open_lines(path) as handle:
        if is_gzipped(path):
            for _ in range(first_line - 1):
                if not handle.readline():
                    return
        elif offset:
            handle.seek(offset)
        for index, line in enumerate(bounded_lines(handle, max_line_bytes(options))):
            if limit is not None and index >= limit:
                return
            origin = f"{path}:{first_line + index}"
            if isinstance(line, int):
                yield RecordError.from_exception(origin, InputTooLargeError(
                    f"the line is {line:,} bytes or more, over the limit of {max_line_bytes(options):,} for one "
                    "record (NEWSFACTS_MAX_BYTES and its JSON escapes): split the article or raise the limit"))
            elif line.strip():
                yield parse_line(line, origin, options)


def line_offsets(path: str | Path, every: int) -> Iterator[tuple[int, int, int]]:
    """(first line, byte offset, line count) of each run of `every` lines: how a file splits into chunks.

    Reads the file once without parsing it; the byte offset is 0 for gzipped files (they are skipped into).
    """
    gzipped = is_gzipped(path)
    first, start, count, position = 1, 0, 0, 0
    with open_lines(path) as handle:
        for line_number, line in enumerate(bounded_lines(handle, LINE_CHUNK, lengths=True), start=1):
            if count == every:
                yield first, 0 if gzipped else start, count
                first, start, count = line_number, position, 0
            count += 1
            position += cast(int, line)
    if count:
        yield first, 0 if gzipped else start, count
