"""An incident's totals as a careful reader counts them, each with how it was reached (`Derivation`).

Order of precedence per category: a later figure that updates an earlier one ("the toll rose to 19"); a
stated total ("Thus, 147 people were killed", which wins over parts that disagree — the mismatch is a check);
else the people the incident names with that fate, each counted once: stated figures, plus implicit mentions
("a man was wounded") that are not already inside a figure or a summary the lead gave. A figure inside
another ("112 of them") adds nothing; two sources that disagree give the lower figure; an explicit "no one was
hurt" gives an explicit zero.
"""

from __future__ import annotations

import re

from ..model import Derivation, Fact
from . import lexicon as lx
from .mentions import ZeroCue
from .people import CATEGORY_FATE, Person, _head_match, sex_and_age_agree

# "More" is left out: "two more bodies" raises a running toll that an earlier figure may already hold.
_ADDITIVE = re.compile(r"\b(also|other|others|another|additional|further|besides)\b", re.I)
_RAISED_TO = re.compile(r"\b(bring|brings|bringing|brought|rose|risen|rises|rising|climbed|climbs|jumped|increased)\b[^.]*\bto\b", re.I)
_CONTRAST = re.compile(r"\b(while|whereas|but|however|put the (death )?toll at|disputed)\b", re.IGNORECASE)


def _fact_category(fact: Fact) -> str | None:
    return CATEGORY_FATE.get(fact.category)


def _slot_accepts(slot: Person, person: Person) -> bool:
    """Whether an indefinite mention can be one of the people an earlier phrase already counted."""
    if not sex_and_age_agree(slot, person.gender, person.heads, person.ages):
        return False
    slot_heads = slot.heads - {"old"}
    if not slot_heads or slot_heads <= lx.GENERIC_PEOPLE:
        return True
    if _head_match(slot, frozenset(person.heads)):
        return True
    slot_described = not slot_heads & (lx.ROLES | set(lx.KIN))  # sex, age or a word the lexicon lacks
    if slot.conj_root >= 0 and slot.conj_root == person.conj_root:
        return False
    if slot_described and (person.heads - {"old"}) <= set(lx.GENDER_AGE) | lx.ROLES:
        return True
    return False


def _disputed(facts: list[tuple[int, Fact]], text: str) -> set[int]:
    """Reported figures to leave out: a repeat of the same figure, or the higher of two that sources dispute
    ("killed 12 people, police said, while doctors put the toll at 15")."""
    dropped: set[int] = set()
    for a, (i, first) in enumerate(facts):
        for j, second in facts[a + 1 :]:
            if i in dropped or j in dropped:
                continue
            if first.value == second.value:
                dropped.add(j)
                continue
            between = text[first.evidence.end : second.evidence.start]
            contrasted = "\n" not in between and _CONTRAST.search(between)
            told_against = (_CONTRAST.search(_sentence_of(text, second)) and first.source != second.source
                            or _two_sources(first, second))
            if (contrasted or told_against) and not _adds_people(second, text):
                dropped.add(i if first.value > second.value else j)
    return dropped


def _two_sources(first: Fact, second: Fact) -> bool:
    """One count from two named sources ('19 treated for injuries', the police said; 'at least 46 injured',
    a monitor said): the same people counted twice, not two groups."""
    if not (first.source and second.source):
        return False
    a = set(first.source.lower().split()) - {"the", "a"}
    b = set(second.source.lower().split()) - {"the", "a"}
    return not (a <= b or b <= a)


def _sentence_of(text: str, fact: Fact) -> str:
    """The sentence a figure sits in ('..., but a rights group said the true number was at least 130')."""
    start = max(text.rfind(c, 0, fact.evidence.start) for c in ".!?\n") + 1
    ends = [e for e in (text.find(c, fact.evidence.end) for c in ".!?\n") if e != -1]
    return text[start:min(ends) if ends else len(text)]


def _adds_people(fact: Fact, text: str) -> bool:
    """"14 officers were also hurt", "58 others": the figure names people not yet counted."""
    before = re.split(r"[.!?\n]", text[max(0, fact.evidence.start - 30) : fact.evidence.start])[-1]
    after = re.split(r"[.!?\n]", text[fact.evidence.end : fact.evidence.end + 20])[0]
    return bool(_ADDITIVE.search(before + fact.evidence.text + after))


