"""What the article page shows, computed from an Article record: pure functions, no HTML.

The templates turn these records into markup, so every piece of article text passes through Jinja2's
autoescape on its own; nothing here builds HTML strings. Highlighting works on evidence offsets: the text is
cut at every fact's start and end, and each piece knows which facts cover it (evidence spans may overlap).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Block, Check, Fact

# Checks whose figures are a set of parts against a stated total, and what the arithmetic reads like.
PART_ROLES = ("part", "reported")
WHOLE_ROLES = ("total", "update")


@dataclass(frozen=True)
class Segment:
    """A run of clean text; `facts` lists the indices (into Article.facts) of the facts whose evidence covers it."""

    text: str
    facts: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()  # facts whose evidence begins here: the anchor `#fact-N` goes on this piece


@dataclass(frozen=True)
class Paragraph:
    kind: str  # Block.kind: paragraph, post, translation, credit
    language: str | None
    segments: tuple[Segment, ...]
    start: int = 0  # offset of the paragraph in Article.text: selecting words gives offsets from it


@dataclass(frozen=True)
class FactView:
    """One fact as the reader's popover and the facts table show it."""

    index: int
    category: str
    label: str  # "killed", "buildings damaged"
    figure: str  # "82", "at least 12", "between 3 and 5"
    qualifier: str | None
    role: str
    place: str | None
    date: str | None
    source: str | None
    evidence: str
    anchored: bool  # the evidence offsets match the text, so the fact is highlighted in place


@dataclass(frozen=True)
class CheckView:
    kind: str
    title: str
    severity: str
    arithmetic: str | None  # "82+20+21+8 = 131 ≠ 147"
    detail: str
    facts: tuple[int, ...]


CHECK_TITLES = {
    "sum_mismatch": "Parts do not add up to the total",
    "subset_exceeds_total": "A subset is larger than its whole",
    "anniversary_mismatch": "Anniversary does not match the dates",
    "source_disagreement": "Sources disagree",
}

QUALIFIER_WORDS = {"at_least": "at least", "more_than": "more than", "about": "about", "up_to": "up to"}


def evidence_is_anchored(text: str, fact: Fact) -> bool:
    """True when the fact's offsets point at its evidence in `text` (records from elsewhere may not)."""
    span = fact.evidence
    return 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text


def paragraph_bounds(text: str, blocks: list[Block]) -> list[tuple[int, int, str, str | None]]:
    """(start, end, kind, language) of each paragraph: the record's blocks when they tile the text sanely,
    else the text split at blank lines."""
    usable = [b for b in blocks if 0 <= b.start < b.end <= len(text)]
    usable.sort(key=lambda b: b.start)
    if usable and all(a.end <= b.start for a, b in zip(usable, usable[1:], strict=False)):
        return [(b.start, b.end, b.kind, b.language) for b in usable]
    bounds: list[tuple[int, int, str, str | None]] = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if match.group().strip():
            bounds.append((match.start(), match.end(), "paragraph", None))
    return bounds


def segments(text: str, start: int, end: int, spans: list[tuple[int, int, int]]) -> tuple[Segment, ...]:
    """Cut text[start:end] at every span boundary; spans are (start, end, fact index).

    The pieces concatenate back to text[start:end] exactly, which the property tests check.
    """
    inside = [(max(s, start), min(e, end), i) for s, e, i in spans if s < end and e > start]
    begins = {i for s, _, i in spans if start <= s < end}
    cuts = sorted({start, end, *(s for s, _, _ in inside), *(e for _, e, _ in inside)})
    pieces = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = tuple(sorted(i for s, e, i in inside if s <= left and right <= e))
        starting = tuple(sorted(i for s, _, i in inside if s == left and i in begins))
        pieces.append(Segment(text[left:right], covering, starting))
    return tuple(pieces)


