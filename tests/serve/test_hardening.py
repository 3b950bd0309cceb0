"""Hardening of the web server: edge validation, the map's filters, error responses,
keep-alive after errors, Host parsing, bodies refused before they are read, no absolute
server paths in any answer."""
from __future__ import annotations

import http.client
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from sanctionwatch.serve import LOOPBACK, create_app
from sanctionwatch.serve.app import CSP, parse_host
from sanctionwatch.store import DocumentRow, EventRow, Store

from . import fixtures
from .conftest import TOKEN, serving
from .test_api import EVENT_FILTER_CASES

SECURITY = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "x-frame-options": "DENY"}
LISTS = ["/api/events", "/api/claims", "/api/documents", "/api/actors", "/api/flags"]


def has_security_headers(headers: Any) -> bool:
    return all(headers.get(k) == v for k, v in SECURITY.items())


def envelope(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert has_security_headers(r.headers)
    return body["error"]  # type: ignore[no-any-return]


# -- parameters validated at the edge ------------------------------------------------------

@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("offset", [str(2**63), str(2**64 + 1), "1000000001", "-1", "1e3", "0x10", "９"])
def test_list_offsets_out_of_range_are_422(client: TestClient, url: str, offset: str) -> None:
    error = envelope(client.get(url, params={"offset": offset}), 422)
    assert "offset" in error["message"]


@pytest.mark.parametrize("url", ["/", "/documents"])
@pytest.mark.parametrize("offset", [str(2**63), "-5", "many"])
def test_page_offsets_out_of_range_are_422(client: TestClient, url: str, offset: str) -> None:
    r = client.get(url, params={"offset": offset}, headers={"accept": "text/html"})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"] and "offset" in r.text
    assert has_security_headers(r.headers)
    assert client.get(url, params={"offset": "25"}).status_code == 200


@pytest.mark.parametrize(("url", "param"), [("/api/events", "q"), ("/api/events", "actor"), ("/api/claims", "place"),
                                            ("/api/documents", "q"), ("/api/map", "q"), ("/api/series", "kind")])
@pytest.mark.parametrize("value", ["x" * 201, "a\x00b", "tab\there"])
def test_text_filters_have_a_length_and_printable_text(client: TestClient, url: str, param: str, value: str) -> None:
    error = envelope(client.get(url, params={param: value}), 422)
    assert param in error["message"]


@pytest.mark.parametrize("url", ["/", "/map", "/documents", "/chart"])
def test_page_text_filters_have_a_length(client: TestClient, url: str) -> None:
    name = "q" if url != "/chart" else "actor"
    assert client.get(url, params={name: "x" * 201}).status_code == 422
    assert client.get(url, params={name: "x" * 200}).status_code == 200


def test_limits(client: TestClient) -> None:
    envelope(client.get("/api/claims", params={"limit": "501"}), 422)
    envelope(client.get("/api/events/" + "e" * 65), 422)
    assert client.get("/api/claims", params={"limit": "500"}).status_code == 200


# -- the map: the events list's filters ------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), EVENT_FILTER_CASES)
def test_map_takes_the_events_list_filters(client: TestClient, query: str, expected: set[str]) -> None:
    r = client.get(f"/api/map?{query}")
    assert r.status_code == 200, r.text
    # every fixture event has coordinates, so the map shows exactly the listed events
    assert {p["event_id"] for p in r.json()["points"]} == expected
    page = client.get(f"/map?{query.replace('conflict=true', 'conflict=yes')}")
    assert page.status_code == 200
    assert {e for e in (fixtures.EVENT_TROOPS, fixtures.EVENT_WORKERS, "e_builders_far_east")
            if f'href="/events/{e}"' in page.text} == expected - {fixtures.EVENT_XSS}


@pytest.mark.parametrize("value", ["kursk", "North Korea", "country:KP", "%", "_", "'", '"', "\\", "ü", "<b>"])
def test_map_text_filters_never_fail(client: TestClient, value: str) -> None:
    for url in ("/api/map", "/map"):
        for name in ("q", "actor"):
            assert client.get(url, params={name: value}).status_code == 200


# -- error responses -------------------------------------------------------------------------

def crashing_app(store: Store, **kw: Any) -> Any:
    app = create_app(store, token=TOKEN, **kw)

    def boom() -> None:
        raise RuntimeError("secret detail")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/boom", boom, include_in_schema=False)
    return app


def test_a_crash_answers_500_with_the_security_headers(store: Store) -> None:
    client = TestClient(crashing_app(store), raise_server_exceptions=False)
    error = envelope(client.get("/api/boom"), 500)
    assert error["code"] == "internal_error" and "secret" not in error["message"]
    page = client.get("/boom", headers={"accept": "text/html"})
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert has_security_headers(page.headers) and "secret" not in page.text


@pytest.fixture(scope="module")
def crash_server(store: Store) -> Iterator[str]:
    with serving(crashing_app(store, allowed_hosts=set(LOOPBACK))) as url:
        yield url


def _connection(base: str) -> http.client.HTTPConnection:
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)


