"""Batch scaling: articles/s with 1 and 2 Dask workers vs single-process extract, and worker peak memory.

    .venv/bin/python bench/batch_scaling.py --articles 400 --memory-articles 1000,10000

Input: a JSON Lines file generated from the dev set and the seed article (tests/data), cycled to the asked
count. Every copy gets a unique dateline town, byline and figure, so spaCy meets new strings all along, as
in a real archive: without `nlp.memory_zone()` its vocabulary (and the workers' memory) would grow with
the article count. Rates exclude cluster start-up and model loading (the workers load the model before
the clock starts); the wall time with start-up is printed too. Articles per CPU-second (summed over
workers) is printed as well: on a shared machine it is the figure that load does not distort, and the one
a price per core-hour applies to. Prints a table and writes JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "src"))

from newsfacts.batch import BatchConfig, run_batch  # noqa: E402
from newsfacts.batch.runner import DEFAULT_EXTRACTOR, resolve  # noqa: E402
from newsfacts.options import Options  # noqa: E402

_SYLLABLES = ("ka", "ro", "vel", "mi", "tan", "so", "dur", "ba", "len", "qu", "zi", "mor")


def base_articles() -> list[dict]:
    """The dev articles and the seed, as {text, published}."""
    articles = [
        {"text": record["text"], "published": record.get("published")}
        for record in (json.loads(p.read_text(encoding="utf-8")) for p in sorted((DATA / "dev").glob("*.json")))
    ]
    seed = json.loads((DATA / "examples" / "black-january.json").read_text(encoding="utf-8"))
    articles.append({"text": (DATA / "examples" / "black-january.txt").read_text(encoding="utf-8"),
                     "published": seed.get("published")})
    return articles


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def generate(path: Path, count: int, seed: int = 7) -> Path:
    """`count` articles cycling through the base set, each with unique names and a unique figure."""
    rng = random.Random(seed)
    bases = base_articles()
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            base = bases[i % len(bases)]
            town, reporter = invented_name(rng), f"{invented_name(rng)} {invented_name(rng)}"
            text = (f"{town.upper()} (Bench Wire) - {base['text']}\n\n"
                    f"Separately, {rng.randint(2, 40)} people were injured in {town} on Monday, officials said.\n\n"
                    f"Reporting by {reporter}; editing by {invented_name(rng)}-{i}")
            handle.write(json.dumps({"text": text, "published": base["published"], "url": f"https://bench/{i}"}) + "\n")
    return path


def single_process_rate(path: Path, count: int, options: Options, extractor: str) -> tuple[float, float]:
    """(articles per wall second, per CPU second) of one Extractor in this process (model loaded first)."""
    from newsfacts.ingest.jsonl import RecordError, iter_jsonl

    engine = resolve(extractor)(options)
    documents = [d for d in iter_jsonl(path, options, limit=count) if not isinstance(d, RecordError)]
    started, cpu_started = time.perf_counter(), time.process_time()
    for document in documents:
        try:
            engine.extract(document)
        except Exception:  # noqa: BLE001 - the batch counts these as errors too; the rate still counts the work
            pass
    return len(documents) / (time.perf_counter() - started), len(documents) / (time.process_time() - cpu_started)


def batch_run(path: Path, workers: int, chunk_size: int, extractor: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="nf-bench-") as out:
        wall = time.perf_counter()
        summary = run_batch(BatchConfig(inputs=(str(path),), out=out, workers=workers, chunk_size=chunk_size,
                                        extractor=extractor), progress_stream=None)
        wall = time.perf_counter() - wall
    return {"workers": workers, "records": summary.records, "errors": summary.errors, "seconds": summary.seconds,
            "rate": summary.rate, "cpu_rate": summary.records / summary.cpu_seconds if summary.cpu_seconds else 0.0,
            "wall_with_startup": wall, "worker_peak_rss_mb": summary.worker_peak_rss_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="articles for the 1- vs 2-worker rates")
    parser.add_argument("--memory-articles", default="1000,10000",
                        help="comma-separated article counts for the 2-worker peak-memory runs ('' to skip)")
    parser.add_argument("--chunk-size", type=int, default=25,
                        help="records per chunk (small, so 2 workers share a short input evenly)")
    parser.add_argument("--baseline-articles", type=int, default=200, help="articles for the single-process rate")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:callable (default: the pipeline)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    figures: dict = {"cpu_count": os.cpu_count(), "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="nf-bench-in-") as folder:
        largest = max([args.articles, args.baseline_articles,
                       *(int(n) for n in args.memory_articles.split(",") if n)])
        path = generate(Path(folder) / "bench.jsonl", largest)
        subset = generate(Path(folder) / "rates.jsonl", args.articles)
        single, single_cpu = single_process_rate(subset, args.baseline_articles, Options(), args.extractor)
        figures["single_process_rate"], figures["single_process_cpu_rate"] = single, single_cpu
        runs = [batch_run(subset, n, args.chunk_size, args.extractor) for n in (1, 2)]
        figures["runs"] = runs
        print(f"{'':26}{'articles/s':>11}{'vs 1 worker':>13}{'vs extract':>12}{'wall+start s':>14}{'peak MB':>9}"
              f"{'art./CPU-s':>12}")
        print(f"{'single-process extract':26}{single:11.1f}{'':13}{1.0:12.2f}{'':23}{single_cpu:12.2f}")
        for run in runs:
            print(f"{run['workers']} worker(s), {run['records']} art. ".ljust(26)
                  + f"{run['rate']:11.1f}{run['rate'] / runs[0]['rate']:13.2f}{run['rate'] / single:12.2f}"
                  + f"{run['wall_with_startup']:14.1f}{run['worker_peak_rss_mb']:9.0f}{run['cpu_rate']:12.2f}")
        memory = []
        for count in (int(n) for n in args.memory_articles.split(",") if n):
            with tempfile.TemporaryDirectory(prefix="nf-bench-mem-") as sub:
                part = Path(sub) / f"mem-{count}.jsonl"
                with open(path, encoding="utf-8") as source, open(part, "w", encoding="utf-8") as target:
                    for _, line in zip(range(count), source, strict=False):
                        target.write(line)
                run = batch_run(part, 2, max(args.chunk_size, 100), args.extractor)
            memory.append(run)
            print(f"memory: {count:>6} articles on 2 workers: peak worker RSS {run['worker_peak_rss_mb']:.0f} MB "
                  f"({run['rate']:.1f} articles/s)")
        if len(memory) >= 2:
            growth = memory[-1]["worker_peak_rss_mb"] / memory[0]["worker_peak_rss_mb"] - 1
            print(f"memory growth from {memory[0]['records']} to {memory[-1]['records']} articles: {growth:+.1%}")
            figures["memory_growth"] = growth
        figures["memory"] = memory
    figures["load_after"] = os.getloadavg()
    print(f"load average before {figures['load_before'][0]:.2f}, after {figures['load_after'][0]:.2f} "
          f"on {figures['cpu_count']} cores")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
