"""The HTML pages: analyse, the article page, the events table and the event page.

Handlers gather records and view-models (`render.py`, `charts.py`, `storeview.py`); the templates only lay
them out. Saving from the analyse form needs the same write token as the API, typed into the form, so a page
on another site cannot make a visitor's browser write to the store.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from ..errors import EmptyInputError, InputError, StoreError
from ..model import CATEGORIES, Article
from ..store import MergedEvent, ReviewedFact
from ..store.review import review_view
from ..store.reviewing import ROLES
from . import charts, maps, render, storeview
from .security import cross_site, token_matches
from .services import check_published, decode_upload, document_from_text, with_metadata

router = APIRouter(include_in_schema=False)
# Rows a page shows: enough to scan, few enough to read and render in milliseconds from any store size.
EVENTS_PAGE = 100
ARTICLES_PAGE = 50

EVENT_COLUMNS = (
    ("date", "Date"),
    ("place", "Place"),
    ("type", "Type"),
    ("killed", "Killed"),
    ("injured", "Injured"),
    ("arrested", "Arrested"),
    ("sources", "Sources"),
)


def render_template(request: Request, template: str, **context: Any) -> str:
    """Render with what every page's frame needs (current path for the nav, store and write state)."""
    return request.app.state.templates.get_template(template).render(
        request_path=request.url.path, store_configured=request.app.state.store.configured,
        writes_enabled=bool(request.app.state.token), **context
    )


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(render_template(request, template, **context), status_code=status)


def article_context(article: Article, article_id: int | None = None,
                    reviewed: list[ReviewedFact] | None = None) -> dict[str, Any]:
    """Everything the article page shows, from one record; a stored article's facts as the coders left them
    (`reviewed`, aligned with the facts), with the controls to review them."""
    if reviewed is not None:
        article = review_view(article, reviewed)
    return {
        "review": reviewed,
        "revisions": [],
        "categories": CATEGORIES,
        "roles": ROLES,
        "article": article,
        "article_id": article_id,
        "paragraphs": render.paragraphs(article),
        "facts": render.fact_views(article),
        "checks": render.check_views(article),
        "posts": article.posts,
        "source_link": render.safe_link(article.url),
        "unanchored": [f for f in render.fact_views(article) if not f.anchored],
    }


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    recent: list[dict[str, Any]] = []
    if request.app.state.store.configured:
        recent = await run_in_threadpool(storeview.list_articles, request.app.state.store.get(), 10, 0)
    return page(request, "index.html", recent=recent, form={}, error=None)


async def read_form_input(request: Request) -> tuple[dict[str, str], bytes | None, str | None]:
    """The analyse form's fields and optional upload. Starlette's per-field default (1 MB) is raised to the
    input limit, since a pasted article may be large; the body limit middleware still caps the whole request."""
    limit = request.app.state.options.max_bytes
    form = await request.form(max_files=1, max_fields=20, max_part_size=limit)
    fields = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        return fields, await upload.read(), upload.filename
    return fields, None, None


async def analyse_document(request: Request, fields: dict[str, str], data: bytes | None, filename: str | None):
    options = request.app.state.options
    published, source = fields.get("published") or None, fields.get("source") or None
    if fields.get("url"):
        from ..ingest.url import fetch_url

        fetched = await run_in_threadpool(fetch_url, fields["url"], options)
        return with_metadata(fetched, published, source), fields["url"]
    if data is not None:
        text = decode_upload(data, filename)
        is_html = (filename or "").lower().endswith((".html", ".htm"))
        return document_from_text(text, options, is_html=is_html, origin=filename or "<upload>",
                                  published=published, source=source), filename or "upload"
    if fields.get("text"):
        return document_from_text(fields["text"], options, published=published, source=source), "form"
    raise EmptyInputError("nothing to analyse: paste the text, upload a file, or give a URL")


@router.post("/analyse", response_class=HTMLResponse)
async def analyse(request: Request) -> Response:
    """Paste, upload or URL → the article page; saved first when the user asks (and gives the token)."""
    fields, data, filename = await read_form_input(request)
    form_echo = {k: v for k, v in fields.items() if k != "token"}
    try:
        save = fields.get("save") == "1"
        headers = request.headers
        if save and cross_site(headers.get("origin"), headers.get("sec-fetch-site"), headers.get("host")):
            raise HTTPException(403, "saving from another site's page is refused: save from this server's Analyse page")
        if save and not token_matches(request.app.state.token, fields.get("token")):
            # Checked before any fetch: a wrong token must not make the server fetch a URL (issue 12).
            raise HTTPException(401, "saving needs the write token (NEWSFACTS_TOKEN); analyse without saving "
                                     "or type the token")
        check_published(fields.get("published") or None)
        document, origin = await analyse_document(request, fields, data, filename)
        article = await run_in_threadpool(request.app.state.extraction.extract, document)
    except (InputError, HTTPException) as exc:
        # Input mistakes go back to the form, with what the user typed kept.
        message = exc.message if isinstance(exc, InputError) else str(exc.detail)
        status = exc.status_code if isinstance(exc, HTTPException) else 422
        return page(request, "index.html", status=status, recent=[], form=form_echo, error=message)
    if save:
        stored = await run_in_threadpool(storeview.add_article, request.app.state.store.get(), article, origin)
        return RedirectResponse(f"/articles/{stored.article_id}", status_code=303)
    return page(request, "article.html", **article_context(article))


