"""Every route of the OpenAPI document, and every page, with hostile parameters: 2xx or 4xx, never 500.

Values are drawn by hypothesis from each parameter's schema in ``/api/openapi.json`` (valid
values, so the handlers run) and from hostile ones: huge and negative numbers, long and
control-character text, invalid UTF-8, SQL and LIKE metacharacters, path tricks.  Each
answer must carry the security headers, answer errors in the envelope (or the error page
for a browser) and show no absolute path of the server.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.pipeline import Outcome
from sanctionwatch.serve import create_app
from sanctionwatch.serve.app import CSP
from sanctionwatch.store import Store

from . import fixtures
from .conftest import TOKEN

SPEC = create_app(None).openapi()  # type: ignore[arg-type]  # the document needs no database
OPERATIONS = sorted((method, path) for path, methods in SPEC["paths"].items() for method in methods)
#: The pages (not in the OpenAPI document) and the query parameters they read.
PAGES = {"/": ["q", "type", "actor", "place", "from", "to", "conflict", "offset"],
         "/map": ["q", "type", "actor", "place", "from", "to", "conflict"],
         "/documents": ["q", "offset"], "/chart": ["type", "actor", "place", "kind", "by"],
         "/events/{event_id}": [], "/documents/{document_id}": [], "/api/docs": []}
HOSTILE = [
    "", " ", "0", "-1", "1e309", "NaN", "-0", "0x7fffffffffffffff", str(2**63), str(2**64), str(-2**63 - 1),
    "9" * 400, "true", "null", "[]", "{}", "%", "_", "\\", "'", '"', "' OR 1=1 --", "%' --", "..", "../../etc/passwd",
    "/etc/passwd", "C:\\boot.ini", "<script>alert(1)</script>", "\x00", "a\x00b", "\r\nX-Injected: 1", "\t",
    "\u202e", "\ufeff", "ü" * 300, "𝕏" * 100, "e_troops_kursk", "d_nknews", "country:KP", "2024-13-45", "0000",
    "2024-02-30", "9999-99-99", "token", "[::1]", "a" * 5000,
]
PAGE_SCHEMAS: dict[str, dict[str, Any]] = {
    "offset": {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
    "from": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "maxLength": 10},
    "to": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "maxLength": 10},
    "conflict": {"enum": ["yes"]}, "by": {"enum": ["kind", "source"]},
}
IDS = [fixtures.EVENT_TROOPS, fixtures.EVENT_WORKERS, fixtures.EVENT_XSS, "d_nknews", "d_hostile", "d_aggregator"]


def raw_text() -> st.SearchStrategy[bytes]:
    """Hostile text as the bytes that go into a URL (some of them not UTF-8)."""
    return st.one_of(
        st.sampled_from(HOSTILE).map(lambda s: s.encode("utf-8")),
        st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.integers(-(2**80), 2**80).map(lambda n: str(n).encode()),
        st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).encode()),
        st.binary(max_size=64),
    )


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Values the parameter's schema allows (so the handler runs past validation)."""
    options = schema.get("anyOf", [schema])
    strategies: list[st.SearchStrategy[Any]] = []
    for option in options:
        kind = option.get("type")
        if "enum" in option:
            strategies.append(st.sampled_from([str(v) for v in option["enum"]]))
        elif kind == "integer":
            strategies.append(st.integers(option.get("minimum", -(2**70)), option.get("maximum", 2**70)).map(str))
        elif kind == "boolean":
            strategies.append(st.sampled_from(["true", "false", "1", "0", "yes", "no", "on", "off"]))
        elif kind == "string" and "pattern" in option:
            longest = option.get("maxLength", 10**9)
            strategies.append(st.from_regex(option["pattern"], fullmatch=True).filter(
                lambda s, n=longest: len(s) <= n))  # type: ignore[arg-type]
        elif kind == "string":
            strategies.append(st.text(max_size=option.get("maxLength", 200)) | st.sampled_from(IDS + ["kursk", "KP"]))
    if not strategies:
        return raw_text()
    return st.one_of(*strategies).map(lambda s: s.encode("utf-8", "surrogatepass"))


