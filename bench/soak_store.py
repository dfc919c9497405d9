"""Soak on a large store: the list and page endpoints under 16 concurrent clients while one client posts hostile
1 MB texts to /api/v1/extract. Prints p50/p99 per endpoint and the server's memory before and after.

    python bench/soak_store.py [--events 100000] [--seconds 60] [--clients 16] [--db PATH]

1. a SQLite store of `--events` events and as many articles, written straight into the tables (the list
   endpoints read `event.detail` and the article columns; extraction is not what is measured here);
   `--db PATH` reuses one made before;
2. `newsfacts serve --workers 1 --budget 20` on a free loopback port;
3. `--clients` threads request the list and page endpoints round-robin for `--seconds`, while one more thread
   posts a 1 MB run-on text again and again (its answers: 200, or 422 E106 when over the budget);
4. p50/p99 per endpoint, errors (5xx other than the hostile client's, refused connections, timeouts), and the
   server's memory before and after (and its worker's, apart).

Exits 1 when a list or page endpoint's p99 is over 200 ms, the server's memory moved more than 10 %, or any
request failed. A bench script: it prints figures; the tests never time anything.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent
P99_BUDGET_MS = 200.0
MEMORY_BUDGET = 0.10
PLACES = ["Kelvaro", "Velmora", "Ostrimar", "Baku", "Lankaran", "Assembly Square"]


def build_store(path: Path, events: int) -> None:
    """`events` events and articles, inserted in bulk after the migrations made the schema."""
    from newsfacts.store import MergedEvent, open_store

    open_store(path).close()
    now = "2026-01-01T00:00:00+00:00"
    rng = random.Random(1)
    with sqlite3.connect(path) as db:
        article_rows, event_rows = [], []
        for i in range(1, events + 1):
            day = f"20{10 + i % 16:02d}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
            place = f"{PLACES[i % len(PLACES)]} {i % 997}"
            killed = rng.randint(0, 40)
            text = f"Police said {killed} people were killed in {place} on {day}. Report number {i}."
            record = json.dumps({"schema_version": "1", "text": text, "published": day, "source": f"Outlet {i % 50}"})
            article_rows.append((i, f"h{i:032d}", f"https://soak.example/{i}", f"Outlet {i % 50}", day,
                                 f"Attack {i}", "en", text, "soak", record, now))
            detail = MergedEvent(
                id=i, type="shooting", status="current", date=day, date_precision="day",
                place={"name": place, "latitude": 40.0, "longitude": 49.0, "precision": 3},
                figures={"killed": {"low": killed, "best": killed, "high": killed, "day": day, "best_from": "median"}},
                sources=[{"article_id": i, "outlet": f"Outlet {i % 50}", "url": f"https://soak.example/{i}",
                          "published": day}],
            ).model_dump_json()
            event_rows.append((i, "shooting", "current", day, day, day, place, 40.0, 49.0, killed, killed, killed,
                               1, False, detail, now))
        db.executemany("INSERT INTO article (id, content_hash, url, source, published, title, language, text, origin, "
                       "record, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", article_rows)
        db.executemany("INSERT INTO event (id, type, status, date, date_start, date_end, place, latitude, longitude, "
                       "killed_low, killed_best, killed_high, sources, disagreement, detail, updated_at) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", event_rows)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> tuple[float, float]:
    """(the server's memory, its extraction workers' memory) in MB: a worker is replaced after each document
    over the budget, so only the server's own memory says whether serving grows."""
    import psutil

    process = psutil.Process(pid)
    workers = sum(p.memory_info().rss for p in process.children(recursive=True))
    return process.memory_info().rss / 2**20, workers / 2**20


