"""The web app: `create_app()` builds it; `newsfacts serve` runs it with uvicorn.

    create_app(store_url, options)
    ├── pages.router    HTML: analyse, article page, events table and event pages
    ├── api.router      JSON under /api/v1, OpenAPI document at /api/v1/openapi.json, docs at /api/v1/docs
    ├── /static         CSS and JS, all local (no CDN: the CSP allows only 'self')
    ├── error handlers  every API error is {"error": {"code", "message"}}; pages get the same in HTML
    └── middleware      security headers (CSP), request body limit

The Extractor and the store are built lazily on first use (`services.py`), so the app starts in milliseconds.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .. import __version__
from ..errors import (
    FetchError,
    ForbiddenAddressError,
    InputError,
    InputTooLargeError,
    MissingExtraError,
    ModelError,
    NewsfactsError,
    ReviewConflictError,
    ReviewError,
    StoreError,
    require_extra,
)
from ..options import Options

require_extra("fastapi", "web")
require_extra("jinja2", "web")

import jinja2  # noqa: E402  (after the install hint above)
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.exceptions import RequestValidationError  # noqa: E402
from fastapi.responses import HTMLResponse, JSONResponse, Response  # noqa: E402
from fastapi.staticfiles import StaticFiles  # noqa: E402
from starlette.exceptions import HTTPException  # noqa: E402

from . import api, exporting, pages, review  # noqa: E402
from .security import (  # noqa: E402
    FORM_OVERHEAD_BYTES,
    SECURITY_HEADERS,
    BodyLimitMiddleware,
    SecurityHeadersMiddleware,
    write_token_from_env,
)
from .services import ExtractionService, StoreNotConfiguredError, StoreService  # noqa: E402

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

# Library errors → HTTP status; the most specific class listed first wins.
STATUS_BY_ERROR: tuple[tuple[type[NewsfactsError], int], ...] = (
    (ReviewConflictError, 409),
    (ReviewError, 422),
    (InputTooLargeError, 413),
    (InputError, 422),
    (ForbiddenAddressError, 403),
    (FetchError, 502),
    (StoreNotConfiguredError, 503),
    (StoreError, 503),
    (ModelError, 503),
    (MissingExtraError, 503),
)
# HTTP errors that are not library errors get a stable, readable code.
CODE_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
}


# Starlette's bare phrases, replaced by what the user can do about them.
DEFAULT_MESSAGES = {
    (404, "Not Found"): "no such page or endpoint: the API is listed at /api/v1/docs",
    (405, "Method Not Allowed"): "this address does not take that method: see /api/v1/docs",
    (400, "There was an error parsing the body"): 'the body is not UTF-8 JSON: send {"text": ...} as application/json',
}


# The security headers as str pairs, for responses made outside the middleware.
SECURITY_HEADERS_TEXT = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in SECURITY_HEADERS)


def status_for(exc: NewsfactsError) -> int:
    return next((status for cls, status in STATUS_BY_ERROR if isinstance(exc, cls)), 500)


def error_body(code: str, message: str, current: dict | None = None) -> dict:
    """The one error shape, for every API error; a review conflict (409) adds the fact's state now."""
    error: dict = {"code": code, "message": message}
    if current is not None:
        error["current"] = current
    return {"error": error}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(api.PREFIX)


def build_templates() -> jinja2.Environment:
    """Jinja2 with autoescape on for every template: article text is always escaped piece by piece."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["asset"] = lambda name: f"/static/{name}?v={__version__}"
    env.globals["version"] = __version__
    return env


def error_response(request: Request, status: int, code: str, message: str,
                   headers: dict[str, str] | None = None, current: dict | None = None) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(code, message, current), status_code=status, headers=headers)
    html = pages.render_template(request, "error.html", status=status, code=code, message=message)
    return HTMLResponse(html, status_code=status, headers=headers)


def validation_message(exc: RequestValidationError) -> str:
    """Pydantic's errors as one sentence a user can act on: "body.text: Field required; ..."."""
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NewsfactsError)
    async def on_library_error(request: Request, exc: NewsfactsError) -> Response:
        current = exc.current if isinstance(exc, ReviewConflictError) else None
        return error_response(request, status_for(exc), exc.code, " ".join(exc.message.split()), current=current)

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        code = CODE_BY_STATUS.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        message = DEFAULT_MESSAGES.get((exc.status_code, message), message)
        return error_response(request, exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "invalid_request", validation_message(exc))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        # This handler runs in Starlette's outermost middleware, outside SecurityHeadersMiddleware: the headers
        # are added here, or a 500 went out without its CSP (issue 12).
        return error_response(request, 500, "internal_error", "something went wrong on the server; see its log",
                              headers=dict(SECURITY_HEADERS_TEXT))


def create_app(store_url: str | None = None, options: Options | None = None) -> FastAPI:
    """The newsfacts web app. `store_url` names the store (None: analyse only, nothing saved); the write
    token comes from NEWSFACTS_TOKEN (unset: write endpoints refuse every request)."""
    options = options or Options.from_env()
    app = FastAPI(
        title="newsfacts",
        version=__version__,
        summary="Structured, checked event facts from news articles, each with its evidence span.",
        openapi_url=f"{api.PREFIX}/openapi.json",
        docs_url=None,  # FastAPI's Swagger page loads from a CDN; /api/v1/docs is served locally instead
        redoc_url=None,
    )
    app.state.options = options
    if options.extract_workers > 0:
        from .workers import WorkerPool

        # The workers are daemon processes: multiprocessing stops them when the server exits.
        app.state.extraction = WorkerPool(options, options.extract_workers, options.extract_budget_s)
    else:
        app.state.extraction = ExtractionService(options)
    app.state.store = StoreService(store_url)
    app.state.token = write_token_from_env()
    app.state.templates = build_templates()
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(exporting.router)  # before api.router: /events/export is not /events/{event_id}
    app.include_router(api.router)
    app.include_router(review.router)
    app.include_router(review.pages_router)
    app.include_router(pages.router)
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=options.max_bytes + FORM_OVERHEAD_BYTES)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
