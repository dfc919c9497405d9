"""Web fixtures: the app in-process through httpx's ASGI transport, an extractor that answers from the gold
records (so page tests do not wait on spaCy), a store double, and a real Chromium for the browser tests."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

try:  # tests/ may or may not be a package; the root conftest is importable either way
    from tests.conftest import DATA, SEED_GOLD, SEED_TXT, service_missing
except ImportError:
    from conftest import DATA, SEED_GOLD, SEED_TXT, service_missing

from newsfacts.ingest.base import RawDocument
from newsfacts.model import Article, Check, Fact, Post, Span
from newsfacts.options import Options
from newsfacts.web import create_app
from newsfacts.web.services import ExtractionService, StoreService

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TOKEN = "test-token-123"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def span_of(text: str, evidence: str) -> Span:
    start = text.find(evidence)
    assert start >= 0, f"evidence not in text: {evidence!r}"
    return Span(text=evidence, start=start, end=start + len(evidence))


def post_from_gold(text: str, gold: dict) -> Post:
    """The post paragraph (the one naming the handle) and the first quotation after it as its translation."""
    paragraph = next(p for p in text.split("\n\n") if f"@{gold['handle']}" in p)
    body = paragraph.split(" — ")[0].strip()
    after = text[text.find(paragraph) + len(paragraph) :]
    quoted = re.search(r"\"([^\"]+)\"", after)
    return Post(
        platform=gold["platform"], handle=gold["handle"], author=gold.get("author"), date=gold.get("date"),
        language=gold.get("language"), text=body, translation=quoted.group(1) if quoted else None,
        evidence=span_of(text, body),
    )


def article_from_gold(record: dict) -> Article:
    """An Article as the extractor would give it, built from a gold record (evidence strings → offsets)."""
    text = record["text"]
    facts = [
        Fact(**{k: v for k, v in f.items() if k != "evidence"}, evidence=span_of(text, f["evidence"]))
        for f in record["facts"]
    ]
    checks = [Check(kind=c["kind"], severity="warning", detail=c["detail"]) for c in record["checks"]]
    return Article(
        source=record.get("source"), published=record.get("published"), title=record.get("title"),
        language="en", text=text, facts=facts, checks=checks,
        posts=[post_from_gold(text, p) for p in record.get("posts", [])],
    )


class GoldExtractor:
    """Answers with the gold record's Article when the text is a known one, else an Article of the bare text."""

    def __init__(self) -> None:
        records = [json.loads(SEED_GOLD.read_text(encoding="utf-8"))]
        records += [json.loads(p.read_text(encoding="utf-8")) for p in sorted((DATA / "dev").glob("*.json"))]
        self.by_text = {r["text"].strip(): r for r in records}
        self.calls: list[RawDocument] = []

    def extract(self, document: RawDocument | str) -> Article:
        content = document if isinstance(document, str) else document.content
        self.calls.append(document if isinstance(document, RawDocument) else RawDocument(content))
        record = self.by_text.get(content.strip())
        if record:
            return article_from_gold(record)
        return Article(text=content, source=getattr(document, "source", None),
                       published=getattr(document, "published", None))


@pytest.fixture(scope="session")
def seed_article() -> Article:
    return article_from_gold(json.loads(SEED_GOLD.read_text(encoding="utf-8")))


def make_app(store=None, token: str | None = TOKEN, monkeypatch=None, **options):
    if monkeypatch is not None:
        if token:
            monkeypatch.setenv("NEWSFACTS_TOKEN", token)
        else:
            monkeypatch.delenv("NEWSFACTS_TOKEN", raising=False)
    app = create_app(None, Options(**options))
    app.state.extraction = ExtractionService(app.state.options, factory=lambda _options: GoldExtractor())
    if store is not None:
        app.state.store = StoreService("memory://test")
        app.state.store._store = store
    return app


@pytest.fixture
def app(monkeypatch):
    return make_app(monkeypatch=monkeypatch)


class ASGIClient:
    """A synchronous face on httpx.AsyncClient + ASGITransport: the app runs in-process, no socket (Starlette's
    TestClient warns that its httpx use is deprecated)."""

    def __init__(self, app) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        # A thread of its own: Playwright's sync API keeps an event loop running in the main thread.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, send()).result()

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture
def client(app) -> ASGIClient:
    return ASGIClient(app)


# --- browser -------------------------------------------------------------------------------------------


@contextlib.contextmanager
def serving(app) -> Iterator[str]:
    """Run the app with uvicorn on a free loopback port in a thread (for the browser); yields its base URL.
    The wait is for the server to start, not a measure of anything: a slow machine only waits longer."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        service_missing("Chromium is not installed (apt-get install -y chromium)")
    return path


@pytest.fixture(scope="session")
def live_server(chromium_path, tmp_path_factory, extractor) -> Iterator[tuple[str, object]]:
    """The app served by uvicorn on a free loopback port, with a store double holding the seed article as the
    real pipeline extracts it (so the screenshots show what users get)."""
    import os

    from .fakes import MemoryStore

    os.environ["NEWSFACTS_TOKEN"] = TOKEN
    store = MemoryStore.with_samples()
    store.saved[1] = extractor.extract(RawDocument(content=SEED_TXT.read_text(encoding="utf-8"), origin="seed"))
    with serving(make_app(store=store)) as base_url:
        yield base_url, store
    os.environ.pop("NEWSFACTS_TOKEN", None)


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        service_missing("playwright is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
