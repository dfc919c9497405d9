"""The JSON API under /api/v1: extract, articles, events, search. A thin shell over `extract()` and the store.

Read endpoints are open; write endpoints (anything that saves) need `Authorization: Bearer $NEWSFACTS_TOKEN`.
Every error is `{"error": {"code": "...", "message": "..."}}` (see `app.install_error_handlers`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..ingest.base import RawDocument
from ..model import Article, json_schema
from ..store import AddResult, MergedEvent, SearchHit
from . import storeview
from .security import bearer_token, cross_site, token_matches
from .services import check_published, document_from_text, with_metadata

PREFIX = "/api/v1"
router = APIRouter(prefix=PREFIX)
MAX_PAGE = 200
DAY = r"^\d{4}-\d{2}-\d{2}$"


class ErrorDetail(BaseModel):
    code: str = Field(description="stable code: E1xx input, E2xx fetch, E3xx model, E4xx store, or an HTTP name")
    message: str = Field(description="what went wrong and what to do")
    current: dict[str, Any] | None = Field(
        default=None, description="only with 409 (E409): the fact as it stands now, after another coder's change")


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "the body cannot be parsed at all (not UTF-8 JSON)"),
        (401, "missing or wrong token (write endpoints)"),
        (403, "a write from another site's page (cross-site Origin), or a refused URL"),
        (404, "no such record"),
        (413, "request body too large"),
        (422, "the input cannot be read as an article, or the request is malformed"),
        (502, "the URL could not be fetched"),
        (503, "the store or the language model is not available"),
    )
}


class ExtractRequest(BaseModel):
    """One article: exactly one of `text`, `html` or `url`, plus what you already know about it."""

    # The document says "exactly one input" too, so API clients and schemathesis generate what the app takes.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"oneOf": [
        {"required": [name], "properties": {name: {"type": "string"}}} for name in ("text", "html", "url")
    ]})

    text: str | None = Field(default=None, description="the article as plain text")
    html: str | None = Field(default=None, description="the article page as HTML")
    url: str | None = Field(default=None, description="fetch and read this page (public addresses only)")
    published: str | None = Field(default=None, description="publication date YYYY-MM-DD; wins over the page")
    source: str | None = Field(default=None, description="outlet name; wins over the page")

    @model_validator(mode="after")
    def one_input(self) -> ExtractRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class StoredArticle(BaseModel):
    result: AddResult = Field(description="what the store did: added, duplicate, or a syndicated copy")
    article: Article


class ArticleSummary(BaseModel):
    """A stored article in a list: enough to choose one and open it."""

    id: int
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    copy_of: int | None = Field(default=None, description="set when the article is a syndicated copy of another")


async def run_extraction(request: Request, body: ExtractRequest) -> Article:
    """Fetch or wrap the input, then extract in a worker thread (spaCy is CPU-bound)."""
    options = request.app.state.options
    check_published(body.published)
    if body.url is not None:
        from ..ingest.url import fetch_url

        fetched: RawDocument = await run_in_threadpool(fetch_url, body.url, options)
        document = with_metadata(fetched, body.published, body.source)
    else:
        document = document_from_text(
            body.text if body.text is not None else body.html or "",
            options,
            is_html=body.html is not None,
            origin="<api>",
            published=body.published,
            source=body.source,
        )
    return await run_in_threadpool(request.app.state.extraction.extract, document)


def refuse_cross_site(request: Request) -> None:
    """Every write: a browser page of another site cannot make the visitor's browser send it (see
    `security.cross_site`); the token is checked after this."""
    headers = request.headers
    if cross_site(headers.get("origin"), headers.get("sec-fetch-site"), headers.get("host")):
        raise HTTPException(403, "cross-site write refused: write from this server's own pages, or from a "
                                 "script without an Origin header")


def require_token(request: Request) -> None:
    """Dependency for write endpoints: a same-site request with the Bearer token of NEWSFACTS_TOKEN."""
    refuse_cross_site(request)
    expected = request.app.state.token
    if not expected:
        raise HTTPException(401, "writes are disabled: start the server with NEWSFACTS_TOKEN set")
    if not token_matches(expected, bearer_token(request.headers.get("authorization"))):
        raise HTTPException(
            401, "send the write token as `Authorization: Bearer $NEWSFACTS_TOKEN`",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.get("/health", tags=["meta"])
async def health(request: Request) -> dict[str, Any]:
    """Liveness, version, and whether a store is configured."""
    return {"status": "ok", "version": __version__, "store": request.app.state.store.configured}


@router.get("/schema", tags=["meta"])
async def article_schema() -> dict[str, Any]:
    """The JSON Schema of the Article record that /extract returns (versioned)."""
    return json_schema()


@router.post("/extract", response_model=Article, responses=ERRORS, tags=["extract"])
async def extract(request: Request, body: ExtractRequest) -> Article:
    """Extract one article and return its record — the same JSON as `newsfacts extract --json`. Saves nothing."""
    return await run_extraction(request, body)


@router.post(
    "/articles",
    response_model=StoredArticle,
    status_code=201,
    responses=ERRORS,
    dependencies=[Depends(require_token)],
    tags=["articles"],
)
async def add_article(request: Request, body: ExtractRequest) -> StoredArticle:
    """Extract one article and save it in the store (needs the write token)."""
    article = await run_extraction(request, body)
    origin = body.url or "api"
    result = await run_in_threadpool(storeview.add_article, request.app.state.store.get(), article, origin)
    return StoredArticle(result=result, article=article)


@router.get("/articles", response_model=list[ArticleSummary], responses=ERRORS, tags=["articles"])
async def list_articles(
    request: Request,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=storeview.MAX_ID)] = 0,
) -> list[ArticleSummary]:
    """Stored articles, newest first; paged with `limit` and `offset`, the `X-Total-Count` header says how many."""
    rows, total = await run_in_threadpool(storeview.page_articles, request.app.state.store.get(), limit, offset)
    response.headers["X-Total-Count"] = str(total)
    return [ArticleSummary(**row) for row in rows]


@router.get("/articles/{article_id}", response_model=Article, responses=ERRORS, tags=["articles"])
async def get_article(request: Request, article_id: int) -> Article:
    """One stored article's full record."""
    return await run_in_threadpool(storeview.get_article, request.app.state.store.get(), article_id)


