"""Reliability, for real: two processes ingesting into one SQLite file at once, `kill -9` mid-ingest and a
rerun. The workers store hand-built articles (no spaCy), so the test stays fast."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsfacts.store import open_store

WORKER = r'''
import sys, time
from newsfacts.model import Article, Derivation, Event, EventPlace, Fact, Span
from newsfacts.store import open_store

db, first, last, pause = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
with open_store(db) as store:
    for n in range(first, last):
        text = f"Report {n}\n\n{n % 7 + 1} people were killed in town{n} on Monday, police said. " * 3
        words = f"{n % 7 + 1} people were killed"
        facts = [Fact(category="killed", value=n % 7 + 1, evidence=Span(text=words, start=text.index(words), end=text.index(words) + len(words)))]
        event = Event(type="shooting", status="current", date=f"2025-01-{n % 28 + 1:02d}", place=EventPlace(name=f"town{n}"),
                      totals={"killed": n % 7 + 1}, derivations=[Derivation(category="killed", value=n % 7 + 1, method="explicit_total", facts=[0])])
        article = Article(text=text, source=f"outlet{n % 3}", url=f"https://news.example/{n}", published="2025-01-28", facts=facts, events=[event])
        store.add_article(article, origin=str(n))
        print(n, flush=True)
        time.sleep(pause)
'''


def start_worker(tmp_path: Path, db: Path, first: int, last: int, pause: float = 0.0) -> subprocess.Popen:
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, str(script), str(db), str(first), str(last), str(pause)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def assert_every_article_whole(db: Path) -> int:
    """Every stored article has its facts, incidents and figures, and its record parses: nothing half-stored."""
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT id, record FROM article").fetchall()
    for article_id, record in rows:
        facts = len(json.loads(record)["facts"])
        assert conn.execute("SELECT count(*) FROM fact WHERE article_id = ?", (article_id,)).fetchone()[0] == facts
        assert conn.execute("SELECT count(*) FROM incident WHERE article_id = ? AND event_id IS NOT NULL", (article_id,)).fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM figure WHERE article_id = ?", (article_id,)).fetchone()[0] == 1
    orphans = conn.execute("SELECT count(*) FROM event WHERE detail = '{}' OR id NOT IN (SELECT event_id FROM incident WHERE event_id IS NOT NULL)").fetchone()[0]
    assert orphans == 0
    return len(rows)


def test_two_processes_ingesting_at_once_lose_nothing(tmp_path):
    db = tmp_path / "shared.db"
    open_store(db).close()  # both workers then race on writes, not on creating the schema
    a = start_worker(tmp_path, db, 0, 30)
    b = start_worker(tmp_path, db, 15, 45)  # 15 articles in common: stored once
    for worker in (a, b):
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    assert assert_every_article_whole(db) == 45
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT url) FROM article").fetchone()[0] == 45


def test_kill_9_mid_ingest_then_rerun_completes_without_duplicates(tmp_path):
    db = tmp_path / "killed.db"
    worker = start_worker(tmp_path, db, 0, 100, pause=0.005)
    committed = 0
    deadline = time.monotonic() + 60
    while committed < 10 and time.monotonic() < deadline:
        if worker.stdout.readline():
            committed += 1
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    stored = assert_every_article_whole(db)
    assert 10 <= stored < 100
    rerun = start_worker(tmp_path, db, 0, 100)
    _, err = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, err
    assert assert_every_article_whole(db) == 100
