"""Store speed: articles/s ingested on SQLite (and PostgreSQL), and a filtered events query at N stored facts.

    python bench/store_speed.py [--articles 300] [--facts 100000] [--pg URL]

Articles are generated (hand-built records, no spaCy), so this measures the store alone: one transaction per
article with its facts, incidents, figures and the re-merge of its event. PostgreSQL runs when --pg or
NEWSFACTS_TEST_PG_URL gives a server; it is benchmarked in a fresh schema that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import uuid
from pathlib import Path

from newsfacts.model import Article, Derivation, Event, EventPlace, Fact, Span
from newsfacts.store import EventFilters, open_store

PLACES = ["Kelvaro", "Tervik", "Velmora", "Hollesby", "Qaravel", "Coldharrow", "Aldmoor", "Ostrimar"]
TYPES = ["shooting", "bombing", "protest", "disaster", "crash"]


def generated_article(n: int, facts_per_article: int, rng: random.Random) -> Article:
    """An article reporting one incident, with `facts_per_article` figures and a unique text."""
    place = f"{rng.choice(PLACES)} district {n % 400}"
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sentences, facts = [], []
    offset = len(f"Report {n}\n\n")
    for i in range(facts_per_article):
        value = rng.randint(1, 60)
        sentence = f"{value} people were killed in {place} on the {i}th count, police said. "
        words = f"{value} people were killed"
        facts.append(Fact(category=rng.choice(["killed", "injured", "arrested"]), value=value,
                          evidence=Span(text=words, start=offset, end=offset + len(words))))
        sentences.append(sentence)
        offset += len(sentence)
    text = f"Report {n}\n\n" + "".join(sentences)
    total = facts[0].value
    event = Event(type=rng.choice(TYPES), status="current", date=day, place=EventPlace(name=place),
                  totals={facts[0].category: total},
                  derivations=[Derivation(category=facts[0].category, value=total, method="explicit_total", facts=[0])])
    return Article(text=text, source=f"outlet {n % 25}", url=f"https://bench.example/{n}", published=day,
                   facts=facts, events=[event])


def ingest_rate(url: str, count: int, facts_per_article: int, seed: int = 1) -> float:
    rng = random.Random(seed)
    articles = [generated_article(n, facts_per_article, rng) for n in range(count)]
    with open_store(url) as store:
        start = time.perf_counter()
        for article in articles:
            store.add_article(article)
        return count / (time.perf_counter() - start)


def query_time(url: str, total_facts: int, facts_per_article: int = 50) -> tuple[float, int]:
    """Seconds for a filtered events query once `total_facts` generated facts are stored (median of 5)."""
    rng = random.Random(2)
    with open_store(url) as store:
        for n in range(total_facts // facts_per_article):
            store.add_article(generated_article(100_000 + n, facts_per_article, rng))
        filters = EventFilters(category="killed", place="kelvaro", date_from="2025-03-01", date_to="2025-06-30", outlet="outlet 1")
        timings, found = [], 0
        for _ in range(5):
            start = time.perf_counter()
            found = len(store.events(filters))
            timings.append(time.perf_counter() - start)
        return sorted(timings)[2], found


def pg_schema_url(base: str) -> tuple[str, str]:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password, dbname=url.database, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False), schema


def drop_schema(base: str, schema: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password, dbname=url.database, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles for the ingest rate (default 300)")
    parser.add_argument("--facts", type=int, default=100_000, help="stored facts for the query timing (default 100,000)")
    parser.add_argument("--facts-per-article", type=int, default=8, help="facts per article for the ingest rate")
    parser.add_argument("--pg", default=os.environ.get("NEWSFACTS_TEST_PG_URL"), help="a PostgreSQL URL to benchmark too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        rate = ingest_rate(sqlite_url, args.articles, args.facts_per_article)
        print(f"sqlite      ingest: {rate:8.1f} articles/s ({args.articles} articles, {args.facts_per_article} facts each)")
        seconds, found = query_time(sqlite_url, args.facts)
        print(f"sqlite      events query with 4 filters at {args.facts:,} facts: {seconds * 1000:.1f} ms ({found} events)")
    if args.pg:
        url, schema = pg_schema_url(args.pg)
        try:
            rate = ingest_rate(url, args.articles, args.facts_per_article)
            print(f"postgresql  ingest: {rate:8.1f} articles/s ({args.articles} articles, {args.facts_per_article} facts each)")
            seconds, found = query_time(url, args.facts)
            print(f"postgresql  events query with 4 filters at {args.facts:,} facts: {seconds * 1000:.1f} ms ({found} events)")
        finally:
            drop_schema(args.pg, schema)
    else:
        print("postgresql  skipped: give --pg URL or set NEWSFACTS_TEST_PG_URL")


if __name__ == "__main__":
    main()
