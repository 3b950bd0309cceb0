"""The REST API over the fixture database: lists, filters, pagination, detail, the error envelope."""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sanctionwatch.serve.app import CSP

from . import fixtures


def ok(client: TestClient, url: str) -> Any:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.json()


def test_index_counts(client: TestClient) -> None:
    body = ok(client, "/api")
    assert body["counts"] == {"documents": 7, "claims": 8, "events": 4} | {
        k: v for k, v in body["counts"].items() if k not in ("documents", "claims", "events")}


def test_events_list_newest_first_with_figures(client: TestClient) -> None:
    body = ok(client, "/api/events")
    assert body["total"] == 4 and body["next"] is None
    ids = [e["id"] for e in body["items"]]
    assert ids[0] == fixtures.EVENT_TROOPS
    troops = body["items"][0]
    assert troops["conflict"] is True and troops["sources"] == 3 and troops["claims"] == 4
    assert troops["figures"][0]["kind"] == "troops" and troops["figures"][0]["consensus"] is None
    workers = next(e for e in body["items"] if e["id"] == fixtures.EVENT_WORKERS)
    assert workers["figures"][0]["consensus"] == 4900  # from EventRow.summary, not recomputed


#: The events list's filters; the map takes the same (test_hardening.py).
EVENT_FILTER_CASES = [
    ("type=labor_dispatch", {fixtures.EVENT_WORKERS, "e_builders_far_east"}),
    ("place=kursk", {fixtures.EVENT_TROOPS}),
    ("actor=North%20Korea", {fixtures.EVENT_TROOPS, fixtures.EVENT_WORKERS, "e_builders_far_east"}),
    ("from=2024-10&to=2024-12-31", {fixtures.EVENT_TROOPS}),
    ("to=2024-06", {fixtures.EVENT_WORKERS}),
    ("q=spy%20agency", {fixtures.EVENT_TROOPS}),
    ("conflict=true", {fixtures.EVENT_TROOPS}),
    ("q=100%25", set()),  # LIKE wildcards are literal
    ("", {fixtures.EVENT_TROOPS, fixtures.EVENT_WORKERS, "e_builders_far_east", fixtures.EVENT_XSS}),
    ("actor=pyongyang", {fixtures.EVENT_TROOPS, fixtures.EVENT_WORKERS, "e_builders_far_east"}),  # its id: country:KP
    ("q=kursk&type=troop_deployment&conflict=true", {fixtures.EVENT_TROOPS}),
]


@pytest.mark.parametrize(("query", "expected"), EVENT_FILTER_CASES)
def test_events_filters(client: TestClient, query: str, expected: set[str]) -> None:
    assert {e["id"] for e in ok(client, f"/api/events?{query}")["items"]} == expected


def test_event_detail(client: TestClient) -> None:
    e = ok(client, f"/api/events/{fixtures.EVENT_TROOPS}")
    fig = e["figures"][0]
    assert fig["kind"] == "troops" and fig["conflict"] and (fig["min"], fig["max"]) == (3000, 11000)
    assert [r["outlet"] for r in fig["reports"]] == ["Reuters", "Aggregator", "Kyiv Independent", "Yonhap"]
    assert [r["agrees"] for r in fig["reports"]] == [False, False, True, True]
    assert e["sources"] == 3 and len(e["claims"]) == 4 and len(e["timeline"]) == 4
    assert e["claims"][0]["schema"] == "sanctionwatch.claim/1"
    assert e["flags"][0]["provision"] == "UNSCR 1718 OP8(c)"
    assert e["locations"] == [{"name": "Kursk Oblast", "country": "RU", "lat": 51.73, "lon": 36.19, "claims": 4}]


def test_event_figures_without_summary_are_computed(client: TestClient) -> None:
    e = ok(client, "/api/events/e_builders_far_east")
    assert e["figures"][0]["consensus"] == 1500 and e["figures"][0]["conflict"] is False


@pytest.mark.parametrize(("query", "n"), [
    ("", 8), ("type=troop_deployment", 4), ("actor=country:KP", 7), ("actor=pyongyang", 1),
    ("place=alabuga", 3), ("modality=ongoing", 1), ("modality=announced_planned", 1),
    ("from=2024-11-01&to=2024-11-30", 2), ("q=Pentagon", 2), ("kind=troops", 4),
    (f"event={fixtures.EVENT_WORKERS}", 2), ("document=d_nknews", 2),
    ("type=troop_deployment&from=2024-11&q=kursk", 2),
])
def test_claims_filters(client: TestClient, query: str, n: int) -> None:
    body = ok(client, f"/api/claims?{query}")
    assert body["total"] == n and len(body["items"]) == n


def test_claims_pagination(client: TestClient) -> None:
    first = ok(client, "/api/claims?limit=3")
    assert len(first["items"]) == 3 and first["total"] == 8 and first["prev"] is None
    second = client.get(first["next"]).json()
    assert second["offset"] == 3 and second["prev"] is not None
    seen = [c["claim_id"] for c in first["items"] + second["items"]]
    assert len(set(seen)) == 6
    last = ok(client, "/api/claims?limit=3&offset=6")
    assert len(last["items"]) == 2 and last["next"] is None


def test_documents_and_document_detail(client: TestClient) -> None:
    body = ok(client, "/api/documents")
    assert body["total"] == 7 and "text" not in body["items"][0]
    assert ok(client, "/api/documents?q=alabuga")["total"] == 2
    d = ok(client, "/api/documents/d_nknews")
    assert d["text"].startswith("Workers at Alabuga") and len(d["claims"]) == 2
    ev = d["claims"][0]["evidence"][0]
    assert d["text"][ev["start"]:ev["end"]] == ev["text"]


