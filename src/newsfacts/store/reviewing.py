"""The store side of review: append a revision (with the optimistic-concurrency check), rebuild one article's
incident totals and figures from its reviewed facts, the review queue, and coders' tokens.

Every function takes the open connection of the Store's transaction; `Store` (core.py) holds the transaction
and re-merges the events these return. The rules themselves are pure, in `review.py`.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import Field
from sqlalchemy import Connection, and_, case, func, insert, select, update

from ..errors import ReviewConflictError, ReviewError, StoreError
from ..model import CATEGORIES, Article, Record, Span
from . import tables
from .figures import incident_figures
from .records import MergedEvent, SourceFigure
from .review import ReviewedFact, Revision, apply_revisions, next_index, reviewed_article

ROLES = ("part", "total", "subset", "update", "reported")
# What the queue calls a large figure: tolls this size are the ones a wrong digit costs most on
# (calibrated by eye on the dev set, where 9 in 10 incidents count fewer than 50 dead).
LARGE_FIGURE = 50
MAX_NOTE = 2000


@dataclass(frozen=True)
class ReviewRequest:
    """What a coder asks for: `action` on fact `fact` (ignored for "add"), having seen revision `seen_revision`
    (None: the machine's fact). For "correct", the fields to change; for "add", the figure and its words."""

    action: str
    coder: str
    fact: int | None = None
    seen_revision: int | None = None
    category: str | None = None
    value: int | None = None
    role: str | None = None
    start: int | None = None
    end: int | None = None
    incident: int | None = None
    note: str | None = None


class ReviewResult(Record):
    """What one revision did: the revision, the fact as it stands now, and the events merged again."""

    revision: Revision
    fact: ReviewedFact
    event_ids: list[int] = []


class QueueItem(Record):
    """An event that needs a person, with why: the reasons are in the order they weigh."""

    event: MergedEvent
    score: int
    reasons: list[str]


def load_article(conn: Connection, article_id: int) -> Article:
    record = conn.execute(select(tables.article.c.record).where(tables.article.c.id == article_id)).scalar()
    if record is None:
        raise StoreError(f"no article {article_id} in the store; list them with `newsfacts events` or `newsfacts search`")
    return Article.model_validate_json(record)


def _revision_from_row(row: Any) -> Revision:
    evidence = None
    if row.evidence is not None and row.evidence_start is not None and row.evidence_end is not None:
        evidence = Span(text=row.evidence, start=row.evidence_start, end=row.evidence_end)
    return Revision(
        id=row.id, article_id=row.article_id, fact=row.fact_idx, action=row.action, previous_id=row.previous_id,
        category=row.category, value=row.value, role=row.role, old_category=row.old_category,
        old_value=row.old_value, old_role=row.old_role, incident=row.incident_idx, evidence=evidence,
        coder=row.coder, note=row.note, created_at=row.created_at,
    )


def load_revisions(conn: Connection, article_ids: list[int]) -> list[Revision]:
    r = tables.fact_revision
    rows = conn.execute(select(r).where(r.c.article_id.in_(article_ids)).order_by(r.c.id)).all()
    return [_revision_from_row(row) for row in rows]


def reviewed_facts(conn: Connection, article_id: int) -> tuple[Article, list[Revision], list[ReviewedFact]]:
    article = load_article(conn, article_id)
    revisions = load_revisions(conn, [article_id])
    return article, revisions, apply_revisions(article, revisions)


def _validate(request: ReviewRequest, article: Article) -> None:
    """Refuse what no fact can be, before anything is written (the messages say what to send instead)."""
    if request.action not in ("confirm", "correct", "reject", "add"):
        raise ReviewError(f"unknown action {request.action!r}: use confirm, correct, reject or add")
    if request.category is not None and request.category not in CATEGORIES:
        raise ReviewError(f"unknown category {request.category!r}: use one of {', '.join(CATEGORIES)}")
    if request.role is not None and request.role not in ROLES:
        raise ReviewError(f"unknown role {request.role!r}: use one of {', '.join(ROLES)}")
    if request.value is not None and not 0 <= request.value <= 10**9:
        raise ReviewError(f"the value {request.value} is not a count: give a whole number from 0")
    if request.note is not None and len(request.note) > MAX_NOTE:
        raise ReviewError(f"the note is over {MAX_NOTE} characters: shorten it")
    if not request.coder.strip():
        raise ReviewError("a revision needs the coder's name")
    if request.action == "correct" and request.category is None and request.value is None and request.role is None:
        raise ReviewError("a correction needs a new value, category or role")
    if request.action == "add":
        if request.category is None or request.value is None:
            raise ReviewError("an added figure needs its category and value")
        if request.start is None or request.end is None or not 0 <= request.start < request.end <= len(article.text):
            raise ReviewError(f"the figure's words must be a span of the article text (0 to {len(article.text)}): "
                              "select them in the text")
        if request.incident is not None and not 0 <= request.incident < len(article.events):
            raise ReviewError(f"the article has no incident {request.incident}")


def _conflict(message: str, current: ReviewedFact) -> ReviewConflictError:
    return ReviewConflictError(message, current=json.loads(current.model_dump_json()))


def append_revision(conn: Connection, article_id: int, request: ReviewRequest, now: str) -> ReviewResult:
    """Check the request against the fact as it stands (409 when another coder changed it since the coder saw
    it), then append one revision row. The caller rebuilds the article's figures and re-merges its events."""
    article, revisions, facts = reviewed_facts(conn, article_id)
    _validate(request, article)
    by_index = {f.index: f for f in facts}
    values: dict[str, Any] = {
        "article_id": article_id, "action": request.action, "coder": request.coder.strip()[:200],
        "note": request.note or None, "created_at": now,
    }
    if request.action == "add":
        same = next((f for f in facts if f.state != "rejected" and f.fact.evidence.start == request.start
                     and f.fact.evidence.end == request.end and f.fact.category == request.category), None)
        if same is not None:
            raise _conflict(f"these words already are fact {same.index} ({same.fact.category} {same.fact.value}): "
                            "correct that one instead", same)
        text = article.text[request.start : request.end]  # type: ignore[misc]
        values.update(fact_idx=next_index(article, revisions), category=request.category, value=request.value,
                      role=request.role or "reported", incident_idx=request.incident, evidence=text,
                      evidence_start=request.start, evidence_end=request.end)
    else:
        if request.fact is None or request.fact not in by_index:
            raise ReviewError(f"article {article_id} has no fact {request.fact}: list them at "
                              f"/api/v1/articles/{article_id}/facts")
        current = by_index[request.fact]
        if current.revision_id != request.seen_revision:
            who = f" by {current.coder}" if current.coder else ""
            raise _conflict(f"fact {current.index} was changed{who} since you saw it (revision {current.revision_id}, "
                            f"not {request.seen_revision}): look at its state now and send your change again", current)
        fact = current.fact
        new: dict[str, Any] = {"category": fact.category, "value": fact.value, "role": fact.role}
        if request.action == "correct":
            new.update({k: v for k, v in (("category", request.category), ("value", request.value),
                                          ("role", request.role)) if v is not None})
            if new == {"category": fact.category, "value": fact.value, "role": fact.role}:
                raise ReviewError(f"the correction changes nothing: fact {current.index} already is {fact.value} "
                                  f"{fact.category}, {fact.role}; confirm it instead")
        values.update(fact_idx=current.index, previous_id=current.revision_id, old_category=fact.category,
                      old_value=fact.value, old_role=fact.role, evidence=fact.evidence.text,
                      evidence_start=fact.evidence.start, evidence_end=fact.evidence.end, **new)
    revision_id = conn.execute(insert(tables.fact_revision).values(**values)).inserted_primary_key[0]  # type: ignore[index]
    row = conn.execute(select(tables.fact_revision).where(tables.fact_revision.c.id == revision_id)).one()
    revision = _revision_from_row(row)
    now_facts = apply_revisions(article, [*revisions, revision])
    return ReviewResult(revision=revision, fact=next(f for f in now_facts if f.index == revision.fact))


def annotate(figures: list[SourceFigure], facts: list[ReviewedFact]) -> list[SourceFigure]:
    """Each figure with the fact it rests on (by its evidence span) and whether a coder vouched for it."""
    by_span: dict[tuple[int, int, str], ReviewedFact] = {
        (f.fact.evidence.start, f.fact.evidence.end, f.fact.category): f for f in facts if f.state != "rejected"}
    by_bare_span = {(f.fact.evidence.start, f.fact.evidence.end): f for f in facts if f.state != "rejected"}
    out = []
    for figure in figures:
        found = None
        if figure.evidence is not None:
            span = (figure.evidence.start, figure.evidence.end)
            found = by_span.get((*span, figure.category)) or by_bare_span.get(span)
        out.append(figure.model_copy(update={"fact": found.index if found else None,
                                             "reviewed": bool(found and found.reviewed)}))
    return out


def figure_values(figures: list[SourceFigure], incident_id: int, article_id: int) -> list[dict[str, Any]]:
    """The `figure` rows of one incident's figures."""
    return [
        {
            "incident_id": incident_id, "article_id": article_id, "category": f.category, "value": f.value,
            "source": f.source, "official": f.official, "is_total": f.total,
            "evidence": f.evidence.text if f.evidence else None,
            "evidence_start": f.evidence.start if f.evidence else None,
            "evidence_end": f.evidence.end if f.evidence else None,
            "fact_idx": f.fact, "reviewed": f.reviewed,
        }
        for f in figures
    ]


def rebuild_article(conn: Connection, article_id: int) -> set[int]:
    """Rebuild one article's incident totals and figures from its reviewed facts; the events to merge again.

    Only the machine's record is read (never overwritten), so applying the revisions again always gives the
    same figures: a re-ingest, which finds the article already stored, changes nothing here."""
    article, _, facts = reviewed_facts(conn, article_id)
    reviewed = reviewed_article(article, facts)
    i, fig = tables.incident, tables.figure
    rows = conn.execute(select(i.c.id, i.c.idx, i.c.event_id).where(i.c.article_id == article_id)).all()
    conn.execute(fig.delete().where(fig.c.incident_id.in_([r.id for r in rows])))
    touched: set[int] = set()
    for row in rows:
        if row.idx >= len(reviewed.events):
            continue
        totals = reviewed.events[row.idx].totals
        conn.execute(update(i).where(i.c.id == row.id).values(
            killed=totals.get("killed"), injured=totals.get("injured"),
            arrested=totals.get("arrested", totals.get("detained"))))
        figures = annotate(incident_figures(reviewed, reviewed.events[row.idx], article_id), facts)
        if figures:
            conn.execute(insert(fig), figure_values(figures, row.id, article_id))
        if row.event_id is not None:
            touched.add(row.event_id)
    return touched


# -- the queue ------------------------------------------------------------------------------------------

def review_queue_query(limit: int, offset: int):
    """Events a person should look at first, as SQL (so it pages over a large store): sources that disagree
    (3), an article check flag (2), a large toll (1); events a coder reviewed already are left out."""
    e, i, c = tables.event, tables.incident, tables.article_check
    # the events of flagged articles, found once (few), rather than a subquery run for every event
    flagged_events = (select(i.c.event_id).join(c, c.c.article_id == i.c.article_id)
                      .where(i.c.event_id.is_not(None), c.c.severity.in_(("warning", "error"))))
    flagged = e.c.id.in_(flagged_events)
    large = func.coalesce(e.c.killed_best, 0) + func.coalesce(e.c.injured_best, 0) >= LARGE_FIGURE
    disagreement = case((e.c.disagreement.is_(True), 3), else_=0)
    score = (disagreement + case((flagged, 2), else_=0) + case((large, 1), else_=0)).label("score")
    return (
        select(e.c.detail, score, e.c.disagreement, flagged.label("flagged"), large.label("large"))
        .where(e.c.reviewed.is_(False), and_(score > 0))
        .order_by(score.desc(), func.coalesce(e.c.killed_best, -1).desc(), e.c.id.desc())
        .limit(limit).offset(offset)
    )


def review_queue(conn: Connection, limit: int, offset: int) -> list[QueueItem]:
    items = []
    for row in conn.execute(review_queue_query(limit, offset)):
        reasons = [reason for reason, flag in (
            ("sources disagree", row.disagreement), ("an article's figures do not add up", row.flagged),
            (f"a large toll ({LARGE_FIGURE} or more)", row.large)) if flag]
        items.append(QueueItem(event=MergedEvent.model_validate_json(row.detail), score=row.score, reasons=reasons))
    return items


# -- coders ---------------------------------------------------------------------------------------------

def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_coder(conn: Connection, name: str, now: str) -> str:
    """A new coder with a fresh token; the token is returned once and only its digest is kept."""
    name = " ".join(name.split())
    if not name:
        raise ReviewError("a coder needs a name")
    if conn.execute(select(tables.coder.c.id).where(tables.coder.c.name == name)).first() is not None:
        raise ReviewError(f"there is a coder named {name!r} already: choose another name")
    token = secrets.token_urlsafe(24)
    conn.execute(insert(tables.coder).values(name=name, token_sha256=token_digest(token), created_at=now))
    return token


def coder_for_token(conn: Connection, token: str) -> str | None:
    """The coder whose token this is, if any (the lookup is by digest, so timing says nothing of the token)."""
    return conn.execute(select(tables.coder.c.name).where(tables.coder.c.token_sha256 == token_digest(token))).scalar()


# -- merging and splitting events -----------------------------------------------------------------------

class EventRevision(Record):
    """A coder's merge of two events, or split of one; append-only."""

    id: int
    action: str = Field(description="merge: `other_event_id` was merged into `event_id` (and deleted); split: the "
                                    "incidents moved from `event_id` to the new `other_event_id`")
    event_id: int
    other_event_id: int
    incidents: list[int] = Field(description="the incidents (one article's report each) that moved")
    coder: str
    note: str | None = None
    created_at: str


def _event_exists(conn: Connection, event_id: int) -> None:
    if conn.execute(select(tables.event.c.id).where(tables.event.c.id == event_id)).first() is None:
        raise StoreError(f"no event {event_id} in the store; list them with `newsfacts events`")


def _record_event_change(conn: Connection, action: str, event_id: int, other_id: int, incidents: list[int],
                         coder: str, note: str | None, now: str) -> EventRevision:
    revision_id = conn.execute(insert(tables.event_revision).values(
        action=action, event_id=event_id, other_event_id=other_id, incidents=json.dumps(incidents),
        coder=coder.strip()[:200], note=note or None, created_at=now,
    )).inserted_primary_key[0]  # type: ignore[index]
    return EventRevision(id=revision_id, action=action, event_id=event_id, other_event_id=other_id,
                         incidents=incidents, coder=coder.strip()[:200], note=note or None, created_at=now)


def merge_events(conn: Connection, keep: int, other: int, coder: str, note: str | None, now: str) -> EventRevision:
    """Move every report of event `other` into event `keep` and delete `other` (the caller merges `keep` again).
    A person may join what the machine's rule kept apart (two incidents of one article included)."""
    if keep == other:
        raise ReviewError(f"event {keep} cannot be merged with itself: give another event's number")
    if not coder.strip():
        raise ReviewError("a merge needs the coder's name")
    _event_exists(conn, keep)
    _event_exists(conn, other)
    i = tables.incident
    moved = list(conn.execute(select(i.c.id).where(i.c.event_id == other).order_by(i.c.id)).scalars())
    conn.execute(update(i).where(i.c.event_id == other).values(event_id=keep))
    conn.execute(tables.event.delete().where(tables.event.c.id == other))
    return _record_event_change(conn, "merge", keep, other, moved, coder, note, now)


def split_event(conn: Connection, event_id: int, article_ids: list[int], coder: str, note: str | None,
                now: str) -> EventRevision:
    """Move the reports of `article_ids` (and their syndicated copies) out of the event into a new one; both are
    merged again by the caller."""
    if not coder.strip():
        raise ReviewError("a split needs the coder's name")
    _event_exists(conn, event_id)
    i, a = tables.incident, tables.article
    rows = conn.execute(select(i.c.id, i.c.article_id, i.c.type, i.c.status, a.c.copy_of)
                        .join(a, a.c.id == i.c.article_id).where(i.c.event_id == event_id).order_by(i.c.id)).all()
    chosen = set(article_ids)
    moving = [r for r in rows if r.article_id in chosen or r.copy_of in chosen]
    if not moving:
        raise ReviewError(f"none of articles {sorted(chosen)} reports event {event_id}: choose among its sources")
    if len(moving) == len(rows):
        raise ReviewError("a split must leave at least one report in the event: choose fewer sources")
    new_id = conn.execute(insert(tables.event).values(
        type=moving[0].type, status=moving[0].status, sources=0, disagreement=False, detail="{}", updated_at=now,
    )).inserted_primary_key[0]  # type: ignore[index]
    ids = [r.id for r in moving]
    conn.execute(update(i).where(i.c.id.in_(ids)).values(event_id=new_id))
    return _record_event_change(conn, "split", event_id, new_id, ids, coder, note, now)


def event_revisions(conn: Connection, event_id: int) -> list[EventRevision]:
    r = tables.event_revision
    rows = conn.execute(select(r).where((r.c.event_id == event_id) | (r.c.other_event_id == event_id)).order_by(r.c.id))
    return [EventRevision(**{**row._mapping, "incidents": json.loads(row.incidents)}) for row in rows]
