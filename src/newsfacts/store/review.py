"""Coders' review of the machine's facts, as pure functions: the store loads revisions and saves what these return.

A revision is one change a coder made to one fact of one article — confirm, correct (value, category, role),
reject, or add a figure the machine missed — with who, when, the state before and after, and a note. Revisions
are append-only; the fact's current state is the machine's fact with its revisions applied in order, and the
machine's fact is always kept beside it (`ReviewedFact.machine`).

From the reviewed facts the article is rebuilt for the merge (`reviewed_article`):

1. rejected facts are dropped, added facts appended, and every index into the facts (`of`, derivations, checks)
   follows;
2. each incident's total for a category a coder touched is counted again from that category's remaining facts:
   a stated update, then a stated total, wins (one a person vouched for before the machine's); else the sum of
   the parts; else the largest reported figure; with none left the category has no total (see `reviewed_total`);
3. checks: the machine's checks on untouched facts stay; sums, subsets and disagreements that involve a touched
   fact are computed again from the reviewed figures.

Facts keep their index for life: a machine fact is its position in the machine's facts; an added fact takes the
next index after every fact the article has had.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..checks import disagreement_checks, subset_checks
from ..model import Article, Check, Derivation, Event, Fact, Record, Span
from .figures import category_key

ReviewAction = Literal["confirm", "correct", "reject", "add"]
ReviewState = Literal["machine", "confirmed", "corrected", "rejected", "added"]
# States in which a person has vouched for the figure (a rejected one no longer counts at all).
REVIEWED_STATES: frozenset[str] = frozenset({"confirmed", "corrected", "added"})
REVIEW_NOTE = "counted again from the reviewed facts"


class Revision(Record):
    """One change a coder made to one fact; append-only."""

    id: int
    article_id: int
    fact: int = Field(description="the fact's index in the article (machine facts first, added ones after)")
    action: ReviewAction
    previous_id: int | None = Field(default=None, description="the revision this one follows; null: the machine's fact")
    category: str | None = Field(default=None, description="the fact's category after this revision")
    value: int | None = None
    role: str | None = None
    old_category: str | None = Field(default=None, description="the fact's category before this revision")
    old_value: int | None = None
    old_role: str | None = None
    incident: int | None = Field(default=None, description="for an added figure: the article's incident it counts in")
    evidence: Span | None = None
    coder: str
    note: str | None = None
    created_at: str


class ReviewedFact(Record):
    """A fact as it stands after the coders' revisions, with the machine's fact beside it."""

    index: int
    state: ReviewState
    fact: Fact = Field(description="the fact now (for a rejected one: as it was when rejected)")
    machine: Fact | None = Field(default=None, description="what the machine extracted (null for an added figure)")
    revision_id: int | None = Field(default=None, description="the latest revision; send it as `seen_revision`")
    coder: str | None = None
    note: str | None = None
    incident: int | None = Field(default=None, description="for an added figure: the incident it counts in")

    @property
    def reviewed(self) -> bool:
        return self.state in REVIEWED_STATES


def apply_revisions(article: Article, revisions: list[Revision]) -> list[ReviewedFact]:
    """The article's facts with the revisions applied in order (machine facts first, added facts after)."""
    facts: dict[int, ReviewedFact] = {
        i: ReviewedFact(index=i, state="machine", fact=f, machine=f) for i, f in enumerate(article.facts)
    }
    machine_spans = {(f.evidence.start, f.evidence.end): i for i, f in reversed(list(enumerate(article.facts)))}
    for revision in sorted(revisions, key=lambda r: r.id):
        current = facts.get(_target(revision, facts, machine_spans))
        if revision.action == "add":
            if revision.evidence is None or revision.category is None or revision.value is None:
                continue  # the store never writes such a row; a hand-edited one is ignored, not fatal
            fact = Fact(category=revision.category, value=revision.value, role=revision.role or "reported",  # type: ignore[arg-type]
                        evidence=revision.evidence)
            facts[revision.fact] = ReviewedFact(index=revision.fact, state="added", fact=fact, revision_id=revision.id,
                                                coder=revision.coder, note=revision.note, incident=revision.incident)
            continue
        if current is None:
            continue
        fact = current.fact
        if revision.action == "correct":
            fact = fact.model_copy(update={
                "category": revision.category or fact.category,
                "value": revision.value if revision.value is not None else fact.value,
                "role": revision.role or fact.role,
            })
        states: dict[str, ReviewState] = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}
        state = states[revision.action]
        if current.state == "added" and revision.action != "reject":
            state = "added"  # a figure a person added stays an added one when it is confirmed or corrected
        facts[current.index] = current.model_copy(update={
            "state": state, "fact": fact, "revision_id": revision.id, "coder": revision.coder, "note": revision.note,
        })
    return [facts[i] for i in sorted(facts)]


