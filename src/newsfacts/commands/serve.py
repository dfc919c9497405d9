"""`newsfacts serve`: the web app and JSON API, run with uvicorn."""

from __future__ import annotations

import argparse
import ipaddress

from ..errors import require_extra
from ..options import Options

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the web app and JSON API",
        description="Run the web app (analyse, article pages, events) and the JSON API under /api/v1. "
        "Saving needs NEWSFACTS_TOKEN set; give the token as a Bearer header (API) or in the form.",
    )
    store = parser.add_mutually_exclusive_group()
    store.add_argument("--db", metavar="URL", default=None,
                       help="store URL or SQLite path (default: NEWSFACTS_DB, else newsfacts.db here)")
    store.add_argument("--no-db", action="store_true",
                       help="run without a store: analyse only, nothing saved, no events pages")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--allow-private-urls", action="store_true",
                        help="let URL analysis fetch private and loopback addresses (off by default)")
    parser.add_argument("--model", dest="spacy_model", metavar="NAME", default=None, help="spaCy pipeline to load")
    # the option's former name, still accepted so existing scripts keep working
    parser.add_argument("--spacy-model", dest="spacy_model", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="extraction worker processes (default 1; 0 runs extraction in the server process)")
    parser.add_argument("--budget", type=float, default=Options.extract_budget_s, metavar="SECONDS",
                        help=f"seconds one document may take before it is stopped (default {Options.extract_budget_s:g})")
    parser.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def store_url(args: argparse.Namespace) -> str | None:
    """The same store the other commands use (`newsfacts ingest` then `serve` shows what was ingested)."""
    if args.no_db:
        return None
    from ..store import resolve_url

    return resolve_url(args.db)


def run(args: argparse.Namespace) -> int:
    require_extra("uvicorn", "web")
    import uvicorn

    from ..web import create_app
    from ..web.security import write_token_from_env

    options = Options.from_env(
        allow_private_urls=True if args.allow_private_urls else None, spacy_model=args.spacy_model,
        extract_workers=args.workers, extract_budget_s=args.budget,
    )
    app = create_app(store_url(args), options)
    if not write_token_from_env():
        print("newsfacts: saving is off until NEWSFACTS_TOKEN is set (reading and analysing work)")
    if not is_loopback(args.host):
        print(f"newsfacts: listening on {args.host}, reachable beyond this machine")
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
