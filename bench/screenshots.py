"""Screenshots of the coder's workbench for docs/web.md: the article, event, events, map and review-queue pages,
at 1280 and 390 px wide, after a coder's session on the bundled examples.

    python bench/screenshots.py [--out docs/screenshots]

Needs Chromium (`apt-get install -y chromium`) and Playwright (`pip install playwright`; its own browser download
is not used). It ingests examples/ into a temporary SQLite store, makes three revisions as coder "Ana" (a
correction, a rejection, an added figure), serves the app on a free loopback port and photographs each page,
signed in, so the review controls show.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "screenshot-token"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WIDTHS = (1280, 390)
PAGES = (("article", "/articles/1"), ("event", "/events/{event}"), ("events", "/events"), ("map", "/map"),
         ("review-queue", "/review"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(db: str) -> int:
    """Ingest the examples and review the seed article as a coder would; the seed's event id."""
    from newsfacts.cli import main
    from newsfacts.store import ReviewRequest, open_store

    examples = sorted(str(p) for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".jsonl"))
    assert main(["ingest", *examples, "--db", db, "--quiet"]) == 0
    with open_store(db) as store:
        facts = store.reviewed_facts(1)
        part = next(f.index for f in facts if f.fact.value == 82)
        injured = next(f.index for f in facts if f.fact.category == "injured")
        store.review(1, ReviewRequest(action="correct", coder="Ana", fact=part, value=98,
                                      note="the ministry's list names 98"))
        store.review(1, ReviewRequest(action="confirm", coder="Ana", fact=injured))
        text = store.article(1).text
        start = text.index("112 of them")
        store.review(1, ReviewRequest(action="reject", coder="Ana", fact=next(f.index for f in facts if f.fact.value == 112)))
        store.review(1, ReviewRequest(action="add", coder="Ana", category="imprisoned", value=112, role="subset",
                                      start=start, end=start + len("112 of them were sent to prisons"),
                                      note="a subset of the arrested, not a separate figure"))
        return store.event_page(None, "-date", 100)[0][-1].id


def shoot(out: Path) -> list[Path]:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsfacts.web import create_app

    out.mkdir(parents=True, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="newsfacts-shots-")
    db = f"sqlite:///{folder}/shots.db"
    event_id = prepare(db)
    os.environ["NEWSFACTS_TOKEN"] = TOKEN
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 1000 if width > 600 else 844})
                page.goto(base + "/")
                page.evaluate(f"sessionStorage.setItem('newsfacts.token', '{TOKEN}');"
                              "sessionStorage.setItem('newsfacts.coder', 'Ana')")
                for name, path in PAGES:
                    page.goto(base + path.format(event=event_id))
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                page.close()
            browser.close()
    finally:
        server.should_exit = True
        shutil.rmtree(folder, ignore_errors=True)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    for path in shoot(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