def _target(revision: Revision, facts: dict[int, ReviewedFact], machine_spans: dict[tuple[int, int], int]) -> int:
    """The fact a revision is about: its index, unless the words it was made on are now another machine fact's
    (a machine record extracted again, its facts in another order); the words decide, so a coder's revision
    follows the figure it was made on."""
    if revision.action == "add" or revision.evidence is None:
        return revision.fact
    span = (revision.evidence.start, revision.evidence.end)
    current = facts.get(revision.fact)
    if current is not None and (current.fact.evidence.start, current.fact.evidence.end) == span:
        return revision.fact
    return machine_spans.get(span, revision.fact)


def next_index(article: Article, revisions: list[Revision]) -> int:
    """The index an added figure gets: after every fact the article has had, so indices are never reused."""
    return max([len(article.facts) - 1, *(r.fact for r in revisions)], default=-1) + 1


def touched(reviewed: list[ReviewedFact]) -> set[int]:
    """Indices of the facts a coder changed, rejected or added (confirming changes no figure)."""
    return {r.index for r in reviewed if r.state in ("corrected", "rejected", "added")}


def _default_incident(article: Article) -> int | None:
    """The incident an added figure counts in when the coder names none: the first the article counts."""
    counted = [i for i, e in enumerate(article.events) if e.status != "background"]
    return counted[0] if counted else (0 if article.events else None)


def reviewed_total(facts: list[tuple[ReviewedFact, int]]) -> tuple[int, str, list[int]] | None:
    """One incident's total for one category from its reviewed facts ((fact, new index) pairs): a stated update,
    then a stated total, wins (a person's over the machine's, then the largest); else the sum of the parts; else
    the largest reported figure. None when no fact is left."""
    if not facts:
        return None
    wholes = [(r, i) for r, i in facts if r.fact.role in ("total", "update")]
    if wholes:
        # an update supersedes the total it updates; then a figure a person vouched for; then the largest
        fact, index = max(wholes, key=lambda pair: (pair[0].fact.role == "update", pair[0].reviewed, pair[0].fact.value))
        return fact.fact.value, "explicit_total", [index]
    parts = [(r, i) for r, i in facts if r.fact.role == "part"]
    if parts:
        return sum(r.fact.value for r, _ in parts), "sum_of_parts", [i for _, i in parts]
    fact, index = max(facts, key=lambda pair: pair[0].fact.value)
    return fact.fact.value, "reported", [index]


def _incident_facts(article: Article, event: Event) -> set[int]:
    """Machine facts about the incident, as `figures._attached` reads them: those its derivations cite, and, for
    the article's only counted incident, every fact no other incident cites."""
    found = {i for d in event.derivations for i in d.facts}
    if [e for e in article.events if e.status != "background"] == [event]:
        cited_elsewhere = {i for other in article.events if other is not event for d in other.derivations for i in d.facts}
        found |= set(range(len(article.facts))) - cited_elsewhere
    return found


def _reviewed_event(article: Article, position: int, event: Event, reviewed: list[ReviewedFact],
                    new_index: dict[int, int], changed: set[int]) -> Event:
    members = _incident_facts(article, event)
    default = _default_incident(article)
    for r in reviewed:
        if r.state == "added" and (r.incident if r.incident is not None else default) == position:
            members.add(r.index)
    by_index = {r.index: r for r in reviewed}
    categories = {category_key(by_index[i].fact.category) for i in members & changed if i in by_index}
    categories |= {category_key(article.facts[i].category) for i in members & changed if i < len(article.facts)}
    categories.discard(None)
    if not categories:
        return _remap_event(event, new_index)
    totals = {k: v for k, v in event.totals.items() if category_key(k) not in categories}
    derivations = [_remap_derivation(d, new_index) for d in event.derivations if category_key(d.category) not in categories]
    for category in sorted(c for c in categories if c):
        pairs = [(by_index[i], new_index[i]) for i in sorted(members) if i in new_index and i in by_index
                 and category_key(by_index[i].fact.category) == category]
        result = reviewed_total(pairs)
        if result is None:
            continue
        value, method, basis = result
        totals[category] = value
        derivations.append(Derivation(category=category, value=value, method=method, facts=basis, note=REVIEW_NOTE))  # type: ignore[arg-type]
    return event.model_copy(update={"totals": totals, "derivations": derivations})