def edges(schema: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Values just past the schema's bounds, and integers SQLite cannot hold."""
    values: list[Any] = []
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "integer":
            values += [option.get("maximum", 2**63) + 1, option.get("minimum", -(2**63)) - 1, 2**63, 2**64]
        if "maxLength" in option:
            values += ["x" * (option["maxLength"] + 1)]
    return st.sampled_from([str(v).encode() for v in values]) if values else raw_text()


def query_string(draw: Any, params: list[tuple[str, dict[str, Any]]], target: str | None) -> str:
    """A query: the ``target`` parameter hostile (past its bounds, or any bytes), the others valid or absent."""
    parts = []
    for name, schema in params:
        if name == target:
            values = [draw(st.one_of(edges(schema), raw_text()))]
            if draw(st.integers(0, 4)) == 0:  # repeated
                values.append(draw(from_schema(schema)))
        else:
            values = draw(st.lists(from_schema(schema), max_size=1))
        parts += [f"{quote(name)}={quote(v, safe='')}" for v in values]
    if draw(st.integers(0, 3)) == 0:  # a parameter the route does not declare
        parts.append(quote(draw(st.sampled_from(["zz", "token", "", "offset[]", "limit"]))) + "=" +
                     quote(draw(raw_text()), safe=""))
    return "&".join(draw(st.permutations(parts)))


@pytest.fixture(scope="module")
def fuzz_client(store: Store) -> TestClient:
    class FakePipeline:
        def process_raw(self, raw: Any) -> Outcome:
            return Outcome(raw.source, "stored", raw.format, "d_new", claims=0)

    return TestClient(create_app(store, token=TOKEN, pipeline=FakePipeline()), raise_server_exceptions=False)


def check(r: Any, store: Store) -> None:
    assert r.status_code < 500, (r.request.method, str(r.request.url)[:300], r.text[:500])
    assert r.headers["content-security-policy"] == CSP and r.headers["x-content-type-options"] == "nosniff"
    if r.status_code >= 400 and r.headers.get("content-type", "").startswith("application/json"):
        body = r.json()
        assert set(body) == {"error"} and body["error"]["status"] == r.status_code
    folder = str(Path(str(store.engine.url.database)).resolve().parent)
    assert folder not in r.text


def json_body() -> st.SearchStrategy[Any]:
    fields = st.sampled_from(["text", "html", "url", "title", "outlet", "byline", "published", "language", "x"])
    hostile_value = st.one_of(st.text(max_size=200), st.sampled_from(HOSTILE), st.integers(-(2**70), 2**70),
                              st.none(), st.booleans(), st.lists(st.integers(), max_size=3),
                              st.floats(allow_nan=False))
    return st.one_of(st.dictionaries(fields, hostile_value, max_size=5),
                     st.lists(st.integers(), max_size=3), st.text(max_size=50), st.none())


#: One test per (operation, parameter): that parameter hostile, the others valid or absent.
TARGETS = [(m, p, par["name"]) for m, p in OPERATIONS for par in SPEC["paths"][p][m].get("parameters", [])] + [
    (m, p, None) for m, p in OPERATIONS]  # None: no parameter singled out (the body, for writes)
WALK = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.parametrize(("method", "path", "target"), TARGETS)
@WALK
@given(data=st.data())
def test_openapi_route_never_answers_500(fuzz_client: TestClient, store: Store, method: str, path: str,
                                         target: str | None, data: Any) -> None:
    op = SPEC["paths"][path][method]
    url = path
    query_params = []
    for p in op.get("parameters", []):
        if p["in"] == "path":
            hostile = edges(p.get("schema", {})) | raw_text()
            value = data.draw(hostile if p["name"] == target else st.sampled_from([v.encode() for v in IDS]))
            url = url.replace("{" + p["name"] + "}", quote(value, safe="") or "x")
        elif p["in"] == "query":
            query_params.append((p["name"], p.get("schema", {})))
    query = query_string(data.draw, query_params, target)
    headers = {"accept": data.draw(st.sampled_from(["application/json", "text/html", "*/*"]))}
    if "requestBody" in op:
        headers["authorization"] = f"Bearer {data.draw(st.sampled_from([TOKEN, 'wrong']))}"
        r = fuzz_client.request(method.upper(), url + ("?" + query if query else ""), headers=headers,
                                json=data.draw(json_body()))
    else:
        r = fuzz_client.request(method.upper(), url + ("?" + query if query else ""), headers=headers)
    check(r, store)


PAGE_TARGETS = [(p, name) for p, names in sorted(PAGES.items()) for name in names or ["{}"]]


@pytest.mark.parametrize(("path", "target"), PAGE_TARGETS)
@WALK
@given(data=st.data())
def test_page_never_answers_500(fuzz_client: TestClient, store: Store, path: str, target: str, data: Any) -> None:
    url = path
    for name in ("event_id", "document_id"):
        if "{" + name + "}" in url:
            value = data.draw(st.sampled_from([v.encode() for v in IDS]) | raw_text())
            url = url.replace("{" + name + "}", quote(value, safe="") or "x")
    query = query_string(data.draw, [(name, PAGE_SCHEMAS.get(name, {"type": "string", "maxLength": 200}))
                                     for name in PAGES[path]], target)
    r = fuzz_client.get(url + ("?" + query if query else ""), headers={"accept": "text/html"})
    check(r, store)


def test_the_walk_covers_every_route() -> None:
    assert {p for _, p in OPERATIONS} >= {"/api/events", "/api/events/{event_id}", "/api/claims", "/api/documents",
                                        "/api/documents/{document_id}", "/api/actors", "/api/flags", "/api/series",
                                        "/api/map", "/api"}
    from sanctionwatch.serve.api import WRITES

    # every write operation has its token checked before the body is read (Guard)
    assert {(m.upper(), p) for m, p in OPERATIONS if m != "get"} == WRITES