@pytest.mark.parametrize("failing", ["/api/boom", "/api/nope", "/api/claims?offset=-1", "/api/events/e_missing",
                                     "/boom"])
def test_keep_alive_survives_an_error(crash_server: str, failing: str) -> None:
    conn = _connection(crash_server)
    conn.request("GET", "/api")
    first = conn.getresponse()
    first.read()
    sock = conn.sock
    conn.request("GET", failing)
    error = conn.getresponse()
    error.read()
    assert error.status >= 400 and error.getheader("connection") != "close"
    assert has_security_headers({k.lower(): v for k, v in error.getheaders()})
    conn.request("GET", "/api")  # on the same connection: not reset, not reopened
    again = conn.getresponse()
    again.read()
    assert again.status == 200 and conn.sock is sock
    conn.close()


# -- Host ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("host", "parsed"), [
    ("127.0.0.1", "127.0.0.1"), ("127.0.0.1:8000", "127.0.0.1"), ("[::1]", "::1"), ("[::1]:8000", "::1"),
    ("LocalHost:80", "localhost"), ("127.0.0.1:80@evil.example", None), ("user@localhost", None),
    ("evil.example#@127.0.0.1", None), ("127.0.0.1/x", None), ("127.0.0.1:abc", None), ("[::1", None),
    ("127.0.0.1:99999", None), ("", None), ("a b", None), ("local%68ost", None),
])
def test_parse_host(host: str, parsed: str | None) -> None:
    assert parse_host(host) == parsed


@pytest.mark.parametrize(("host", "status"), [("[::1]:8000", 200), ("[::1]", 200), ("localhost", 200),
                                              ("127.0.0.1:80@evil.example", 400), ("evil.example", 400),
                                              ("[::2]", 400)])
def test_loopback_host_check(store: Store, host: str, status: int) -> None:
    client = TestClient(create_app(store, allowed_hosts=set(LOOPBACK)), base_url="http://127.0.0.1:8000")
    r = client.get("/api", headers={"host": host})
    assert r.status_code == status and has_security_headers(r.headers)


