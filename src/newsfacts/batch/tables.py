"""Article records → flat rows → Parquet files, partitioned by publication month.

Five tables share the key `article_id`: articles (one row per article, with the whole record as JSON in
`record`, so nothing is lost), facts, posts, checks and events (one row per item, index = its position
in the article's list, which is what `Fact.of` and `Check.facts` refer to). Files are laid out Hive-style,
`<out>/<table>/month=YYYY-MM/part-<chunk>.parquet` (`month=unknown` when no date was found), which pyarrow,
pandas, DuckDB and Spark read as one dataset with a `month` column.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Article, Span

TABLES: tuple[str, ...] = ("articles", "facts", "posts", "checks", "events")
UNKNOWN_MONTH = "unknown"

_str, _int, _float = pa.string(), pa.int64(), pa.float64()


def _evidence_fields() -> list[pa.Field]:
    return [pa.field("evidence_text", _str), pa.field("evidence_start", _int), pa.field("evidence_end", _int)]


SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", _str), ("origin", _str), ("url", _str), ("source", _str), ("published", _str),
            ("title", _str), ("language", _str), ("facts", _int), ("events", _int), ("checks", _int),
            ("warnings", pa.list_(_str)), ("text", _str), ("record", _str),
        ]
    ),
    "facts": pa.schema(
        [
            ("article_id", _str), ("index", _int), ("category", _str), ("value", _int), ("qualifier", _str),
            ("high", _int), ("role", _str), ("place", _str), ("date", _str), ("actor", _str), ("source", _str),
            ("of", _int), *_evidence_fields(),
        ]
    ),
    "posts": pa.schema(
        [
            ("article_id", _str), ("index", _int), ("platform", _str), ("handle", _str), ("author", _str),
            ("date", _str), ("language", _str), ("text", _str), ("links", pa.list_(_str)),
            ("translation", _str), *_evidence_fields(),
        ]
    ),
    "checks": pa.schema(
        [
            ("article_id", _str), ("index", _int), ("kind", _str), ("severity", _str), ("detail", _str),
            ("facts", pa.list_(_int)),
        ]
    ),
    "events": pa.schema(
        [
            ("article_id", _str), ("index", _int), ("type", _str), ("status", _str), ("date", _str),
            ("date_precision", _str), ("place", _str), ("latitude", _float), ("longitude", _float),
            ("place_precision", _int), ("perpetrator", _str), ("target", _str), ("killed", _int),
            ("injured", _int), ("arrested", _int), ("totals", _str), *_evidence_fields(),
        ]
    ),
}

Rows = dict[str, list[dict]]


def article_id(origin: str) -> str:
    """A stable id from where the record was read (path:line, path@offset or a file path)."""
    return hashlib.sha1(origin.encode("utf-8")).hexdigest()[:16]


def month_of(published: str | None) -> str:
    """The partition a record goes to: YYYY-MM of its publication date, else 'unknown'."""
    if published and len(published) >= 7 and published[:4].isdigit() and published[4] == "-" and published[5:7].isdigit():
        return published[:7]
    return UNKNOWN_MONTH


def _evidence(span: Span | None) -> dict:
    if span is None:
        return {"evidence_text": None, "evidence_start": None, "evidence_end": None}
    return {"evidence_text": span.text, "evidence_start": span.start, "evidence_end": span.end}


def article_rows(article: Article, origin: str) -> Rows:
    """One article as rows of the five tables."""
    key = article_id(origin)
    rows: Rows = {
        "articles": [
            {
                "article_id": key, "origin": origin, "url": article.url, "source": article.source,
                "published": article.published, "title": article.title, "language": article.language,
                "facts": len(article.facts), "events": len(article.events), "checks": len(article.checks),
                "warnings": list(article.warnings), "text": article.text,
                "record": article.model_dump_json(),
            }
        ],
        "facts": [
            {
                "article_id": key, "index": i,
                **fact.model_dump(include={"category", "value", "qualifier", "high", "role", "place", "date",
                                           "actor", "source", "of"}),
                **_evidence(fact.evidence),
            }
            for i, fact in enumerate(article.facts)
        ],
        "posts": [
            {
                "article_id": key, "index": i,
                **post.model_dump(include={"platform", "handle", "author", "date", "language", "text", "links",
                                           "translation"}),
                **_evidence(post.evidence),
            }
            for i, post in enumerate(article.posts)
        ],
        "checks": [
            {"article_id": key, "index": i, **check.model_dump(include={"kind", "severity", "detail", "facts"})}
            for i, check in enumerate(article.checks)
        ],
        "events": [
            {
                "article_id": key, "index": i, "type": event.type, "status": event.status, "date": event.date,
                "date_precision": event.date_precision,
                "place": event.place.name if event.place else None,
                "latitude": event.place.latitude if event.place else None,
                "longitude": event.place.longitude if event.place else None,
                "place_precision": event.place.precision if event.place else None,
                "perpetrator": event.actors.perpetrator, "target": event.actors.target,
                "killed": event.totals.get("killed"), "injured": event.totals.get("injured"),
                "arrested": event.totals.get("arrested"),
                "totals": json.dumps(event.totals, sort_keys=True),
                **_evidence(event.evidence),
            }
            for i, event in enumerate(article.events)
        ],
    }
    return rows


def partition_rows(articles: list[tuple[Article, str]]) -> dict[tuple[str, str], list[dict]]:
    """(table, month) → rows, for a chunk's (article, origin) pairs."""
    parts: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for article, origin in articles:
        month = month_of(article.published)
        for table, rows in article_rows(article, origin).items():
            parts[(table, month)].extend(rows)
    return parts


def part_path(out: Path, table: str, month: str, chunk_key: str) -> Path:
    return out / table / f"month={month}" / f"part-{chunk_key}.parquet"


def write_parts(parts: dict[tuple[str, str], list[dict]], out: Path, chunk_key: str) -> dict[str, int]:
    """Write each (table, month) group to its Parquet file; rows written per table.

    Each file is written under a temporary name and renamed, so a reader (or a rerun after a crash) never
    sees half a file; the name depends only on the chunk, so a rerun overwrites rather than duplicates.
    """
    written = dict.fromkeys(TABLES, 0)
    for (table, month), rows in sorted(parts.items()):
        if not rows:
            continue
        path = part_path(out, table, month, chunk_key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), temporary, compression="zstd")
        os.replace(temporary, path)
        written[table] += len(rows)
    return written


def read_table(out: str | Path, table: str) -> pa.Table:
    """One table of a batch output as a single pyarrow Table, with its `month` partition column."""
    import pyarrow.dataset as ds

    folder = Path(out) / table
    if not folder.exists():
        return SCHEMAS[table].empty_table().append_column("month", pa.array([], _str))
    dataset = ds.dataset(folder, format="parquet", partitioning="hive", schema=None)
    return dataset.to_table()
