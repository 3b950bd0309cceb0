"""Security: CSP and headers, escaping of untrusted text, tokens for writes and for remote binding."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sanctionwatch.pipeline import Outcome
from sanctionwatch.serve import create_app, is_loopback
from sanctionwatch.serve.app import CSP

from . import fixtures
from .conftest import TOKEN

SERVE = Path(__file__).resolve().parents[2] / "src" / "sanctionwatch" / "serve"
PAGES = ["/", "/events/" + fixtures.EVENT_TROOPS, "/events/" + fixtures.EVENT_XSS, "/documents",
         "/documents/d_hostile", "/chart", "/map", "/api/docs"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_send_the_csp_and_carry_no_inline_script(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    scripts = re.findall(r"<script\b[^>]*>", r.text)
    assert all(re.search(r'\bsrc="/static/', s) for s in scripts), scripts
    assert not re.search(r"<[^>]+\s(on\w+|style)\s*=", r.text), "inline handler or style attribute"
    assert "<script>window" not in r.text and "<img src=x" not in r.text


def test_hostile_text_is_escaped_everywhere(client: TestClient) -> None:
    page = client.get("/documents/d_hostile").text
    assert "&lt;script&gt;window.__xss = &#34;title&#34;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    assert 'href="javascript:' not in page  # a javascript: URL is shown, never linked
    event = client.get("/events/" + fixtures.EVENT_XSS).text
    assert "&lt;script&gt;window.__xss=&#34;event&#34;&lt;/script&gt;" in event
    assert "&lt;script&gt;window.__xss=&#39;flag&#39;&lt;/script&gt;" in event


def test_static_assets_reach_nothing_outside() -> None:
    for path in (SERVE / "static").iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), path.name
    for path in (SERVE / "templates").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text and "autoescape false" not in text, path.name
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path.name


def test_writes_are_disabled_without_a_token(store: Any) -> None:
    r = TestClient(create_app(store)).post("/api/documents", json={"text": "x"})
    assert r.status_code == 403 and "SANCTIONWATCH_TOKEN" in r.json()["error"]["message"]


class FakePipeline:
    def __init__(self) -> None:
        self.seen: list[Any] = []

    def process_raw(self, raw: Any) -> Outcome:
        self.seen.append(raw)
        return Outcome(raw.source, "stored", raw.format, "d_new", claims=2)


def test_post_document_needs_the_token_in_a_header(store: Any) -> None:
    fake = FakePipeline()
    client = TestClient(create_app(store, token=TOKEN, pipeline=fake))
    assert client.post("/api/documents", json={"text": "x"}).status_code == 401
    wrong = client.post("/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    cookie_only = client.post("/api/documents", json={"text": "x"}, cookies={"sanctionwatch_token": TOKEN})
    assert cookie_only.status_code == 401  # a cookie rides along on cross-site requests; writes want a header
    good = client.post("/api/documents", json={"text": "Troops arrived.", "outlet": "Test"},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert good.status_code == 201, good.text
    assert good.json()["document_id"] == "d_new" and fake.seen[0].outlet == "Test" and fake.seen[0].format == "text"
    both = client.post("/api/documents", json={"text": "a", "html": "<p>b</p>"},
                       headers={"X-Sanctionwatch-Token": TOKEN})
    assert both.status_code == 422 and both.json()["error"]["code"] == "invalid_request"


def test_remote_binding_needs_the_token_on_every_request(store: Any) -> None:
    client = TestClient(create_app(store, token=TOKEN, token_for_reads=True))
    r = client.get("/api/events")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert r.headers["content-security-policy"] == CSP
    assert client.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/?token=wrong").status_code == 401
    hop = client.get("/?token=" + TOKEN + "&place=Kursk", follow_redirects=False)
    assert hop.status_code == 303 and hop.headers["location"] == "/?place=Kursk"
    assert "HttpOnly" in hop.headers["set-cookie"] and "SameSite=Strict" in hop.headers["set-cookie"]
    assert client.get("/?place=Kursk").status_code == 200  # the cookie now carries the token


def test_loopback_server_refuses_other_host_names(store: Any) -> None:
    client = TestClient(create_app(store, allowed_hosts={"127.0.0.1", "localhost"}), base_url="http://127.0.0.1:8000")
    assert client.get("/api").status_code == 200
    rebound = client.get("/api", headers={"host": "attacker.example:8000"})
    assert rebound.status_code == 400 and rebound.json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True),
                                             ("::1", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                             ("example.org", False)])
def test_is_loopback(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_cli_refuses_a_public_host_without_a_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from sanctionwatch.cli import app

    monkeypatch.delenv("SANCTIONWATCH_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing to serve on 0.0.0.0" in result.output and "SANCTIONWATCH_TOKEN" in result.output


def test_cli_passes_the_token_and_loopback_hosts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    from sanctionwatch.cli import app

    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: ran.update(app=application, **kw))
    monkeypatch.setenv("SANCTIONWATCH_TOKEN", "s3cret")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "serve", "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert ran["host"] == "0.0.0.0" and ran["port"] == 9001
    client = TestClient(ran["app"])
    assert client.get("/api").status_code == 401
    assert client.get("/api", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    monkeypatch.delenv("SANCTIONWATCH_TOKEN")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "serve"])
    assert result.exit_code == 0 and ran["host"] == "127.0.0.1"
    local = TestClient(ran["app"], base_url="http://localhost:8000")
    assert local.get("/api").status_code == 200
    assert local.get("/api", headers={"host": "evil.example"}).status_code == 400
