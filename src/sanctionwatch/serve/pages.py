"""The HTML pages: events list, event, document, chart, map and the API reference.

Server-rendered with Jinja2 (autoescape on for every template); the little JavaScript in
``static/app.js`` only draws the chart and the map from ``/api/series`` and ``/api/map``
and submits the filter form.  No inline script or style anywhere: the CSP forbids both.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..model import CLAIM_TYPES, MODALITIES
from ..store import Store
from .highlight import Span, evidence_segments, segments
from .queries import (
    MAX_OFFSET,
    EventFilters,
    document_detail,
    event_detail,
    filter_options,
    list_documents,
    list_events,
    map_points,
)

__all__ = ["router"]

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
PER_PAGE = 25
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)  # type: ignore[no-any-return]


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _arg(request: Request, name: str, max_len: int = 200) -> str | None:
    """A text filter of the query: None when empty; 422 when too long or not printable text."""
    value = (request.query_params.get(name) or "").strip()
    if len(value) > max_len or _CONTROL.search(value):
        raise HTTPException(422, f"query.{name}: give printable text of at most {max_len} characters")
    return value or None


def _offset(request: Request) -> int:
    raw = request.query_params.get("offset") or "0"
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_OFFSET:
        raise HTTPException(422, f"query.offset: give a whole number from 0 to {MAX_OFFSET:,}")
    return int(raw)


def _date(request: Request, name: str) -> str | None:
    value = _arg(request, name, 10)
    if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise HTTPException(422, f"query.{name}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _event_filters(request: Request) -> tuple[EventFilters, dict[str, str | None]]:
    """The events list's filters (the events page and the map page share them)."""
    args = {k: _arg(request, k) for k in ("q", "type", "actor", "place", "conflict")}
    args["from"], args["to"] = _date(request, "from"), _date(request, "to")
    filters = EventFilters(
        type=args["type"], actor=args["actor"], place=args["place"], q=args["q"],
        date_from=args["from"], date_to=args["to"], conflict=True if args["conflict"] == "yes" else None)
    return filters, args


def _api_query(args: dict[str, str | None]) -> str:
    """The same filters as a query of ``/api/map`` (``conflict=yes`` becomes ``true``)."""
    return urlencode({k: ("true" if k == "conflict" else v) for k, v in args.items()
                      if v and (k != "conflict" or v == "yes")})


@router.get("/")
def events_page(request: Request) -> Response:
    store = _store(request)
    filters, args = _event_filters(request)
    offset = _offset(request)
    page = list_events(store, filters, limit=PER_PAGE, offset=offset)
    kept = {k: v for k, v in args.items() if v}
    nav = {
        "prev": "?" + urlencode({**kept, "offset": max(0, offset - PER_PAGE)}) if offset else None,
        "next": "?" + urlencode({**kept, "offset": offset + PER_PAGE}) if offset + PER_PAGE < page.total else None,
    }
    return _render(request, "events.html", {
        "page": page, "args": args, "nav": nav, "options": filter_options(store),
        "counts": store.counts(), "map_query": urlencode(kept),
    })


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    event = event_detail(_store(request), event_id)
    for claim in event["claims"]:
        claim["evidence_view"] = [evidence_segments(e["text"], claim) for e in claim["evidence"]]
    return _render(request, "event.html", {"event": event})


@router.get("/events/{event_id}/brief")
def event_brief(request: Request, event_id: str) -> Response:
    """The event's evidence brief (export/brief.py) as a self-contained HTML file to save."""
    from ..export.brief import build_brief, render_html  # noqa: PLC0415

    brief = build_brief(_store(request), event_id)
    name = f"brief-{brief.events[0]['id']}.html"
    return HTMLResponse(render_html(brief), headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/documents")
def documents_page(request: Request) -> Response:
    offset = _offset(request)
    q = _arg(request, "q")
    page = list_documents(_store(request), q=q, limit=PER_PAGE, offset=offset)
    kept = {"q": q} if q else {}
    nav = {
        "prev": "?" + urlencode({**kept, "offset": max(0, offset - PER_PAGE)}) if offset else None,
        "next": "?" + urlencode({**kept, "offset": offset + PER_PAGE}) if offset + PER_PAGE < page.total else None,
    }
    return _render(request, "documents.html", {"page": page, "q": q, "nav": nav})


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str) -> Response:
    doc = document_detail(_store(request), document_id)
    spans = [Span(e["start"], e["end"], "evidence", c["claim_id"]) for c in doc["claims"] for e in c["evidence"]]
    numbers = {c["claim_id"]: i for i, c in enumerate(doc["claims"], 1)}
    paragraphs = _paragraphs(doc["text"], spans)
    for c in doc["claims"]:
        c["evidence_view"] = [evidence_segments(e["text"], c) for e in c["evidence"]]
    return _render(request, "document.html", {"doc": doc, "paragraphs": paragraphs, "numbers": numbers})


def _paragraphs(text: str, spans: list[Span]) -> list[list[Any]]:
    """The text cut into blank-line paragraphs, each a list of highlight segments."""
    out: list[list[Any]] = []
    start = 0
    for part in text.split("\n\n"):
        end = start + len(part)
        local = [Span(s.start - start, s.end - start, s.role, s.ref) for s in spans if s.start < end and s.end > start]
        out.append(segments(part, local))
        start = end + 2
    return out


@router.get("/chart")
def chart_page(request: Request) -> Response:
    store = _store(request)
    args = {k: _arg(request, k) for k in ("type", "actor", "place", "kind", "by")}
    if args["type"] not in CLAIM_TYPES:
        args["type"] = None
    if args["by"] not in ("kind", "source"):
        args["by"] = "kind"
    query = urlencode({k: v for k, v in args.items() if v and k != "by"})
    return _render(request, "chart.html", {"args": args, "query": query, "options": filter_options(store),
                                           "claim_types": CLAIM_TYPES})


@router.get("/map")
def map_page(request: Request) -> Response:
    filters, args = _event_filters(request)
    points = map_points(_store(request), filters)["points"]
    return _render(request, "map.html", {"points": points, "query": _api_query(args), "args": args})


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            operations.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                "description": p.get("description") or _schema_hint(p.get("schema", {}))}
                               for p in op.get("parameters", [])],
                "body": "requestBody" in op,
            })
    return _render(request, "api_docs.html", {"operations": operations, "info": spec.get("info", {}),
                                              "modalities": MODALITIES, "claim_types": CLAIM_TYPES})


def _schema_hint(schema: dict[str, Any]) -> str:
    for option in schema.get("anyOf", [schema]):
        if "enum" in option:
            return "one of: " + ", ".join(map(str, option["enum"]))
    return ""
