"""p50/p99 latency of the main pages and API lists on a large store (100,000 events by default).

    python bench/web_latency.py [--events 100000] [--articles 20000] [--requests 30] [--db PATH]

The store is filled directly with generated rows (event rows with their `detail` JSON, article rows), in one
transaction — ingesting 100,000 articles through the pipeline would take hours and measure extraction, not the
pages. Each page is then requested in-process through the ASGI app (no network, no server), the first request
of each warming caches, and the p50 and p99 of the rest are printed in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

PAGES = (
    "/events",
    "/events?sort=-killed",
    "/events?category=killed&place=city%201&date_from=2024-01-01",
    "/events?offset=50000",
    "/map",
    "/review",
    "/articles?offset=10000",
    "/events/{event}",
    "/api/v1/events?limit=100",
    "/api/v1/events?limit=100&offset=90000&sort=-injured",
    "/api/v1/articles?limit=100&offset=5000",
    "/api/v1/review/queue?limit=50",
)


def fill(db: str, events: int, articles: int, seed: int = 7) -> int:
    """Generated events and articles, written straight into the tables; returns an event id to open."""
    from sqlalchemy import insert

    from newsfacts.model import EventPlace
    from newsfacts.store import FigureRange, MergedEvent, open_store
    from newsfacts.store import tables as t

    rng = random.Random(seed)
    with open_store(db) as store, store.engine.begin() as conn:
        article_rows = [
            {"content_hash": f"{n:064x}", "url": f"https://example.org/{n}", "source": f"Outlet {n % 40}",
             "published": f"202{n % 5}-{n % 12 + 1:02d}-{n % 28 + 1:02d}", "title": f"Report {n}",
             "language": "en", "text": f"Report {n}: {n % 50} people were killed in City {n % 300}.",
             "record": '{"text": "x"}', "added_at": "2026-01-01T00:00:00+00:00"}
            for n in range(articles)
        ]
        conn.execute(insert(t.article), article_rows)
        event_rows = []
        for n in range(1, events + 1):
            day = f"202{n % 5}-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
            killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 13, 40, 150])
            injured = rng.choice([None, 0, 4, 11, 60])
            place = EventPlace(name=f"City {n % 300}", latitude=rng.uniform(-50, 60), longitude=rng.uniform(-120, 140),
                               precision=rng.choice([1, 2, 4, 6]))
            figures = {c: FigureRange(low=v, best=v, high=v + (n % 3), day=day, best_from="median")
                       for c, v in (("killed", killed), ("injured", injured)) if v is not None}
            detail = MergedEvent(id=n, type="shooting", status="current", date=day, date_precision="day", place=place,
                                 figures=figures).model_dump_json()
            event_rows.append({
                "id": n, "type": "shooting", "status": "current", "date": day, "date_start": day, "date_end": day,
                "place": place.name, "latitude": place.latitude, "longitude": place.longitude,
                "killed_low": killed, "killed_best": killed, "killed_high": None if killed is None else killed + n % 3,
                "injured_low": injured, "injured_best": injured, "injured_high": None if injured is None else injured + n % 3,
                "sources": 1 + n % 4, "disagreement": n % 3 == 0, "detail": detail,
                "updated_at": "2026-01-01T00:00:00+00:00", "reviewed": n % 10 == 0,
            })
        for start in range(0, len(event_rows), 10_000):
            conn.execute(insert(t.event), event_rows[start : start + 10_000])
    return events // 2


async def measure(app, paths: list[str], requests: int) -> list[tuple[str, float, float]]:
    import httpx

    results = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for path in paths:
            timings = []
            for attempt in range(requests + 1):
                started = time.perf_counter()
                response = await client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code} {response.text[:200]}")
                if attempt:  # the first request warms caches (the basemap, templates)
                    timings.append(elapsed)
            timings.sort()
            p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
            results.append((path, statistics.median(timings), p99))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--db", type=Path, help="SQLite file to fill (default: a temporary one)")
    args = parser.parse_args()

    from newsfacts.web import create_app

    folder = tempfile.mkdtemp(prefix="newsfacts-latency-")
    db = f"sqlite:///{args.db or Path(folder) / 'latency.db'}"
    started = time.perf_counter()
    event_id = fill(db, args.events, args.articles)
    print(f"store: {args.events} events, {args.articles} articles, filled in {time.perf_counter() - started:.1f} s")
    app = create_app(db)
    paths = [p.format(event=event_id) for p in PAGES]
    print(f"{'page':58} {'p50 ms':>8} {'p99 ms':>8}")
    for path, p50, p99 in asyncio.run(measure(app, paths, args.requests)):
        print(f"{path:58} {p50:8.1f} {p99:8.1f}")


if __name__ == "__main__":
    main()
