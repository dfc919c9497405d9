"""Inputs → sources → chunks: how a batch is cut into units of work that are read where they run.

A chunk names a stretch of one input (a byte offset and a record count, or a list of files), never the
records themselves, so the client never holds the articles and each worker reads its own share from a
filesystem all workers see. A chunk's key depends only on its input path and position, so rerunning the
same command gives the same keys and finished chunks can be skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import InputError, NewsfactsError
from ..ingest.jsonl import ReadItem, RecordError, iter_jsonl, line_offsets
from ..ingest.warc import article_offsets, iter_warc
from ..options import Options

SourceKind = Literal["warc", "jsonl", "files"]
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
FILE_SUFFIXES = (".html", ".htm", ".txt")


@dataclass(frozen=True)
class Source:
    """One input as given on the command line, resolved to an absolute path."""

    path: str
    kind: SourceKind

    @property
    def ident(self) -> str:
        """Short stable id of the input path: the prefix of its chunk keys."""
        return hashlib.sha1(self.path.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Chunk:
    """A stretch of one source: `count` records from `offset` (and `first_line`), or the listed `files`."""

    key: str
    kind: SourceKind
    path: str
    count: int
    offset: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()


def source_kind(path: Path) -> SourceKind:
    """What a path holds, from its name (or being a folder); InputError when it is none of the known kinds."""
    name = path.name.lower()
    if path.is_dir():
        return "files"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(FILE_SUFFIXES):
        return "files"
    raise InputError(
        f"cannot tell what {path} holds: give .warc/.warc.gz, .jsonl/.jsonl.gz, .html/.txt files or a folder of them"
    )


def find_sources(inputs: Sequence[str | Path]) -> list[Source]:
    """Classify every input; InputError naming the first one that is missing or of an unknown kind."""
    sources = []
    for given in inputs:
        path = Path(given).expanduser()
        if not path.exists():
            raise InputError(f"{given}: no such file or folder; check the path (workers must see it too)")
        sources.append(Source(path=str(path.resolve()), kind=source_kind(path)))
    return sources


def list_article_files(folder: Path) -> list[str]:
    """Every .html/.htm/.txt file under a folder, sorted, so chunks are the same on every run."""
    if folder.is_file():
        return [str(folder)]
    return sorted(
        str(p) for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith(FILE_SUFFIXES)
    )


def plan_chunks(source: Source, chunk_size: int) -> list[Chunk]:
    """Cut one source into chunks of at most `chunk_size` records (reads the file once, parses nothing)."""
    def key(index: int) -> str:
        return f"{source.ident}-{index:06d}"

    if source.kind == "warc":
        runs: list[tuple[int, int]] = []  # (offset of the first article record, article records)
        for offset in article_offsets(source.path):
            if not runs or runs[-1][1] == chunk_size:
                runs.append((offset, 0))
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        return [
            Chunk(key=key(i), kind="warc", path=source.path, count=n, offset=o) for i, (o, n) in enumerate(runs)
        ]
    if source.kind == "jsonl":
        return [
            Chunk(key=key(i), kind="jsonl", path=source.path, count=n, offset=o, first_line=first)
            for i, (first, o, n) in enumerate(line_offsets(source.path, chunk_size))
        ]
    files = list_article_files(Path(source.path))
    return [
        Chunk(key=key(i), kind="files", path=source.path, count=len(part), files=tuple(part))
        for i, part in enumerate(files[j : j + chunk_size] for j in range(0, len(files), chunk_size))
    ]


def _read_files(files: Sequence[str], options: Options) -> Iterator[ReadItem]:
    from ..ingest.text import read_path  # the ingest stage's reader: decoding, size and binary checks

    for path in files:
        try:
            yield read_path(path, options)
        except NewsfactsError as exc:
            yield RecordError.from_exception(path, exc)
        except OSError as exc:
            yield RecordError.from_exception(path, InputError(f"cannot read the file ({exc.strerror}): check it"))


def read_chunk(chunk: Chunk, options: Options) -> Iterator[ReadItem]:
    """The records of one chunk, each a RawDocument or a RecordError."""
    if chunk.kind == "warc":
        return iter_warc(chunk.path, options, offset=chunk.offset, limit=chunk.count)
    if chunk.kind == "jsonl":
        return iter_jsonl(chunk.path, options, first_line=chunk.first_line, offset=chunk.offset, limit=chunk.count)
    return _read_files(chunk.files, options)
