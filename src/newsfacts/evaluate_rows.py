"""Accuracy on a coder's own hand-coded data: one row a line, document-level counts.

Row format (JSON Lines): `{"id", "text", "dct", "gold": {"killed": int, "injured": int, "arrested": int, ...}}`,
`dct` the publication (or incident) date or null. A document's prediction per category is the sum of
`totals[category]` over its events whose status is not "background" (no events: 0); "arrested" also takes the
"detained" totals. Scored per category, over the rows whose gold has that category as an integer: exact
accuracy, the majority baseline (always answering the commonest gold value), within-one accuracy and mean
absolute error. A row whose extraction failed counts as wrong (MAE as if it predicted 0).
"""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, NewsfactsError
from .ingest.base import RawDocument
from .model import Article

ROW_CATEGORIES: tuple[str, ...] = ("killed", "injured", "arrested", "abducted")
# Categories a row's gold names that the events' totals split in two.
ALIASES: dict[str, tuple[str, ...]] = {"arrested": ("arrested", "detained")}


@dataclass(frozen=True)
class CodedRow:
    """One hand-coded document: its text, its date and the counts the coder gave."""

    id: str
    text: str
    dct: str | None
    gold: dict[str, int]


@dataclass(frozen=True)
class RowPrediction:
    """What newsfacts predicted for one row (None when extraction failed, with the reason)."""

    row: CodedRow
    predicted: dict[str, int] | None
    error: str | None = None


@dataclass(frozen=True)
class CategoryScore:
    category: str
    n: int
    exact: float
    majority: float
    within_one: float
    mae: float

    def line(self) -> str:
        return (f"{self.category:9} exact {self.exact:.3f}  majority {self.majority:.3f}  "
                f"within-1 {self.within_one:.3f}  MAE {self.mae:.2f}  n {self.n}")


@dataclass
class RowEvalResult:
    predictions: list[RowPrediction] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs(self) -> int:
        return len(self.predictions)

    @property
    def errors(self) -> int:
        return sum(p.error is not None for p in self.predictions)

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0

    def scores(self) -> list[CategoryScore]:
        """One score per category that at least one row codes, in ROW_CATEGORIES order."""
        return [s for c in ROW_CATEGORIES if (s := score_category(self.predictions, c)) is not None]

    def wrong(self, category: str) -> list[tuple[str, int, int | None]]:
        """(id, gold, predicted) of the rows coded for category that newsfacts got wrong."""
        return [(p.row.id, g, got) for p in self.predictions
                if (g := p.row.gold.get(category)) is not None and g != (got := _got(p, category))]

    def summary(self) -> str:
        parts = " | ".join(f"{s.category} {s.exact:.3f}" for s in self.scores())
        return (f"docs {self.docs} errors {self.errors} | {parts or 'no coded category'} | "
                f"{self.docs_per_second:.1f} docs/s")


def read_rows(path: str | Path) -> list[CodedRow]:
    """The rows of a .jsonl file; a malformed line is an InputError naming the file and the line."""
    rows: list[CodedRow] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, 1):
        if line.strip():
            rows.append(parse_row(line, f"{path}:{number}"))
    return rows


def parse_row(line: str, where: str) -> CodedRow:
    """One JSON line as a CodedRow; says what is wrong and where when it is not one."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg}); each line must be one JSON object") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not isinstance(data.get("gold"), dict):
        raise InputError(f'{where}: a row needs "text" (a string) and "gold" (an object of counts)')
    dct = data.get("dct")
    # Gold values that are not plain integers (lists of templates, notes) are the coder's, not scored.
    gold = {k: v for k, v in data["gold"].items() if isinstance(v, int) and not isinstance(v, bool)}
    return CodedRow(id=str(data.get("id", where)), text=data["text"], dct=dct if isinstance(dct, str) else None,
                    gold=gold)


def predicted_totals(article: Article) -> dict[str, int]:
    """Per category, the sum of the totals of the article's events that are not background."""
    out = dict.fromkeys(ROW_CATEGORIES, 0)
    for event in article.events:
        if event.status == "background":
            continue
        for category in ROW_CATEGORIES:
            out[category] += sum(event.totals.get(name) or 0 for name in ALIASES.get(category, (category,)))
    return out


def evaluate_rows(rows: Iterable[CodedRow], extract: Callable[[RawDocument], Article]) -> RowEvalResult:
    """Run `extract` on every row and keep its predicted totals; a failing row is recorded and skipped over."""
    result = RowEvalResult()
    started = time.perf_counter()
    for row in rows:
        document = RawDocument(content=row.text, origin=row.id, published=row.dct)
        try:
            result.predictions.append(RowPrediction(row, predicted_totals(extract(document))))
        except NewsfactsError as exc:
            result.predictions.append(RowPrediction(row, None, exc.one_line()))
    result.seconds = time.perf_counter() - started
    return result


def score_category(predictions: list[RowPrediction], category: str) -> CategoryScore | None:
    pairs = [(g, _got(p, category)) for p in predictions if (g := p.row.gold.get(category)) is not None]
    if not pairs:
        return None
    n = len(pairs)
    majority = collections.Counter(g for g, _ in pairs).most_common(1)[0][1]
    return CategoryScore(
        category=category,
        n=n,
        exact=sum(g == q for g, q in pairs) / n,
        majority=majority / n,
        within_one=sum(q is not None and abs(g - q) <= 1 for g, q in pairs) / n,
        mae=sum(abs(g - (q or 0)) for g, q in pairs) / n,
    )


def dump_lines(result: RowEvalResult) -> list[str]:
    """One JSON line a row: its id, the coded counts, the prediction (null when it failed) and any error."""
    return [json.dumps({"id": p.row.id, "gold": p.row.gold, "pred": p.predicted, "error": p.error},
                       ensure_ascii=False) for p in result.predictions]


def _got(p: RowPrediction, category: str) -> int | None:
    return None if p.predicted is None else p.predicted.get(category, 0)
