"""The REST API under /v1: a thin face over `eventwire.run.run` and the read-only store."""

from __future__ import annotations

import datetime as dt
import io
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as UrlPart
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ... import __version__
from ...errors import EventwireError
from ...store import Store
from ...store.query import Filters
from ..output import write_rows
from . import coding, reading
from .http import PROBLEM_TYPE, NotFound, read_body

router = APIRouter(prefix="/v1")

Code = Annotated[str | None, Query(max_length=64, description="actor code or its prefix, e.g. RUS, BLRGOV")]
Sort = Literal["date", "type", "cameo", "source", "target", "confidence", "outlet", "article", "mentions"]
PROBLEM = {"model": dict[str, Any], "content": {PROBLEM_TYPE: {}},
           "description": "problem details (RFC 9457) with the EventwireError `code`"}
ERRORS = {404: PROBLEM, 422: PROBLEM, 503: PROBLEM}


class EventFilters:
    """The filters of `eventwire query`, plus a minimum confidence."""

    def __init__(self, actor: Code = None, source: Code = None, target: Code = None,
                 type: Annotated[str | None, Query(max_length=32, description="PLOVER type")] = None,
                 cameo: Annotated[str | None, Query(pattern=r"^[0-9]{1,4}$",
                                                    description="CAMEO code or its root")] = None,
                 since: dt.date | None = None, until: dt.date | None = None,
                 outlet: Annotated[str | None, Query(max_length=200)] = None,
                 min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None) -> None:
        self.filters = Filters(actor=actor, source=source, target=target, type=type, cameo=cameo,
                               since=since.isoformat() if since else None,
                               until=until.isoformat() if until else None, outlet=outlet)
        self.min_confidence = min_confidence


FilterQuery = Annotated[EventFilters, Depends()]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def read_only(request: Request) -> AbstractContextManager[Store]:
    """A read-only connection for this request (see reading.FileAccess: requests take turns on it)."""
    return reading.read_only(request.app.state.store)


@router.get("/health", summary="Whether the server is up, and what its store holds")
def health(request: Request) -> dict[str, Any]:
    path = request.app.state.store
    answer: dict[str, Any] = {"status": "ok", "version": __version__, "store": path,
                              "store_exists": Path(path).exists(),
                              "model_loaded": request.app.state.coder.pipeline is not None}
    if answer["store_exists"]:
        try:
            with read_only(request) as store:
                answer.update(reading.counts(store), locations=reading.has_locations(store))
        except EventwireError as error:
            answer["store_error"] = str(error)
    return answer


@router.get("/events", summary="Stored events, filtered, sorted and paged", responses=ERRORS)
def events(request: Request, filters: FilterQuery, merged: bool = False, sort: Sort | None = None,
           order: Literal["asc", "desc"] = "asc", limit: Limit = 100, offset: Offset = 0,
           format: Literal["json", "csv", "jsonl"] = "json") -> Response:
    page = reading.Page(limit, offset, sort, order == "desc")
    with read_only(request) as store:
        table = reading.events_page(store, Filters(**{**filters.filters.__dict__, "merged": merged}),
                                    filters.min_confidence, page)
    if format == "json":
        return JSONResponse(_jsonable({"total": table.total, "limit": limit, "offset": offset,
                                       "events": table.records()}))
    out = io.StringIO()
    write_rows(table.columns, table.rows, "csv" if format == "csv" else "jsonl", out)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return Response(out.getvalue(), media_type=media, headers={"x-total-count": str(table.total)})


@router.get("/events/{event_id}", summary="One stored event, with its article and explanation",
            responses=ERRORS)
def event(request: Request, event_id: Annotated[str, UrlPart(max_length=100)]) -> dict[str, Any]:
    with read_only(request) as store:
        row = reading.event_row(store, event_id)
        stored = reading.article(store, row["article_id"]) if row else None
    if not row or not stored:
        raise NotFound(f"no event {event_id!r} in the store")
    number = next((n for n, e in enumerate(stored["events"]) if e.get("event_id") == event_id), None)
    if number is None:
        raise NotFound(f"event {event_id!r} is not in its article's record")
    found = stored["events"][number]
    return _jsonable({**found, "article_id": stored["id"], "article_title": stored["title"],
                      "published": stored["published"], "outlet": stored["outlet"],
                      "sentence_text": stored["text"][found["start"]:found["end"]], "index": number})


