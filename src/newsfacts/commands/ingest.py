"""`newsfacts ingest`: extract articles and keep them in the store (SQLite by default, any SQLAlchemy URL)."""

from __future__ import annotations

import argparse

from .extract import RUBRIC_HELP, TOTALS_MODEL_HELP

DB_HELP = "the store: an SQLite path or an SQLAlchemy URL (default: NEWSFACTS_DB, else newsfacts.db here)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="extract articles and store them, merging the events they report across sources",
        description="Extract each INPUT (a file, a .json record or .jsonl lines, an http(s) URL, or - for stdin) "
                    "and each --feed, and store articles, posts, facts, checks and events. An article already "
                    "stored (same text or URL) is skipped; a syndicated copy is stored and linked to its original.",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="file path, http(s) URL, or - for stdin")
    p.add_argument("--feed", action="append", default=[], metavar="URL", help="an RSS/Atom feed (URL or file): ingest every item; repeatable")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, when you know it (wins over the page)")
    p.add_argument("--source", metavar="NAME", help="outlet name, when you know it (wins over the page)")
    p.add_argument("--url", metavar="URL", help="the article's URL (for a single input)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: NEWSFACTS_SPACY_MODEL, then en_core_web_sm)")
    p.add_argument("--rubric", metavar="NAME|PATH", help=RUBRIC_HELP)
    p.add_argument("--totals-model", metavar="default|none|PATH", help=TOTALS_MODEL_HELP)
    p.add_argument("--max-bytes", type=int, metavar="N", help="refuse inputs larger than N bytes (default 20 MB)")
    p.add_argument("--allow-private-urls", action="store_true", default=None, help="allow URLs on private or loopback addresses")
    p.add_argument("--quiet", action="store_true", help="print only the summary line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..options import Options
    from ..store import open_store
    from ..store.ingesting import documents, ingest
    from .progress import Bar

    if not args.inputs and not args.feed:
        raise InputError("nothing to ingest: name files, URLs or - for stdin, or give --feed URL")
    if args.url and (len(args.inputs) != 1 or args.feed):
        # One address for several articles made the second a "duplicate" of the first: silently dropped.
        raise InputError(f"--url names one article's address, but {len(args.inputs) + len(args.feed)} inputs were "
                         "given: give --url with a single input, or put each URL in a .jsonl record")
    options = Options.from_env(spacy_model=args.model, max_bytes=args.max_bytes, allow_private_urls=args.allow_private_urls,
                               rubric=args.rubric, totals_model=args.totals_model,
                               published=args.published, source=args.source, url=args.url)
    with open_store(args.db) as store, Bar("ingest", total=_known_total(args.inputs, args.feed)) as bar:
        report = (lambda _line: None) if args.quiet else bar.write
        summary = ingest(store, bar.iterate(documents(args.inputs, args.feed, options)), options, report=report)
    print(summary.line())
    return 1 if summary.failures else 0


def _known_total(inputs: list[str], feeds: list[str]) -> int | None:
    """How many articles the inputs hold, when each is one article (files, URLs); None when a JSON Lines
    file, a WARC, stdin or a feed holds an unknown number (the bar then shows the rate without an ETA)."""
    from ..ingest.inputs import JSONL_SUFFIXES, WARC_SUFFIXES

    several = (*JSONL_SUFFIXES, *WARC_SUFFIXES, ".json")
    if feeds or any(spec == "-" or spec.lower().endswith(several) for spec in inputs):
        return None
    return len(inputs)