def endpoints(events: int) -> list[tuple[str, str]]:
    middle = events // 2
    return [
        ("events list", "/api/v1/events?limit=50"),
        ("events by killed", "/api/v1/events?limit=50&sort=-killed"),
        ("events by place", "/api/v1/events?place=velmora&limit=20"),
        ("events filtered", "/api/v1/events?category=killed&date_from=2020-01-01&limit=50"),
        ("articles page", f"/api/v1/articles?limit=50&offset={middle}"),
        ("event detail", f"/api/v1/events/{middle}"),
        ("article detail", f"/api/v1/articles/{middle}"),
        ("events page (HTML)", "/events?sort=-date"),
        ("articles page (HTML)", "/articles"),
        ("health", "/api/v1/health"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--warmup", type=float, default=15, help="seconds of full load before measuring")
    parser.add_argument("--db", type=Path, default=None, help="reuse this store (made on first use)")
    args = parser.parse_args()
    import httpx

    db = args.db or Path(tempfile.mkdtemp(prefix="soak-store-")) / "store.db"
    if not db.exists():
        began = time.monotonic()
        build_store(db, args.events)
        print(f"store: {args.events:,} events and articles written in {time.monotonic() - began:.0f} s ({db})")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    server = subprocess.Popen([str(BIN / "newsfacts"), "serve", "--db", f"sqlite:///{db}", "--port", str(port),
                               "--workers", "1", "--budget", "20"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies: dict[str, list[float]] = {label: [] for label, _ in endpoints(args.events)}
    errors: list[str] = []
    hostile: list[int] = []
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        httpx.post(f"{base}/api/v1/extract", json={"text": "Police said 5 people were killed."}, timeout=300)
        stop = 0.0

        def client(offset: int, record: bool = True) -> None:
            plan = endpoints(args.events)
            with httpx.Client(base_url=base, timeout=30) as session:
                index = offset
                while time.monotonic() < stop:
                    label, path = plan[index % len(plan)]
                    index += 1
                    began = time.perf_counter()
                    try:
                        status = session.get(path).status_code
                    except httpx.HTTPError as exc:
                        errors.append(f"{label}: {type(exc).__name__}")
                        continue
                    if not record:
                        continue
                    latencies[label].append((time.perf_counter() - began) * 1000)
                    if status >= 500:
                        errors.append(f"{label}: HTTP {status}")

        def attacker() -> None:
            text = "Police said " + " and ".join(f"{i % 90 + 2} people were killed in town {i}" for i in range(28_000))
            with httpx.Client(base_url=base, timeout=120) as session:
                while time.monotonic() < stop:
                    try:
                        hostile.append(session.post("/api/v1/extract", json={"text": text[:1_000_000]}).status_code)
                    except httpx.HTTPError:
                        hostile.append(0)

        # Warm-up at full concurrency: the server's threads, database connections and their page caches grow
        # to the load once; what is measured after it is whether serving keeps growing.
        stop = time.monotonic() + args.warmup
        warm = [threading.Thread(target=client, args=(i, False)) for i in range(args.clients)]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()
        memory_before, workers_before = rss_mb(server.pid)
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        threads.append(threading.Thread(target=attacker))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        memory_after, workers_after = rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    failed = bool(errors)
    print(f"{args.clients} clients for {args.seconds:.0f} s on {args.events:,} events; hostile 1 MB posts answered "
          f"{', '.join(f'{s}×{hostile.count(s)}' for s in sorted(set(hostile))) or 'none'}")
    print(f"{'endpoint':<22} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for label, values in latencies.items():
        if not values:
            continue
        p99 = statistics.quantiles(values, n=100)[98] if len(values) > 1 else values[0]
        slow = p99 > P99_BUDGET_MS and label != "health"
        failed |= slow
        print(f"{label:<22} {len(values):>8} {statistics.median(values):>8.1f} {p99:>8.1f}{'  over budget' if slow else ''}")
    growth = (memory_after - memory_before) / memory_before
    failed |= abs(growth) > MEMORY_BUDGET
    print(f"server memory: {memory_before:.0f} MB -> {memory_after:.0f} MB ({growth:+.1%}); extraction worker "
          f"{workers_before:.0f} MB -> {workers_after:.0f} MB")
    print(f"errors: {len(errors)}" + (f" ({', '.join(sorted(set(errors))[:5])})" if errors else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
