"""Consistency checks over an article's facts, each flag with its arithmetic.

- sum_mismatch: parts that cannot make their stated total (implicit parts such as "the driver" count);
- subset_exceeds_total: a subset larger than the figure it is part of;
- anniversary_mismatch: "the 40th anniversary" of a 1986 event in 2025;
- source_disagreement: two named sources giving different figures for the same count.

A false flag costs users more than a missed one: each rule stays silent when the text leaves room
(qualified figures, cumulative tolls whose earlier figure is not stated, parts a reader could fill in).
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .model import Check, DateMention, Fact
from .nlp import text_of

EXACT = (None,)
ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b", re.IGNORECASE)
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20,
    "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "seventy-fifth": 75, "eightieth": 80, "hundredth": 100,
}
ORDINAL_WORD = re.compile(r"\b(" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r")\s+anniversary\b",
                          re.IGNORECASE)
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
SINGULAR_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "one", "another"})


def run_checks(doc, facts: list[Fact], dates: list[DateMention], published: str | None) -> list[Check]:
    return (
        sum_checks(doc, facts)
        + subset_checks(facts)
        + anniversary_checks(text_of(doc), dates, published)
        + disagreement_checks(facts)
    )


# --- sums --------------------------------------------------------------------------------------------

def sum_checks(doc, facts: list[Fact]) -> list[Check]:
    out: list[Check] = []
    for t, total in enumerate(facts):
        if total.role != "total":
            continue
        parts = [i for i, f in enumerate(facts) if f.role == "part" and f.of == t]
        if not parts:
            continue
        if total.qualifier not in EXACT or any(facts[i].qualifier not in EXACT for i in parts):
            continue  # "at least 6", "about 400": a sum cannot contradict an approximate figure
        stated = sum(facts[i].value for i in parts)
        implicit = implicit_siblings(doc, *(facts[i] for i in parts))
        reachable = stated + implicit + nearby_singular_mentions(doc, facts, t, parts)
        if len(parts) + (1 if implicit else 0) < 2:
            continue
        cumulative = _is_cumulative(doc, total) and all(_is_increment(facts[i]) for i in parts)
        if stated + implicit > total.value or (not cumulative and reachable < total.value):
            sum_text = "+".join(str(facts[i].value) for i in parts)
            extra = f" (+{implicit} named without a number)" if implicit else ""
            out.append(Check(
                kind="sum_mismatch",
                severity="warning",
                detail=f"{sum_text}={stated}{extra} but the stated total is {total.value} "
                       f"({total.category}: \"{total.evidence.text}\")",
                facts=parts + [t],
            ))
    return out


def _is_cumulative(doc, total: Fact) -> bool:
    """'bringing the toll to 22' adds to an earlier count the text may not state; only an excess is wrong."""
    window = text_of(doc)[max(0, total.evidence.start - 80):total.evidence.end].lower()
    return any(w in window for w in ("bringing", "brings", "brought", "raising", "rose", "risen", "climbed"))


def _is_increment(fact: Fact) -> bool:
    """'eight more bodies', 'another 12': an addition to a count the text may not state."""
    words = set(re.findall(r"[a-z]+", fact.evidence.text.lower()))
    return bool(words & {"more", "another", "additional", "further"})


def implicit_siblings(doc, *facts: Fact) -> int:
    """People conjoined with counted figures but named without a number: 'the driver and two passengers'.
    Each sibling counts once, however many of the figures it is conjoined with."""
    siblings: dict[int, int] = {}
    for fact in facts:
        siblings.update(_uncounted_conjuncts(doc, fact))
    return sum(siblings.values())


def _uncounted_conjuncts(doc, fact: Fact) -> dict[int, int]:
    """Token index -> people, for the singular nouns conjoined with the fact's counted noun."""
    span = doc.char_span(fact.evidence.start, fact.evidence.end, alignment_mode="expand")
    if span is None:
        return {}
    found: dict[int, int] = {}
    for noun in (t for t in span if t.pos_ == "NOUN" and any(c.like_num for c in t.children)):
        for sib in noun.conjuncts:
            if sib.pos_ not in ("NOUN", "PROPN") or any(c.like_num for c in sib.children):
                continue
            if sib.lower_ == "couple":
                found[sib.i] = 2
            elif sib.tag_ in ("NN", "NNP") and any(c.lower_ in SINGULAR_DETERMINERS for c in sib.children):
                found[sib.i] = 1
    return found


