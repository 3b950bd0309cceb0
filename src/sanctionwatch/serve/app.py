"""The application factory: ``create_app(store) -> FastAPI``.

What every response shares lives here: the security headers (a Content Security Policy
that forbids inline scripts and outside requests), the host and token checks, and the
one JSON error envelope::

    {"error": {"status": 404, "code": "not_found", "message": "no event 'e_1'; ..."}}

Every error answers in that envelope — unknown routes, validation errors, library errors
and crashes — except that a browser asking for an HTML page (not under ``/api``) gets the
same status and message as a page.  ``Guard``, one ASGI middleware, puts the security
headers on every response (errors included), turns a crash into a 500 response so the
connection stays open, checks the Host header, and refuses a request body by its
Content-Length and the write token before a byte of it is read (the token rules are
``auth.py``'s).  This module imports the routers (``api.py``, ``pages.py``); they import
nothing from it.
"""
from __future__ import annotations

import functools
import logging
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._version import __version__
from ..exceptions import ConfigError, NotFoundError, SanctionwatchError
from ..store import Store
from .api import WRITES
from .api import router as api_router
from .auth import TOKEN_COOKIE, request_token, tokens_match, write_refusal
from .pages import router as pages_router

__all__ = ["CSP", "MAX_BODY_BYTES", "SERVE_ENV", "TOKEN_COOKIE", "app_from_environment", "create_app", "error_body",
           "parse_host"]

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
#: Largest request body accepted (checked on Content-Length before reading, and while reading).
MAX_BODY_BYTES = 16 * 1024 * 1024
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid_request", 500: "internal_error", 503: "unavailable"}

ASGIApp = Callable[[MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
                   Awaitable[None]]


def error_body(status: int, message: str, code: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message, **extra}}


def _wants_html(request: Request) -> bool:
    return (not request.url.path.startswith("/api")
            and "text/html" in request.headers.get("accept", ""))


