"""Coverage-guided fuzzing of `Extractor.extract()` on bytes read the way a file is read (text or HTML).

    python bench/fuzz_extract.py --runs 2000 --seconds 120

Each input goes through `document_from_bytes` (decoding, binary sniffing, HTML detection) and then the whole
cascade. A typed `NewsfactsError` is the right answer to bad input; anything else is a crash, and so is an
Article whose evidence spans do not map back to its text. Crashes are deduplicated by exception type and the
innermost newsfacts frame; the first input of each is written to `tests/hardening/corpus/extract-<sha>.bin`,
where `tests/hardening/test_regressions.py` replays it. The harness (`Campaign`) is shared with
`bench/fuzz_readers.py`.

atheris (libFuzzer) drives the inputs and instruments newsfacts' own modules only: spaCy, trafilatura and
lxml stay uninstrumented so that one input costs what it costs in production. Without atheris installed the
same targets run on random mutations of the seed corpus (`--engine random`), which finds less.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "hardening" / "corpus"
DATA = ROOT / "tests" / "data"
# Inputs longer than this cost seconds each in spaCy without reaching new code; 40 MB pages are the soak's job.
MAX_INPUT_BYTES = 8192
# Every input is timed: one slower than SLOW_BASE_S + SLOW_S_PER_KB per kilobyte is a failure, reported and
# kept like a crash (issue 12: quadratic patterns and run-on sentences froze the server). On the development
# machine an 8 KB input takes ~0.3 s through the extractor, so the extract budget (2 s + 1 s/KB, 10 s at 8 KB)
# leaves room for a loaded machine but not for quadratic work; the readers take milliseconds.
SLOW_BASE_S = 2.0
SLOW_S_PER_KB = 1.0


def time_budget(size: int, base: float = SLOW_BASE_S, per_kb: float = SLOW_S_PER_KB) -> float:
    """Seconds an input of `size` bytes may take before it counts as a slow-input failure."""
    return base + per_kb * size / 1024


@dataclass
class Campaign:
    """Counts inputs, tells crashes (unexpected exceptions) from right answers, keeps one input per crash."""

    name: str
    runs: int
    seconds: float
    corpus: Path = CORPUS
    expected: tuple[type[BaseException], ...] = ()
    base_s: float = SLOW_BASE_S
    per_kb_s: float = SLOW_S_PER_KB
    tried: int = 0
    crashes: dict[str, Path] = field(default_factory=dict)
    slow: list[float] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def run_one(self, target: Callable[[bytes], None], data: bytes) -> None:
        self.tried += 1
        began = time.monotonic()
        try:
            target(data)
        except self.expected as exc:
            if getattr(exc, "code", None) == "E500":  # InternalError: a crash the pipeline caught and typed
                self.record(exc.__cause__ if isinstance(exc.__cause__, Exception) else exc, data)
        except Exception as exc:  # noqa: BLE001 - finding these is the point
            self.record(exc, data)
        took = time.monotonic() - began
        if took > time_budget(len(data), self.base_s, self.per_kb_s):
            self.record_slow(took, data)
        if self.spent():
            self.finish()

    def spent(self) -> bool:
        return self.tried >= self.runs or time.monotonic() - self.started >= self.seconds

    def record(self, exc: Exception, data: bytes) -> None:
        key = crash_key(exc)
        if key in self.crashes:
            return
        self.corpus.mkdir(parents=True, exist_ok=True)
        path = self.corpus / f"{self.name}-{hashlib.sha1(data).hexdigest()[:12]}.bin"
        path.write_bytes(data)
        self.crashes[key] = path
        print(f"CRASH {key} -> {path.relative_to(ROOT)}", file=sys.stderr)
        traceback.print_exception(exc, limit=-6, file=sys.stderr)

    def record_slow(self, took: float, data: bytes) -> None:
        """A slow input is a failure like a crash: kept in the corpus (replayed by the regression tests, which
        check its result, not its time) and counted in the summary."""
        self.slow.append(took)
        self.corpus.mkdir(parents=True, exist_ok=True)
        path = self.corpus / f"{self.name}-slow-{hashlib.sha1(data).hexdigest()[:12]}.bin"
        path.write_bytes(data)
        budget = time_budget(len(data), self.base_s, self.per_kb_s)
        print(f"SLOW {took:.1f} s > {budget:.1f} s for {len(data):,} bytes -> {path.relative_to(ROOT)}",
              file=sys.stderr)

    def summary(self) -> str:
        elapsed = time.monotonic() - self.started
        lines = [
            f"{self.name}: {self.tried:,} inputs tried in {elapsed:.0f} s ({self.tried / max(elapsed, 1e-9):.1f}/s)",
            f"{self.name}: {len(self.crashes)} distinct crashes found, {len(self.slow)} slow inputs (over "
            f"{self.base_s:g} s + {self.per_kb_s:g} s/KB)",
        ]
        lines += [f"  {key}: {path.relative_to(ROOT)}" for key, path in self.crashes.items()]
        return "\n".join(lines)

    def finish(self) -> None:
        print(self.summary(), flush=True)
        sys.stderr.flush()
        # libFuzzer owns the process loop; leaving through os._exit is how a harness stops it on its own budget.
        os._exit(1 if self.crashes or self.slow else 0)


def crash_key(exc: BaseException) -> str:
    """Exception type at its innermost newsfacts frame: one key per bug, however many inputs trigger it."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "newsfacts" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "outside newsfacts"
    return f"{type(exc).__name__} at {where}"


