"""run_batch(): many inputs through `Extractor.extract()` on Dask distributed, into Parquet (and a store).

The run, step by step:

1. inputs are classified (WARC, JSON Lines, folders of .html/.txt) and the output folder's state is read;
2. each input is planned on a worker: cut into chunks of `chunk_size` records by offset, nothing parsed;
3. chunks not finished by an earlier run are submitted, a bounded number at a time (memory stays flat on
   the client whatever the input size);
4. on a worker, a chunk's records are read from the shared filesystem and extracted by the one Extractor
   that worker holds (loaded once by a WorkerPlugin); a record that fails becomes an error line;
5. the worker writes the chunk's rows as Parquet, partitioned by publication month, and reports counts;
6. the client appends the chunk's errors to errors.jsonl, loads its articles into the store when asked,
   then marks it done, and redraws the progress line.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import logging
import resource
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import NewsfactsError, require_extra
from ..ingest.jsonl import RecordError
from ..model import Article
from ..options import Options
from . import state
from .chunks import Chunk, Source, find_sources, plan_chunks, read_chunk
from .progress import Progress
from .tables import TABLES, partition_rows, write_parts

log = logging.getLogger(__name__)

DEFAULT_EXTRACTOR = "newsfacts.pipeline:Extractor"
# ≈ 30 s of work per chunk at the 8.7 articles per CPU-second bench/batch_scaling.py measured: the
# scheduler's ~1 ms per task is nil, a lost worker loses little, and a million articles make ~4k Parquet
# files per table.
DEFAULT_CHUNK_SIZE = 256
# Chunks in flight per worker thread: one running, one queued, so no thread waits on the client.
IN_FLIGHT_PER_THREAD = 2
# One BLAS/OpenMP thread per worker process: the workers are the parallelism; more threads only contend.
THREAD_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
UNEXPECTED_CODE = "E000"


@dataclass(frozen=True)
class BatchConfig:
    """One batch run: what to read, where to write, on what cluster."""

    inputs: tuple[str, ...]
    out: str
    workers: int = 2
    scheduler: str | None = None  # tcp://host:8786 of a running cluster; None starts a LocalCluster
    chunk_size: int = DEFAULT_CHUNK_SIZE
    options: Options = field(default_factory=Options)
    # "module:callable" building the extractor from Options; tests swap in a light one.
    extractor: str = DEFAULT_EXTRACTOR


@dataclass
class BatchSummary:
    """What a run did, for the final summary and for scripts."""

    out: str
    records: int = 0  # processed in this run
    articles: int = 0
    errors: int = 0
    chunks_done: int = 0
    chunks_resumed: int = 0  # finished by an earlier run, skipped
    chunks_failed: int = 0  # lost to a worker crash; they run again on the next run
    inputs_failed: int = 0  # could not be planned (unreadable on the workers); see errors.jsonl
    # Why each failed chunk or input failed, one line each: a bare exit 1 told nothing (issue 12).
    failures: list[str] = field(default_factory=list)
    records_resumed: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over workers: records / cpu_seconds is the rate per busy core
    worker_peak_rss_mb: float = 0.0
    workers: int = 0

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        rows = ", ".join(f"{n:,} {table}" for table, n in self.rows.items())
        lines = [
            f"done: {self.records:,} records in {self.seconds:.1f} s ({self.rate:.1f}/s on {self.workers} worker{'s' if self.workers != 1 else ''})",
            f"      {self.articles:,} articles, {self.errors:,} errors (see errors.jsonl)",
            f"      rows written: {rows}",
            f"      chunks: {self.chunks_done} done, {self.chunks_resumed} skipped as already done"
            + (f", {self.chunks_failed} failed (rerun to retry)" if self.chunks_failed else "")
            + (f"; {self.inputs_failed} inputs unreadable" if self.inputs_failed else ""),
            f"      peak worker memory: {self.worker_peak_rss_mb:.0f} MB; output in {self.out}",
        ]
        shown = self.failures[:MAX_FAILURES_SHOWN]
        lines += [f"      failed: {reason}" for reason in shown]
        if len(self.failures) > len(shown):
            lines.append(f"      ... and {len(self.failures) - len(shown)} more failures")
        return lines

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items()}
        data["rate"] = round(self.rate, 3)
        return data


# ---- on the workers ----------------------------------------------------------------------------------


MAX_FAILURES_SHOWN = 5


def one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def resolve(dotted: str) -> Callable[..., Any]:
    """'package.module:attribute' → the attribute."""
    module, _, attribute = dotted.partition(":")
    return getattr(importlib.import_module(module), attribute)


@functools.lru_cache(maxsize=2)
def cached_extractor(dotted: str, options: Options) -> Any:
    """The one extractor of this worker process (the spaCy pipeline is loaded once, not per article)."""
    return resolve(dotted)(options)


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class LoadExtractor(WorkerPlugin):
    """A Dask WorkerPlugin that loads the extractor when a worker starts (and on workers that join later),
    so a missing model fails the run at once instead of once per chunk."""

    name = "newsfacts-extractor"

    def __init__(self, dotted: str, options: Options) -> None:
        self.dotted = dotted
        self.options = options

    def setup(self, worker: Any) -> None:
        cached_extractor(self.dotted, self.options)


def process_chunk(chunk: Chunk, out: str, options: Options, dotted: str, keep_records: bool) -> state.ChunkResult:
    """Extract every record of one chunk and write its Parquet parts; per-record failures become error lines."""
    started, cpu_started = time.perf_counter(), time.process_time()
    extractor = cached_extractor(dotted, options)
    extracted: list[tuple[Article, str]] = []
    errors: list[state.ErrorLine] = []
    records = 0
    for item in read_chunk(chunk, options):
        records += 1
        if isinstance(item, RecordError):
            errors.append(state.ErrorLine(chunk.key, item.origin, item.code, item.message))
            continue
        try:
            extracted.append((extractor.extract(item), item.origin))
        except NewsfactsError as exc:
            errors.append(state.ErrorLine(chunk.key, item.origin, exc.code, " ".join(exc.message.split())))
        except Exception as exc:  # a bug on one record must not stop the batch: record it and go on
            log.exception("unexpected failure on %s", item.origin)
            message = f"unexpected {type(exc).__name__}: {exc} (a bug: please report it with this record)"
            errors.append(state.ErrorLine(chunk.key, item.origin, UNEXPECTED_CODE, message))
    rows = write_parts(partition_rows(extracted), Path(out), chunk.key)
    kept = [(a.model_dump_json(), origin) for a, origin in extracted] if keep_records else []
    articles = len(extracted)
    del extracted
    # Cyclic garbage from parses is collected ever more rarely as the heap grows; one collection per chunk
    # costs little next to the chunk. It trimmed, but did not stop, the worker memory creep that
    # bench/batch_scaling.py measures (487 → 471 MB at 10k articles; see docs/batch.md).
    gc.collect()
    return state.ChunkResult(
        key=chunk.key,
        path=chunk.path,
        records=records,
        articles=articles,
        errors=errors,
        rows=rows,
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu_started,
        worker_peak_rss_mb=peak_rss_mb(),
        article_records=kept,
    )


# ---- on the client -----------------------------------------------------------------------------------


@contextlib.contextmanager
def dask_client(config: BatchConfig) -> Iterator[Any]:
    """A client of the given scheduler, or of a LocalCluster of `workers` single-threaded processes."""
    from distributed import Client, LocalCluster

    if config.scheduler:
        with Client(config.scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=max(1, config.workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.CRITICAL,  # teardown chatter (heartbeats to a closing scheduler); failures surface as failed chunks
            env=THREAD_ENV,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _load_into_store(store: Any, result: state.ChunkResult) -> list[state.ErrorLine]:
    """Add a chunk's articles to the store; an article the store refuses becomes an error line."""
    errors = []
    for record, origin in result.article_records:
        try:
            store.add_article(Article.model_validate_json(record), origin=origin)
        except NewsfactsError as exc:
            errors.append(state.ErrorLine(result.key, origin, exc.code, " ".join(exc.message.split())))
    return errors


