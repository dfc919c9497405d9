"""`newsfacts export`: the merged events as csv, jsonl or parquet, in native, ACLED-like or UCDP-like columns."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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


SQLITE_MAGIC = b"SQLite format 3\x00"


def check_out_path(out: str, db: str | None) -> None:
    """Refuse an --out that would destroy data or cannot be written, in one line, before anything is read:
    the store itself (`export --db s.db --out s.db` overwrote the store with CSV and exited 0), any other
    SQLite database, or a file in a folder that does not exist (a traceback before)."""
    from ..errors import InputError
    from ..store.core import resolve_url

    path = Path(out).expanduser()
    store_url = resolve_url(db)
    if store_url.startswith("sqlite:///") and path.resolve() == Path(store_url.removeprefix("sqlite:///")).resolve():
        raise InputError(f"--out {out} is the store itself: exporting would overwrite it; give another file")
    if path.is_file():
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                raise InputError(f"--out {out} is an SQLite database: exporting would overwrite it; give another file")
    if path.is_dir():
        raise InputError(f"--out {out} is a folder: give a file name, e.g. {path / 'events.csv'}")
    if not path.parent.is_dir():
        raise InputError(f"--out {out}: the folder {path.parent} does not exist; create it or give another path")


def run(args: argparse.Namespace) -> int:
    from ..store import open_store
    from .progress import Bar

    if args.out:
        check_out_path(args.out, args.db)
    with open_store(args.db, create=False) as store, Bar("export", unit="event") as bar:
        rows = store.export(args.format, args.columns, args.out, filters=filters_from(args), progress=bar.iterate)
    if args.out:
        print(f"exported {rows} events to {args.out}", file=sys.stderr)
    return 0
