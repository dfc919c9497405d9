"""`newsfacts export`: the merged events as csv, jsonl or parquet, in native, ACLED-like or UCDP-like columns."""

from __future__ import annotations

import argparse
import sys

from .events import add_filters, filters_from
from .ingest import DB_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export the merged events (csv, jsonl, parquet; native, acled or ucdp columns)",
        description="Write the stored events, one row each, to --out or stdout. --columns acled gives ACLED's 31 "
                    "columns (event_id_cnty ... timestamp), --columns ucdp UCDP GED's 49 (id ... gwnob), in their "
                    "order and types, filled where the store knows the value and empty where not; accidents and "
                    "disasters are left out of both, and events without deaths out of ucdp. Background events "
                    "are left out unless --status background is given. Column lists: docs/store.md.",
    )
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv", help="file format (default csv)")
    p.add_argument("--columns", choices=["native", "acled", "ucdp"], default="native", help="column set (default native)")
    p.add_argument("--out", metavar="PATH", help="write here instead of stdout (needed for parquet)")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    add_filters(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store
    from .progress import Bar

    with open_store(args.db, create=False) as store, Bar("export", unit="event") as bar:
        rows = store.export(args.format, args.columns, args.out, filters=filters_from(args), progress=bar.iterate)
    if args.out:
        print(f"exported {rows} events to {args.out}", file=sys.stderr)
    return 0