def run_batch(
    config: BatchConfig,
    *,
    client: Any = None,
    store: Any = None,
    progress_stream: TextIO | None = sys.stderr,
) -> BatchSummary:
    """Run a batch (steps in the module docstring); `client` reuses a Dask client, `store` also loads articles
    into a store (anything with `add_article(article, origin=...)`)."""
    for module in ("distributed", "pyarrow", "warcio"):
        require_extra(module, "batch")
    sources = find_sources(config.inputs)
    out = Path(config.out)
    state.check_settings(out, config.chunk_size)
    done = state.load_done(out)
    state.prune_errors(out, done)
    if client is None:
        with dask_client(config) as own_client:
            return _run(config, sources, own_client, done, store, progress_stream)
    return _run(config, sources, client, done, store, progress_stream)


def _run(
    config: BatchConfig,
    sources: list[Source],
    client: Any,
    done: dict[str, dict],
    store: Any,
    progress_stream: TextIO | None,
) -> BatchSummary:
    from distributed import as_completed

    out = Path(config.out)
    client.register_plugin(LoadExtractor(config.extractor, config.options))
    threads = sum(client.nthreads().values()) or 1
    summary = BatchSummary(out=str(out), workers=len(client.nthreads()))
    progress = Progress(progress_stream)
    planned = 0  # the total is shown once every input is planned, so the ETA is not too hopeful
    started = time.perf_counter()
    plans = client.map(plan_chunks, sources, chunk_size=config.chunk_size, pure=False)
    planning = set(plans)
    pending: deque[Chunk] = deque()
    running = as_completed(plans)
    in_flight = 0

    def submit_more() -> None:
        nonlocal in_flight
        while pending and in_flight < IN_FLIGHT_PER_THREAD * threads:
            chunk = pending.popleft()
            running.add(
                client.submit(
                    process_chunk, chunk, str(out), config.options, config.extractor, store is not None,
                    key=f"newsfacts-chunk-{chunk.key}", retries=1,
                )
            )
            in_flight += 1

    for future in running:
        if future in planning:
            planning.discard(future)
            if future.status == "error":  # e.g. the file is not where the workers look: say so, go on
                source = sources[plans.index(future)]
                reason = f"could not plan this input on a worker ({future.exception()}): check that workers see it"
                state.record_errors(out, [state.ErrorLine("-", source.path, UNEXPECTED_CODE, reason)])
                summary.errors += 1
                summary.inputs_failed += 1
                summary.failures.append(f"{source.path}: {one_line(reason)}")
            else:
                for chunk in future.result():
                    planned += chunk.count
                    if chunk.key in done:
                        summary.chunks_resumed += 1
                        summary.records_resumed += chunk.count
                        progress.resumed += chunk.count
                    else:
                        pending.append(chunk)
            future.release()  # the plan's list need not stay on the worker
            if not planning:
                progress.total = planned
        else:
            in_flight -= 1
            if future.status == "error":  # a worker died twice on it: say so, and leave it for a rerun
                summary.chunks_failed += 1
                exc = future.exception()
                log.warning("chunk %s failed: %s", future.key, exc)
                summary.failures.append(f"chunk {future.key}: {type(exc).__name__}: {one_line(str(exc))} (rerun to retry)")
            else:
                result = future.result()
                try:
                    _finish_chunk(result, out, store, summary, progress)
                except OSError as exc:  # a full disk: the chunk is not recorded as done, so a rerun redoes it
                    summary.chunks_failed += 1
                    summary.failures.append(f"chunk {result.key}: could not record its results ({exc.strerror or exc}): "
                                            "free some space and rerun")
            future.release()
        submit_more()
        progress.show()
    progress.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _finish_chunk(
    result: state.ChunkResult, out: Path, store: Any, summary: BatchSummary, progress: Progress
) -> None:
    errors = list(result.errors)
    if store is not None:
        errors += _load_into_store(store, result)
    state.record_errors(out, errors)
    state.record_done(out, result)
    summary.records += result.records
    summary.articles += result.articles
    summary.errors += len(errors)
    summary.chunks_done += 1
    for table, n in result.rows.items():
        summary.rows[table] = summary.rows.get(table, 0) + n
    summary.cpu_seconds += result.cpu_seconds
    summary.worker_peak_rss_mb = max(summary.worker_peak_rss_mb, result.worker_peak_rss_mb)
    progress.done += result.records
    progress.errors += len(errors)
