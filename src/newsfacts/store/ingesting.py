"""Reading the inputs of `newsfacts ingest` and storing each, one transaction per article.

Inputs: files (text, HTML; a `.json` record or `.jsonl`/`.jsonl.gz` lines with `text`/`html`, `published`,
`source`, `url`), http(s) URLs, `-` for stdin, and RSS/Atom feeds. One Extractor is built per call and
shared by every input. A bad input is reported and skipped: it never leaves a half-stored article, because
an article is stored only after it was extracted whole, in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import NewsfactsError
from ..ingest.base import RawDocument
from ..options import Options
from .core import Store
from .identity import normal_url


@dataclass
class IngestSummary:
    """What one ingest did: counts per status, and the inputs that failed with why."""

    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.counts[s]} {s}" for s in ("added", "duplicate", "copy") if self.counts[s]]
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return "ingested: " + (", ".join(parts) or "nothing")


def documents(specs: Iterable[str], feeds: Iterable[str], options: Options) -> Iterator[RawDocument | NewsfactsError]:
    """Every document the inputs name, or the error that stopped one of them (the others go on)."""
    from ..ingest.inputs import error_of, iter_input
    from ..ingest.jsonl import RecordError

    for spec in specs:
        try:
            for item in iter_input(spec, options):
                yield error_of(item) if isinstance(item, RecordError) else item
        except NewsfactsError as exc:
            yield _with_origin(exc, spec)
    for feed in feeds:
        from ..ingest.feeds import feed_documents

        try:
            yield from feed_documents(feed, options)
        except NewsfactsError as exc:
            yield _with_origin(exc, feed)


def _with_origin(exc: NewsfactsError, origin: str) -> NewsfactsError:
    exc.origin = origin  # type: ignore[attr-defined]
    return exc


def _known_text(store: Store, item: RawDocument) -> int | None:
    """The stored article whose text this plain-text input cleans to: a resumed ingest recognises inputs
    without a URL before extracting them (it re-extracted every one, issue 12). Cleaning costs milliseconds;
    HTML would need its main text found first, so it is left to the store's own duplicate check."""
    if item.is_html:
        return None
    from ..clean import clean_text

    finder = getattr(store, "find_text", None)
    return finder(clean_text(item.content).text) if finder is not None else None


def ingest(
    store: Store, items: Iterable[RawDocument | NewsfactsError], options: Options,
    report: Callable[[str], None] = lambda _line: None, extractor=None,
) -> IngestSummary:
    """Extract and store each document; a document whose URL is already stored is not extracted again."""
    summary = IngestSummary()
    if extractor is None:
        from ..pipeline import Extractor

        extractor = Extractor(options)
    for item in items:
        if isinstance(item, NewsfactsError):
            origin = getattr(item, "origin", "<input>")
            summary.failures.append(f"{origin}: {item.one_line()}")
            report(f"{origin}: {item.one_line()}")
            continue
        url = normal_url(item.url or options.url)
        known = store.find_url(url) if url else _known_text(store, item)
        if known is not None:
            summary.counts["duplicate"] += 1
            report(f"{item.origin}: duplicate of article {known}")
            continue
        try:
            article = extractor.extract(item)
            result = store.add_article(article, origin=item.origin)
        except NewsfactsError as exc:
            summary.failures.append(f"{item.origin}: {exc.one_line()}")
            report(f"{item.origin}: {exc.one_line()}")
            continue
        summary.counts[result.status] += 1
        detail = f" of article {result.copy_of}" if result.copy_of else ""
        report(f"{item.origin}: {result.status}{detail} as article {result.article_id}")
    return summary
