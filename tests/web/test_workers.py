"""Extraction in worker processes with a per-document budget (issue 12, defect 1): a document that never ends
is stopped and reported as E106, the server answers other requests meanwhile, and the next document is
extracted by a fresh worker. Outcomes are asserted, not durations."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from newsfacts.errors import EmptyInputError, ExtractionTimeoutError, InternalError
from newsfacts.ingest.base import RawDocument
from newsfacts.options import Options
from newsfacts.web.workers import WorkerPool

from .conftest import ASGIClient, make_app
from .worker_factories import scripted


def doc(text: str) -> RawDocument:
    return RawDocument(content=text, is_html=False, origin="test")


@pytest.fixture
def pool():
    made = WorkerPool(Options(), workers=1, budget_s=2.0, factory=scripted)
    yield made
    made.close()


def test_a_document_over_budget_is_stopped_and_the_worker_replaced(pool) -> None:
    assert pool.extract(doc("first")).text == "first"
    first_worker = pool._idle.queue[0].process.pid
    with pytest.raises(ExtractionTimeoutError) as caught:
        pool.extract(doc("HANG forever"))
    assert caught.value.code == "E106" and "budget" in caught.value.message
    assert pool.extract(doc("after")).text == "after"  # a new worker
    assert pool._idle.queue[0].process.pid != first_worker


def test_errors_come_back_typed_and_the_worker_stays(pool) -> None:
    with pytest.raises(EmptyInputError):
        pool.extract(doc("EMPTY"))
    with pytest.raises(InternalError):
        pool.extract(doc("BOOM"))
    assert pool.extract(doc("still here")).text == "still here"
    assert pool._started == 1


def test_health_answers_while_a_document_runs(monkeypatch) -> None:
    app = make_app(monkeypatch=monkeypatch)
    slow = WorkerPool(Options(), workers=1, budget_s=600.0, factory=scripted)
    slow.extract(doc("warm up"))  # the worker is loaded
    app.state.extraction = slow
    client = ASGIClient(app)
    answers: list[int] = []
    posting = threading.Thread(target=lambda: answers.append(
        client.post("/api/v1/extract", json={"text": "HANG " + "word " * 30}).status_code))
    posting.start()
    try:
        while slow.busy == 0 and posting.is_alive():
            threading.Event().wait(0.01)
        assert client.get("/api/v1/health").status_code == 200
        assert slow.busy == 1  # health was answered while the hostile document was still being extracted
    finally:  # stop the hanging worker: its request then ends with the "worker stopped" error
        for process in multiprocessing.active_children():
            if process.name == "newsfacts-extract":
                process.kill()
        posting.join(timeout=60)
    assert answers == [500]