def test_actors_flags_series_map(client: TestClient) -> None:
    actors = ok(client, "/api/actors")["items"]
    assert actors[0] == {"id": "country:KP", "name": "North Korea", "claims": 6, "events": 2} or \
        actors[0]["id"] == "country:KP"
    flags = ok(client, "/api/flags")["items"]
    assert {f["provision"] for f in flags} >= {"UNSCR 1718 OP8(c)", "UNSCR 2397 OP8"}
    series = ok(client, "/api/series?kind=troops")
    assert [p["value"] for p in series["points"]] == [3000, 3000, 10000, 11000]  # "2024-11" sorts first
    assert series["kinds"][0] == "troops"
    points = ok(client, "/api/map")["points"]
    assert {p["event_id"] for p in points} == {fixtures.EVENT_TROOPS, fixtures.EVENT_WORKERS,
                                              "e_builders_far_east", fixtures.EVENT_XSS}


def test_openapi_and_docs_page(client: TestClient) -> None:
    spec = ok(client, "/api/openapi.json")
    assert {"/api/events", "/api/events/{event_id}", "/api/claims", "/api/documents"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/documents"]
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/api/claims" in page.text and "<script>" not in page.text


ENVELOPE_CASES = [
    ("GET", "/api/nope", 404, "not_found"),
    ("GET", "/nope", 404, "not_found"),
    ("GET", "/api/events/e_missing", 404, "not_found"),
    ("GET", "/api/documents/d_missing", 404, "not_found"),
    ("GET", "/api/claims?type=rumour", 422, "invalid_request"),
    ("GET", "/api/claims?limit=0", 422, "invalid_request"),
    ("GET", "/api/claims?from=yesterday", 422, "invalid_request"),
    ("DELETE", "/api/events", 405, "method_not_allowed"),
    ("POST", "/api/documents", 401, "unauthorized"),
]


@pytest.mark.parametrize(("method", "url", "status", "code"), ENVELOPE_CASES)
def test_every_error_is_one_envelope(client: TestClient, method: str, url: str, status: int, code: str) -> None:
    r = client.request(method, url, json={"text": "x"})
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert r.headers["content-security-policy"] == CSP


def test_validation_envelope_names_the_parameter(client: TestClient) -> None:
    body = client.get("/api/claims?type=rumour").json()
    assert "query.type" in body["error"]["message"] and body["error"]["details"][0]["where"] == "query.type"


def test_browser_gets_an_error_page(client: TestClient) -> None:
    r = client.get("/events/e_missing", headers={"accept": "text/html"})
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "no event" in r.text


def test_crash_answers_the_envelope(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctionwatch.serve import api, create_app

    def boom(*_: Any, **__: Any) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(api, "list_events", boom)  # the name the route calls
    r = TestClient(create_app(store), raise_server_exceptions=False).get("/api/events")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert "secret" not in r.text


def test_event_record_caps_its_claims_and_links_to_the_rest(store: Any) -> None:
    from sanctionwatch.serve import queries

    e = queries.event_detail(store, fixtures.EVENT_TROOPS, claims_shown=2)
    assert len(e["claims"]) == 2 and e["claims_total"] == 4
    assert e["claims_more"] == f"/api/claims?event={fixtures.EVENT_TROOPS}&offset=2"
    assert e["figures"][0]["reports_total"] == 4 and len(e["figures"][0]["reports"]) == 2
    assert (e["figures"][0]["min"], e["figures"][0]["max"]) == (3000, 11000)  # figures from every claim
    assert e["timeline_total"] == 4
    assert queries.event_detail(store, fixtures.EVENT_TROOPS)["claims_more"] is None


def test_large_event_record_is_kept_per_version(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctionwatch.serve.queries import events
    from sanctionwatch.store import EventRow

    monkeypatch.setattr(events, "LARGE_EVENT", 1)
    store = fixtures.build(tmp_path / "large.db")
    first = events.event_detail(store, fixtures.EVENT_WORKERS)
    first["claims"][0]["evidence_view"] = "added by a page"  # a caller's change stays its own
    again = events.event_detail(store, fixtures.EVENT_WORKERS)
    assert "evidence_view" not in again["claims"][0] and again["figures"] == first["figures"]
    before = {i["id"]: i for i in events.list_events(store, events.EventFilters()).items}
    assert before[fixtures.EVENT_WORKERS]["figures"][0]["consensus"] == 4900
    with store.session() as s:
        row = s.get(EventRow, fixtures.EVENT_WORKERS)
        assert row is not None
        row.summary = {"figures": [{"kind": "construction workers", "consensus": 4950, "conflict": False}]}
    changed = events.event_detail(store, fixtures.EVENT_WORKERS)  # a new version of the row: read again
    assert changed["figures"][0]["consensus"] == 4950
    listed = {i["id"]: i for i in events.list_events(store, events.EventFilters()).items}
    assert listed[fixtures.EVENT_WORKERS]["figures"][0]["consensus"] == 4950  # the list's figures too
    store.close()


def test_claims_filter_and_sort_by_confidence(client: TestClient) -> None:
    every = ok(client, "/api/claims?limit=100")["items"]
    confidences = sorted((c["confidence"] for c in every), reverse=True)
    surest = ok(client, "/api/claims?sort=confidence&limit=100")["items"]
    assert [c["confidence"] for c in surest] == confidences
    cut = confidences[len(confidences) // 2]
    kept = ok(client, f"/api/claims?min_confidence={cut}&limit=100")
    assert kept["total"] == sum(1 for c in confidences if c >= cut)
    assert all(c["confidence"] >= cut for c in kept["items"])
    assert all("cameo" in c for c in every)
    assert client.get("/api/claims?min_confidence=2").status_code == 422
    assert client.get("/api/claims?sort=random").status_code == 422
