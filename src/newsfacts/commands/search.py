"""`newsfacts search "text"`: full-text search over the stored articles."""

from __future__ import annotations

import argparse
import json

from .ingest import DB_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="full-text search over stored articles",
        description='Search the stored articles\' titles and texts (SQLite FTS5, PostgreSQL full-text). Every '
                    'word must match; "a quoted phrase" matches as a phrase.',
    )
    p.add_argument("query", metavar="TEXT", help="the words to look for")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (default 20)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the hits as JSON records")
    fmt.add_argument("--csv", action="store_true", help="print the hits as CSV")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store
    from ..store.render import csv_text, hit_row, table

    with open_store(args.db, create=False) as store:
        hits = store.search(args.query, args.limit)
    if args.json:
        print(json.dumps([h.model_dump(mode="json") for h in hits], ensure_ascii=False, indent=2))
    elif args.csv:
        print(csv_text([hit_row(h) for h in hits]), end="")
    else:
        print(table([hit_row(h) for h in hits]))
    return 0
