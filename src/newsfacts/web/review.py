"""The coder's workbench over HTTP: review facts (confirm, correct, reject, add), the audit trail, the queue.

A thin shell over the store's review functions (`Store.review`, `Store.reviewed_facts`, `Store.revisions`,
`Store.review_queue`). Every write needs a coder:

1. not a cross-site request (`api.refuse_cross_site`: a page of another site cannot make a browser write);
2. `Authorization: Bearer TOKEN` with either the server's write token (NEWSFACTS_TOKEN; the coder then names
   themselves in `X-Coder`, else "editor") or a coder's own token from the store (`newsfacts coder add NAME`),
   whose name is the coder's and cannot be changed by a header.

The browser pages send the token from the page's sign-in box (kept in sessionStorage), never from a cookie, so
no ambient credential exists for another site to ride on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..errors import StoreError
from ..model import Category, Role
from ..store import EventRevision, QueueItem, ReviewedFact, ReviewRequest, ReviewResult, Revision
from . import storeview
from .api import ERRORS, MAX_PAGE, PREFIX, refuse_cross_site
from .security import bearer_token, token_matches

router = APIRouter(prefix=PREFIX, tags=["review"])
pages_router = APIRouter(include_in_schema=False)
DEFAULT_CODER = "editor"
QUEUE_PAGE = 50  # events a queue page lists
CODER_HEADER = "x-coder"
T = TypeVar("T")
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS, 409: {"model": ERRORS[401]["model"], "description": "the fact changed since you saw it: "
                    "`error.current` is its state now; send your change again with its `revision_id`"},
}


def coder_name(raw: str | None) -> str:
    """A coder's self-given name, printable and short (it goes into the audit trail and onto pages)."""
    name = " ".join(re.sub(r"[^\w .@'-]", "", raw or "").split())[:80]
    return name or DEFAULT_CODER


def identify_coder(request: Request) -> str:
    """Who is writing (see the module docstring); 401 without a valid token, 403 cross-site."""
    refuse_cross_site(request)
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise HTTPException(401, "sign in: send `Authorization: Bearer TOKEN` (the server's write token or your "
                                 "coder token)", headers={"WWW-Authenticate": "Bearer"})
    if token_matches(request.app.state.token, token):
        return coder_name(request.headers.get(CODER_HEADER))
    store = request.app.state.store
    name = store.get().coder_for_token(token) if store.configured else None
    if name is None:
        raise HTTPException(401, "this token is neither the server's write token nor a coder's: ask for a coder "
                                 "token (`newsfacts coder add NAME`)", headers={"WWW-Authenticate": "Bearer"})
    return name


def not_found_as_404(call: Callable[..., T], *args: Any) -> T:
    """The store's "no article N" is the API's 404."""
    try:
        return call(*args)
    except StoreError as exc:
        if storeview.is_not_found(exc):
            raise HTTPException(404, exc.message) from None
        raise


def _checked_id(record_id: int, kind: str) -> int:
    if not 0 < record_id <= storeview.MAX_ID:
        raise HTTPException(404, f"no {kind} {record_id} in the store")
    return record_id


class FactReview(BaseModel):
    """Confirm, correct or reject one fact. `seen_revision` is the fact's `revision_id` as you read it (null for
    the machine's fact): if another coder changed it since, nothing is written and the answer is 409."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "correct", "reject"]
    seen_revision: int | None = Field(default=None, description="the fact's revision_id when you read it")
    value: int | None = Field(default=None, ge=0, le=10**9, description="correct: the right figure")
    category: Category | None = Field(default=None, description="correct: the right category")
    role: Role | None = Field(default=None, description="correct: the right role (part, total, subset, update, reported)")
    note: str | None = Field(default=None, max_length=2000, description="why, for the audit trail")


class AddedFact(BaseModel):
    """A figure the machine missed: its category and value, and the words it stands on as offsets into the
    article's text (what selecting them on the article page sends)."""

    model_config = ConfigDict(extra="forbid")

    category: Category
    value: int = Field(ge=0, le=10**9)
    role: Role = "reported"
    start: int = Field(ge=0, description="offset of the first character of the figure's words in `Article.text`")
    end: int = Field(gt=0, description="offset after the last character")
    incident: int | None = Field(default=None, ge=0, description="the article's incident it counts in (default: the first)")
    note: str | None = Field(default=None, max_length=2000)


class Coder(BaseModel):
    coder: str = Field(description="the name revisions are recorded under")


@router.get("/coder", response_model=Coder, responses=ERRORS)
async def whoami(request: Request) -> Coder:
    """Check a token before writing: the name your revisions will carry (401 when the token is not valid)."""
    return Coder(coder=await run_in_threadpool(identify_coder, request))


@router.get("/articles/{article_id}/facts", response_model=list[ReviewedFact], responses=ERRORS)
async def article_facts(request: Request, article_id: int) -> list[ReviewedFact]:
    """The article's facts as the coders left them: state (machine, confirmed, corrected, rejected, added), the
    machine's fact beside each, and the `revision_id` to send back when you change one."""
    store = request.app.state.store.get()
    return await run_in_threadpool(not_found_as_404, store.reviewed_facts, _checked_id(article_id, "article"))


@router.get("/articles/{article_id}/revisions", response_model=list[Revision], responses=ERRORS)
async def article_revisions(request: Request, article_id: int) -> list[Revision]:
    """The article's audit trail, oldest first: who changed which fact when, from what to what, and why."""
    return await _revisions_of(request, "article", article_id)


