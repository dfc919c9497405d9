"""`newsfacts coder add NAME`: a coder's own write token for the review pages and API (shown once)."""

from __future__ import annotations

import argparse

from .ingest import DB_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "coder",
        help="add a coder: prints their token for reviewing figures in the web app and API",
        description="Register a coder in the store and print their token, once (the store keeps only its SHA-256). "
                    "Revisions made with it carry the coder's name.",
    )
    p.add_argument("action", choices=["add"], help="add: register a coder")
    p.add_argument("name", help="the coder's name, as revisions will show it")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store

    with open_store(args.db) as store:
        token = store.add_coder(args.name)
    print(token)
    return 0