@router.get("/articles", response_class=HTMLResponse)
async def articles(request: Request, q: str = "", offset: int = 0) -> HTMLResponse:
    store = request.app.state.store.get()
    if q:
        hits = await run_in_threadpool(storeview.search, store, q, 50)
        return page(request, "articles.html", rows=[], hits=hits, q=q, offset=0, total=len(hits), pager={})
    offset = min(max(offset, 0), storeview.MAX_ID)
    rows, total = await run_in_threadpool(storeview.page_articles, store, ARTICLES_PAGE, offset)
    return page(request, "articles.html", rows=rows, hits=[], q=q, offset=offset, total=total,
                pager=pager("/articles", {}, offset, ARTICLES_PAGE, total))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, article_id: int) -> HTMLResponse:
    store = request.app.state.store.get()
    article = await run_in_threadpool(storeview.get_article, store, article_id)
    reviewed = await run_in_threadpool(store.reviewed_facts, article_id)
    revisions = await run_in_threadpool(lambda: store.revisions(article_id=article_id))
    context = {**article_context(article, article_id, reviewed), "revisions": revisions}
    return page(request, "article.html", **context)


def sort_links(current: str, query: dict[str, str]) -> dict[str, dict[str, str]]:
    """For each column: the link that sorts by it (toggling direction when it is the current one) and its
    aria-sort state."""
    links = {}
    for key, _ in EVENT_COLUMNS:
        if current == key:
            target, state = f"-{key}", "ascending"
        elif current == f"-{key}":
            target, state = key, "descending"
        else:
            target, state = (f"-{key}" if key in ("date", "killed", "injured", "arrested", "sources") else key), "none"
        links[key] = {"href": "/events?" + urlencode({**query, "sort": target}), "state": state}
    return links


@router.get("/events", response_class=HTMLResponse)
async def events(
    request: Request,
    category: str = "",
    place: str = "",
    date_from: str = "",
    date_to: str = "",
    outlet: str = "",
    sort: str = "-date",
    reviewed: str = "",
    offset: int = 0,
) -> HTMLResponse:
    filters, active = event_filter_params(category, place, date_from, date_to, outlet, reviewed)
    if not storeview.valid_sort(sort):
        sort = "-date"
    events_found: list[MergedEvent] = []
    total, tolls = 0, []
    offset = min(max(offset, 0), storeview.MAX_ID)
    if request.app.state.store.configured:
        store = request.app.state.store.get()
        events_found, total = await run_in_threadpool(storeview.page_events, store, active, sort, EVENTS_PAGE, offset)
        tolls = await run_in_threadpool(storeview.event_tolls, store, active)
    rows = [storeview.event_row(e) for e in events_found]
    chart = charts.toll_over_time(tolls)  # the whole filter, not only this page
    return page(
        request, "events.html", rows=rows, chart=chart, filters=filters, sort=sort, categories=storeview.TABLE_CATEGORIES,
        columns=EVENT_COLUMNS, sort_links=sort_links(sort, active), exports=export_links(active), total=total,
        map_link="/map?" + urlencode(active),
        offset=offset, pager=pager("/events", {**active, "sort": sort}, offset, EVENTS_PAGE, total),
    )


MAP_MARKERS = 2000  # an SVG with more circles than this is slow to draw; the deadliest are shown, the caption says so


def event_filter_params(category: str, place: str, date_from: str, date_to: str, outlet: str,
                        reviewed: str) -> tuple[dict[str, str], dict[str, str]]:
    """The form's filters as typed (to show them again) and the valid ones (to query): a bad category or date
    is dropped rather than refused, as a page should."""
    filters = {"category": category, "place": place, "date_from": date_from, "date_to": date_to, "outlet": outlet,
               "reviewed": "1" if reviewed else ""}
    active = {k: v.strip() for k, v in filters.items() if v and v.strip()}
    if active.get("category") not in (None, *storeview.TABLE_CATEGORIES):
        del active["category"]
    for key in ("date_from", "date_to"):
        if key in active and not re.match(r"^\d{4}-\d{2}-\d{2}$", active[key]):
            del active[key]
    return filters, active