class EventFilters(BaseModel):
    category: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None


def event_filters(
    category: Annotated[
        str | None,
        Query(pattern=r"^(killed|injured|arrested|detained)$", description="only events with a figure in it"),
    ] = None,
    place: Annotated[str | None, Query(description="place name contains this")] = None,
    date_from: Annotated[str | None, Query(pattern=DAY, description="events that end on or after it")] = None,
    date_to: Annotated[str | None, Query(pattern=DAY, description="events that start on or before it")] = None,
    outlet: Annotated[str | None, Query(description="reported by this outlet")] = None,
) -> EventFilters:
    return EventFilters(category=category, place=place, date_from=date_from, date_to=date_to, outlet=outlet)


@router.get("/events", response_model=list[MergedEvent], responses=ERRORS, tags=["events"])
async def list_events(
    request: Request,
    response: Response,
    filters: Annotated[EventFilters, Depends(event_filters)],
    sort: Annotated[str, Query(pattern=storeview.SORT_PATTERN, description="column, '-' for descending")] = "-date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=storeview.MAX_ID, description="skip this many (paging)")] = 0,
    reviewed: Annotated[bool, Query(description="only events a coder reviewed")] = False,
) -> list[MergedEvent]:
    """Events merged across sources, with low/best/high per category and their sources; `reviewed` on each
    event, figure range and source figure says what a coder reviewed. Paged with `limit` and `offset`; the
    `X-Total-Count` header says how many match."""
    chosen = {**filters.model_dump(), "reviewed": "1" if reviewed else None}
    events, total = await run_in_threadpool(storeview.page_events, request.app.state.store.get(), chosen, sort,
                                            limit, offset)
    response.headers["X-Total-Count"] = str(total)
    return events


@router.get("/events/{event_id}", response_model=MergedEvent, responses=ERRORS, tags=["events"])
async def get_event(request: Request, event_id: int) -> MergedEvent:
    """One event with every source's figure and evidence, and how the figures moved day by day."""
    return await run_in_threadpool(storeview.get_event, request.app.state.store.get(), event_id)


@router.get("/search", response_model=list[SearchHit], responses=ERRORS, tags=["search"])
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words to find")],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
) -> list[SearchHit]:
    """Full-text search over stored articles."""
    return await run_in_threadpool(storeview.search, request.app.state.store.get(), q, limit)


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered here from the OpenAPI document (no CDN-hosted Swagger UI)."""
    from .pages import render_template

    return HTMLResponse(render_template(request, "api_docs.html", spec=request.app.openapi(), prefix=PREFIX))
