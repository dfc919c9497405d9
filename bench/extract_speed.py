"""Speed of extract() against bare spaCy on the same plain-text articles, in one run.

    python bench/extract_speed.py [--repeat N] [--html]

Prints articles/s and words/s for `Extractor.extract` against `nlp(text)` one by one, and for `Extractor.pipe`
against `nlp.pipe` in batches, with each pair's ratio (how much of the model's speed extraction keeps). With --html it also times trafilatura's main-text
extraction on the same articles wrapped in a simple page, apart. Texts: the 38 dev articles and the seed.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsfacts.ingest.base import RawDocument  # noqa: E402
from newsfacts.options import Options  # noqa: E402
from newsfacts.pipeline import Extractor  # noqa: E402


def load_texts() -> list[tuple[str, str | None]]:
    files = sorted((ROOT / "tests/data/dev").glob("*.json")) + [ROOT / "tests/data/examples/black-january.json"]
    out = []
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        out.append((gold["text"], gold.get("published")))
    return out


def timed(fn, items, repeat: int) -> float:
    """Best of `repeat` passes (seconds), so a busy neighbour on the machine inflates less."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for item in items:
            fn(item)
        runs.append(time.perf_counter() - t0)
    return min(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64, help="batch size of nlp.pipe and Extractor.pipe")
    ap.add_argument("--html", action="store_true", help="also time HTML main-text extraction (trafilatura)")
    a = ap.parse_args()
    texts = load_texts()
    extractor = Extractor(Options())
    nlp = extractor.nlp
    words = sum(len(t.split()) for t, _ in texts)
    docs = [RawDocument(content=t, published=p) for t, p in texts]
    extractor.extract(docs[0])  # warm caches (gazetteer index, language detector)

    def bare(doc: RawDocument) -> None:
        with nlp.memory_zone():
            nlp(doc.content)

    def bare_pipe(batch: list[RawDocument]) -> None:
        with nlp.memory_zone():
            for _ in nlp.pipe((d.content for d in batch), batch_size=a.batch_size):
                pass

    def extract_pipe(batch: list[RawDocument]) -> None:
        for _ in extractor.pipe(batch, batch_size=a.batch_size):
            pass

    t_spacy = timed(bare, docs, a.repeat)
    t_extract = timed(extractor.extract, docs, a.repeat)
    t_spacy_pipe = timed(bare_pipe, [docs], a.repeat)
    t_extract_pipe = timed(extract_pipe, [docs], a.repeat)
    n = len(docs)
    print(f"articles {n}, words {words}, best of {a.repeat}")
    print("one by one:")
    print(f"  bare nlp(text)   {n / t_spacy:7.1f} articles/s {words / t_spacy:9.0f} words/s")
    print(f"  extract          {n / t_extract:7.1f} articles/s {words / t_extract:9.0f} words/s")
    print(f"  ratio extract/spaCy {t_spacy / t_extract:.2f}")
    print(f"batched (batch_size {a.batch_size}):")
    print(f"  bare nlp.pipe    {n / t_spacy_pipe:7.1f} articles/s {words / t_spacy_pipe:9.0f} words/s")
    print(f"  Extractor.pipe   {n / t_extract_pipe:7.1f} articles/s {words / t_extract_pipe:9.0f} words/s")
    print(f"  ratio pipe/spaCy {t_spacy_pipe / t_extract_pipe:.2f}")
    if a.html:
        from newsfacts.ingest.html import main_text_from_html

        pages = [RawDocument(content="<html><head><title>t</title></head><body><nav>Home News</nav><article>"
                             + "".join(f"<p>{html.escape(p)}</p>" for p in t.split("\n") if p.strip())
                             + "</article></body></html>", is_html=True) for t, _ in texts]
        t_html = timed(lambda d: main_text_from_html(d, Options()), pages, a.repeat)
        per_page = [t_html / n * 1000]
        print(f"HTML main text (trafilatura) {n / t_html:7.1f} pages/s, {statistics.mean(per_page):.1f} ms a page")


if __name__ == "__main__":
    main()
