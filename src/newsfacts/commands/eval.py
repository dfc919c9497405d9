"""`newsfacts eval`: accuracy against gold records, or against a coder's own rows (.jsonl), in one process."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .extract import RUBRIC_HELP, TOTALS_MODEL_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score extraction against gold records or hand-coded rows (.jsonl)",
        description="Run extract on the text of each gold record (files or folders of .json in the seed's "
                    "schema) and print precision, recall and F1 of (category, value) facts, the scored checks, "
                    "the posts found and the accuracy of per-article event totals. Given .jsonl files of coded "
                    'rows ({"id", "text", "dct", "gold": {"killed": N, ...}} a line), print per category exact '
                    "accuracy, the majority baseline, within-one accuracy, mean absolute error and n.",
    )
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold .json files or folders of them, or .jsonl files of rows")
    p.add_argument("-v", "--verbose", action="store_true", help="list each document's misses and extras (rows: the wrong rows)")
    p.add_argument("--min-f1", type=float, default=0.0, metavar="F", help="exit 1 when facts F1 is below F")
    p.add_argument("--min-event-acc", type=float, default=0.0, metavar="A",
                   help="exit 1 when killed or injured total accuracy is below A")
    p.add_argument("--dump", metavar="FILE", help="rows only: write each row's id, gold, prediction and error (JSON lines)")
    p.add_argument("--rubric", metavar="NAME|PATH", help=RUBRIC_HELP)
    p.add_argument("--totals-model", metavar="default|none|PATH", help=TOTALS_MODEL_HELP)
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..options import Options
    from ..pipeline import Extractor

    row_files = [g for g in args.gold if Path(g).suffix == ".jsonl"]
    if row_files and len(row_files) != len(args.gold):
        raise InputError("give either .jsonl files of coded rows or gold .json records, not both in one run")
    if args.dump and not row_files:
        raise InputError("--dump writes row predictions: give .jsonl files of coded rows")
    extractor = Extractor(Options.from_env(spacy_model=args.model, rubric=args.rubric,
                                           totals_model=args.totals_model))
    return _run_rows(args, row_files, extractor) if row_files else _run_records(args, extractor)


def _run_records(args: argparse.Namespace, extractor) -> int:
    from ..evaluate import describe, evaluate, gold_files
    from .progress import Bar

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


def _run_rows(args: argparse.Namespace, files: list[str], extractor) -> int:
    from tqdm import tqdm

    from ..evaluate_rows import dump_lines, evaluate_rows, read_rows

    rows = [row for path in files for row in read_rows(path)]
    # A progress bar only where someone watches: never in a pipe or a log file.
    shown = tqdm(rows, desc="eval", unit="doc", file=sys.stderr, disable=not sys.stderr.isatty())
    result = evaluate_rows(shown, extractor.extract)
    for score in result.scores():
        print(score.line())
        if args.verbose:
            for row_id, gold, got in result.wrong(score.category):
                print(f"    {row_id}: gold {gold}, predicted {'error' if got is None else got}")
    for p in result.predictions:
        if p.error:
            print(f"error: {p.row.id}: {p.error}", file=sys.stderr)
    if args.dump:
        Path(args.dump).write_text("".join(line + "\n" for line in dump_lines(result)), encoding="utf-8")
    print(result.summary())
    exact = {s.category: s.exact for s in result.scores()}
    ok = all(exact.get(c, 1.0) >= args.min_event_acc for c in ("killed", "injured"))
    return 0 if ok and result.errors == 0 else 1


def _counted(bar, extract, document):
    try:
        return extract(document)
    finally:
        bar.update()
