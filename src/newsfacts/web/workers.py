"""Extraction in worker processes, each document within a time budget (issue 12, defect 1).

In a thread of the server process, one hostile document held the interpreter (a regular expression runs
without releasing the GIL): `/api/v1/health` and every other request waited 29 s behind it, and nothing could
stop it. Here each extraction runs in a worker process of its own:

    WorkerPool.extract(document)            called from a server thread (run_in_threadpool)
    ├── a free worker (started on demand, up to `workers`; each loads its own spaCy pipeline once)
    ├── the document sent over a pipe; the answer awaited for at most `budget_s` seconds
    ├── an Article, or the NewsfactsError the worker raised, comes back as is
    └── over budget: that worker is killed (the others go on) and ExtractionTimeoutError (E106) is raised

The server's event loop never runs extraction, so health and list requests are answered meanwhile.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from collections.abc import Callable
from typing import Any

from ..errors import ExtractionTimeoutError, InternalError, NewsfactsError, StoreError
from ..ingest.base import RawDocument
from ..model import Article
from ..options import Options

log = logging.getLogger(__name__)

# Loading spaCy in a new worker takes seconds (more on a busy machine); it is not part of a document's budget.
LOAD_TIMEOUT_S = 300.0


def _serve(conn: Any, options: Options, factory: Callable[[Options], Any]) -> None:
    """The worker's loop: build the extractor, say "ready", then answer one document at a time."""
    try:
        extractor = factory(options)
    except NewsfactsError as exc:
        conn.send(("error", exc))
        return
    conn.send(("ready", None))
    while True:
        try:
            document = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", extractor.extract(document)))
        except NewsfactsError as exc:
            conn.send(("error", exc))
        except Exception as exc:  # noqa: BLE001 - the server must get a typed answer, never a dead pipe
            conn.send(("error", InternalError(f"extraction failed ({type(exc).__name__}: {exc})")))


class _Worker:
    def __init__(self, options: Options, factory: Callable[[Options], Any]) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, options, factory), daemon=True,
                                       name="newsfacts-extract")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(LOAD_TIMEOUT_S):
            raise InternalError(f"the extraction worker did not start within {LOAD_TIMEOUT_S:g} s")
        kind, payload = self.conn.recv()
        if kind == "error":
            raise payload
        self.ready = True

    def run(self, document: RawDocument, budget_s: float) -> Article:
        self.wait_ready()
        self.conn.send(document)
        if not self.conn.poll(budget_s):
            raise TimeoutError
        kind, payload = self.conn.recv()
        if kind == "error":
            raise payload
        return payload

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """Up to `workers` extraction processes, each document within `budget_s` seconds (see the module doc)."""

    def __init__(self, options: Options, workers: int, budget_s: float,
                 factory: Callable[[Options], Any] | None = None) -> None:
        from .services import default_extractor

        self.options = options
        self.workers = max(1, workers)
        self.budget_s = budget_s
        self.factory = factory or default_extractor
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._started = 0
        self._lock = threading.Lock()
        self.busy = 0  # documents in flight, for tests and monitoring

    def _checkout(self) -> _Worker:
        with self._lock:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                if self._started < self.workers:
                    self._started += 1
                    try:
                        return _Worker(self.options, self.factory)
                    except Exception:
                        self._started -= 1
                        raise
        try:  # all busy: wait for one, as long as one document may take
            return self._idle.get(timeout=self.budget_s + LOAD_TIMEOUT_S)
        except queue.Empty:
            raise StoreError("every extraction worker is busy: try again in a minute") from None

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._started -= 1

    def extract(self, document: RawDocument) -> Article:
        worker = self._checkout()
        with self._lock:
            self.busy += 1
        try:
            article = worker.run(document, self.budget_s)
        except TimeoutError:
            self._retire(worker)
            raise ExtractionTimeoutError(
                f"{document.origin}: the article took longer than the {self.budget_s:g} s budget for one document "
                "and was stopped: split it, or extract it with the command line (no budget there)"
            ) from None
        except NewsfactsError:
            if worker.ready and worker.process.is_alive():
                self._idle.put(worker)
            else:
                self._retire(worker)
            raise
        except (EOFError, OSError) as exc:  # the worker died (out of memory, killed)
            self._retire(worker)
            raise InternalError(f"{document.origin}: the extraction worker stopped ({exc!r}); try again") from None
        finally:
            with self._lock:
                self.busy -= 1
        self._idle.put(worker)
        return article

    def close(self) -> None:
        """Stop every idle worker (busy ones are stopped when their document ends or runs out of time)."""
        while True:
            try:
                self._retire(self._idle.get_nowait())
            except queue.Empty:
                return
