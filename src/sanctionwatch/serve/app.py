"""The application factory: ``create_app(store) -> FastAPI``.

What every response shares lives here: the security headers (a Content Security Policy
that forbids inline scripts and outside requests), the host and token checks, and the
one JSON error envelope::

    {"error": {"status": 404, "code": "not_found", "message": "no event 'e_1'; ..."}}

Every error answers in that envelope — unknown routes, validation errors, library errors
and crashes — except that a browser asking for an HTML page (not under ``/api``) gets the
same status and message as a page.
"""
from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..exceptions import ConfigError, NotFoundError, SanctionwatchError
from ..store import Store

__all__ = ["CSP", "TOKEN_COOKIE", "create_app", "error_body"]

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
TOKEN_COOKIE = "sanctionwatch_token"
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
    """ASGI middleware: security headers on every response, Host check, read token.

    ``allowed_hosts``: Host header names accepted (None: any) — a loopback server only
    answers to ``127.0.0.1``/``localhost`` so a web page cannot reach it by DNS rebinding.
    ``token_for_reads``: every request must carry the token (a server bound beyond
    loopback); a browser passes it once as ``?token=`` and keeps it in a cookie.
    """

    def __init__(self, app: ASGIApp, *, token: str | None, token_for_reads: bool,
                 allowed_hosts: set[str] | None) -> None:
        self.app = app
        self.token = token
        self.token_for_reads = token_for_reads
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.allowed_hosts is not None:
            host = headers.get("host", "").rsplit(":", 1)[0].strip("[]").lower()
            if host not in self.allowed_hosts:
                await self._deny(scope, receive, send_with_headers, 400,
                                 f"host {host!r} is not served here; use {sorted(self.allowed_hosts)[0]}")
                return
        if self.token_for_reads and self.token:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = query.get("token", [None])[0]
            if given is not None and _same(given, self.token) and scope["method"] == "GET":
                rest = {k: v for k, v in query.items() if k != "token"}
                location = scope["path"] + ("?" + urlencode(rest, doseq=True) if rest else "")
                await send_with_headers({"type": "http.response.start", "status": 303, "headers": [
                    (b"location", location.encode()),
                    (b"set-cookie", f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()),
                ]})
                await send_with_headers({"type": "http.response.body", "body": b""})
                return
            if not _same(request_token(headers) or "", self.token):
                await self._deny(scope, receive, send_with_headers, 401,
                                 "this server needs its token: send 'Authorization: Bearer <token>', "
                                 "or open any page once with ?token=<token>")
                return
        await self.app(scope, receive, send_with_headers)

    @staticmethod
    async def _deny(scope: MutableMapping[str, Any], receive: Any, send: Any, status: int, message: str) -> None:
        response = JSONResponse(error_body(status, message), status_code=status)
        await response(scope, receive, send)


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def request_token(headers: dict[str, str], *, cookies: bool = True) -> str | None:
    """The token a request carries: Authorization bearer, X-Sanctionwatch-Token, or the cookie."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    if headers.get("x-sanctionwatch-token"):
        return headers["x-sanctionwatch-token"].strip()
    if cookies and "cookie" in headers:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(headers["cookie"])
        except Exception:  # a malformed cookie header is no token
            return None
        if TOKEN_COOKIE in jar:
            return jar[TOKEN_COOKIE].value
    return None


def create_app(store: Store, *, token: str | None = None, token_for_reads: bool = False,
               allowed_hosts: set[str] | None = None, pipeline: Any = None) -> FastAPI:
    """The web application over ``store``.

    ``token``: required by write endpoints (and by every request when ``token_for_reads``);
    without one, write endpoints answer 403.  ``pipeline``: what ``POST /api/documents`` runs
    (default: ``Pipeline(store)``, built on first use).
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

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(request, 500, "internal error; the server log has the details")

    from . import api, pages  # noqa: PLC0415  (routers import this module's helpers)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(Guard, token=token, token_for_reads=token_for_reads, allowed_hosts=allowed_hosts)
    return app


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


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None,
           **extra: Any) -> Response:
    if _wants_html(request):
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "code": CODES.get(status, "error"), "message": message},
            status_code=status, headers=headers)
    return JSONResponse(error_body(status, message, **extra), status_code=status, headers=headers)
