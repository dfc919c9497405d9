"""The readable report `newsfacts extract` prints by default: what a coder would copy into a sheet."""

from __future__ import annotations

import textwrap

from .model import Article, Fact

QUALIFIER_WORDS = {"at_least": "at least ", "more_than": "more than ", "about": "about ", "up_to": "up to "}


def figure(f: Fact) -> str:
    if f.qualifier == "range" and f.high is not None:
        return f"{f.value}–{f.high}"
    return QUALIFIER_WORDS.get(f.qualifier or "", "") + str(f.value)


def render(article: Article, origin: str | None = None) -> str:
    lines: list[str] = []
    head = " · ".join(x for x in (article.source or "unknown outlet", article.published or "date unknown",
                                  f"language {article.language or '?'}") if x)
    if origin:
        lines.append(f"== {origin}")
    lines.append(head)
    if article.title:
        lines.append(f"Title: {article.title}")
    lines.append("")
    lines.append(f"Facts ({len(article.facts)})")
    for i, f in enumerate(article.facts):
        where = " · ".join(x for x in (f.place, f.date, f"actor {f.actor}" if f.actor else None,
                                       f"source {f.source}" if f.source else None) if x)
        role = f.role + (f" of #{f.of}" if f.of is not None else "")
        lines.append(f"  #{i:<2} {f.category:<17} {figure(f):>14}  {role:<12} {where}")
        lines.append(f"       \"{f.evidence.text}\" [{f.evidence.start}:{f.evidence.end}]")
    if article.posts:
        lines.append("")
        lines.append(f"Posts ({len(article.posts)})")
        for p in article.posts:
            who = f"@{p.handle}" if p.handle else "?"
            lines.append(f"  {p.platform} {who} ({p.author or '?'}) {p.date or ''} [{p.language or '?'}]")
            lines.extend(textwrap.wrap(p.text, 100, initial_indent="     ", subsequent_indent="     "))
            if p.translation:
                lines.extend(textwrap.wrap("translation: " + p.translation, 100, initial_indent="     ",
                                           subsequent_indent="       "))
            for link in p.links:
                lines.append(f"     link: {link}")
    lines.append("")
    lines.append(f"Checks ({len(article.checks)})")
    for c in article.checks:
        lines.append(f"  [{c.severity}] {c.kind}: {c.detail}")
    if not article.checks:
        lines.append("  none: the figures are consistent")
    if article.events:
        lines.append("")
        lines.append(f"Events ({len(article.events)})")
        for e in article.events:
            place = e.place.name if e.place else "place unknown"
            totals = ", ".join(f"{k} {v}" for k, v in e.totals.items())
            lines.append(f"  {e.type} · {e.status} · {e.date or 'date unknown'} · {place}: {totals}")
    if article.warnings:
        lines.append("")
        lines.extend(f"warning: {w}" for w in article.warnings)
    return "\n".join(lines) + "\n"