def paragraphs(article: Article) -> list[Paragraph]:
    """The clean text as paragraphs of highlighted segments, ready for the template."""
    spans = [
        (f.evidence.start, f.evidence.end, i)
        for i, f in enumerate(article.facts)
        if evidence_is_anchored(article.text, f)
    ]
    return [
        Paragraph(kind, language, segments(article.text, start, end, spans), start)
        for start, end, kind, language in paragraph_bounds(article.text, article.blocks)
    ]


def figure_text(fact: Fact) -> str:
    """How the figure reads: "82", "at least 12", "between 3 and 5"."""
    if fact.qualifier == "range" and fact.high is not None:
        return f"between {fact.value} and {fact.high}"
    word = QUALIFIER_WORDS.get(fact.qualifier or "")
    return f"{word} {fact.value}" if word else str(fact.value)


def fact_views(article: Article) -> list[FactView]:
    return [
        FactView(
            index=i,
            category=f.category,
            label=f.category.replace("_", " "),
            figure=figure_text(f),
            qualifier=f.qualifier,
            role=f.role,
            place=f.place,
            date=f.date,
            source=f.source,
            evidence=f.evidence.text,
            anchored=evidence_is_anchored(article.text, f),
        )
        for i, f in enumerate(article.facts)
    ]


def _expression_from_facts(check: Check, facts: list[Fact]) -> str | None:
    involved = [facts[i] for i in check.facts if 0 <= i < len(facts)]
    if check.kind == "sum_mismatch":
        wholes = [f for f in involved if f.role in WHOLE_ROLES]
        parts = [f for f in involved if f.role not in WHOLE_ROLES]
        if not wholes or not parts:
            return None
        return sum_expression([p.value for p in parts], wholes[-1].value)
    if check.kind == "subset_exceeds_total":
        subsets = [f for f in involved if f.role == "subset"]
        others = [f for f in involved if f.role != "subset"]
        if subsets and others:
            return f"{subsets[0].value} > {others[0].value}"
    if check.kind == "source_disagreement" and len(involved) >= 2:
        return " ≠ ".join(str(f.value) for f in involved)
    return None


def sum_expression(parts: list[int], total: int) -> str:
    """ "82+20+21+8 = 131 ≠ 147"; "= 131 = 131" when the sum holds."""
    found = sum(parts)
    relation = "=" if found == total else "≠"
    return f"{'+'.join(str(p) for p in parts)} = {found} {relation} {total}"


SUM_IN_DETAIL = re.compile(r"(\d+(?:\s*\+\s*\d+)+)\s*=\s*(\d+)")
NUMBER = re.compile(r"\d+")


def _expression_from_detail(check: Check) -> str | None:
    """Fallback when the check's fact indices are missing: read "a+b+c=n ... m" from its detail text."""
    if check.kind != "sum_mismatch":
        return None
    match = SUM_IN_DETAIL.search(check.detail)
    if not match:
        return None
    after = NUMBER.findall(check.detail[match.end() :])
    if not after:
        return None
    parts = [int(p) for p in re.split(r"\s*\+\s*", match.group(1))]
    return sum_expression(parts, int(after[0]))


def check_arithmetic(check: Check, facts: list[Fact]) -> str | None:
    """The arithmetic behind a flag, spelled out; None when the flag is not about figures."""
    return _expression_from_facts(check, facts) or _expression_from_detail(check)


def check_views(article: Article) -> list[CheckView]:
    return [
        CheckView(
            kind=c.kind,
            title=CHECK_TITLES.get(c.kind, c.kind.replace("_", " ")),
            severity=c.severity,
            arithmetic=check_arithmetic(c, article.facts),
            detail=c.detail,
            facts=tuple(i for i in c.facts if 0 <= i < len(article.facts)),
        )
        for c in article.checks
    ]


def safe_link(url: str | None) -> str | None:
    """Only http(s) links are ever rendered as links; `javascript:` and friends become plain text."""
    if url and re.match(r"(?i)^https?://[^\s]+$", url.strip()):
        return url.strip()
    return None
