"""HTTP plumbing: problem-details errors carrying the EventwireError code, the body-size limit and the
security headers every response gets."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...errors import EventwireError, InputError, StoreError, UsageError

PROBLEM_TYPE = "application/problem+json"
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; "
                           "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def problem(status: int, title: str, detail: str, code: str, **extra: Any) -> dict[str, Any]:
    """An RFC 9457 problem document; `code` is the EventwireError code a user can search for."""
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, "code": code,
            **extra}


class NotFound(UsageError):
    """A store item the request names does not exist (404)."""

    status = 404


def status_of(error: EventwireError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InputError | UsageError):
        return 422
    if isinstance(error, StoreError) and "no such store" in str(error):
        return 404
    if isinstance(error, StoreError):
        return 503
    return 500


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Answers 413 to a request whose Content-Length is over `max_bytes`; a body sent without a length
    is counted as it is read (`read_body`)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers", [])).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.max_bytes:
                await send_problem(send, too_large(self.max_bytes))
                return
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(max_bytes)
        self.max_bytes = max_bytes


def too_large(max_bytes: int) -> dict[str, Any]:
    return problem(413, "Request body too large", f"the request body is over the {max_bytes}-byte limit",
                   UsageError.code)


async def read_body(request: Any, max_bytes: int) -> bytes:
    """The request body, refused with BodyTooLarge as soon as it passes `max_bytes`."""
    chunks, seen = [], 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > max_bytes:
            raise BodyTooLarge(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


async def send_problem(send: Send, document: dict[str, Any]) -> None:
    body = json.dumps(document).encode()
    await send({"type": "http.response.start", "status": document["status"],
                "headers": [(b"content-type", PROBLEM_TYPE.encode()),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class SameOriginWrites:
    """Refuses (403) a POST that a browser sends from another origin, unless CORS allows that origin: a
    page elsewhere must not be able to code into, or add to, this store (text/plain needs no preflight)."""

    def __init__(self, app: ASGIApp, allowed_origins: tuple[str, ...] = ()) -> None:
        self.app, self.allowed = app, {origin.rstrip("/") for origin in allowed_origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            headers = dict(scope.get("headers", []))
            origin = headers.get(b"origin", b"").decode("latin-1").rstrip("/")
            host = headers.get(b"host", b"").decode("latin-1")
            same = origin.split("://", 1)[-1] == host
            if origin and not same and origin not in self.allowed:
                await send_problem(send, problem(403, "Cross-origin request refused",
                                                 f"requests from {origin} may not change anything here; "
                                                 "start the server with --cors-origin to allow them",
                                                 UsageError.code))
                return
        await self.app(scope, receive, send)
