"""The web face: one FastAPI app serving the REST API (/v1), the offline page (/) and its static files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ... import __version__
from ...errors import EventwireError, UsageError
from ...options import Options, default_store, load_options
from . import api, pages
from .coding import Coder
from .http import (
    PROBLEM_TYPE,
    BodyLimit,
    BodyTooLarge,
    SameOriginWrites,
    SecurityHeaders,
    problem,
    status_of,
    too_large,
)

HERE = Path(__file__).parent
MAX_BODY = 5 * 1024 * 1024  # bytes a request body may hold
LOOPBACK = ("127.0.0.1", "::1")


def create_app(store: str | None = None, options: Options | None = None, cors_origins: Sequence[str] = (),
               max_body: int = MAX_BODY, coder: Coder | None = None,
               allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app over the store at `store` (default: $EVENTWIRE_STORE or ./eventwire.duckdb). CORS stays
    off unless `cors_origins` names the origins allowed to call the API from a browser; with
    `allowed_hosts`, requests naming another Host are refused (against DNS rebinding)."""
    options = options or load_options()
    app = FastAPI(title="eventwire", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/v1/openapi.json",
                  description="Political event data from news text: code articles and read the store.")
    app.state.store = str(store or default_store())
    app.state.coder = coder or Coder(options)
    app.state.max_body = max_body
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_error_handlers(app)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["content-type"])
    app.add_middleware(SameOriginWrites, allowed_origins=tuple(cors_origins))
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _problem_response(document: dict[str, Any]) -> JSONResponse:
    return JSONResponse(document, status_code=document["status"], media_type=PROBLEM_TYPE)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(EventwireError)
    async def eventwire_error(request: Request, error: EventwireError) -> JSONResponse:
        status = status_of(error)
        title = {404: "Not found", 422: "Unprocessable input", 503: "Store unavailable"}.get(status, "Error")
        return _problem_response(problem(status, title, str(error), error.code))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [{"loc": [str(part) for part in e.get("loc", ())], "msg": e.get("msg", "")}
                  for e in error.errors()]
        detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)
        return _problem_response(problem(422, "Invalid request", detail, UsageError.code, errors=errors))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return _problem_response(problem(error.status_code, str(error.detail), str(error.detail),
                                         UsageError.code))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        return _problem_response(problem(500, "Internal error", f"{type(error).__name__}: {error}",
                                         EventwireError.code))

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, error: BodyTooLarge) -> JSONResponse:
        return _problem_response(too_large(error.max_bytes))


def serve(store: str | None = None, host: str = "127.0.0.1", port: int = 8000,
          cors_origins: Sequence[str] = (), max_body: int = MAX_BODY) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    loopback = host in LOOPBACK
    app = create_app(store, cors_origins=cors_origins, max_body=max_body,
                     allowed_hosts=[*LOOPBACK, "localhost"] if loopback else None)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
