"""An incident's totals as a careful reader counts them, each with how it was reached (`Derivation`).

Order of precedence per category: a later figure that updates an earlier one ("the toll rose to 19"); a
stated total ("Thus, 147 people were killed", which wins over parts that disagree — the mismatch is a check);
else the people the incident names with that fate, each counted once: stated figures, plus implicit mentions
("a man was wounded") that are not already inside a figure or a summary the lead gave. A figure inside
another ("112 of them") adds nothing; two sources that disagree give the lower figure; an explicit "no one was
hurt" gives an explicit zero.
"""

from __future__ import annotations

import functools
import re

from ..lexicon import EARLIER_COUNT, VAGUE_FIGURE
from ..model import Derivation, Fact, Method
from ..numbers import parse_number_text
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
    if not slot_heads or slot_heads <= lx.GENERIC_PEOPLE or person.heads <= lx.GENERIC_PEOPLE:
        return True
    if _head_match(slot, frozenset(person.heads)):
        return True
    slot_described = not slot_heads & (lx.ROLES | set(lx.KIN))  # sex, age or a word the lexicon lacks
    if slot.conj_root >= 0 and slot.conj_root == person.conj_root:
        return False
    if slot_described and (person.heads - {"old"}) <= set(lx.GENDER_AGE) | lx.ROLES:
        return True
    return False


# Two figures a contrast word sets against each other sit in one paragraph; a long news paragraph runs to about
# 1,000 characters.
CONTRAST_WINDOW = 2_000


def _disputed(facts: list[tuple[int, Fact]], text: str) -> set[int]:
    """Reported figures to leave out: a repeat of the same figure, or the higher of two that sources dispute
    ("killed 12 people, police said, while doctors put the toll at 15")."""
    dropped: set[int] = set()
    # What depends on one figure only is read once per figure, not once per pair, and the text between two
    # figures is searched only within CONTRAST_WINDOW: each used to scan the text anew for every pair, which
    # made a run-on document with thousands of figures quadratic in its length (issue 12).
    minute = {i: _entry_minute(text, fact.evidence.start) for i, fact in facts}
    earlier = {i: _told_as_earlier(text, fact) for i, fact in facts}
    contrast_in_sentence = {i: bool(_CONTRAST.search(_sentence_of(text, fact))) for i, fact in facts}
    for a, (i, first) in enumerate(facts):
        for j, second in facts[a + 1 :]:
            if i in dropped or j in dropped:
                continue
            if first.value == second.value:
                dropped.add(j)
                continue
            posted = minute[i], minute[j]
            if None not in posted and posted[0] != posted[1]:  # a liveblog: the later entry's figure stands
                dropped.add(i if posted[0] < posted[1] else j)  # type: ignore[operator]
                continue
            early_first, early_second = earlier[i], earlier[j]
            if early_first != early_second:  # "on the day of the fire, officials put the toll at 17"
                dropped.add(i if early_first else j)
                continue
            between = text[first.evidence.end : min(second.evidence.start, first.evidence.end + CONTRAST_WINDOW)]
            contrasted = (second.evidence.start - first.evidence.end <= CONTRAST_WINDOW and "\n" not in between
                          and _CONTRAST.search(between))
            told_against = (contrast_in_sentence[j] and first.source != second.source
                            or _two_sources(first, second))
            if (contrasted or told_against) and not _adds_people(second, text):
                dropped.add(i if first.value > second.value else j)
    return dropped


_GENERIC_GROUP = frozenset({"people", "persons", "others", "civilians", "residents", "victims", "individuals"})


def _group_word(fact: Fact) -> str | None:
    """The noun a figure counts, read off its evidence ('12 officers were injured' → 'officers')."""
    words = re.findall(r"[A-Za-z]+", fact.evidence.text.lower())
    skip = {"at", "least", "more", "than", "about", "some", "up", "to", "were", "was", "had", "been", "have",
            "other", "of", "the", "and"}
    content = [w for w in words if w not in skip and not w.endswith("ed") and w not in ("killing", "injuring")]
    return content[0] if content else None


def _two_sources(first: Fact, second: Fact) -> bool:
    """One count from two named sources ('19 treated for injuries', the police said; 'at least 46 injured',
    a monitor said): the same people counted twice, not two groups. A figure for a named group ('12 officers')
    beside one for people in general counts other people."""
    if not (first.source and second.source):
        return False
    if first.place and second.place and first.place != second.place:
        return False  # "147 arrested across England" and "more than 90 in Liverpool alone": a part, not a dispute
    groups = {_group_word(first), _group_word(second)} - {None}
    if len(groups) == 2 and not groups <= _GENERIC_GROUP:
        return False
    a = set(first.source.lower().split()) - {"the", "a"}
    b = set(second.source.lower().split()) - {"the", "a"}
    return not (a <= b or b <= a)


