"""Fixtures for the watch tests: a scriptable HTTP server on 127.0.0.1, fixture feeds.

``server.route(path, body, ...)`` sets what a path answers; routes can change between
polls (new items), answer 304 to a matching ``If-None-Match``, fail the first N times,
stall (timeouts), trickle bytes, or send bodies without a length.  ``server.requests``
records every request (method, path, headers, body).
"""
from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch import settings

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    fail_first: int = 0  # answer 500 this many times first
    delay: float = 0.0  # seconds before answering (timeouts)
    trickle: float = 0.0  # seconds between 1-byte chunks (a slow body)
    chunked: bool = False  # no Content-Length: the size cap must stop the stream
    gzip: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    hits: int = 0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server._handle(self, "GET")

            def do_POST(self) -> None:
                server._handle(self, "POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", **options: Any) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.routes[path] = Route(body=data, **options)
            return self.routes[path]

    def fixture(self, path: str, name: str, **options: Any) -> Route:
        """Serve a fixture file with ``{base}`` replaced by this server's address."""
        text = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", self.base)
        return self.route(path, text, **options)

    def hits(self, path: str, method: str = "GET") -> list[Seen]:
        return [r for r in self.requests if r.path == path and r.method == method]

    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        with self.lock:
            self.requests.append(Seen(method, h.path, {k.lower(): v for k, v in h.headers.items()}, body))
            route = self.routes.get(h.path)
            if route is not None:
                route.hits += 1
        if route is None:
            return self._send(h, 404, b"not found", "text/plain")
        if route.delay:
            time.sleep(route.delay)
        if route.hits <= route.fail_first:
            return self._send(h, 500, b"server error", "text/plain")
        if route.etag and h.headers.get("If-None-Match") == route.etag:
            return self._send(h, 304, b"", None, {"ETag": route.etag})
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        payload = route.body
        if route.gzip:
            payload = gzip.compress(payload)
            headers["Content-Encoding"] = "gzip"
        try:
            if route.chunked or route.trickle:
                self._send_chunked(h, route, payload, headers)
            else:
                self._send(h, route.status, payload, route.content_type, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose (size cap, timeout)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str | None,
              headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body and h.command != "HEAD":
            h.wfile.write(body)

    @staticmethod
    def _send_chunked(h: BaseHTTPRequestHandler, route: Route, body: bytes, headers: dict[str, str]) -> None:
        h.send_response(route.status)
        h.send_header("Content-Type", route.content_type)
        h.send_header("Transfer-Encoding", "chunked")
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        step = 1 if route.trickle else 64 * 1024
        for i in range(0, len(body), step):
            piece = body[i:i + step]
            h.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            h.wfile.flush()
            if route.trickle:
                time.sleep(route.trickle)
        h.wfile.write(b"0\r\n\r\n")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def allow_loopback() -> None:
    """The tests' server is on 127.0.0.1, which watch refuses unless allowed."""
    settings.configure(allow_private_hosts=True)
