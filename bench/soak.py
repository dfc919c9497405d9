"""Soak: the web app on loopback under a bounded load from a second process, while a batch ingests into the
same store.

    python bench/soak.py --requests 3000 --seconds 120 --concurrency 4

1. `newsfacts serve` on a free loopback port, on a fresh SQLite store; one extraction warms spaCy up, then
   the server's memory is read;
2. a load process (this script with `--load URL`) sends exactly `--requests` requests, paced evenly over
   `--seconds`, from `--concurrency` threads: reads of every API list and detail, search, the HTML events
   and article pages, and one extraction in twenty;
3. at the same time `newsfacts batch` ingests the dev set and the multisource articles (one JSONL line each,
   each with its own URL; `--rounds` times, later rounds as syndicated copies) into the same store with `--db`;
4. when both are done: requests served, errors (5xx, refused connections, timeouts), p50/p99 latency, the
   server's memory before and after, and articles expected vs stored (each stored whole, none twice).

Exits 1 when any request failed or any article is missing, half-stored or stored twice.
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

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
BIN = Path(sys.executable).parent
TOKEN = "soak-token"
SHORT_ARTICLE = "Police said three people were killed and 12 injured in Kelvaro on Monday, 7 July 2025."
# One extraction in this many requests: spaCy is CPU-bound and the machine is shared by the batch too.
EXTRACT_EVERY = 20


# --- the load process ---------------------------------------------------------------------------------


def request_plan(count: int, seed: int) -> list[tuple[str, str]]:
    """(method, path) for each request: mostly reads, some pages, an extraction now and then."""
    rng = random.Random(seed)
    reads = ["/api/v1/health", "/api/v1/articles?limit=20", "/api/v1/events?limit=50&sort=-killed",
             "/api/v1/events?category=killed&date_from=2000-01-01", "/api/v1/search?q=killed",
             "/api/v1/articles/1", "/api/v1/events/1", "/events", "/articles", "/articles/1"]
    return [("POST", "/api/v1/extract") if index % EXTRACT_EVERY == EXTRACT_EVERY - 1 else ("GET", rng.choice(reads))
            for index in range(count)]


def run_load(base: str, count: int, seconds: float, concurrency: int, seed: int) -> dict:
    """Send `count` requests paced over `seconds`; answer what was served, what failed and how fast."""
    import httpx

    plan = request_plan(count, seed)
    interval = seconds / max(count, 1)
    started = time.monotonic()
    latencies: list[float] = []
    failures: list[str] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    next_index = iter(range(count))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            for index in next_index:
                delay = started + index * interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                method, path = plan[index]
                began = time.monotonic()
                try:
                    if method == "POST":
                        response = client.post(path, json={"text": SHORT_ARTICLE, "published": "2025-07-08"})
                    else:
                        response = client.get(path)
                    status, problem = response.status_code, None
                except httpx.HTTPError as exc:
                    status, problem = 0, f"{method} {path}: {type(exc).__name__}"
                took = time.monotonic() - began
                if problem is None and status not in (200, 404):  # 404: article 1 before the batch stored it
                    problem = f"{method} {path}: {status}"
                with lock:
                    latencies.append(took)
                    statuses[status] = statuses.get(status, 0) + 1
                    if problem:
                        failures.append(problem)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "requests": len(latencies), "errors": len(failures), "first_errors": failures[:5],
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "p50_ms": 1000 * statistics.median(latencies) if latencies else None,
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else None,
        "elapsed_s": time.monotonic() - started,
    }


# --- the soak -------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_batch_input(path: Path, rounds: int = 1) -> int:
    """The dev set and the multisource articles as JSONL, each with its own URL; returns the line count.

    Each round after the first repeats them with a closing line of its own: the store keeps those as
    syndicated copies (stored, linked to the original), so every line is an article to be stored."""
    files = [f for f in sorted((DATA / "dev").glob("*.json")) + sorted((DATA / "multisource").glob("*/*.json"))
             if f.name != "expected.json"]
    lines = []
    for round_index in range(rounds):
        for index, file in enumerate(files):
            record = json.loads(file.read_text(encoding="utf-8"))
            text = record["text"] + (f"\n\nThis report was republished in soak round {round_index}." if round_index else "")
            lines.append(json.dumps({"text": text, "published": record.get("published"), "source": record.get("source"),
                                     "url": f"https://soak.example/{round_index}/{index}"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def wait_until_up(base: str, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {base} within {timeout:.0f} s")


def rss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def store_figures(db: Path) -> dict:
    """Articles stored, distinct URLs, and articles whose facts rows do not match their record (half-stored)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT id, record FROM article").fetchall()
        urls = conn.execute("SELECT count(DISTINCT url) FROM article").fetchone()[0]
        half = [
            article_id for article_id, record in rows
            if conn.execute("SELECT count(*) FROM fact WHERE article_id = ?", (article_id,)).fetchone()[0]
            != len(json.loads(record)["facts"])
        ]
    finally:
        conn.close()
    return {"stored": len(rows), "distinct_urls": urls, "half_stored": len(half)}