_ENTRY_TIME = re.compile(r"^[ \t]*(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,4})?[ \t]*$",
                         re.MULTILINE | re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _entry_stamps(text: str) -> tuple[re.Match[str], ...]:
    """The liveblog time stamps of the text, found once per text rather than once per figure."""
    return tuple(_ENTRY_TIME.finditer(text))


def _entry_minute(text: str, offset: int) -> int | None:
    """The minute of the day of the liveblog entry the offset falls in ('17:30' on a line of its own), when
    the page has at least three such entries; None otherwise."""
    stamps = _entry_stamps(text)
    if len(stamps) < 3:
        return None
    before = [m for m in stamps if m.end() <= offset]
    if not before:
        return None
    hour, minute, half = int(before[-1][1]), int(before[-1][2]), (before[-1][3] or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    return hour * 60 + minute


def _told_as_earlier(text: str, fact: Fact) -> bool:
    """A figure its own clause dates to an earlier count: 'initially', 'on the day of the fire', 'had put'."""
    start = max(text.rfind(c, 0, fact.evidence.start) for c in ".!?\n;") + 1
    return bool(EARLIER_COUNT.search(text[start:fact.evidence.end]))


def _sentence_of(text: str, fact: Fact) -> str:
    """The sentence a figure sits in ('..., but a rights group said the true number was at least 130')."""
    start = max(text.rfind(c, 0, fact.evidence.start) for c in ".!?\n") + 1
    ends = [e for e in (text.find(c, fact.evidence.end) for c in ".!?\n") if e != -1]
    return text[start:min(ends) if ends else len(text)]


def _vague(person: Person, facts: list[Fact]) -> bool:
    """A figure read off a vague word ('dozens' = 24, or 'several' under a rubric) gives way to a counted one."""
    if person.fact is None:
        return False
    fact = facts[person.fact]
    return fact.qualifier == "rubric" or bool(VAGUE_FIGURE.search(fact.evidence.text))


def _listed_part(fact: Fact, facts: list[Fact]) -> bool:
    """One item of a list the text gives in one breath with no total ('34 police personnel and five civilians
    injured'): the items are different people."""
    if fact.role != "part" or fact.of is not None:
        return False
    siblings = [f for f in facts if f is not fact and f.role == "part" and f.of is None and f.category == fact.category
                and abs(f.evidence.start - fact.evidence.start) < 120]
    return bool(siblings) and fact.evidence.start > min(f.evidence.start for f in siblings)


def _adds_people(fact: Fact, text: str) -> bool:
    """"14 officers were also hurt", "58 others": the figure names people not yet counted."""
    before = re.split(r"[.!?\n]", text[max(0, fact.evidence.start - 30) : fact.evidence.start])[-1]
    after = re.split(r"[.!?\n]", text[fact.evidence.end : fact.evidence.end + 20])[0]
    return bool(_ADDITIVE.search(before + fact.evidence.text + after))


_FATE_WORDS = {
    "killed": re.compile(r"\b(killed|dead|died|deaths?|lives|bodies|fatalit\w+)\b", re.I),
    "injured": re.compile(r"\b(injured|wounded|hurt|injuries)\b", re.I),
    "arrested": re.compile(r"\b(arrested|detained|held|custody|arrests?)\b", re.I),
}


def _others_than_another_fate(span, text: str, category: str) -> bool:
    """'other(s)' after a group given another fate earlier in the same sentence: the word sets these people
    apart from that group, and says nothing about the earlier people of this fate."""
    if not re.search(r"\bothers?\b", span.text, re.I) or re.search(r"\b(also|another|additional|further)\b", span.text, re.I):
        return False
    start = max(text.rfind(c, 0, span.start) for c in ".!?\n") + 1
    before = text[start:span.start]
    return any(pattern.search(before) for fate, pattern in _FATE_WORDS.items() if fate != category)


def _as_update(fact: Fact, text: str) -> bool:
    """A figure that brings a toll to a new level, whatever role the facts stage gave it."""
    if fact.role == "update":
        return True
    before = text[max(0, fact.evidence.start - 60) : fact.evidence.start]
    window = re.split(r"[.!?\n]", before)[-1] + fact.evidence.text
    earlier_figure = re.search(r"\bfrom\s*$", text[max(0, fact.evidence.start - 12) : fact.evidence.start]) or (
        re.match(r"(up )?from\b", fact.evidence.text)
    )
    raised = [m for m in _RAISED_TO.finditer(window)]
    return (bool(raised) and _names_value(window[raised[-1].end():], fact.value)
            and fact.role in ("reported", "total") and not earlier_figure)


def _names_value(tail: str, value: int) -> bool:
    """'… risen to 12': the figure right after the 'to' is this one ('risen to 12 … after three died' is not
    an update to three)."""
    words = [w.strip(",.;:()") for w in tail.split()[:4]]
    return any(parse_number_text(w) == value for w in words if w)


def _figure_like(person: Person) -> bool:
    """A stated figure, or a numbered group ("1,240 patients"): something that restates a count."""
    return person.fact is not None or (person.count or 0) > 1


def _specific(person: Person) -> set[str]:
    return person.heads - lx.GENERIC_PEOPLE - {"old", "another"}


def _different_group(person: Person, others: list[Person]) -> bool:
    """"Two soldiers … three civilians": figures that name different kinds of people add up."""
    own = _specific(person)
    return bool(own) and bool(others) and all(
        _specific(o) and not _head_match(o, frozenset(person.heads)) for o in others
    )


class _Tally:
    """One category's people, each counted once: the one decision is whether a group adds people or restates
    people already counted.

    A group that fits inside an earlier, larger one is a part of it ("three people were hurt … the driver and
    two passengers"; "16 died … 11 on the spot and four others later"); a figure marked as more people ("also",
    "others", "a second man") continues the breakdown its predecessor belongs to, or adds to the total when its
    predecessor was itself counted. A figure with no such cue that fits nowhere, and names no different group,
    restates the count (a later bulletin, another source, a statistic that leaked in): it is an alternative,
    and the lowest reading wins.
    """

    def __init__(self) -> None:
        self.total = 0
        self.counted: list[Person] = []
        self.slots: list[Person] = []  # counted people and the figures inside them, most recent last
        self.filled: dict[int, int] = {}
        self.inside: dict[int, int] = {}  # person id -> the slot it filled
        self.alternatives: list[tuple[Person, Person]] = []  # (a figure, the counted figure it restates)
        self.spans: list = []
        self.previous: Person | None = None

    def _fits(self, slot: Person, person: Person, need: int) -> bool:
        if slot.count is None:
            # a group of no stated size ("a minibus carrying students") holds unsized people, but a figure
            # told later ("wounding 11") is the count itself, not a part of it
            return person.count is None and slot is not person
        return self.filled.get(slot.id, 0) + need <= slot.count and slot is not person

    def _absorb(self, slot: Person, person: Person, need: int) -> None:
        self.filled[slot.id] = self.filled.get(slot.id, 0) + need
        self.inside[person.id] = slot.id
        if person.count:
            self.slots.append(person)  # a figure inside a figure: "7 policemen" within "11 in North Varek"
        self.spans.extend(person.mentions[:1])

    def _holder_of(self, person: Person) -> Person | None:
        """The figure a person is a part of; a restatement (the same count again) stands for its holder."""
        by_id = {s.id: s for s in self.slots}
        holder = by_id.get(self.inside.get(person.id, -1))
        while holder is not None and person.count is not None and person.count == holder.count:
            person, holder = holder, by_id.get(self.inside.get(holder.id, -1))
        return holder

    def add(self, person: Person, size: int, additive: bool, has_parent: bool) -> None:
        need = person.count or 1
        previous, self.previous = self.previous, person
        holder = self._holder_of(previous) if previous is not None else None
        if not has_parent and additive and holder is not None:
            if self._fits(holder, person, need):
                self._absorb(holder, person, need)  # "… 11 on the spot, and four others later"
            else:
                self.spans.extend(person.mentions[:1])  # a breakdown that overflows its stated figure
            return
        if not has_parent and not additive:
            for slot in reversed(self.slots):
                if self._fits(slot, person, need) and _slot_accepts(slot, person):
                    self._absorb(slot, person, need)
                    return
            figures = [p for p in self.counted if _figure_like(p)]
            if _figure_like(person) and figures and (person.count or 0) > 1 and not _different_group(person, figures):
                restated = next((f for f in figures if not _different_group(person, [f])), figures[0])
                self.alternatives.append((person, restated))
                self.spans.extend(person.mentions[:1])
                return
            if person.fact is not None and self.counted and not figures and size >= self.total and not _specific(person):
                # "a man … a woman … police said three people were wounded": the figure holds those named
                self.filled[person.id] = sum(p.count or 1 for p in self.counted)
                self.counted.append(person)
                self.slots.append(person)
                self.total = size
                self.spans.extend(person.mentions[:1])
                return
        self.counted.append(person)
        self.slots.append(person)
        self.total += size
        self.spans.extend(person.mentions[:1])


def _died_later(person: Person, parent: Person | None, category: str) -> bool:
    """One of the wounded who died, told without a word that adds them to the toll."""
    return (category == "killed" and parent is not None and "injured" in parent.final_fates
            and not person.additive)


def count_category(
    category: str,
    people: list[Person],
    facts: list[Fact],
    fact_frame: dict[int, int],
    frame: int,
    zeros: list[ZeroCue],
    text: str,
    retrospective: bool = False,
) -> Derivation:
    """One total of one incident, with the method, facts and mention spans it rests on.

    `retrospective`: the incident lies long before the article, so its stated figures are final counts and
    the wounded who "later died" are already in its toll ("killing 34 … the toll rose in the weeks after as
    three of the gravely wounded died"), unless the text adds them ("three more died")."""
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
    has_stated_figure = any(f.role in ("reported", "total") for _, f in mine)
    by_id = {p.id: p for p in people}
    tally = _Tally()
    for person in sorted((p for p in people if p.incident == frame), key=lambda p: p.first):
        if category not in person.final_fates or person.trigger:
            continue
        held: Fact | None = facts[person.fact] if person.fact is not None else None
        if held is not None and person.fact in dropped:
            continue
        parent = by_id.get(person.parent) if person.parent is not None else None
        if parent is not None and category in parent.final_fates:
            continue  # "two of the injured officers": already among the injured
        if retrospective and _died_later(person, parent, category) and has_stated_figure:
            continue
        if held is not None and held.role == "subset" and parent is None and has_other_figures:
            continue  # a subset of a figure the facts stage did not name
        size = person.count
        if category == "injured" and size and not retrospective:
            # the wounded who died leave the wounded, never below none: a group told beside the figure may be
            # taken for its members
            size = max(0, size - sum(p.count or 1 for p in people if p.parent == person.id and "killed" in p.final_fates))
        additive = person.additive or (held is not None and (_adds_people(held, text) or _listed_part(held, facts)))
        if additive and person.mentions and _others_than_another_fate(person.mentions[0], text, category):
            additive = False  # "three were killed and eight others injured": others than the dead, not more injured
        # "six of the attackers" were killed, the attackers as such were not: a group like any other, which may
        # be part of the toll already stated ("Eight people were killed … six attackers … two soldiers")
        tally.add(person, size or 0, additive, parent is not None and bool(parent.final_fates))
    total = tally.total
    used_facts = [p.fact for p in tally.counted if p.fact is not None]
    spans = tally.spans
    implicit = any(p.fact is None for p in tally.counted)
    counted = tally.counted
    for alternative, restated in tally.alternatives:
        if restated not in counted:
            continue
        vague_alt, vague_res = _vague(alternative, facts), _vague(restated, facts)
        exact_wins = vague_res and not vague_alt  # "Dozens were injured ... 26 were taken to hospital"
        lower_wins = (alternative.count or 0) < (restated.count or 0) and not (vague_alt and not vague_res)
        if exact_wins or lower_wins:  # else the lower reading wins
            total += (alternative.count or 0) - (restated.count or 0)
            counted = [alternative if p is restated else p for p in counted]
            used_facts = [p.fact for p in counted if p.fact is not None]
    if total == 0:
        cue = next((z for z in zeros if z.category == category), None)
        if cue is not None:
            return Derivation(category=category, value=0, method="explicit_zero", mentions=[cue.span],
                              note=f"the text says {cue.span.text!r}")
        return Derivation(category=category, value=0, method="none", note="nothing in the text")
    method: Method
    if implicit:
        method = "implicit"
        note = f"{len(counted)} people or groups named with this fate, each counted once"
    elif len(used_facts) > 1:
        method, note = "sum_of_parts", "sum of the stated figures"
    else:
        method, note = "reported", "the stated figure"
    if dropped & {i for i, _ in reported} or tally.alternatives:
        note += "; where figures for the same people disagree, the lower"
    return Derivation(category=category, value=total, method=method, facts=sorted(used_facts), mentions=spans,
                      note=note)
