"""One person counted once: rule-based coreference over mentions and stated figures.

No coreference model (the PyPI ones fetch theirs from the network at run time). The rules follow how news
copy refers back: a pronoun picks up the latest person of its sex and number; a definite description ("the
victim", "the driver of the car", "both women") picks up a person already introduced, by head noun, by age,
or by sharing the fate the sentence gives; an indefinite ("a man", "two passengers") introduces new people,
who may still be the lead's summary retold in detail — that is settled when totals are counted.
A stated figure (`Fact`) is a person group too, so "three people were taken to hospital … the driver and two
passengers" counts three, not six.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Fact, Span
from . import lexicon as lx
from .mentions import Mention

# Fact categories as incident totals count them: detained and taken into custody are arrests.
CATEGORY_FATE = {"killed": "killed", "injured": "injured", "arrested": "arrested", "detained": "arrested"}


@dataclass
class Person:
    """A person, or a group counted together, as the article builds it up."""

    id: int
    incident: int
    count: int | None
    heads: set[str]
    definite_intro: bool
    gender: str | None = None
    ages: list[int] = field(default_factory=list)
    modifiers: set[str] = field(default_factory=set)
    name: str | None = None
    fates: set[str] = field(default_factory=set)
    negated: set[str] = field(default_factory=set)
    parent: int | None = None
    fact: int | None = None
    trigger: bool = False
    additive: bool = False  # introduced as more people ("a second man", "four others")
    first: int = 0  # character offset of the first mention
    last: int = 0  # token index of the latest mention, for recency
    conj_root: int = -1
    mentions: list[Span] = field(default_factory=list)

    @property
    def final_fates(self) -> set[str]:
        """People who later died are killed, not injured; arrests stand beside either."""
        fates = set(self.fates)
        if "killed" in fates:
            fates.discard("injured")
        return fates


def _role_class(head: str) -> frozenset[str]:
    for group in lx.ROLE_CLASSES:
        if head in group:
            return group
    return frozenset({head})


def _age_range(person_or_heads) -> tuple[int, int] | None:
    low, high = 0, 120
    found = False
    for head in person_or_heads:
        if head in lx.GENDER_AGE:
            _, lo, hi = lx.GENDER_AGE[head]
            low, high, found = max(low, lo), min(high, hi), True
    return (low, high) if found else None


def sex_and_age_agree(person: Person, gender: str | None, heads: set[str], ages: tuple[int, ...] | list[int]) -> bool:
    """No contradiction in sex or age between a person and a new description."""
    if gender and person.gender and gender != person.gender:
        return False
    if ages and person.ages and not set(ages) & set(person.ages) and person.count == 1 and len(ages) == 1:
        return False
    ranges = [r for r in (_age_range(heads), _age_range(person.heads)) if r]
    all_ages = list(ages) + list(person.ages) if person.count == 1 else list(ages)
    for low, high in ranges:
        if any(not low <= age <= high for age in all_ages):
            return False
    if len(ranges) == 2 and (ranges[0][1] < ranges[1][0] or ranges[1][1] < ranges[0][0]):
        return False
    return True


def _head_match(person: Person, heads: frozenset[str]) -> bool:
    wanted = set().union(*(_role_class(h) for h in heads)) - {"old", "other"}
    return bool(wanted & person.heads)


def _number_agrees(person: Person, mention: Mention) -> bool:
    if mention.pronoun:
        plural = mention.count is None
        return (person.count is None or (person.count or 0) > 1) if plural else person.count == 1
    if mention.count == 1:
        return person.count == 1
    if mention.count is None:
        return person.count != 1
    return person.count in (None, mention.count)


def _modifiers_agree(person: Person, mention: Mention) -> bool:
    return not (person.modifiers and mention.modifiers and not person.modifiers & mention.modifiers)


def _same_name(known: str, new: str) -> bool:
    """Full names must agree; a lone surname or first name picks up the full name that has it."""
    a, b = known.split(), new.split()
    if len(a) > 1 and len(b) > 1:
        return a == b
    return bool(set(a) & set(b))


def _fate_kinds(fates) -> set[str]:
    """Killed and injured are one kind here: the injured may die later, the dead were first taken to hospital."""
    return {"harmed" if fate in ("killed", "injured") else fate for fate in fates}


@dataclass
class PeopleIndex:
    """People built up in text order; `resolve` adds one mention."""

    people: list[Person] = field(default_factory=list)

    def new(self, mention: Mention | None, incident: int, **values) -> Person:
        person = Person(id=len(self.people), incident=incident, **values)
        if mention is not None:
            self._absorb(person, mention, introduce=True)
        self.people.append(person)
        return person

    def _absorb(self, person: Person, mention: Mention, introduce: bool = False) -> None:
        person.fates |= mention.fates
        person.negated |= mention.negated - mention.fates
        person.last = mention.token
        person.mentions.append(mention.span)
        if introduce or person.count == 1 or not mention.pronoun:
            if not mention.pronoun and (introduce or mention.count == person.count):
                person.heads |= set(mention.heads) - {"another"}
            person.gender = person.gender or mention.gender
            if not person.ages and mention.ages:
                person.ages = list(mention.ages)
            person.modifiers |= set(mention.modifiers)
            person.name = person.name or mention.name

    def _recent(self, exclude_conj: int | None = None, incident: int | None = None) -> list[Person]:
        found = [p for p in self.people if p.conj_root != exclude_conj or exclude_conj is None]
        if incident is not None:
            found = [p for p in found if p.incident == incident]
        return sorted(found, key=lambda p: p.last, reverse=True)

    def add_fact(self, fact: Fact, index: int, incident: int, token: int) -> Person:
        fate = CATEGORY_FATE.get(fact.category)
        parent = None
        if fact.role == "subset" and fact.of is not None:
            parent = next((p.id for p in self.people if p.fact == fact.of), None)
        person = self.new(None, incident, count=fact.value, heads=set(), definite_intro=False,
                          fates={fate} if fate else set(), fact=index, parent=parent,
                          first=fact.evidence.start, last=token)
        person.mentions.append(fact.evidence)
        return person

    def resolve(self, mention: Mention, incident: int, fact_person: Person | None = None) -> Person:
        """The person this mention names: an earlier one it refers back to, or a new one."""
        if fact_person is not None:
            if mention.partitive_of is not None and fact_person.parent is None:
                group = self._group_before(mention)
                fact_person.parent = group.id if group is not None and group is not fact_person else None
            self._absorb(fact_person, mention, introduce=not fact_person.heads)
            return fact_person
        if mention.partitive_of is not None:
            return self._partitive(mention, incident)
        if mention.pronoun or mention.heads == {"both"}:
            antecedent = self._pronoun_antecedent(mention)
            if antecedent is not None:
                self._absorb(antecedent, mention)
                return antecedent
        elif mention.definite and mention.count == 2 and not mention.whole_of and (
            pair := self._pair_before(mention, incident)
        ):
            for person in pair:  # "both women": the two people last named
                self._absorb(person, mention)
            return pair[0]
        elif mention.definite or mention.whole_of:
            antecedent = self._definite_antecedent(mention, incident)
            if antecedent is not None:
                if antecedent.count not in (None, 1) and mention.count == 1 and not _head_match(antecedent, mention.heads):
                    # a member of a group ("her husband" among "four other people"): counted in the group
                    antecedent.fates |= mention.fates
                    antecedent.last = mention.token
                    antecedent.mentions.append(mention.span)
                    return antecedent
                self._absorb(antecedent, mention)
                return antecedent
        return self.new(mention, incident, count=mention.count, heads=set(mention.heads),
                        definite_intro=mention.definite, trigger=mention.trigger, first=mention.span.start,
                        conj_root=mention.conj_root, additive=mention.additive)

    def _group_before(self, mention: Mention) -> Person | None:
        """The group a partitive takes from: the latest one it names by head noun, preferring one with a fate."""
        groups = [p for p in self._recent() if p.last < mention.token and (p.count or 2) > 1]
        named = [p for p in groups if _head_match(p, mention.heads)]
        for candidates in ([p for p in named if p.fates], named, groups):
            if candidates:
                return candidates[0]
        return None

    def _partitive(self, mention: Mention, incident: int) -> Person:
        group = self._group_before(mention)
        member_heads = mention.heads if group is None else set(group.heads)
        return self.new(mention, incident if group is None else group.incident, count=mention.count,
                        heads=set(member_heads), definite_intro=True, parent=None if group is None else group.id,
                        first=mention.span.start, conj_root=mention.conj_root)

    def _pair_before(self, mention: Mention, incident: int) -> list[Person] | None:
        earlier = [p for p in self._recent(exclude_conj=mention.conj_root) if p.last < mention.token]
        if any(p.count == 2 and _head_match(p, mention.heads) for p in earlier[:3]):
            return None  # a pair already named as one ("two passengers … both passengers")
        singles = [
            p for p in earlier
            if p.count == 1 and p.incident == incident and sex_and_age_agree(p, mention.gender, set(mention.heads), ())
            and (p.gender == mention.gender if mention.gender else bool(p.heads & mention.heads))
        ]
        if mention.fates:  # "both women with gunshot wounds": the two last named as harmed, if there are two
            harmed = [p for p in singles if _fate_kinds(p.fates) & _fate_kinds(mention.fates)]
            singles = harmed if len(harmed) >= 2 else singles
        return singles[:2] if len(singles) >= 2 else None

    def _pronoun_antecedent(self, mention: Mention) -> Person | None:
        for person in self._recent(exclude_conj=mention.conj_root):
            if person.last >= mention.token:
                continue
            if mention.heads == {"both"}:
                if person.count == 2:
                    return person
                continue
            if _number_agrees(person, mention) and sex_and_age_agree(person, mention.gender, set(), ()):
                return person
        return None

    def _definite_antecedent(self, mention: Mention, incident: int) -> Person | None:
        earlier = [p for p in self._recent(exclude_conj=mention.conj_root) if p.last < mention.token]
        first_word = mention.span.text.split()[0].lower() if mention.span.text else ""
        if first_word in ("his", "her", "their") and mention.heads & set(lx.KIN) and mention.fates:
            # "a man was killed and his brother injured": a relative with another fate is another person
            # (the wounded may die later; the dead are not wounded afterwards)
            earlier = [p for p in earlier if not ("killed" in p.final_fates and "killed" not in mention.fates)]
        if "killed" in mention.fates:  # "the family of the man who has died": the dead man, not the last one named
            earlier = sorted(earlier, key=lambda p: "killed" not in p.final_fates)
        if mention.name:
            for person in earlier:
                if person.name and _same_name(person.name, mention.name) and sex_and_age_agree(
                    person, mention.gender, set(mention.heads), mention.ages
                ):
                    return person
        if mention.count == 1 and mention.ages and not mention.trigger:
            for person in earlier:  # "the 14-year-old" among "her children, ages 14, 9 and 6"
                if (person.count or 0) > 1 and set(mention.ages) & set(person.ages):
                    member = self.new(mention, person.incident, count=1, heads=set(mention.heads),
                                      definite_intro=True, parent=person.id, first=mention.span.start,
                                      conj_root=mention.conj_root)
                    return member
        generic = mention.heads <= lx.GENERIC_PEOPLE
        for person in earlier:
            if generic:
                break
            if (
                _head_match(person, mention.heads)
                and _number_agrees(person, mention)
                and _modifiers_agree(person, mention)
                and sex_and_age_agree(person, mention.gender, set(mention.heads), mention.ages)
            ):
                return person
        by_description = mention.heads & set(lx.GENDER_AGE)
        if by_description and mention.count == 1:
            for person in earlier:  # "the teenager" for "a 17-year-old motorcyclist"
                if person.count == 1 and (person.ages or person.heads & set(lx.GENDER_AGE)) and sex_and_age_agree(
                    person, mention.gender, set(mention.heads), mention.ages
                ):
                    return person
        if mention.fates or generic:
            for person in earlier:  # "the victim", or a description that shares the fate just told
                if person.incident != incident or person.trigger:
                    continue
                role = mention.heads - lx.GENERIC_PEOPLE - set(lx.GENDER_AGE) - set(lx.KIN) - {"old"}
                if role and person.heads & lx.ROLES and not _head_match(person, mention.heads):
                    continue  # "the lorry driver" is not "a woman passenger", whatever befell both
                if person.count == 1:
                    shares = _fate_kinds(person.final_fates) & (
                        _fate_kinds(mention.fates) if mention.fates else {"harmed"}
                    )
                else:  # a group takes in a member only if it is a group of anyone, with the same fate
                    generic_group = not person.heads - lx.GENERIC_PEOPLE - {"old"}
                    shares = person.final_fates & set(mention.fates) if generic_group else set()
                if (
                    shares
                    and (person.count is None or mention.count is None or person.count >= mention.count)
                    and sex_and_age_agree(person, mention.gender, set(mention.heads), mention.ages)
                    and person.parent is None
                ):
                    return person
        return None