def _raw(base: str, request: bytes, *, wait: float = 5.0) -> bytes:
    """Send raw bytes to the server and read what it answers until it stops (or ``wait`` passes)."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=wait) as sock:
        sock.sendall(request)
        data = b""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        return data


def test_live_server_accepts_an_ipv6_host_and_refuses_userinfo(crash_server: str) -> None:
    ok = _raw(crash_server, b"GET /api HTTP/1.1\r\nHost: [::1]:8000\r\nConnection: close\r\n\r\n")
    assert ok.startswith(b"HTTP/1.1 200")
    for host in (b"127.0.0.1:80@evil.example", b"\xc3\xa4.example", b"[::1", b"127.0.0.1:0", b"a b"):
        evil = _raw(crash_server, b"GET /api HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
        assert evil.startswith(b"HTTP/1.1 400") and b"content-security-policy" in evil.lower(), host


# -- bodies refused before they are read -----------------------------------------------------

def _post_head(length: int, token: str | None = None, extra: str = "") -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (f"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n{auth}{extra}\r\n").encode()


@pytest.mark.parametrize(("token", "status"), [(None, b"401"), ("wrong", b"401"), (TOKEN, b"413")])
def test_a_large_body_is_refused_before_it_is_sent(crash_server: str, token: str | None, status: bytes) -> None:
    # only the head goes out: an answer that comes back at once was decided without the body
    answer = _raw(crash_server, _post_head(50 * 1024 * 1024, token))
    assert answer.startswith(b"HTTP/1.1 " + status), answer[:200]
    assert b"content-security-policy" in answer.lower() and b"connection: close" in answer.lower()


def test_an_unauthenticated_small_body_is_refused_unread(crash_server: str) -> None:
    answer = _raw(crash_server, _post_head(5000))  # the 5,000 bytes never come
    assert answer.startswith(b"HTTP/1.1 401")


def test_a_streamed_body_is_cut_at_the_limit(store: Store) -> None:
    client = TestClient(create_app(store, token=TOKEN, max_body=1000))
    chunks = (b'{"text": "' + b"x" * 600 + b'"}' for _ in range(3))
    r = client.post("/api/documents", content=chunks,
                    headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"})
    assert envelope(r, 413)["code"] == "too_large"
    bad = client.post("/api/documents", content=b"{}", headers={"Authorization": f"Bearer {TOKEN}",
                                                                  "content-length": "12abc"})
    assert bad.status_code == 400


# -- no absolute server paths ------------------------------------------------------------------

@pytest.fixture(scope="module")
def absolute_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    folder = tmp_path_factory.mktemp("inbox")
    store = fixtures.build(folder / "abs.db")
    root = str(folder / "news")
    with store.session() as s:
        for d in s.query(DocumentRow):
            d.path = f"{root}/{d.path}"
        e = s.get(EventRow, fixtures.EVENT_WORKERS)
        assert e is not None
        e.summary = {**e.summary, "figures": [{**e.summary["figures"][0],
                                              "values": [{"sources": [{"ref": f"{root}/fixtures/nknews.txt"}]}]}]}
        copy = s.get(DocumentRow, "d_aggregator")
        assert copy is not None
        copy.url = None
    yield store, str(folder)
    store.close()


def test_no_answer_shows_an_absolute_server_path(absolute_store: tuple[Store, str]) -> None:
    store, root = absolute_store
    client = TestClient(create_app(store, token=TOKEN), raise_server_exceptions=False)
    urls = ["/api/documents", "/api/claims?limit=500", "/api/events", "/api/map", "/api/series", "/api/flags",
            "/api/actors", "/", "/documents", "/map", "/chart"]
    for e in (fixtures.EVENT_TROOPS, fixtures.EVENT_WORKERS, fixtures.EVENT_XSS):
        urls += [f"/api/events/{e}", f"/events/{e}"]
    for d in ("d_reuters", "d_aggregator", "d_nknews", "d_hostile"):
        urls += [f"/api/documents/{d}", f"/documents/{d}"]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert root not in r.text, url
    doc = client.get("/api/documents/d_nknews").json()
    assert doc["path"] == "nknews.txt" and doc["claims"][0]["document"]["path"] == "nknews.txt"
    assert "fixtures/nknews.txt" not in client.get(f"/api/events/{fixtures.EVENT_WORKERS}").text


def test_paths_inside_the_working_folder_are_shown_relative(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from sanctionwatch.serve.queries._sql import public_path

    monkeypatch.chdir(tmp_path)
    assert public_path(str(tmp_path / "news" / "a.txt")) == "news/a.txt"
    assert public_path("/elsewhere/b.warc") == "b.warc"
    assert public_path("C:\\Users\\me\\c.html") == "c.html"
    assert public_path("file:///srv/d.txt") == "d.txt"
    assert public_path("relative/e.txt") == "relative/e.txt"
    assert public_path(None) is None


# -- worker processes ---------------------------------------------------------------------------

def test_serve_with_workers_hands_the_settings_to_each_worker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from sanctionwatch.cli import app
    from sanctionwatch.serve.app import SERVE_ENV, app_from_environment

    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: ran.update(app=application, **kw))
    for name in ("SANCTIONWATCH_DB", "SANCTIONWATCH_TOKEN", SERVE_ENV):
        monkeypatch.setenv(name, "")  # so that teardown removes what the command sets
        monkeypatch.delenv(name)
    db = tmp_path / "w.db"
    result = CliRunner().invoke(app, ["--db", str(db), "--token", "s3cret", "serve", "--host", "0.0.0.0",
                                      "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert ran["app"] == "sanctionwatch.serve.app:app_from_environment" and ran["factory"] is True
    assert ran["workers"] == 3 and ran["host"] == "0.0.0.0"
    assert os.environ["SANCTIONWATCH_DB"] == str(db) and os.environ["SANCTIONWATCH_TOKEN"] == "s3cret"
    worker = TestClient(app_from_environment())  # what each worker process builds
    assert worker.get("/api").status_code == 401  # beyond loopback: the token on every request
    assert worker.get("/api", headers={"Authorization": "Bearer s3cret"}).json()["counts"]["documents"] == 0