def nearby_singular_mentions(doc, facts: list[Fact], total: int, parts: list[int]) -> int:
    """Singular people given the same fate near the parts ('A 15-year-old boy was also arrested'): a reader
    adds them to the parts, so they may close a gap between the parts and the total."""
    category = facts[total].category
    lo = min(facts[i].evidence.start for i in parts + [total])
    hi = max(facts[i].evidence.end for i in parts + [total])
    window_end = min(len(text_of(doc)), hi + 600)
    count = 0
    for sent in doc.sents:
        if sent.end_char < lo or sent.start_char > window_end:
            continue
        if any(f.evidence.start >= sent.start_char and f.evidence.end <= sent.end_char for f in facts):
            continue
        for tok in sent:
            cat = lx.PERSON_PREDICATES.get(tok.lemma_.lower())
            if cat is None or lx.category_family(cat) != lx.category_family(category) or tok.pos_ != "VERB":
                continue
            subject = next((c for c in tok.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")), None)
            if subject is not None and subject.tag_ in ("NN", "NNP") and not any(c.like_num for c in subject.children):
                count += 1
    return count


# --- subsets -----------------------------------------------------------------------------------------

def subset_checks(facts: list[Fact]) -> list[Check]:
    out: list[Check] = []
    for i, f in enumerate(facts):
        if f.role != "subset" or f.of is None:
            continue
        whole = _current_whole(facts, f.of)
        w = facts[whole]
        if w.qualifier not in EXACT or f.qualifier in ("about", "up_to", "range", "rubric"):
            continue
        if f.value > w.value:
            out.append(Check(
                kind="subset_exceeds_total",
                severity="warning",
                detail=f"{f.value} ({f.category}: \"{f.evidence.text}\") exceeds the {w.value} "
                       f"{w.category} it is part of (\"{w.evidence.text}\")",
                facts=[i, whole],
            ))
    return out


def _current_whole(facts: list[Fact], j: int) -> int:
    """A subset of an early toll is compared with the latest update of that toll."""
    for k, f in enumerate(facts):
        if f.role == "update" and f.of == j:
            return k
    return j


# --- anniversaries -----------------------------------------------------------------------------------

def anniversary_checks(text: str, dates: list[DateMention], published: str | None) -> list[Check]:
    """'the 35th anniversary' of an event must be published 35 years after it (no check without a year)."""
    if not published:
        return []
    out: list[Check] = []
    pub_year = int(published[:4])
    event_dates = _past_full_dates(dates, published)
    for n, start, end in _anniversaries(text):
        stated_year = _year_in_sentence_after(text, end)
        if stated_year is None and not _marked_now(text, start, end):
            continue  # "a memorial unveiled on the third anniversary": some earlier year, unknown
        ref_year = stated_year or pub_year
        candidates = {int(v[:4]) for v in event_dates} | _years_near(text, start, end)
        candidates = {y for y in candidates if y < ref_year}
        if not candidates or any(ref_year - y == n for y in candidates):
            continue
        anchor = _event_date_for(event_dates, candidates)
        if anchor is None:
            continue
        elapsed = ref_year - int(anchor[:4])
        ref = published if ref_year == pub_year else str(ref_year)
        out.append(Check(
            kind="anniversary_mismatch",
            severity="warning",
            detail=f"{anchor} to {ref} is {elapsed} years but the text says {text[start:end]}",
            facts=[],
        ))
    return out


def _anniversaries(text: str):
    for m in ORDINAL.finditer(text):
        yield int(m.group(1)), m.start(), m.end()
    for m in ORDINAL_WORD.finditer(text):
        yield ORDINAL_WORDS[m.group(1).lower()], m.start(), m.end()


def _past_full_dates(dates: list[DateMention], published: str) -> list[str]:
    """Day-precise dates well before publication: the candidates for the commemorated event."""
    out = []
    for d in dates:
        if not d.value:
            continue
        first = d.value.split("/")[0]
        if len(first) == 10 and first[:4] < published[:4] and not d.relative:
            out.append(first)
    return out


def _years_near(text: str, start: int, end: int) -> set[int]:
    """Years in the anniversary's own sentence ('the 10th anniversary of the 2015 earthquake')."""
    s = text.rfind(".", 0, start) + 1
    e = text.find(".", end)
    return {int(y) for y in YEAR.findall(text[s:e if e != -1 else len(text)])}


MARKING = re.compile(r"\b(mark|marks|marked|marking|commemorat\w*|observ\w*|celebrat\w*|remember\w*|honou?r\w*|"
                     r"today|this year|regarding|on the occasion)\b", re.IGNORECASE)


def _marked_now(text: str, start: int, end: int) -> bool:
    """The anniversary the article is about: one being marked, commemorated, observed now."""
    s = text.rfind(".", 0, start) + 1
    e = text.find(".", end)
    return bool(MARKING.search(text[s:e if e != -1 else len(text)]))


def _year_in_sentence_after(text: str, end: int) -> int | None:
    """'on the 30th anniversary in 2007' refers to 2007, not to the publication year."""
    m = re.match(r"\s+(?:in|of)\s+(\d{4})\b", text[end:end + 12])
    return int(m.group(1)) if m else None


def _event_date_for(event_dates: list[str], candidates: set[int]) -> str | None:
    if event_dates:
        earliest_year = min(int(v[:4]) for v in event_dates)
        return min(v for v in event_dates if int(v[:4]) == earliest_year)
    if len(candidates) == 1:
        return str(next(iter(candidates)))
    return None


# --- sources -----------------------------------------------------------------------------------------

def disagreement_checks(facts: list[Fact]) -> list[Check]:
    """Two named sources, one count, two figures, and the text favours neither."""
    out: list[Check] = []
    seen: set[tuple[int, int]] = set()
    for i, a in enumerate(facts):
        for j in range(i + 1, len(facts)):
            b = facts[j]
            if (a.category != b.category or a.value == b.value or a.role != "reported" or b.role != "reported"
                    or not a.source or not b.source or _same_source(a.source, b.source)):
                continue
            if a.date and b.date and a.date != b.date or (i, j) in seen:
                continue
            if (a.place or None) != (b.place or None) or _vague(a) or _vague(b):
                continue  # "11 killed in Kharkiv" is not "30 killed" told otherwise; "dozens" is no figure to dispute
            seen.add((i, j))
            out.append(Check(
                kind="source_disagreement",
                severity="info",
                detail=f"{a.source}: {_figure(a)} {a.category}; {b.source}: {_figure(b)} {b.category}",
                facts=[i, j],
            ))
    return out


def _vague(fact: Fact) -> bool:
    """'dozens', or a rubric's figure for 'several': a convention, no figure to dispute."""
    return fact.qualifier == "rubric" or bool(lx.VAGUE_FIGURE.search(fact.evidence.text))


def _same_source(a: str, b: str) -> bool:
    """'the Interior Ministry' and 'ministry' are one source; 'police' and 'hospital director' are two."""
    wa, wb = set(a.lower().split()) - {"the", "a"}, set(b.lower().split()) - {"the", "a"}
    return wa <= wb or wb <= wa


def _figure(f: Fact) -> str:
    words = {"at_least": "at least ", "more_than": "more than ", "about": "about ", "up_to": "up to "}
    if f.qualifier == "range" and f.high is not None:
        return f"{f.value}-{f.high}"
    return words.get(f.qualifier or "", "") + str(f.value)
