"""Coverage-guided fuzzing of the streaming readers: WARC (plain and gzipped), JSON Lines, and byte decoding.

    python bench/fuzz_readers.py --runs 20000 --seconds 120

The first byte of an input picks the reader, the rest is the file:

- 0: a `.warc` file, 1: the same bytes gzipped as `.warc.gz` (a valid gzip layer over broken records):
  `iter_warc` and `article_offsets` must never raise, only yield `RecordError`s, and reading chunk by chunk
  from the planned offsets must give the records a whole read gives;
- 2: a `.jsonl` file: `iter_jsonl` must never raise, and the chunks `line_offsets` plans must tile the file
  (same records, same order as one pass);
- 3: bytes as a file is read (`document_from_bytes`): only typed `InputError`s.

Crashes are written to `tests/hardening/corpus/readers-<sha>.bin` and replayed by
`tests/hardening/test_regressions.py`. The harness is `bench/fuzz_extract.py`'s `Campaign`.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fuzz_extract import (
    Campaign,
    engine_available,
    instrumented,
    parse_args,
    run_atheris,
    run_random,
)

# Planning chunks of this many lines makes even small fuzz inputs span several chunks.
LINES_PER_CHUNK = 2


def make_readers_target(workdir: Path) -> Callable[[bytes], None]:
    from newsfacts.errors import InputError
    from newsfacts.ingest.jsonl import iter_jsonl, line_offsets
    from newsfacts.ingest.text import document_from_bytes
    from newsfacts.ingest.warc import article_offsets, iter_warc
    from newsfacts.options import Options

    options = Options(max_bytes=64 * 1024)  # small, so that the too-large paths are reachable

    def read_warc(path: Path) -> None:
        whole = [repr(item) for item in iter_warc(path, options)]
        offsets = list(article_offsets(path))
        pieces = [repr(item) for offset in offsets for item in iter_warc(path, options, offset=offset, limit=1)]
        # A corrupt record ends a whole read; the records before it must be those the planned chunks give.
        intact = next((i for i, item in enumerate(whole) if "corrupt WARC record" in item), len(whole))
        if pieces[:intact] != whole[:intact]:
            raise AssertionError(f"chunked WARC read differs: {len(pieces)} pieces vs {len(whole)} whole")

    def read_jsonl(path: Path) -> None:
        whole = list(iter_jsonl(path, options))
        pieces = [
            item
            for first, offset, count in line_offsets(path, LINES_PER_CHUNK)
            for item in iter_jsonl(path, options, first_line=first, offset=offset, limit=count)
        ]
        if pieces != whole:  # origins name the line, so equal records were read from the same lines
            raise AssertionError(f"chunked JSONL read gives {len(pieces)} records, a whole read {len(whole)}")

    def target(data: bytes) -> None:
        if not data:
            return
        reader, body = data[0] % 4, data[1:]
        if reader == 3:
            try:
                document_from_bytes(body, "<fuzz>", options)
            except InputError:
                pass
            return
        name = ("fuzz.warc", "fuzz.warc.gz", "fuzz.jsonl")[reader]
        path = workdir / name
        path.write_bytes(gzip.compress(body, mtime=0) if reader == 1 else body)
        if reader == 2:
            read_jsonl(path)
            return
        with contextlib.redirect_stderr(io.StringIO()):  # warcio prints a warning per short record
            read_warc(path)

    return target


def warc_seed() -> bytes:
    """A small crawl: a good page, a request, a 404, an image, an empty body, a Latin-1 page, a resource."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)

    def response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))

    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "newsfacts fuzz"}))
    response("https://news.example/1", b"<html><body><p>Three people were killed in Kelvaro.</p></body></html>")
    writer.write_record(writer.create_warc_record("https://news.example/1", "request",
                                                  payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    response("https://news.example/gone", b"not found", status="404 Not Found")
    response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    response("https://news.example/empty", b"   ")
    response("https://news.example/latin", "<p>Les bless\xe9s</p>".encode("latin-1"), "text/html; charset=ISO-8859-1")
    writer.write_record(writer.create_warc_record("file:///n.txt", "resource", payload=io.BytesIO(b"Two were hurt."),
                                                  warc_content_type="text/plain"))
    return out.getvalue()


def seed_inputs() -> list[bytes]:
    warc = warc_seed()
    jsonl = (
        b'{"text": "Three people were killed.", "published": "2025-01-02", "url": "https://a.example/1"}\n'
        b'\n{"html": "<p>Two were hurt</p><p>in Baku</p>", "published": "2025-01-02T10:00:00+04:00"}\n'
        b'{"text": 12}\n[1, 2]\nnot json\n{"text": "x", "published": "yesterday"}\n'
        b'{"text": "\\u0000"}\n\xff\xfe\n'
    )
    return [b"\x00" + warc, b"\x01" + warc, b"\x02" + jsonl,
            b"\x03<meta charset=utf-16><p>1,2,3 \xd9\xa1\xd9\xa2 12\xe2\x80\x93</p>", b"\x03\xfe\xff\x00<\x00p"]


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv, "Fuzz the WARC and JSON Lines readers and byte decoding.")
    engine = engine_available(args.engine)
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-readers-"))
    with instrumented(engine):
        target = make_readers_target(workdir)
    # The readers parse no language: milliseconds per input, so a much smaller time budget.
    campaign = Campaign("readers", args.runs, args.seconds, base_s=0.5, per_kb_s=0.05)
    print(f"readers: engine {engine}, seed {args.seed}, budget {args.runs:,} inputs / {args.seconds:.0f} s", flush=True)
    campaign.started = time.monotonic()
    runner = run_atheris if engine == "atheris" else run_random
    runner(campaign, target, seed_inputs(), args.seed)


if __name__ == "__main__":
    main()