class Guard:
    """ASGI middleware: what every request passes and every response carries.

    Checks, in order, before the application sees the request: the Host header (parsed
    by httpx's URL rules; userinfo, paths and malformed ports refused; only
    ``allowed_hosts`` when given — a loopback server answers to ``127.0.0.1``, ``[::1]``
    and ``localhost`` only, so a web page cannot reach it by DNS rebinding); the read
    token when ``token_for_reads`` (a server bound beyond loopback; a browser passes it
    once as ``?token=`` and keeps it in a cookie); the declared body size; and, for the
    write routes, the token in a header — so an unauthenticated or oversized body is
    refused before a byte of it is read.

    Every response gets the security headers, errors included, and an exception the
    application did not handle becomes a 500 response here (the error envelope, or the
    error page for a browser) instead of propagating to the server, which would drop
    the keep-alive connection.
    """

    def __init__(self, app: ASGIApp, *, token: str | None, token_for_reads: bool,
                 allowed_hosts: set[str] | None, writes: Collection[tuple[str, str]] = (),
                 max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.token = token
        self.token_for_reads = token_for_reads
        self.allowed_hosts = {h.strip("[]").lower() for h in allowed_hosts} if allowed_hosts is not None else None
        self.writes = {(m.upper(), p.rstrip("/")) for m, p in writes}
        self.max_body = max_body

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = refused = False

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            if refused:  # the 413 went out; what the application says after it is dropped
                return
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, message, extra_headers = refusal
            await _respond(scope, receive, send_with_headers, status, message, extra_headers)
            return
        if self.token_for_reads and self.token:
            query, given = self._query_token(scope)
            if given is not None and tokens_match(given, self.token):
                rest = {k: v for k, v in query.items() if k != "token"}
                location = scope["path"] + ("?" + urlencode(rest, doseq=True) if rest else "")
                await send_with_headers({"type": "http.response.start", "status": 303, "headers": [
                    (b"location", location.encode("utf-8", "replace")),
                    (b"set-cookie", f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()),
                ]})
                await send_with_headers({"type": "http.response.body", "body": b""})
                return

        received = 0

        async def receive_capped() -> Any:
            # A body without Content-Length (chunked) is counted as it arrives: past the
            # limit the 413 goes out and the application sees the client leave.
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body and not started:
                    await _respond(scope, receive, send_with_headers, 413, self._too_large(), {"connection": "close"})
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        try:
            await self.app(scope, receive_capped, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if refused:
                return
            if started:  # the response is half sent: nothing left to do but let the server close it
                raise
            await _respond(scope, receive, send_with_headers, 500, "internal error; the server log has the details")

    def _refusal(self, scope: MutableMapping[str, Any],
                 headers: dict[str, str]) -> tuple[int, str, dict[str, str] | None] | None:
        """Why this request is refused before the application reads it, or None."""
        host = parse_host(headers.get("host", ""))
        if host is None:
            return 400, "malformed Host header: give a host name or address and an optional port", None
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            shown = f"[{host}]" if ":" in host else host
            return 400, f"host {shown!r} is not served here; use {sorted(self.allowed_hosts)[0]}", None
        if self.token_for_reads and self.token:
            given = self._query_token(scope)[1]
            carried = request_token(headers) or ""
            if not tokens_match(given or "", self.token) and not tokens_match(carried, self.token):
                return 401, ("this server needs its token: send 'Authorization: Bearer <token>', "
                             "or open any page once with ?token=<token>"), None
        if (scope["method"], scope["path"].rstrip("/")) in self.writes:
            refusal = write_refusal(self.token, headers)
            if refusal is not None:
                return refusal
        length = headers.get("content-length")
        if length is not None:
            if not (length.strip().isascii() and length.strip().isdigit()):
                return 400, f"malformed Content-Length {length[:40]!r}", {"connection": "close"}
            if int(length) > self.max_body:
                return 413, self._too_large(), {"connection": "close"}
        return None

    @staticmethod
    def _query_token(scope: MutableMapping[str, Any]) -> tuple[dict[str, list[str]], str | None]:
        """The query and the ``?token=`` of a GET request (the once-only browser hop)."""
        if scope["method"] != "GET":
            return {}, None
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        return query, query.get("token", [None])[0]

    def _too_large(self) -> str:
        return f"request body too large: at most {self.max_body // (1024 * 1024)} MiB"


@functools.lru_cache(maxsize=256)
def parse_host(value: str) -> str | None:
    """The host name of a Host header, lower case, IPv6 without brackets; None when malformed.

    httpx's URL parser decides (RFC 3986): ``[::1]:8000`` is ``::1``; userinfo
    (``127.0.0.1:80@evil.example``), a path, a query, a fragment or a bad port make it
    malformed.
    """
    value = value.strip()
    if not value or any(c in value for c in "@/?#\\%") or any(ord(c) < 33 or ord(c) > 126 for c in value):
        return None
    try:
        url = httpx.URL("http://" + value)
    except (httpx.InvalidURL, ValueError):
        return None
    if url.userinfo or url.raw_path != b"/" or url.query or url.fragment or not url.host:
        return None
    if url.port is not None and not 0 < url.port < 65536:
        return None
    return url.host.lower()


async def _respond(scope: MutableMapping[str, Any], receive: Any, send: Any, status: int, message: str,
                   headers: dict[str, str] | None = None) -> None:
    """An error response from the middleware: the page for a browser, else the envelope."""
    request = Request(scope, receive)
    if "app" in scope and _wants_html(request):
        response = _error(request, status, message, headers=headers)
    else:
        response = JSONResponse(error_body(status, message), status_code=status, headers=headers)
    await response(scope, receive, send)


def create_app(store: Store, *, token: str | None = None, token_for_reads: bool = False,
               allowed_hosts: set[str] | None = None, pipeline: Any = None,
               max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The web application over ``store``.

    ``token``: required by write endpoints (and by every request when ``token_for_reads``);
    without one, write endpoints answer 403.  ``pipeline``: what ``POST /api/documents`` runs
    (default: ``Pipeline(store)``, built on first use).  ``max_body``: the largest request
    body in bytes; a larger one is refused (413) by its Content-Length, or once it grows
    past the limit.
    """
    if token_for_reads and not token:
        raise ConfigError("token_for_reads needs a token; set SANCTIONWATCH_TOKEN")
    app = FastAPI(
        title="sanctionwatch",
        version=__version__,
        description="Sourced, structured claims from news reports for sanctions monitoring. "
                    "Every error answers `{\"error\": {\"status\", \"code\", \"message\"}}`.",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.token = token
    app.state.pipeline = pipeline
    app.state.templates = templates()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no route {request.method} {request.url.path}; see /api/docs"
        elif exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}; see /api/docs"
        return _error(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                   for e in exc.errors()]
        message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
        return _error(request, 422, message, details=details)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(SanctionwatchError)
    async def library_error(request: Request, exc: SanctionwatchError) -> Response:
        return _error(request, 400, str(exc))

    # An exception no handler above takes becomes a 500 in ``Guard`` (so the response
    # carries the security headers and the connection stays open).

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(Guard, token=token, token_for_reads=token_for_reads, allowed_hosts=allowed_hosts,
                       writes=WRITES, max_body=max_body)
    return app


#: How ``sanctionwatch serve --workers N`` tells its worker processes what to serve (JSON).
SERVE_ENV = "SANCTIONWATCH_SERVE_APP"


def app_from_environment() -> FastAPI:
    """The application a worker process of ``serve --workers N`` builds (uvicorn factory).

    Reads the database and token from the settings (the parent exported its own to the
    environment) and the binding's checks from ``SANCTIONWATCH_SERVE_APP``; each worker
    opens its own connections, so requests run on every CPU core, not behind one
    process's interpreter lock.
    """
    import json  # noqa: PLC0415

    from ..settings import get as get_setting  # noqa: PLC0415

    options = json.loads(os.environ.get(SERVE_ENV) or "{}")
    hosts = options.get("allowed_hosts")
    # create=False: the parent brought the schema up to date before it started the workers,
    # and workers migrating one fresh database at once would race
    return create_app(Store(get_setting("db"), create=False), token=get_setting("token"),
                      token_for_reads=bool(options.get("token_for_reads")),
                      allowed_hosts=set(hosts) if hosts is not None else None)


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(HERE / "templates"))
    t.env.autoescape = True  # every template, whatever its name: article text is untrusted
    t.env.filters["num"] = _num
    return t


def _num(value: Any) -> str:
    if value is None:
        return "–"
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() or abs(value) >= 100 else f"{value:,.1f}"


def _server_roots(request: Request) -> list[str]:
    """Folders of this server whose absolute paths an error message must not show."""
    roots = {os.getcwd(), str(Path.home()), tempfile.gettempdir(), sys.prefix, str(HERE.parents[1])}
    store = getattr(request.app.state, "store", None)
    database = getattr(getattr(store, "engine", None), "url", None)
    if database is not None and database.get_backend_name() == "sqlite" and database.database:
        roots.add(str(Path(database.database).expanduser().resolve().parent))
    return sorted((r.rstrip("/") for r in roots if len(r) > 1), key=len, reverse=True)


def scrub(request: Request, message: str) -> str:
    """``message`` without absolute paths of the server's folders (shown relative to them)."""
    for root in _server_roots(request):
        message = message.replace(root + os.sep, "").replace(root, ".")
    return message


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None,
           **extra: Any) -> Response:
    message = scrub(request, message)
    if _wants_html(request):
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "code": CODES.get(status, "error"), "message": message},
            status_code=status, headers=headers)
    return JSONResponse(error_body(status, message, **extra), status_code=status, headers=headers)
