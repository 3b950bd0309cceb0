"""The REST API under ``/api``: documents, claims, events, actors, flags, chart and map data.

Lists answer ``{"items": [...], "total": n, "limit": l, "offset": o, "next": url|null}``;
``limit`` is 1–500 (default 50).  Claims are export records (``sanctionwatch.claim/1``).
``POST /api/documents`` runs one text or HTML document through the whole pipeline and
needs the server's token.
"""
from __future__ import annotations

import json
import threading
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, model_validator

from ..model import CLAIM_TYPES, MODALITIES, RawDocument
from ..store import Store
from .auth import write_refusal
from .queries import (
    MAX_LIMIT,
    MAX_OFFSET,
    ClaimFilters,
    EventFilters,
    Page,
    document_detail,
    event_detail,
    list_claims,
    list_documents,
    list_events,
    map_points,
)
from .queries import actors as actor_page
from .queries import flags as flag_page
from .queries import series as figure_series

__all__ = ["WRITES", "DocumentIn", "router"]

router = APIRouter(prefix="/api", default_response_class=JSONResponse)
#: The write endpoints (method, path): ``Guard`` checks their token before reading the body.
WRITES = {("POST", "/api/documents")}

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
#: Text filters: printable text (no control characters), at most 200 characters.
TEXT = r"^[^\x00-\x1f\x7f]*$"
ClaimType = Literal[CLAIM_TYPES]  # type: ignore[valid-type]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (1–500).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip (0–1,000,000,000).")]
DateFrom = Annotated[str | None, Query(alias="from", max_length=10, pattern=DATE,
                                       description="On or after (YYYY, YYYY-MM or YYYY-MM-DD).")]
DateTo = Annotated[str | None, Query(alias="to", max_length=10, pattern=DATE,
                                     description="On or before (YYYY, YYYY-MM or YYYY-MM-DD).")]
Text = Annotated[str | None, Query(max_length=200, pattern=TEXT)]
CONFLICT_HELP = "Only events whose sources disagree (true) or agree (false)."
Id = Annotated[str | None, Query(max_length=64, pattern=TEXT)]
EventId = Annotated[str, Path(max_length=64, description="An event id (see /api/events).")]
DocumentId = Annotated[str, Path(max_length=64, description="A document id (see /api/documents).")]


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]


def require_token(request: Request) -> None:
    """Write endpoints: the token in a header (never a cookie, so no cross-site writes).

    ``Guard`` checks the same before the body is read; this keeps the route safe on its own.
    """
    refusal = write_refusal(request.app.state.token, {k.lower(): v for k, v in request.headers.items()})
    if refusal is not None:
        status, message, headers = refusal
        raise HTTPException(status, message, headers=headers)


class Json(Response):
    """JSON without FastAPI's per-field encoder pass: the query layer already returns plain data."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def _page(request: Request, page: Page) -> Json:
    out = page.to_dict()
    nxt = page.offset + page.limit
    out["next"] = _link(request, nxt) if nxt < page.total else None
    out["prev"] = _link(request, max(0, page.offset - page.limit)) if page.offset else None
    return Json(out)


def _link(request: Request, offset: int) -> str:
    """This list at another offset, as a path and query (never built from the Host header)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"] + [("offset", str(offset))]
    return request.url.path + "?" + urlencode(params)


@router.get("", summary="What this API serves")
def index(store: StoreDep) -> dict[str, Any]:
    return {
        "name": "sanctionwatch", "counts": store.counts(),
        "endpoints": ["/api/events", "/api/events/{id}", "/api/claims", "/api/documents",
                      "/api/documents/{id}", "/api/actors", "/api/flags", "/api/series", "/api/map",
                      "/api/openapi.json", "/api/docs"],
    }


@router.get("/events", summary="Events: the claims of several documents about one real-world event")
def events(request: Request, store: StoreDep, type: Text = None, actor: Text = None, place: Text = None,
           date_from: DateFrom = None, date_to: DateTo = None,
           q: Annotated[str | None, Query(max_length=200, pattern=TEXT,
                                         description="Text search in places, actors and evidence.")] = None,
           conflict: Annotated[bool | None, Query(description=CONFLICT_HELP)] = None,
           limit: Limit = 50, offset: Offset = 0) -> Response:
    filters = EventFilters(type=type, actor=actor, place=place, date_from=date_from, date_to=date_to,
                                   q=q, conflict=conflict)
    return _page(request, list_events(store, filters, limit=limit, offset=offset))


@router.get("/events/{event_id}", summary="One event: reconciled figures, sources, conflicts, claims, timeline")
def event(store: StoreDep, event_id: EventId) -> Response:
    return Json(event_detail(store, event_id))