@router.get("/events/{event_id}/revisions", response_model=list[Revision], responses=ERRORS)
async def event_revisions(request: Request, event_id: int) -> list[Revision]:
    """The audit trail of every article reporting the event."""
    return await _revisions_of(request, "event", event_id)


async def _revisions_of(request: Request, kind: str, item_id: int) -> list[Revision]:
    """The trail of an article or an event; 404 when there is no such item (an empty trail is not a 404)."""
    store = request.app.state.store.get()
    _checked_id(item_id, kind)
    await run_in_threadpool(not_found_as_404, getattr(store, kind), item_id)
    return await run_in_threadpool(lambda: store.revisions(**{f"{kind}_id": item_id}))


@router.post("/articles/{article_id}/facts/{index}/revisions", response_model=ReviewResult, status_code=201,
             responses=WRITE_ERRORS)
async def review_fact(request: Request, article_id: int, index: int, body: FactReview) -> ReviewResult:
    """Confirm, correct or reject fact `index` (needs a coder token). The article's events are merged again from
    the reviewed facts; the answer lists them."""
    coder = await run_in_threadpool(identify_coder, request)
    review = ReviewRequest(action=body.action, coder=coder, fact=index, seen_revision=body.seen_revision,
                           value=body.value, category=body.category, role=body.role, note=body.note)
    store = request.app.state.store.get()
    return await run_in_threadpool(not_found_as_404, store.review, _checked_id(article_id, "article"), review)


@router.post("/articles/{article_id}/facts", response_model=ReviewResult, status_code=201, responses=WRITE_ERRORS)
async def add_fact(request: Request, article_id: int, body: AddedFact) -> ReviewResult:
    """Add a figure the machine missed (needs a coder token); 409 when those words already are that fact."""
    coder = await run_in_threadpool(identify_coder, request)
    review = ReviewRequest(action="add", coder=coder, category=body.category, value=body.value, role=body.role,
                           start=body.start, end=body.end, incident=body.incident, note=body.note)
    store = request.app.state.store.get()
    return await run_in_threadpool(not_found_as_404, store.review, _checked_id(article_id, "article"), review)


class EventMerge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    other: int = Field(gt=0, le=storeview.MAX_ID, description="the event to merge into this one (it is deleted)")
    note: str | None = Field(default=None, max_length=2000)


class EventSplit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[int] = Field(min_length=1, max_length=500, description="source articles whose reports leave "
                                "this event for a new one (their syndicated copies follow)")
    note: str | None = Field(default=None, max_length=2000)


class EventChange(BaseModel):
    revision: EventRevision
    event_ids: list[int] = Field(description="the events as they are now (merge: the one kept; split: both)")


@router.post("/events/{event_id}/merge", response_model=EventChange, status_code=201, responses=WRITE_ERRORS)
async def merge_events(request: Request, event_id: int, body: EventMerge) -> EventChange:
    """Merge event `other` into this one (needs a coder token): every report of it joins this event, which is
    merged again."""
    coder = await run_in_threadpool(identify_coder, request)
    store = request.app.state.store.get()
    revision = await run_in_threadpool(lambda: not_found_as_404(
        lambda: store.merge_events(_checked_id(event_id, "event"), body.other, coder=coder, note=body.note)))
    return EventChange(revision=revision, event_ids=[revision.event_id])


@router.post("/events/{event_id}/split", response_model=EventChange, status_code=201, responses=WRITE_ERRORS)
async def split_event(request: Request, event_id: int, body: EventSplit) -> EventChange:
    """Split the reports of some source articles off into a new event (needs a coder token)."""
    coder = await run_in_threadpool(identify_coder, request)
    store = request.app.state.store.get()
    revision = await run_in_threadpool(lambda: not_found_as_404(
        lambda: store.split_event(_checked_id(event_id, "event"), body.articles, coder=coder, note=body.note)))
    return EventChange(revision=revision, event_ids=[revision.event_id, revision.other_event_id])


@router.get("/events/{event_id}/changes", response_model=list[EventRevision], responses=ERRORS)
async def event_changes(request: Request, event_id: int) -> list[EventRevision]:
    """The merges and splits the event took part in, oldest first."""
    store = request.app.state.store.get()
    return await run_in_threadpool(store.event_revisions, _checked_id(event_id, "event"))


@router.get("/review/queue", response_model=list[QueueItem], responses=ERRORS)
async def queue(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=storeview.MAX_ID)] = 0,
) -> list[QueueItem]:
    """Unreviewed events that most need a person, most urgent first: sources that disagree, an article whose
    figures do not add up, a large toll."""
    store = request.app.state.store.get()
    return await run_in_threadpool(store.review_queue, limit, offset)


@pages_router.get("/review", response_class=HTMLResponse)
async def queue_page(request: Request, offset: int = 0) -> HTMLResponse:
    from .pages import page

    offset = min(max(0, offset), storeview.MAX_ID)  # a number SQL's OFFSET takes, whatever the address says
    store = request.app.state.store.get()
    items = await run_in_threadpool(store.review_queue, QUEUE_PAGE + 1, offset)
    rows = [(item, storeview.event_row(item.event)) for item in items[:QUEUE_PAGE]]
    return page(request, "review.html", rows=rows, offset=offset, page_size=QUEUE_PAGE,
                more=len(items) > QUEUE_PAGE)