def soak(args: argparse.Namespace) -> int:
    import httpx

    workdir = Path(tempfile.mkdtemp(prefix="soak-"))
    db = workdir / "soak.db"
    expected = write_batch_input(workdir / "articles.jsonl", args.rounds)
    env = {**os.environ, "NEWSFACTS_TOKEN": TOKEN, "OMP_NUM_THREADS": "1"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(BIN / "newsfacts"), "serve", "--db", f"sqlite:///{db}", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(base)
        httpx.post(f"{base}/api/v1/extract", json={"text": SHORT_ARTICLE}, timeout=120)  # spaCy loads here
        memory_before = rss_mb(server.pid)
        started = time.monotonic()
        load = subprocess.Popen([sys.executable, __file__, "--load", base, "--requests", str(args.requests),
                                 "--seconds", str(args.seconds), "--concurrency", str(args.concurrency)],
                                stdout=subprocess.PIPE, text=True)
        batch = subprocess.Popen([str(BIN / "newsfacts"), "batch", str(workdir / "articles.jsonl"), "--out",
                                  str(workdir / "out"), "--workers", "1", "--db", f"sqlite:///{db}", "--quiet",
                                  "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        batch_out, batch_err = batch.communicate(timeout=args.seconds + 240)
        batch_s = time.monotonic() - started
        load_out, _ = load.communicate(timeout=args.seconds + 240)
        memory_after = rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    result = json.loads(load_out)
    figures = store_figures(db)
    batch_summary = json.loads(batch_out) if batch.returncode == 0 and batch_out.strip() else {}
    print(f"soak: {result['requests']:,} requests served in {result['elapsed_s']:.0f} s "
          f"({args.concurrency} connections), {result['errors']} errors; statuses {result['statuses']}")
    print(f"soak: latency p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms")
    print(f"soak: server memory {memory_before:.0f} MB before, {memory_after:.0f} MB after "
          f"({memory_after - memory_before:+.0f} MB)")
    print(f"soak: batch exit {batch.returncode} in {batch_s:.0f} s, records {batch_summary.get('records', '?')}, "
          f"errors {batch_summary.get('errors', '?')}")
    print(f"soak: articles expected {expected}, stored {figures['stored']} (distinct URLs "
          f"{figures['distinct_urls']}, half-stored {figures['half_stored']})")
    for problem in result["first_errors"]:
        print(f"  error: {problem}")
    if batch.returncode != 0:
        print(batch_err[-2000:], file=sys.stderr)
    ok = (result["errors"] == 0 and batch.returncode == 0 and figures["stored"] == expected
          and figures["distinct_urls"] == expected and figures["half_stored"] == 0)
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Soak the web app while a batch ingests into its store.")
    parser.add_argument("--requests", type=int, default=3000, help="requests to send (default 3000)")
    parser.add_argument("--seconds", type=float, default=120, help="spread them over this long (default 120)")
    parser.add_argument("--concurrency", type=int, default=4, help="client connections (default 4)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the request mix (default 1)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="batch input: the 55 articles this many times, later rounds as copies (default 3)")
    parser.add_argument("--load", metavar="URL", help=argparse.SUPPRESS)  # the load process's own mode
    args = parser.parse_args(argv)
    if args.load:
        print(json.dumps(run_load(args.load, args.requests, args.seconds, args.concurrency, args.seed)))
        return 0
    return soak(args)


if __name__ == "__main__":
    sys.exit(main())
