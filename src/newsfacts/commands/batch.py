"""`newsfacts batch`: WARC, JSON Lines and folders through extraction on Dask, into Parquet (and a store)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys

from ..errors import InputError, require_extra


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="extract many articles (WARC, JSON Lines, folders) on Dask into Parquet",
        description=(
            "Extract every article of the inputs on a Dask cluster (a local one by default) and write "
            "Parquet tables partitioned by publication month. Rerunning the same command resumes: finished "
            "chunks are skipped. Records that fail go to errors.jsonl in the output folder."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".warc/.warc.gz, .jsonl/.jsonl.gz files, .html/.txt files or folders of them")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (Parquet, errors.jsonl, state)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=None, metavar="N",
                       help="start a local cluster of N single-threaded worker processes (default: 2)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="use a running Dask cluster, e.g. tcp://10.0.0.1:8786 (workers must see INPUT and --out)")
    parser.add_argument("--db", metavar="URL",
                        help="also load every article into the store at URL (sqlite:///file.db, postgresql://...)")
    parser.add_argument("--chunk-size", type=int, default=None, metavar="N",
                        help="records per unit of work (default: 256); a rerun must use the same")
    parser.add_argument("--model", dest="spacy_model", metavar="NAME", help="spaCy pipeline to load on each worker")
    # the option's former name, still accepted so existing scripts keep working
    parser.add_argument("--spacy-model", dest="spacy_model", help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true", help="no progress line on stderr")
    parser.add_argument("--json", action="store_true", help="print the final summary as JSON on stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for module in ("distributed", "pyarrow", "warcio"):  # before importing them: an install hint, not a traceback
        require_extra(module, "batch")
    from ..batch import runner
    from ..options import Options

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be at least 1")
    if args.chunk_size is not None and args.chunk_size < 1:
        raise InputError("--chunk-size must be at least 1")
    config = runner.BatchConfig(
        inputs=tuple(args.inputs),
        out=args.out,
        workers=args.workers or 2,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size or runner.DEFAULT_CHUNK_SIZE,
        options=Options.from_env(spacy_model=args.spacy_model),
    )
    with _open_store(args.db) if args.db else contextlib.nullcontext() as store:
        summary = runner.run_batch(config, store=store, progress_stream=None if args.quiet else sys.stderr)
    if args.json:
        print(json.dumps(summary.as_dict(), indent=2))
    else:
        print("\n".join(summary.lines()))
    return 1 if summary.chunks_failed or summary.inputs_failed else 0


def _open_store(url: str):
    from ..store import open_store

    return open_store(url)