@router.get("/claims", summary="Claims, filtered; each an export record (sanctionwatch.claim/1)")
def claims(request: Request, store: StoreDep, type: ClaimType | None = None, actor: Text = None,
           place: Text = None, date_from: DateFrom = None, date_to: DateTo = None,
           modality: Modality | None = None, kind: Text = None,
           q: Annotated[str | None, Query(max_length=200, pattern=TEXT,
                                          description="Text search in the evidence.")] = None,
           event: Id = None, document: Id = None,
           min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0, description=(
               "Only claims whose confidence (for English: the sentence classifier's probability) is at least "
               "this."))] = None,
           sort: Annotated[Literal["date", "confidence"], Query(description=(
               "date: newest first; confidence: surest first."))] = "date",
           limit: Limit = 50, offset: Offset = 0) -> Response:
    filters = ClaimFilters(type=type, actor=actor, place=place, date_from=date_from, date_to=date_to,
                                   modality=modality, kind=kind, q=q, event_id=event, document_id=document,
                                   min_confidence=min_confidence)
    return _page(request, list_claims(store, filters, limit=limit, offset=offset, sort=sort))


@router.get("/documents", summary="Documents, newest first")
def documents(request: Request, store: StoreDep, q: Text = None, limit: Limit = 50,
              offset: Offset = 0) -> Response:
    return _page(request, list_documents(store, q=q, limit=limit, offset=offset))


@router.get("/documents/{document_id}", summary="One document: cleaned text and its claims")
def document(store: StoreDep, document_id: DocumentId) -> Response:
    return Json(document_detail(store, document_id))


@router.get("/actors", summary="Actors with their claim and event counts")
def actors(request: Request, store: StoreDep, q: Text = None, limit: Limit = 100,
           offset: Offset = 0) -> Response:
    return _page(request, actor_page(store, q=q, limit=limit, offset=offset))


@router.get("/flags", summary="Sanctions provisions flagged on events")
def flags(request: Request, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Response:
    return _page(request, flag_page(store, limit=limit, offset=offset))


@router.get("/series", summary="Reported figures over time (the chart's data)")
def series(store: StoreDep, type: ClaimType | None = None, actor: Text = None, place: Text = None,
           kind: Text = None, date_from: DateFrom = None, date_to: DateTo = None, event: Id = None) -> Response:
    filters = ClaimFilters(type=type, actor=actor, place=place, kind=kind, date_from=date_from,
                                   date_to=date_to, event_id=event)
    return Json(figure_series(store, filters))


@router.get("/map", summary="Event locations (the map's data); the same filters as /api/events")
def map_(store: StoreDep, type: Text = None, actor: Text = None, place: Text = None,
         date_from: DateFrom = None, date_to: DateTo = None,
         q: Annotated[str | None, Query(max_length=200, pattern=TEXT,
                                        description="Text search in places, actors and evidence.")] = None,
         conflict: Annotated[bool | None, Query(description=CONFLICT_HELP)] = None,
         event: Id = None) -> Response:
    filters = EventFilters(type=type, actor=actor, place=place, date_from=date_from, date_to=date_to,
                                   q=q, conflict=conflict)
    return Json(map_points(store, filters, event_id=event))


class DocumentIn(BaseModel):
    """A document to ingest: plain ``text`` or an ``html`` page, with optional metadata."""

    text: str | None = Field(None, max_length=2_000_000)
    html: str | None = Field(None, max_length=5_000_000)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    byline: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=40)
    language: str | None = Field(None, max_length=8)

    @model_validator(mode="after")
    def one_body(self) -> DocumentIn:
        if bool(self.text) == bool(self.html):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


_pipeline_lock = threading.Lock()


def _pipeline(request: Request) -> Any:
    state = request.app.state
    with _pipeline_lock:
        if state.pipeline is None:
            try:
                from ..pipeline import Pipeline  # noqa: PLC0415  (loads the language model)
            except ImportError as exc:
                raise HTTPException(503, f"the pipeline cannot load here ({exc}); ingest with the CLI") from None
            state.pipeline = Pipeline(state.store)
    return state.pipeline


@router.post("/documents", status_code=201, dependencies=[Depends(require_token)],
             summary="Ingest one text or HTML document through the whole pipeline (needs the token)")
async def post_document(request: Request, body: DocumentIn) -> dict[str, Any]:
    raw = RawDocument(
        text=body.html if body.html else body.text or "", path=body.url or "api",
        format="html" if body.html else "text",
        source="POST /api/documents", url=body.url, title=body.title, outlet=body.outlet, byline=body.byline,
        published=body.published, language=body.language,
    )
    if body.html:
        try:
            from ..ingest.html import parse_html  # noqa: PLC0415
        except ImportError as exc:
            raise HTTPException(503, f"HTML reading is unavailable ({exc})") from None
        raw = await run_in_threadpool(_parse_html, parse_html, body)
    pipeline = await run_in_threadpool(_pipeline, request)
    outcome = await run_in_threadpool(pipeline.process_raw, raw)
    if outcome.status == "failed":
        raise HTTPException(422, f"document not stored: {outcome.reason}")
    return {"status": outcome.status, "document_id": outcome.document_id, "claims": outcome.claims,
            "duplicate_of": outcome.duplicate_of, "reason": outcome.reason,
            "links": {"api": f"/api/documents/{outcome.document_id}", "page": f"/documents/{outcome.document_id}"}}


def _parse_html(parse_html: Any, body: DocumentIn) -> RawDocument:
    raw: RawDocument = parse_html(body.html, path=body.url or "api", source="POST /api/documents", url=body.url)
    for key in ("title", "outlet", "byline", "published", "language"):
        if getattr(body, key):
            setattr(raw, key, getattr(body, key))
    return raw