def _as_update(fact: Fact, text: str) -> bool:
    """A figure that brings a toll to a new level, whatever role the facts stage gave it."""
    if fact.role == "update":
        return True
    before = text[max(0, fact.evidence.start - 60) : fact.evidence.start]
    window = re.split(r"[.!?\n]", before)[-1] + fact.evidence.text
    earlier_figure = re.search(r"\bfrom\s*$", text[max(0, fact.evidence.start - 12) : fact.evidence.start]) or (
        re.match(r"(up )?from\b", fact.evidence.text)
    )
    return bool(_RAISED_TO.search(window)) and fact.role in ("reported", "total") and not earlier_figure


def count_category(
    category: str,
    people: list[Person],
    facts: list[Fact],
    fact_frame: dict[int, int],
    frame: int,
    zeros: list[ZeroCue],
    text: str,
) -> Derivation:
    """One total of one incident, with the method, facts and mention spans it rests on."""
    mine = [(i, f) for i, f in enumerate(facts) if fact_frame.get(i) == frame and _fact_category(f) == category]
    replaced = {f.of for _, f in mine if f.role == "update" and f.of is not None}
    updates = [(i, f) for i, f in mine if i not in replaced and _as_update(f, text)]
    if updates:
        i, fact = updates[-1]
        earlier = [fact.of] if fact.of is not None else []
        return Derivation(category=category, value=fact.value, method="update", facts=[i] + earlier,
                          mentions=[fact.evidence], note=f"latest figure: {fact.evidence.text!r}")
    totals = [(i, f) for i, f in mine if f.role == "total"]
    if totals:
        i, fact = totals[-1]
        parts = [(j, f) for j, f in mine if f.role == "part"]
        part_sum = sum(f.value for _, f in parts)
        note = f"stated total {fact.value}"
        if parts and part_sum != fact.value:
            note += f" wins over parts summing to {part_sum}"
        return Derivation(category=category, value=fact.value, method="explicit_total",
                          facts=[i] + [j for j, _ in parts], mentions=[fact.evidence], note=note)
    reported = [(i, f) for i, f in mine if f.role in ("reported", "part") and i not in replaced]
    dropped = _disputed([(i, f) for i, f in reported if f.role == "reported"], text) | replaced
    has_other_figures = any(f.role != "subset" for _, f in mine)
    total = 0
    used_facts: list[int] = []
    spans = []
    implicit = False
    filled: dict[int, int] = {}
    counted: list[Person] = []
    by_id = {p.id: p for p in people}
    for person in sorted((p for p in people if p.incident == frame), key=lambda p: p.first):
        if category not in person.final_fates or person.trigger:
            continue
        fact = facts[person.fact] if person.fact is not None else None
        if fact is not None and person.fact in dropped:
            continue
        parent = by_id.get(person.parent) if person.parent is not None else None
        if parent is not None and category in parent.final_fates:
            continue  # "two of the injured officers": already among the injured
        if fact is not None and fact.role == "subset" and parent is None and has_other_figures:
            continue  # a subset of a figure the facts stage did not name
        size = person.count
        if category == "injured" and size:
            size -= sum(1 for p in people if p.parent == person.id and "killed" in p.final_fates)
        if parent is None and not (fact is not None and _adds_people(fact, text)):
            need = person.count or 1
            slot = next(
                (s for s in counted if (s.count is None or filled.get(s.id, 0) + need <= s.count)
                 and _slot_accepts(s, person)),
                None,
            )
            if slot is not None:  # the lead's summary retold in detail, or a figure inside a larger one
                filled[slot.id] = filled.get(slot.id, 0) + need
                spans.extend(person.mentions[:1])
                continue
        counted.append(person)
        total += size or 0
        spans.extend(person.mentions[:1])
        if person.fact is not None:
            used_facts.append(person.fact)
        else:
            implicit = True
    if total == 0:
        cue = next((z for z in zeros if z.category == category), None)
        if cue is not None:
            return Derivation(category=category, value=0, method="explicit_zero", mentions=[cue.span],
                              note=f"the text says {cue.span.text!r}")
        return Derivation(category=category, value=0, method="none", note="nothing in the text")
    if implicit:
        method = "implicit"
        note = f"{len(counted)} people or groups named with this fate, each counted once"
    elif len(used_facts) > 1:
        method, note = "sum_of_parts", "sum of the stated figures"
    else:
        method, note = "reported", "the stated figure"
    if dropped & {i for i, _ in reported}:
        note += "; where sources disagree, the lower figure"
    return Derivation(category=category, value=total, method=method, facts=sorted(used_facts), mentions=spans,
                      note=note)