def assert_spans_map_back(article) -> None:
    """Every evidence span of an Article is the stretch of its text it claims to be."""
    text = article.text
    spans = [item.evidence for group in (article.facts, article.posts, article.quotes, article.entities,
                                         article.dates) for item in group]
    for event in article.events:
        spans += [event.evidence] if event.evidence else []
        spans += [mention for derivation in event.derivations for mention in derivation.mentions]
    for span in spans:
        if text[span.start : span.end] != span.text:
            raise AssertionError(f"span {span.start}:{span.end} is {text[span.start:span.end]!r}, not {span.text!r}")
    for block in article.blocks:
        if not 0 <= block.start <= block.end <= len(text):
            raise AssertionError(f"block {block.start}:{block.end} outside the text ({len(text)} chars)")


def make_extract_target(extractor=None) -> Callable[[bytes], None]:
    """bytes → checked RawDocument → Article, whose spans and JSON round trip are then checked."""
    from newsfacts.ingest.text import document_from_bytes
    from newsfacts.model import Article
    from newsfacts.options import Options
    from newsfacts.pipeline import Extractor

    options = Options()
    extractor = extractor or Extractor(options)

    def target(data: bytes) -> None:
        # The first byte picks how the carrier labels the page, as a crawler's Content-Type would.
        hint, body = (data[0] % 3, data[1:]) if data else (0, data)
        declared = (None, "utf-8", "iso-8859-1")[hint]
        document = document_from_bytes(body, "<fuzz>", options, declared=declared, html_hint=hint == 2)
        article = extractor.extract(document)
        assert_spans_map_back(article)
        if Article.model_validate_json(article.model_dump_json()) != article:
            raise AssertionError("the Article does not survive a JSON round trip")

    return target