def _remap_derivation(derivation: Derivation, new_index: dict[int, int]) -> Derivation:
    return derivation.model_copy(update={"facts": [new_index[i] for i in derivation.facts if i in new_index]})


def _remap_event(event: Event, new_index: dict[int, int]) -> Event:
    return event.model_copy(update={"derivations": [_remap_derivation(d, new_index) for d in event.derivations]})


def sum_checks(facts: list[Fact]) -> list[Check]:
    """Parts that do not add up to their stated total (exact figures only), without the parse the machine's
    check also reads: what a coder's corrected figures say."""
    out = []
    for t, total in enumerate(facts):
        parts = [i for i, f in enumerate(facts) if f.role == "part" and f.of == t]
        if total.role != "total" or len(parts) < 2 or total.qualifier is not None:
            continue
        if any(facts[i].qualifier is not None for i in parts):
            continue
        stated = sum(facts[i].value for i in parts)
        if stated != total.value:
            sum_text = "+".join(str(facts[i].value) for i in parts)
            out.append(Check(kind="sum_mismatch", severity="warning", facts=[*parts, t],
                             detail=f"{sum_text}={stated} but the stated total is {total.value} "
                                    f"({total.category}: \"{total.evidence.text}\")"))
    return out


def reviewed_article(article: Article, reviewed: list[ReviewedFact]) -> Article:
    """The article as the coders left it: what the merge and the checks read (module docstring, steps 1-3)."""
    changed = touched(reviewed)
    if not changed:
        return article
    kept = [r for r in reviewed if r.state != "rejected"]
    new_index = {r.index: position for position, r in enumerate(kept)}
    facts = [r.fact.model_copy(update={"of": new_index.get(r.fact.of) if r.fact.of is not None else None}) for r in kept]
    events = [_reviewed_event(article, position, event, reviewed, new_index, changed)
              for position, event in enumerate(article.events)]
    changed_now = {new_index[i] for i in changed if i in new_index}
    untouched = [c.model_copy(update={"facts": [new_index[i] for i in c.facts]}) for c in article.checks
                 if not (set(c.facts) & changed) and all(i in new_index for i in c.facts)]
    again = [c for c in sum_checks(facts) + subset_checks(facts) + disagreement_checks(facts)
             if set(c.facts) & changed_now]
    return article.model_copy(update={"facts": facts, "events": events, "checks": untouched + again})



def review_view(article: Article, reviewed: list[ReviewedFact]) -> Article:
    """The article as a coder's page shows it: every fact by its review index (rejected ones too, so they can be
    shown struck out and restored), with the reviewed article's checks and incident totals pointed back at those
    indices."""
    if not touched(reviewed):
        return article.model_copy(update={"facts": [r.fact for r in reviewed]})
    counted = reviewed_article(article, reviewed)
    back = [r.index for r in reviewed if r.state != "rejected"]  # reviewed_article's positions → review indices

    def remap(indices: list[int]) -> list[int]:
        return [back[i] for i in indices if i < len(back)]

    facts = [r.fact.model_copy(update={"of": None}) if r.state == "rejected" else
             r.fact.model_copy(update={"of": back[counted.facts[p].of] if counted.facts[p].of is not None else None})  # type: ignore[index]
             for p, r in _positions(reviewed)]
    checks = [c.model_copy(update={"facts": remap(c.facts)}) for c in counted.checks]
    events = [e.model_copy(update={"derivations": [d.model_copy(update={"facts": remap(d.facts)}) for d in e.derivations]})
              for e in counted.events]
    return counted.model_copy(update={"facts": facts, "checks": checks, "events": events})


def _positions(reviewed: list[ReviewedFact]) -> list[tuple[int, ReviewedFact]]:
    """Each reviewed fact with its position among the kept ones (-1 for a rejected fact)."""
    out, position = [], 0
    for r in reviewed:
        if r.state == "rejected":
            out.append((-1, r))
        else:
            out.append((position, r))
            position += 1
    return out