@router.get("/map", response_class=HTMLResponse)
async def map_page(request: Request, category: str = "", place: str = "", date_from: str = "", date_to: str = "",
                   outlet: str = "", reviewed: str = "") -> HTMLResponse:
    """The filtered events on an offline map (see `maps`)."""
    filters, active = event_filter_params(category, place, date_from, date_to, outlet, reviewed)
    rows: list[dict[str, Any]] = []
    located = total = 0
    if request.app.state.store.configured:
        store = request.app.state.store.get()
        rows, located = await run_in_threadpool(store.event_points, storeview.store_filters(active), MAP_MARKERS)
        _, total = await run_in_threadpool(storeview.page_events, store, active, "-date", 1, 0)
    points = [maps.EventPoint(id=r["id"], place=r["place"], latitude=r["latitude"], longitude=r["longitude"],
                              precision=r["precision"], killed=r["killed_best"], injured=r["injured_best"],
                              date=r["date"]) for r in rows]
    view = maps.map_view(points)
    return page(request, "map.html", view=view, filters=filters, categories=storeview.TABLE_CATEGORIES,
                located=located, unlocated=total - located, grid_step=f"{maps.grid_step(float(view.view_box.split()[2])):g}",
                events_link="/events?" + urlencode(active))


def pager(path: str, query: dict[str, str], offset: int, size: int, total: int) -> dict[str, str]:
    """The previous and next page links of a list (absent at either end)."""
    links = {}
    if offset > 0:
        links["prev"] = f"{path}?" + urlencode({**query, "offset": max(offset - size, 0)})
    if offset + size < total:
        links["next"] = f"{path}?" + urlencode({**query, "offset": offset + size})
    return links


EXPORTS = (("CSV", "csv", "native"), ("ACLED", "csv", "acled"), ("UCDP", "csv", "ucdp"),
           ("JSON Lines", "jsonl", "native"), ("Parquet", "parquet", "native"))


def export_links(active: dict[str, str]) -> list[tuple[str, str]]:
    """"Export this view": the current filter as each file the CLI's `newsfacts export` writes."""
    query = {k: ("true" if k == "reviewed" else v) for k, v in active.items()}
    return [(label, "/api/v1/events/export?" + urlencode({**query, "format": fmt, "columns": columns}))
            for label, fmt, columns in EXPORTS]


def figure_timelines(event: MergedEvent) -> dict[str, charts.LineChart]:
    """Per category, how the best figure moved from one report day to the next."""
    timelines = {}
    for category in storeview.TABLE_CATEGORIES:
        reports = [(p.day, p.best, ", ".join(p.outlets)) for p in event.series if p.category == category]
        timeline = charts.figure_timeline(reports)
        if timeline:
            timelines[category] = timeline
    return timelines


def source_reviews(store: Any, event: MergedEvent) -> dict[tuple[int, int], ReviewedFact]:
    """The review state of the fact behind each source figure, by (article id, fact index): the event page
    shows it and sends its revision id when a coder changes it there."""
    found: dict[tuple[int, int], ReviewedFact] = {}
    for article_id in sorted({f.article_id for f in event.source_figures if f.evidence is not None}):
        try:
            facts = store.reviewed_facts(article_id)
        except StoreError as exc:
            if not storeview.is_not_found(exc):
                raise
            continue  # a figure whose article is gone (a hand-edited store) is shown without review controls
        for fact in facts:
            found[(article_id, fact.index)] = fact
    return found


def linked_figures(event: MergedEvent, reviews: dict[tuple[int, int], ReviewedFact]) -> MergedEvent:
    """Every source figure with the fact it rests on: a figure stored before figures named their fact (revision
    0003) is matched to its article's fact by its words, so it too links to them in the article page."""
    by_span = {(a, r.fact.evidence.start, r.fact.evidence.end): i for (a, i), r in reviews.items()}
    figures = [
        f if f.fact is not None or f.evidence is None else
        f.model_copy(update={"fact": by_span.get((f.article_id, f.evidence.start, f.evidence.end))})
        for f in event.source_figures
    ]
    return event.model_copy(update={"source_figures": figures})


def figures_newest_first(event: MergedEvent) -> list:
    """Every source's figure, newest report day first, then by category; figures without a day (an undated
    article merged into a dated event) last. Jinja's `sort(attribute='day')` compared None with a date: a 500."""
    by_category = sorted(event.source_figures, key=lambda f: f.category)
    dated = sorted((f for f in by_category if f.day), key=lambda f: f.day or "", reverse=True)
    return dated + [f for f in by_category if not f.day]


@router.get("/events/{event_id}", response_class=HTMLResponse)
async def event_page(request: Request, event_id: int) -> HTMLResponse:
    store = request.app.state.store.get()
    event = await run_in_threadpool(storeview.get_event, store, event_id)
    reviews = await run_in_threadpool(source_reviews, store, event)
    event = linked_figures(event, reviews)
    revisions = await run_in_threadpool(lambda: store.revisions(event_id=event_id))
    changes = await run_in_threadpool(store.event_revisions, event_id)
    return page(request, "event.html", event=event, row=storeview.event_row(event),
                timelines=figure_timelines(event), reviews=reviews, revisions=revisions, changes=changes, categories=CATEGORIES,
                roles=ROLES, source_figures=figures_newest_first(event))