def seed_inputs() -> list[bytes]:
    """Real articles (cut to the input limit) and hostile shapes: the fuzzer mutates from these."""
    texts = [(DATA / "examples" / "black-january.txt").read_text(encoding="utf-8")]
    texts += [json.loads(path.read_text(encoding="utf-8"))["text"] for path in sorted((DATA / "dev").glob("*.json"))[::6]]
    seeds = [b"\x00" + text.encode("utf-8")[:MAX_INPUT_BYTES] for text in texts]
    seeds += [
        b"\x00Police said 12 people were killed and 1,2,3 injured on Monday, 12\xe2\x80\x93 arrested.",
        b"\x01\xef\xbb\xbfAt least \xd9\xa1\xd9\xa2 people died; twenty-one were hurt; 3-4 detained.",
        b"\x02<html><head><meta charset=utf-16></head><body><nav><a href=/>Home</a></nav>"
        b"<article><p>Five people were killed on 12/13/2024 in Kabul, officials said.</p>"
        b"<script>alert(1)</script><table><tr><td>1</td></tr></table></article></body></html>",
        b"\x02<blockquote class=twitter-tweet><p lang=ar>\xd9\x82\xd8\xaa\xd9\x84</p>&mdash; X (@x) "
        b"<a href=https://twitter.com/x/status/1>January 1, 2025</a></blockquote>",
    ]
    return seeds


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A cheap byte mutation (flip, insert, delete, splice a slice elsewhere): the fallback engine's step."""
    buf = bytearray(data or b"\x00")
    for _ in range(rng.randint(1, 8)):
        choice, at = rng.randrange(4), rng.randrange(len(buf) + 1)
        if choice == 0 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif choice == 1:
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif choice == 2 and len(buf) > 1:
            del buf[at : at + rng.randint(1, 16)]
        elif buf:  # an empty buffer has nothing to copy (a deletion can empty it)
            start = rng.randrange(len(buf))
            buf[at:at] = buf[start : start + rng.randint(1, 32)]
    return bytes(buf[:MAX_INPUT_BYTES])


def run_random(campaign: Campaign, target: Callable[[bytes], None], seeds: list[bytes], seed: int) -> None:
    rng = random.Random(seed)
    for data in seeds:
        campaign.run_one(target, data)
    while True:
        campaign.run_one(target, mutate(rng.choice(seeds), rng))


def run_atheris(campaign: Campaign, target: Callable[[bytes], None], seeds: Iterable[bytes], seed: int) -> None:
    import atheris

    seed_dir = Path(tempfile.mkdtemp(prefix=f"fuzz-{campaign.name}-"))
    for index, data in enumerate(seeds):
        (seed_dir / f"seed-{index}").write_bytes(data)
    argv = [sys.argv[0], f"-seed={seed}", f"-max_len={MAX_INPUT_BYTES}", "-timeout=120",
            f"-runs={campaign.runs + 1000}", f"-max_total_time={int(campaign.seconds) + 60}", str(seed_dir)]
    atheris.Setup(argv, lambda data: campaign.run_one(target, data))
    atheris.Fuzz()
    campaign.finish()  # libFuzzer's own limits are a backstop above the campaign's


def engine_available(engine: str) -> str:
    if engine in ("auto", "atheris"):
        try:
            import atheris  # noqa: F401
        except ImportError:
            if engine == "atheris":
                raise SystemExit("atheris is not installed: pip install 'newsfacts[harden]'") from None
            return "random"
        return "atheris"
    return engine


def instrumented(engine: str):
    """Import newsfacts under atheris' coverage instrumentation (only our modules)."""
    if engine != "atheris":
        import contextlib

        return contextlib.nullcontext()
    import atheris

    return atheris.instrument_imports(include=["newsfacts"])


def parse_args(argv: list[str] | None, description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=2000, help="stop after this many inputs (default 2000)")
    parser.add_argument("--seconds", type=float, default=120, help="stop after this many seconds (default 120)")
    parser.add_argument("--seed", type=int, default=1, help="random seed, for a repeatable run (default 1)")
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto",
                        help="atheris (coverage-guided) or random mutation; auto takes atheris when installed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv, "Fuzz Extractor.extract() on text and HTML bytes.")
    engine = engine_available(args.engine)
    with instrumented(engine):
        from newsfacts.errors import NewsfactsError

        target = make_extract_target()
    campaign = Campaign("extract", args.runs, args.seconds, expected=(NewsfactsError,))
    print(f"extract: engine {engine}, seed {args.seed}, budget {args.runs:,} inputs / {args.seconds:.0f} s", flush=True)
    campaign.started = time.monotonic()  # the spaCy load above is not fuzzing time
    runner = run_atheris if engine == "atheris" else run_random
    runner(campaign, target, seed_inputs(), args.seed)


if __name__ == "__main__":
    main()
