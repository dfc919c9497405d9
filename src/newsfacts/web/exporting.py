""""Export this view": the events of the current filter as a file, written by the same code as `newsfacts export`
(`Store.export`), so the page, the API and the CLI give the same rows."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..store import EventFilters, Store
from .api import ERRORS, PREFIX, event_filters
from .api import EventFilters as FilterParams

router = APIRouter(prefix=PREFIX, tags=["events"])
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}
# A download is one response in memory: the most events one export answers (the CLI has no such cap).
MAX_EXPORT = 100_000


def export_bytes(store: Store, fmt: str, columns: str, filters: EventFilters) -> bytes:
    """The export file's bytes; parquet is binary and written to a temporary file first, as the CLI writes it."""
    with tempfile.TemporaryDirectory(prefix="newsfacts-export-") as folder:
        path = Path(folder) / f"events.{fmt}"
        store.export(fmt, columns, path, filters=filters)
        return path.read_bytes()


@router.get("/events/export", responses={**ERRORS, 200: {"content": {t: {} for t in MEDIA_TYPES.values()},
                                                         "description": "the events as a file"}})
async def export_view(
    request: Request,
    filters: Annotated[FilterParams, Depends(event_filters)],
    format: Annotated[Literal["csv", "jsonl", "parquet"], Query(description="file format")] = "csv",
    columns: Annotated[Literal["native", "acled", "ucdp"], Query(description="column set")] = "native",
    reviewed: Annotated[bool, Query(description="only events a coder reviewed")] = False,
) -> Response:
    """The events of a filter as CSV, JSON Lines or Parquet with native, ACLED or UCDP columns — the same rows
    as `newsfacts export` with the same filters (the events page's "Export this view" links here)."""
    active = {k: v for k, v in filters.model_dump().items() if v}
    store_filters = EventFilters(**active, reviewed=reviewed, limit=MAX_EXPORT)
    data = await run_in_threadpool(export_bytes, request.app.state.store.get(), format, columns, store_filters)
    name = f"events-{columns}.{format}"
    return Response(data, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
