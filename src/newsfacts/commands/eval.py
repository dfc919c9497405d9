"""`newsfacts eval`: accuracy against gold records, in one process."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score extraction against gold records (facts P/R/F1, checks, posts, event totals)",
        description="Run extract on the text of each gold record (files or folders of .json in the seed's "
                    "schema) and print precision, recall and F1 of (category, value) facts, the scored checks, "
                    "the posts found and the accuracy of per-article event totals.",
    )
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold .json files or folders of them")
    p.add_argument("-v", "--verbose", action="store_true", help="list each document's misses and extras")
    p.add_argument("--min-f1", type=float, default=0.0, metavar="F", help="exit 1 when facts F1 is below F")
    p.add_argument("--min-event-acc", type=float, default=0.0, metavar="A",
                   help="exit 1 when killed or injured total accuracy is below A")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..evaluate import describe, evaluate, gold_files
    from ..options import Options
    from ..pipeline import Extractor
    from .progress import Bar

    extractor = Extractor(Options.from_env(spacy_model=args.model))
    with Bar("eval", total=len(gold_files(args.gold)), unit="doc") as bar:
        result = evaluate(args.gold, lambda document: _counted(bar, extractor.extract, document))
    if args.verbose:
        for doc in result.documents:
            for line in describe(doc):
                print(line)
    print(result.summary())
    acc = result.totals_accuracy()
    ok = result.f1 >= args.min_f1 and all(acc.get(c, 1.0) >= args.min_event_acc for c in ("killed", "injured"))
    return 0 if ok and result.errors == 0 and result.posts_found == result.posts_gold else 1


def _counted(bar, extract, document):
    try:
        return extract(document)
    finally:
        bar.update()