@router.get("/articles/{article_id:path}", summary="A stored article: text, metadata, events and spans",
            responses=ERRORS)
def article(request: Request, article_id: Annotated[str, UrlPart(max_length=500)],
            explain: Annotated[bool, Query(description="code the text again to show why each event "
                                                       "was coded (loads the model)")] = False
            ) -> dict[str, Any]:
    with read_only(request) as store:
        stored = reading.article(store, article_id)
    if not stored:
        raise NotFound(f"no article {article_id!r} in the store")
    stored["spans"] = coding.spans(stored["events"])
    if explain and stored["text"]:
        stored.update(coding.explain_stored(request.app.state.coder, stored))
    return _jsonable(stored)


@router.get("/stories", summary="Stories: articles that copy or rewrite each other", responses=ERRORS)
def stories(request: Request, min_articles: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
            limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    with read_only(request) as store:
        table = reading.stories(store, min_articles, reading.Page(limit, offset))
    return _jsonable({"total": table.total, "stories": table.records()})


@router.get("/actors", summary="Actor codes counted by role (source, target)", responses=ERRORS)
def actors(request: Request, prefix: Code = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    with read_only(request) as store:
        table = reading.actors(store, prefix, reading.Page(limit, offset))
    return _jsonable({"total": table.total, "actors": table.records()})


@router.get("/timeline", summary="Events counted by period and QuadClass", responses=ERRORS)
def timeline(request: Request, filters: FilterQuery,
             interval: Literal["day", "week", "month", "year"] = "month") -> dict[str, Any]:
    with read_only(request) as store:
        table = reading.timeline(store, filters.filters, filters.min_confidence, interval)
    return _jsonable({"interval": interval, "periods": table.records()})


@router.get("/dyads", summary="Who acts on whom: events counted by source and target code",
            responses=ERRORS)
def dyads(request: Request, filters: FilterQuery, limit: Limit = 200) -> dict[str, Any]:
    with read_only(request) as store:
        table = reading.dyads(store, filters.filters, filters.min_confidence, limit)
    return _jsonable({"dyads": table.records()})


@router.get("/locations", summary="Events counted by place (once the store has locations)",
            responses=ERRORS)
def locations(request: Request, filters: FilterQuery, limit: Limit = 1000) -> dict[str, Any]:
    with read_only(request) as store:
        table = reading.locations(store, filters.filters, filters.min_confidence, limit)
    if table is None:
        return {"available": False, "places": []}
    return _jsonable({"available": True, "places": table.records()})


ARTICLE_IN = {
    "type": "object", "required": ["text"],
    "properties": {"id": {"type": "string"}, "text": {"type": "string", "minLength": 1},
                   "html": {"type": "string"}, "title": {"type": "string"},
                   "published": {"type": "string", "format": "date"}, "url": {"type": "string"},
                   "outlet": {"type": "string"}},
}
CODE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"oneOf": [
            ARTICLE_IN,
            {"type": "array", "items": ARTICLE_IN, "maxItems": 100}]}},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    },
}


@router.post("/code", summary="Code a text, an HTML page or JSON article records",
             openapi_extra={"requestBody": CODE_BODY}, responses=ERRORS | {413: PROBLEM})
async def code(request: Request, store: bool = False, published: dt.date | None = None,
               title: Annotated[str | None, Query(max_length=500)] = None) -> dict[str, Any]:
    body = await read_body(request, request.app.state.max_body)
    media_type = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    articles = coding.articles_from_body(body, media_type, {"published": published, "title": title})
    target = request.app.state.store if store else None
    result = await run_in_threadpool(coding.code_articles, request.app.state.coder, articles, target)
    return _jsonable(result)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
