"""Readable tables for the store's commands (events, one event, search hits) and their --csv rows."""

from __future__ import annotations

import csv
import io

from ..csvsafe import safe_row
from .records import MergedEvent, SearchHit


def _figure(event: MergedEvent, category: str) -> str:
    r = event.figures.get(category)
    if r is None:
        return "-"
    return str(r.best) if r.low == r.high else f"{r.best} ({r.low}-{r.high})"


def event_summary_row(event: MergedEvent) -> dict:
    independent = [s for s in event.sources if s.copy_of is None]
    return {
        "id": event.id, "date": event.date or "?", "type": event.type,
        "place": event.place.name if event.place else "?",
        "killed": _figure(event, "killed"), "injured": _figure(event, "injured"), "arrested": _figure(event, "arrested"),
        "sources": len(independent),
        "flags": ",".join(sorted({c.kind for c in event.checks})) + (" historical" if event.status == "historical" else "")
                 + (" reviewed" if event.reviewed else ""),
    }


def table(rows: list[dict]) -> str:
    """A plain-text table with a header line; cells cut at 40 characters."""
    if not rows:
        return "(nothing found)"
    names = list(rows[0])
    cells = [[str(r[n])[:40] for n in names] for r in rows]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def csv_text(rows: list[dict]) -> str:
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_row(row) for row in rows)  # no formula injection (csvsafe.py)
    return buffer.getvalue()


def event_detail(event: MergedEvent) -> str:
    """One event: its figures with why `best` is what it is, who said what, the series, checks, sources."""
    place = event.place.name if event.place else "unknown place"
    lines = [f"event {event.id}: {event.type} in {place} on {event.date or 'unknown date'} ({event.status})"]
    for category, r in sorted(event.figures.items()):
        lines.append(f"  {category}: low {r.low}, best {r.best}, high {r.high}  (reported {r.day}; best: {r.best_from})")
    if event.source_figures:
        lines.append("  who said what:")
        for f in sorted(event.source_figures, key=lambda f: (f.category, f.day or "", f.value)):
            quote = f' "{f.evidence.text}"' if f.evidence else ""
            lines.append(f"    {f.day or '?'} {f.outlet or '?'}: {f.category} {f.value} — {f.source or 'the article'}{quote}")
    if len({p.day for p in event.series}) > 1:
        lines.append("  series:")
        for p in event.series:
            lines.append(f"    {p.day}: {p.category} {p.low}-{p.high} (best {p.best}) from {', '.join(p.outlets)}")
    for check in event.checks:
        lines.append(f"  check {check.kind} ({check.severity}): {check.detail}")
    lines.append("  sources:")
    for s in event.sources:
        copy = f" (copy of article {s.copy_of})" if s.copy_of else ""
        lines.append(f"    article {s.article_id}: {s.published or '?'} {s.outlet or '?'} {s.url or ''}{copy}")
    return "\n".join(lines)


def hit_row(hit: SearchHit) -> dict:
    return {"id": hit.article_id, "published": hit.published or "?", "outlet": hit.outlet or "?",
            "title": hit.title or "", "snippet": hit.snippet}
