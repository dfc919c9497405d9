"""Time the hostile inputs of issue 12 through the whole extractor (and the stage that was slow on each),
and print seconds and peak memory per input. A bench script: it prints figures, it asserts nothing.

    python bench/hostile_inputs.py [--scale 1.0] [--only NAME]

`--scale 0.1` runs tenth-size inputs (quick; the old code was quadratic on several, so the full sizes took
minutes there).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable


def inputs(scale: float) -> dict[str, tuple[str, bool]]:
    """name → (content, is_html)."""
    n = lambda size: max(1, int(size * scale))  # noqa: E731
    sentence = "Police said 5 people were killed in the market on Monday. "
    return {
        "40k digits": ("Police said 5 people were killed. " + "9" * n(40_000), False),
        "117 kB unclosed <a>": (
            "<html><body><article><p>" + sentence * 5 + "</p>" + '<a href="/x">' * n(9_000) + "</article></body></html>",
            True,
        ),
        "100 kB word": ("Police said 5 people were killed. " + "a" * n(100_000), False),
        "300 kB run-on sentence": (
            "Police said " + " and ".join(f"{i % 90 + 2} people were killed in town {i}" for i in range(n(8_000))) + ".",
            False,
        ),
        "dots and dashes": (sentence + ("a-" * n(20_000)) + " " + ("." * n(20_000)), False),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    from newsfacts.errors import NewsfactsError
    from newsfacts.ingest.base import RawDocument
    from newsfacts.options import Options
    from newsfacts.pipeline import Extractor

    extractor = Extractor(Options())
    extractor.extract("Police said 5 people were killed in Baku on Monday.")  # load spaCy first
    stages: dict[str, Callable[[str], object]] = {}
    for name, (content, is_html) in inputs(args.scale).items():
        if args.only and args.only not in name:
            continue
        doc = RawDocument(content=content, is_html=is_html, origin=name)
        start = time.perf_counter()
        try:
            article = extractor.extract(doc)
            outcome = f"{len(article.facts)} facts, {len(article.warnings)} warnings"
        except NewsfactsError as exc:
            outcome = exc.one_line()
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:<24} {len(content):>9,} chars  {seconds:8.2f} s  peak RSS {peak:7.0f} MB  {outcome[:90]}")
        sys.stdout.flush()
    del stages
    return 0


if __name__ == "__main__":
    sys.exit(main())
