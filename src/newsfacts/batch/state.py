"""What a batch has finished, kept in its output folder, so that rerunning the same command resumes.

    <out>/_batch/settings.json   the chunk size the output was cut with (a rerun must use the same)
    <out>/_batch/done.jsonl      one line per finished chunk: key, input, records, articles, errors, rows,
                                 seconds, CPU seconds, the worker's peak memory so far
    <out>/errors.jsonl           one line per record that failed: chunk, origin, code, message

Only the client writes these files, and a chunk's error lines are written before its `done` line; on start,
error lines of chunks that never finished are dropped, since those chunks run again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import InputError

STATE_DIR = "_batch"
SETTINGS = "settings.json"
DONE = "done.jsonl"
ERRORS = "errors.jsonl"


@dataclass(frozen=True)
class ErrorLine:
    """One record that failed, as written to errors.jsonl."""

    chunk: str
    origin: str
    code: str
    message: str


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk (the rows themselves stay in its Parquet files)."""

    key: str
    path: str
    records: int
    articles: int
    errors: list[ErrorLine] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker on this chunk: what a core-hour price applies to
    worker_peak_rss_mb: float = 0.0
    # Article records as JSON, only when the batch also loads a store (they go to the client for that).
    article_records: list[tuple[str, str]] = field(default_factory=list)

    def done_line(self) -> dict:
        return {
            "chunk": self.key, "input": self.path, "records": self.records, "articles": self.articles,
            "errors": len(self.errors), "rows": self.rows, "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3), "worker_peak_rss_mb": round(self.worker_peak_rss_mb, 1),
        }


def check_settings(out: Path, chunk_size: int) -> None:
    """Record the chunk size on the first run; refuse a rerun with another (its chunks would not line up)."""
    state = out / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    settings = state / SETTINGS
    if settings.exists():
        recorded = json.loads(settings.read_text(encoding="utf-8")).get("chunk_size")
        if recorded != chunk_size:
            raise InputError(
                f"{out} was written with --chunk-size {recorded}; rerun with --chunk-size {recorded} to resume, "
                "or give another --out to start afresh"
            )
        return
    settings.write_text(json.dumps({"chunk_size": chunk_size}) + "\n", encoding="utf-8")


def load_done(out: Path) -> dict[str, dict]:
    """Finished chunks by key; a torn last line (a crash mid-write) is ignored, so that chunk runs again."""
    done: dict[str, dict] = {}
    path = out / STATE_DIR / DONE
    if not path.exists():
        return done
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        done[entry["chunk"]] = entry
    return done


def prune_errors(out: Path, done: dict[str, dict]) -> None:
    """Drop error lines of chunks that did not finish: they will run again and report afresh."""
    path = out / ERRORS
    if not path.exists():
        return
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            if json.loads(line).get("chunk") in done:
                kept.append(line + "\n")
        except json.JSONDecodeError:
            continue
    path.write_text("".join(kept), encoding="utf-8")


def record_errors(out: Path, errors: list[ErrorLine]) -> None:
    if not errors:
        return
    with open(out / ERRORS, "a", encoding="utf-8") as handle:
        for error in errors:
            handle.write(json.dumps(asdict(error), ensure_ascii=False) + "\n")


def record_done(out: Path, result: ChunkResult) -> None:
    with open(out / STATE_DIR / DONE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(result.done_line(), ensure_ascii=False) + "\n")
