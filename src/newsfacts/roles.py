"""Roles across figures: which are parts of a total, subsets of a whole, updates of an earlier toll.

Follows the counting conventions of tests/data/README.md: `total` is a figure presented as the overall count
(thus, in total, bringing the toll to N after increments, or a figure the text then breaks down); `part` is one
of the figures that make it up (increments included); `subset` is a part of another figure that does not add
up ("including five children", "112 of them"); `update` replaces an earlier figure ("rose to 19"), whose
earlier figure stays `reported`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .checks import implicit_siblings
from .model import Fact
from .numbers import parse_number_text

# A counted noun that names people and nothing more: a list after it says who they are.
GENERIC_PEOPLE = frozenset({"people", "person", "other", "others", "victim", "casualty", "individual", "civilian"})

if TYPE_CHECKING:
    from .candidates import Candidate

# Figures in these categories can be the whole that a subset of another category belongs to
# ("112 of the 841 arrested were sent to prison").
COMPATIBLE_WHOLES = {
    "imprisoned": ("arrested", "detained", "imprisoned"),
    "arrested": ("arrested", "detained"),
    "detained": ("detained", "arrested"),
}
# How far back a breakdown looks for the figure it breaks down, in sentences.
BREAKDOWN_REACH = 3
# How far after a figure the one-sentence-each parts that add up to it may run, in sentences.
SUMMED_BREAKDOWN_REACH = 12


def assign_roles(facts: list[Fact], cands: list[Candidate]) -> list[Fact]:
    roles: list[str] = ["reported"] * len(facts)
    of: list[int | None] = [None] * len(facts)
    sent_index = _sentence_indices(cands)
    _mark_subsets(facts, cands, roles, of)
    _mark_updates(facts, cands, roles, of)
    _mark_summary_totals(facts, cands, roles, of)
    _mark_breakdowns(facts, cands, roles, of, sent_index)
    _mark_elaborations(facts, cands, roles, of)
    _mark_increments(facts, cands, roles, of)
    _mark_summed_breakdowns(facts, cands, roles, of, sent_index)
    return [f.model_copy(update={"role": r, "of": o}) for f, r, o in zip(facts, roles, of)]


def _sentence_indices(cands: list[Candidate]) -> list[int]:
    starts = sorted({c.sentence.start for c in cands})
    pos = {s: i for i, s in enumerate(starts)}
    return [pos[c.sentence.start] for c in cands]


def _list_members(cands: list[Candidate], i: int) -> list[int]:
    if cands[i].fronted_whole is not None:  # "Of the 17 dead, eleven … while three others …": one breakdown
        return [j for j, c in enumerate(cands) if c.fronted_whole == cands[i].fronted_whole]
    if cands[i].partitive and (clauses := _partitive_clauses(cands, i)):
        return [i, *clauses]  # "Nineteen of the injured were treated at X and 11 were sent to Y"
    head = cands[i].list_head if cands[i].list_head is not None else cands[i].quantity.number_start
    return [j for j, c in enumerate(cands)
            if (c.list_head == head or c.quantity.number_start == head) and c.sentence.start == cands[i].sentence.start]


def _partitive_clauses(cands: list[Candidate], i: int) -> list[int]:
    """Later figures of the sentence whose verb is conjoined with the partitive figure's own and that name no
    whole of their own: the partitive reaches them too."""
    first = cands[i].predicate
    if first is None or first.pos_ not in ("VERB", "AUX"):
        return []
    return [j for j in range(i + 1, len(cands))
            if cands[j].sentence.start == cands[i].sentence.start and cands[j].predicate is not None
            and cands[j].predicate in first.conjuncts and not cands[j].partitive and not cands[j].partitive_pronoun]


def _mark_subsets(facts, cands, roles, of) -> None:
    for i, c in enumerate(cands):
        members = _list_members(cands, i)
        same_cat_members = [j for j in members if facts[j].category == facts[i].category]
        exhaustive_partitive = c.partitive and not c.inclusive and len(same_cat_members) >= 2
        if not (c.inclusive or c.partitive_pronoun or c.partitive) or exhaustive_partitive:
            continue
        whole = _named_whole(facts, cands, i) or _find_whole(facts, cands, i, c.partitive or c.whole_category)
        if whole is None and not (c.inclusive or c.partitive_pronoun or c.partitive):
            continue  # "three of the wounded died": a part of the wounded, whether or not the text counts them
        roles[i] = "subset"
        of[i] = whole


def _named_whole(facts, cands, i: int) -> int | None:
    """'Of the 23 people arrested, 11 …': the earlier figure of 23, when the fronted phrase gives its number."""
    c = cands[i]
    if c.fronted_whole is None:
        return None
    whole = c.sentence.doc[c.fronted_whole]
    numbers = [n for n in whole.subtree if n.dep_ == "nummod" and n.i < c.quantity.start]
    values = {parse_number_text(n.text) for n in numbers} - {None}
    return next((j for j in range(i - 1, -1, -1) if facts[j].value in values), None)


def _find_whole(facts, cands, i: int, partitive: str | None) -> int | None:
    """The figure a subset belongs to: the latest earlier figure of the named category, or the nearest."""
    cat = partitive or facts[i].category
    wanted = COMPATIBLE_WHOLES.get(facts[i].category, (cat,)) if partitive is None else COMPATIBLE_WHOLES.get(cat, (cat,))
    best = None
    for j in range(i - 1, -1, -1):
        if cands[j].inclusive or cands[j].partitive_pronoun:
            continue
        if facts[j].category in wanted or facts[j].category == cat:
            if best is None or cands[j].update_marker and not cands[best].update_marker:
                best = j
            if not cands[best].from_marker:
                break
    if best is None and partitive is None:
        best = next((j for j in range(i - 1, -1, -1) if cands[j].sentence.start == cands[i].sentence.start), None)
    return best


def _mark_updates(facts, cands, roles, of) -> None:
    for i, c in enumerate(cands):
        if c.update_marker and roles[i] == "reported":
            roles[i] = "update"
            earlier = next((j for j in range(i - 1, -1, -1) if facts[j].category == facts[i].category), None)
            later_from = next((j for j in range(i + 1, len(cands)) if cands[j].from_marker
                               and cands[j].sentence.start == c.sentence.start), None)
            of[i] = later_from if later_from is not None else earlier


def _prior_same_category(facts, cands, roles, i: int, same_paragraph: bool = True) -> list[int]:
    return [j for j in range(i) if facts[j].category == facts[i].category and roles[j] in ("reported", "part")
            and not cands[j].from_marker and (not same_paragraph or cands[j].paragraph == cands[i].paragraph)]


def _mark_summary_totals(facts, cands, roles, of) -> None:
    """'Thus, 147 people were killed' sums the figures before it in the paragraph."""
    for i, c in enumerate(cands):
        if roles[i] != "reported":
            continue
        increments_here = [j for j in range(len(cands)) if cands[j].increment and j != i
                           and cands[j].sentence.start == c.sentence.start and facts[j].category == facts[i].category]
        if c.total_marker or (c.bring_marker and (increments_here or _prior_same_category(facts, cands, roles, i))):
            roles[i] = "total"
            for j in _prior_same_category(facts, cands, roles, i) + increments_here:
                if j != i and of[j] is None:
                    roles[j], of[j] = "part", i
        elif c.bring_marker:
            roles[i] = "update"


def _mark_breakdowns(facts, cands, roles, of, sent_index) -> None:
    """'Police detained 214 ... 131 on Saturday and 83 on Sunday': a list after a bigger figure breaks it down."""
    done: set[int] = set()
    for i in range(len(cands)):
        if i in done or roles[i] not in ("reported",):
            continue
        members = [j for j in _list_members(cands, i) if facts[j].category == facts[i].category
                   and roles[j] == "reported"]
        if len(members) < 2:
            continue
        done.update(members)
        first = min(members)
        if _introduces_breakdown(cands, members):  # "27 deaths: 12 in A, 9 in B and 6 in C"
            for m in members[1:]:
                roles[m], of[m] = "part", first
            roles[first] = "total"
            continue
        whole = None
        for j in range(first - 1, -1, -1):
            if sent_index[first] - sent_index[j] > BREAKDOWN_REACH:
                break
            if facts[j].category == facts[i].category and roles[j] in ("reported", "total"):
                if all(facts[j].value > facts[m].value for m in members):
                    whole = j
                break
        for m in members:
            roles[m] = "part"
            of[m] = whole
        if whole is not None:
            roles[whole] = "total"


def _mark_elaborations(facts, cands, roles, of) -> None:
    """'Three people were hurt: two passengers and the driver', 'Three other people — two women and a man —
    were shot': the figures after a colon or dash say who the first figure's people are, so the first is
    their total. Without a colon or dash ('Three other people, two women and a man, …') only when the rest
    names exactly as many people as the first figure and its noun says nothing more than 'people'."""
    for i, c in enumerate(cands):
        if roles[i] not in ("reported", "part") or of[i] is not None:
            continue
        group = [j for j in range(i + 1, len(cands)) if cands[j].sentence.start == c.sentence.start
                 and facts[j].category == facts[i].category]
        group = [j for j in group if roles[j] in ("reported", "part") and of[j] is None]
        if not group or any(facts[j].value >= facts[i].value for j in group):
            continue
        doc = c.sentence.doc
        first = cands[group[0]]
        between = doc[c.quantity.end:first.quantity.start]
        if any(cands[k].sentence.start == c.sentence.start and c.quantity.end <= cands[k].quantity.start
               < first.quantity.start for k in range(len(cands)) if k not in (i, *group)):
            continue
        named = sum(facts[j].value for j in group) + implicit_siblings(doc, *(facts[j] for j in group))
        dashed = any(t.text in (":", "—", "–") or (t.text == "-" and t.whitespace_) for t in between)
        apposed = (all(t.is_punct or t == c.anchor or t.dep_ in ("amod", "det") for t in between)
                   and c.anchor.lemma_.lower() in GENERIC_PEOPLE and named == facts[i].value)
        if not (dashed and named <= facts[i].value or apposed):
            continue
        roles[i] = "total"
        for j in group:
            roles[j], of[j] = "part", i


def _mark_summed_breakdowns(facts, cands, roles, of, sent_index) -> None:
    """'Russian attacks killed seven and injured 29 over the past day. Kalynivska Oblast: … injured 11 …
    Berezhanska Oblast: … injured two … Ozerna Oblast: … 12 injured … Pivdenna Oblast: … four injured': the
    figures told one sentence each right after a figure, that add up to it exactly, break it down."""
    for i in range(len(cands)):
        if roles[i] != "reported" or of[i] is not None:
            continue
        run: list[int] = []
        total = 0
        for j in range(i + 1, len(cands)):
            if facts[j].category != facts[i].category:
                continue
            if (roles[j] != "reported" or of[j] is not None or cands[j].increment or cands[j].partitive
                    or sent_index[j] - sent_index[i] > SUMMED_BREAKDOWN_REACH
                    or (run and sent_index[j] == sent_index[run[-1]]) or sent_index[j] == sent_index[i]):
                break
            run.append(j)
            total += facts[j].value
            if total >= facts[i].value:
                break
        if len(run) >= 2 and total == facts[i].value and all(facts[j].value < facts[i].value for j in run):
            roles[i] = "total"
            for j in run:
                roles[j], of[j] = "part", i


def _introduces_breakdown(cands, members: list[int]) -> bool:
    """The list's first figure is followed by a colon or a dash and then the others, each smaller."""
    if len(members) < 3:
        return False
    first, second = cands[members[0]], cands[members[1]]
    doc = first.sentence.doc
    between = doc[first.quantity.end:second.quantity.start]
    return (any(t.text in (":", "—", "–", "-") for t in between)
            and all(cands[m].quantity.value < first.quantity.value for m in members[1:]))


def _mark_increments(facts, cands, roles, of) -> None:
    """'Eight more people were killed' adds to the figures before it."""
    for i, c in enumerate(cands):
        if not c.increment or roles[i] not in ("reported", "part"):
            continue
        prior = _prior_same_category(facts, cands, roles, i)
        if not prior:
            continue  # "Another 744 people were wounded" with no earlier count of the wounded
        roles[i] = "part"
        for j in prior:
            if roles[j] == "reported":
                roles[j] = "part"
