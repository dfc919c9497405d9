"""Accuracy against gold records (the seed's schema): facts, checks, posts and event totals.

Same rules as the workplace scorer (tests/data/score.py), run in one process: facts are the multiset of
(category, value) per document (micro precision/recall/F1); checks the multiset of scored kinds; posts the set
of handles; event totals the sum of non-background `events[].totals` per category.
"""

from __future__ import annotations

import collections
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NewsfactsError
from .ingest.base import RawDocument
from .model import Article

SCORED_CHECKS = ("sum_mismatch", "subset_exceeds_total", "anniversary_mismatch")
TOTAL_CATEGORIES = ("killed", "injured", "arrested")


@dataclass
class DocumentScore:
    name: str
    missed: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    checks_missed: dict = field(default_factory=dict)
    checks_extra: dict = field(default_factory=dict)
    posts_missed: list = field(default_factory=list)
    totals_wrong: dict = field(default_factory=dict)  # category -> (want, got)
    error: str | None = None


@dataclass
class EvalResult:
    docs: int = 0
    errors: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    checks_tp: int = 0
    checks_fp: int = 0
    checks_fn: int = 0
    posts_found: int = 0
    posts_gold: int = 0
    totals_ok: collections.Counter = field(default_factory=collections.Counter)
    totals_n: collections.Counter = field(default_factory=collections.Counter)
    documents: list[DocumentScore] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def totals_accuracy(self) -> dict[str, float]:
        return {c: self.totals_ok[c] / self.totals_n[c] for c in TOTAL_CATEGORIES if self.totals_n[c]}

    def summary(self) -> str:
        acc = self.totals_accuracy()
        totals = (f" | event totals (n {self.totals_n['killed']}) "
                  + " ".join(f"{c} {v:.2f}" for c, v in acc.items())) if acc else ""
        return (f"docs {self.docs} errors {self.errors} | facts P {self.precision:.3f} R {self.recall:.3f} "
                f"F1 {self.f1:.3f} | checks {self.checks_tp} found, {self.checks_fp} false, {self.checks_fn} "
                f"missed | posts {self.posts_found}/{self.posts_gold}{totals}")


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    return out


def document_for(gold: dict, name: str) -> RawDocument:
    """The gold text as the scorer feeds it: the publication date only when the text does not carry it."""
    published = gold.get("published")
    return RawDocument(content=gold["text"], origin=name,
                       published=published if published and published not in gold["text"] else None)


def evaluate(paths: Iterable[str | Path], extract) -> EvalResult:
    """Score `extract(RawDocument) -> Article` on every gold file under paths."""
    result = EvalResult()
    for path in gold_files(paths):
        gold = json.loads(path.read_text(encoding="utf-8"))
        result.docs += 1
        try:
            article = extract(document_for(gold, path.name))
        except NewsfactsError as exc:
            result.errors += 1
            score_missing(result, gold, path.name, exc.one_line())
            continue
        result.documents.append(score_document(result, gold, article, path.name))
    return result


def score_missing(result: EvalResult, gold: dict, name: str, error: str) -> None:
    result.fn += len(gold["facts"])
    result.checks_fn += sum(1 for c in gold.get("checks", []) if c["kind"] in SCORED_CHECKS)
    result.posts_gold += len(gold.get("posts", []))
    if gold.get("events"):
        result.totals_n.update(TOTAL_CATEGORIES)
    result.documents.append(DocumentScore(name, error=error))


def score_document(result: EvalResult, gold: dict, article: Article, name: str) -> DocumentScore:
    doc = DocumentScore(name)
    want = collections.Counter((f["category"], f["value"]) for f in gold["facts"])
    got = collections.Counter((f.category, f.value) for f in article.facts)
    hit = sum((want & got).values())
    result.tp += hit
    result.fp += sum(got.values()) - hit
    result.fn += sum(want.values()) - hit
    doc.missed, doc.extra = dict(want - got), dict(got - want)
    want_c = collections.Counter(c["kind"] for c in gold.get("checks", []) if c["kind"] in SCORED_CHECKS)
    got_c = collections.Counter(c.kind for c in article.checks if c.kind in SCORED_CHECKS)
    hit_c = sum((want_c & got_c).values())
    result.checks_tp += hit_c
    result.checks_fp += sum(got_c.values()) - hit_c
    result.checks_fn += sum(want_c.values()) - hit_c
    doc.checks_missed, doc.checks_extra = dict(want_c - got_c), dict(got_c - want_c)
    want_p = {p["handle"].lower() for p in gold.get("posts", [])}
    got_p = {(p.handle or "").lstrip("@").lower() for p in article.posts}
    result.posts_gold += len(want_p)
    result.posts_found += len(want_p & got_p)
    doc.posts_missed = sorted(want_p - got_p)
    if gold.get("events"):
        for cat in TOTAL_CATEGORIES:
            result.totals_n[cat] += 1
            w = article_total(gold["events"], cat)
            g = article_total([e.model_dump() for e in article.events], cat)
            if w == g:
                result.totals_ok[cat] += 1
            else:
                doc.totals_wrong[cat] = (w, g)
    return doc


def article_total(events: list[dict], category: str) -> int:
    return sum((e.get("totals") or {}).get(category) or 0 for e in events
               if e.get("status", "current") != "background")


def describe(doc: DocumentScore) -> list[str]:
    """The -v lines for one document: misses and extras, as the workplace scorer prints them."""
    if doc.error:
        return [f"{doc.name}: ERROR {doc.error}"]
    lines = [f"{doc.name}: events total {c} want {w} got {g}" for c, (w, g) in doc.totals_wrong.items()]
    if doc.missed or doc.extra or doc.checks_missed or doc.checks_extra or doc.posts_missed:
        lines.append(f"{doc.name}: missed {doc.missed} extra {doc.extra} checks missed {doc.checks_missed} "
                     f"extra {doc.checks_extra} posts missed {doc.posts_missed}")
    return lines
