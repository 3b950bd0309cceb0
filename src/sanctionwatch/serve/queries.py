"""Read-side queries of the web application: the store's rows as JSON-ready records.

Every function takes a ``Store`` and returns plain dicts and lists, the same records the
REST API answers and the HTML pages render.  Claims use the public export record
(``export.claim_record``, schema ``sanctionwatch.claim/1``) so the API, the export and
the pages agree on field names.

Reconciled figures come from ``EventRow.summary`` when the events stage wrote them
(``figures`` list or a mapping per quantity kind); anything missing there is computed
from the event's claims here, so a database built before events were reconciled still
renders (see ``figures``).
"""
from __future__ import annotations

import functools
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, inspect, or_, select
from sqlalchemy.orm import aliased, load_only

from .. import settings
from ..exceptions import NotFoundError, SanctionwatchError
from ..export import claim_record
from ..store import ClaimRow, DocumentRow, EventRow, Store, claim_from_row
from ..store import schema as _schema

__all__ = [
    "CONFLICT_RATIO",
    "actor_names",
    "ClaimFilters",
    "EventFilters",
    "Page",
    "actors",
    "document_detail",
    "event_detail",
    "figures",
    "filter_options",
    "flags",
    "list_claims",
    "list_documents",
    "list_events",
    "map_points",
    "series",
]

_DOC = aliased(DocumentRow, name="doc_dates")
#: Two figures of one kind conflict when the larger exceeds the smaller by this ratio.
CONFLICT_RATIO = 1.25
MAX_LIMIT = 500


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ilike(column: Any, value: str) -> Any:
    return func.lower(column).like(_like(value), escape="\\")


def _until(value: str) -> str:
    """An upper bound that keeps every timestamp of the day (or month) ``value`` names."""
    return value + "~"


def _since(when: Any, value: str) -> Any:
    """``when`` on or after ``value``; a coarser date ("2024-11") counts when its period overlaps."""
    return when >= func.substr(value, 1, func.length(when))


def _in_range(column: Any, since: str | None, until: str | None) -> Any:
    """An ISO date column within [since, until], in a form an index on ``column`` serves.

    A coarser stored date overlapping ``since`` counts: "2024-11" and "2024" are in range
    from "2024-11-15".
    """
    cond = []
    if since:
        coarser = {since[:7], since[:4]} - {since}
        cond.append(or_(column >= since, column.in_(sorted(coarser))) if coarser else column >= since)
    if until:
        cond.append(column < _until(until))
    return and_(*cond)


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


# -- documents -------------------------------------------------------------------------
def document_summary(d: DocumentRow) -> dict[str, Any]:
    return {
        "id": d.id, "title": d.title, "outlet": d.outlet, "published": d.published, "url": d.url,
        "path": d.path, "format": d.format, "language": d.language, "duplicate_of": d.duplicate_of,
        "status": d.status,
    }


def list_documents(store: Store, *, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    limit, offset = _clamp(limit, offset)
    cond = []
    if q:
        cond.append(or_(_ilike(DocumentRow.title, q), _ilike(DocumentRow.outlet, q), _ilike(DocumentRow.text, q)))
    cols = (DocumentRow.id, DocumentRow.title, DocumentRow.outlet, DocumentRow.published, DocumentRow.url,
            DocumentRow.path, DocumentRow.format, DocumentRow.language, DocumentRow.duplicate_of,
            DocumentRow.status)
    with store.session() as s:
        total = s.scalar(select(func.count()).select_from(DocumentRow).where(*cond)) or 0
        rows = s.execute(select(*cols).where(*cond)
                         .order_by(DocumentRow.published.desc(), DocumentRow.id).limit(limit).offset(offset))
        ids = []
        items = []
        for r in rows:
            items.append(document_summary(r))  # type: ignore[arg-type]
            ids.append(r.id)
        counts = dict(s.execute(select(ClaimRow.document_id, func.count()).where(ClaimRow.document_id.in_(ids))
                                .group_by(ClaimRow.document_id)).all()) if ids else {}
    for item in items:
        item["claims"] = counts.get(item["id"], 0)
    return Page(items, total, limit, offset)


def document_detail(store: Store, document_id: str) -> dict[str, Any]:
    with store.session() as s:
        d = s.get(DocumentRow, document_id)
        if d is None:
            raise NotFoundError(f"no document {document_id!r}; list documents at /api/documents")
        rows = s.scalars(select(ClaimRow).where(ClaimRow.document_id == d.id).order_by(ClaimRow.position)).all()
        original = s.get(DocumentRow, d.duplicate_of) if d.duplicate_of else None
        docs = {original.id: original} if original is not None else {}
        record = document_summary(d)
        record.update(text=d.text, byline=d.byline, removed=list(d.removed or []))
        record["claims"] = [claim_record(claim_from_row(r), d, docs) for r in rows]
    return record


# -- claims ----------------------------------------------------------------------------
@dataclass
class ClaimFilters:
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    modality: str | None = None
    q: str | None = None
    event_id: str | None = None
    document_id: str | None = None
    kind: str | None = None

    def where(self) -> list[Any]:
        cond: list[Any] = []
        if self.type:
            cond.append(ClaimRow.type == self.type)
        if self.modality:
            cond.append(ClaimRow.modality == self.modality)
        if self.kind:
            cond.append(ClaimRow.quantity_kind == self.kind)
        if self.event_id:
            cond.append(ClaimRow.event_id == self.event_id)
        if self.document_id:
            cond.append(ClaimRow.document_id == self.document_id)
        if self.actor:
            if ":" in self.actor:  # a canonical id such as country:KP
                cond.append(ClaimRow.actor_id == self.actor)
            else:
                cond.append(or_(_ilike(ClaimRow.actor_name, self.actor), _ilike(ClaimRow.actor_id, self.actor)))
        if self.place:
            cond.append(_ilike(ClaimRow.location_name, self.place))
        if self.date_from or self.date_to:
            cond.append(or_(_in_range(ClaimRow.date_start, self.date_from, self.date_to),
                            and_(ClaimRow.date_start.is_(None),
                                 select(_DOC.id).where(_DOC.id == ClaimRow.document_id,
                                                       _in_range(_DOC.published, self.date_from, self.date_to))
                                 .correlate_except(_DOC).exists())))
        if self.q:
            cond.append(_ilike(ClaimRow.evidence, self.q))
        return cond


def list_claims(store: Store, filters: ClaimFilters, *, limit: int = 50, offset: int = 0) -> Page:
    limit, offset = _clamp(limit, offset)
    cond = filters.where()
    count = select(func.count()).select_from(ClaimRow).where(*cond)
    # Two steps: the page's ids (newest claim date first, undated last) from the index
    # alone, then only those rows with their documents — never every match's full row.
    ids_query = (select(ClaimRow.id).where(*cond).order_by(ClaimRow.date_start.desc(), ClaimRow.id.desc())
                 .limit(limit).offset(offset))
    with store.session() as s:
        total = s.scalar(count) or 0
        ids = list(s.scalars(ids_query))
        items = _claim_records(s, ids)
    return Page(items, total, limit, offset)


_DOC_COLS = (DocumentRow.id, DocumentRow.url, DocumentRow.path, DocumentRow.outlet, DocumentRow.published,
             DocumentRow.language, DocumentRow.title, DocumentRow.duplicate_of)


def _claim_records(s: Any, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Export records of these claims, in this order (plain rows: no ORM objects to build)."""
    if not ids:
        return []
    claims = {r.id: r for r in s.execute(select(ClaimRow.__table__).where(ClaimRow.id.in_(ids)))}
    doc_ids = {r.document_id for r in claims.values()}
    docs = {d.id: d for d in s.execute(select(*_DOC_COLS).where(DocumentRow.id.in_(doc_ids)))}
    return [claim_record(claim_from_row(claims[i]), docs[claims[i].document_id]) for i in ids if i in claims]


# -- events ----------------------------------------------------------------------------
@dataclass
class EventFilters:
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    conflict: bool | None = None

    def where(self) -> list[Any]:
        cond: list[Any] = []
        when = func.coalesce(EventRow.date_start, EventRow.first_reported)
        if self.type:
            cond.append(EventRow.type == self.type)
        if self.actor:
            named = select(ClaimRow.actor_id).where(_ilike(ClaimRow.actor_name, self.actor),
                                                     ClaimRow.actor_id.is_not(None)).distinct()
            cond.append(or_(_ilike(EventRow.actor_id, self.actor), _ilike(EventRow.target_id, self.actor),
                            EventRow.actor_id.in_(named),
                            exists().where(ClaimRow.event_id == EventRow.id,
                                           _ilike(ClaimRow.actor_name, self.actor))))
        if self.place:
            cond.append(_ilike(EventRow.place, self.place))
        if self.date_from:
            cond.append(_since(when, self.date_from))
        if self.date_to:
            cond.append(when < _until(self.date_to))
        if self.conflict is not None:
            cond.append(EventRow.conflict == self.conflict)
        if self.q:
            cond.append(or_(_ilike(EventRow.place, self.q), _ilike(EventRow.actor_id, self.q),
                            _ilike(EventRow.target_id, self.q), _ilike(EventRow.type, self.q),
                            exists().where(ClaimRow.event_id == EventRow.id, _ilike(ClaimRow.evidence, self.q))))
        return cond


def _event_base(e: EventRow) -> dict[str, Any]:
    return {
        "id": e.id, "type": e.type, "actor_id": e.actor_id, "target_id": e.target_id, "place": e.place,
        "date_start": e.date_start, "date_end": e.date_end, "first_reported": e.first_reported,
        "last_reported": e.last_reported, "sources": e.sources, "conflict": e.conflict,
    }


_FIGURE_COLS = (ClaimRow.event_id, ClaimRow.id, ClaimRow.document_id, ClaimRow.quantity_value,
                ClaimRow.quantity_max, ClaimRow.quantity_kind, ClaimRow.qualifier, ClaimRow.quantity_text,
                ClaimRow.modality, ClaimRow.negated, ClaimRow.actor_id, ClaimRow.actor_name,
                ClaimRow.target_id, ClaimRow.target_name, ClaimRow.attributed_to_name,
                DocumentRow.outlet, DocumentRow.published, DocumentRow.duplicate_of, DocumentRow.title,
                DocumentRow.url)


def _report(r: Any) -> dict[str, Any]:
    """A light claim record (one row of ``_FIGURE_COLS``) for figures and lists."""
    return {
        "claim_id": r.id, "document_id": r.document_id, "value": r.quantity_value, "max": r.quantity_max,
        "kind": r.quantity_kind, "qualifier": r.qualifier, "text": r.quantity_text, "modality": r.modality,
        "negated": r.negated, "outlet": r.outlet, "published": r.published, "duplicate_of": r.duplicate_of,
        "title": r.title, "url": r.url, "attributed_to": r.attributed_to_name,
    }


def list_events(store: Store, filters: EventFilters, *, limit: int = 50, offset: int = 0) -> Page:
    """A page of events, newest report first, each with its headline figures.

    Figures come from ``EventRow.summary`` (written by the events stage); only events
    without reconciled figures have theirs computed from their claims.
    """
    limit, offset = _clamp(limit, offset)
    cond = filters.where()
    with store.session() as s:
        total = s.scalar(select(func.count()).select_from(EventRow).where(*cond)) or 0
        events = s.scalars(select(EventRow).where(*cond)
                           .order_by(func.coalesce(EventRow.last_reported, EventRow.date_start).desc(), EventRow.id)
                           .limit(limit).offset(offset)).all()
        ids = [e.id for e in events]
        counts = {eid: n for eid, n in s.execute(
            select(ClaimRow.event_id, func.count()).where(ClaimRow.event_id.in_(ids)).group_by(ClaimRow.event_id))}
        bare = [e.id for e in events if not _stored_figures(e.summary)]
        rows = s.execute(select(*_FIGURE_COLS).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
                         .where(ClaimRow.event_id.in_(bare))).all() if bare else []
    by_event: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        by_event[r.event_id].append(r)
    names = actor_names()
    items = []
    for e in events:
        rs = by_event.get(e.id, [])
        reports = [_report(r) for r in rs]
        item = _event_base(e)
        item.update(_names(rs) if rs else {})
        item["actor"] = item.get("actor") or names.get(e.actor_id or "")
        item["target"] = item.get("target") or names.get(e.target_id or "")
        item["claims"] = counts.get(e.id, 0)
        item["documents"] = getattr(e, "documents", None) or len({r.document_id for r in rs}) or None
        if not item["sources"]:
            item["sources"] = _independent(reports)
        item["figures"] = [{k: f[k] for k in ("kind", "consensus", "min", "max", "conflict", "sources")}
                           for f in figures(e.summary, reports)]
        item["conflict"] = bool(e.conflict or any(f["conflict"] for f in item["figures"]))
        items.append(item)
    return Page(items, total, limit, offset)


@functools.lru_cache(maxsize=4)
def actor_names(pack: str | None = None) -> dict[str, str]:
    """Canonical actor ids to display names, from the domain pack's ``actors`` section."""
    try:
        from ..packs import load_pack  # noqa: PLC0415

        section = load_pack(pack or settings.get("pack")).section("actors", {})
    except SanctionwatchError:
        return {}
    out: dict[str, str] = {}
    for group in ("countries", "people", "organisations"):
        for entry in section.get(group) or [] if isinstance(section, dict) else []:
            if isinstance(entry, dict) and entry.get("id") and entry.get("name"):
                out[str(entry["id"])] = str(entry["name"])
    return out


def _names(rows: Sequence[Any]) -> dict[str, Any]:
    actors = Counter(r.actor_name for r in rows if r.actor_name)
    targets = Counter(r.target_name for r in rows if r.target_name)
    return {"actor": actors.most_common(1)[0][0] if actors else None,
            "target": targets.most_common(1)[0][0] if targets else None}


def _source_key(r: dict[str, Any]) -> str:
    return (r.get("outlet") or r.get("document_id") or "?").strip().lower()


def _independent(reports: Sequence[dict[str, Any]]) -> int:
    """Distinct outlets among documents that are not copies of another."""
    return len({_source_key(r) for r in reports if not r.get("duplicate_of")})


def figures(summary: dict[str, Any] | None, reports: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reconciled figures per quantity kind: reports by source, consensus, range, conflict.

    ``summary`` is ``EventRow.summary``; its values win where present.  ``reports`` are
    the event's claims (``_report`` records, with their document's outlet and date).
    """
    stored = _stored_figures(summary)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in reports:
        if r.get("value") is not None and not r.get("negated"):
            by_kind[r.get("kind") or "unspecified"].append(r)
    out = []
    for kind in sorted(set(by_kind) | set(stored), key=lambda k: (-len(by_kind.get(k, [])), k)):
        rs = sorted(by_kind.get(kind, []), key=lambda r: (r.get("published") or "", r["claim_id"]))
        given = stored.get(kind, {})
        independent = [r for r in rs if not r.get("duplicate_of")] or rs
        values = [float(r["value"]) for r in independent]
        bounds = values + [float(r["max"]) for r in independent if r.get("max") is not None]
        lo, hi = (min(bounds), max(bounds)) if bounds else (None, None)
        conflict = bool(lo is not None and hi is not None and lo > 0 and hi / lo > CONFLICT_RATIO)
        # a consensus only where the independent sources agree (the events stage's rule too)
        consensus = statistics.median(values) if values and not conflict else None
        figure = {
            "kind": kind,
            "consensus": _num(given.get("consensus", given.get("value", consensus))),
            "min": _num(given.get("min", lo)),
            "max": _num(given.get("max", hi)),
            "conflict": bool(given.get("conflict", conflict)),
            "sources": int(given.get("sources", given.get("independent_sources", _independent(rs))) or 0),
            "reports": rs,
            "why": given.get("why"),
        }
        c = figure["consensus"]
        if c is None and figure["conflict"] and values:  # mark the reports away from the median
            c = statistics.median(values)
        for r in rs:
            r["agrees"] = c is None or r["value"] is None or (
                min(c, r["value"]) > 0 and max(c, r["value"]) / min(c, r["value"]) <= CONFLICT_RATIO)
        out.append(figure)
    return out


def _num(value: Any) -> float | None:
    if isinstance(value, (list, tuple)):  # a stored range: [low, high]
        value = value[0] if value else None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _stored_figures(summary: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The events stage's reconciled figures by kind, whatever of two shapes it wrote."""
    if not isinstance(summary, dict):
        return {}
    raw = summary.get("figures", summary.get("quantities"))
    found: dict[str, dict[str, Any]] = {}
    if isinstance(raw, list):
        for f in raw:
            if isinstance(f, dict) and f.get("kind"):
                found[str(f["kind"])] = _figure_fields(f)
    elif isinstance(raw, dict):
        for kind, f in raw.items():
            if isinstance(f, dict):
                found[str(kind)] = _figure_fields(f)
    return found


def _figure_fields(f: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: f[k] for k in ("consensus", "value", "conflict", "sources", "independent_sources", "why")
                           if k in f}
    rng = f.get("range")
    if isinstance(rng, (list, tuple)) and len(rng) == 2:
        out["min"], out["max"] = rng
    elif isinstance(rng, dict):
        out.update({k: rng[k] for k in ("min", "max") if k in rng})
    for k in ("min", "max"):
        if k in f and not isinstance(f[k], (dict, list)):
            out[k] = f[k]
    return out


def _flags(summary: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not isinstance(summary, dict):
        return []
    raw = summary.get("flags", summary.get("provisions")) or []
    out = []
    for f in raw if isinstance(raw, list) else []:
        if isinstance(f, str):
            out.append({"provision": f, "title": None, "why": None})
        elif isinstance(f, dict):
            out.append({"provision": f.get("provision") or f.get("id") or f.get("name") or "?",
                        "title": f.get("title") or f.get("description") or f.get("label"),
                        "why": f.get("why") or f.get("reason"), "confidence": f.get("confidence")})
    return out


def _flag_table() -> Any:
    """The assess stage's ``flags`` table, when this version of the schema has it."""
    return getattr(_schema, "FlagRow", None)


def _flag_record(f: Any, event_id: str | None) -> dict[str, Any]:
    why = f.why if isinstance(f.why, dict) else {}
    return {"provision": f.provision, "title": f.summary, "why": why.get("reason") or f.rule,
            "certainty": f.certainty, "claim_id": f.claim_id, "document_id": f.document_id, "event_id": event_id}


def _table_flags(s: Any, *cond: Any, limit: int | None = None) -> list[dict[str, Any]]:
    table = _flag_table()
    if table is None or not inspect(s.connection()).has_table(table.__tablename__):
        return []
    query = (select(table, ClaimRow.event_id).join(ClaimRow, ClaimRow.id == table.claim_id).where(*cond)
             .order_by(table.provision, table.id))
    if limit:
        query = query.limit(limit)
    rows = s.execute(query).all()
    return [_flag_record(f, eid) for f, eid in rows]


def _merge_flags(flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per provision, listing the claims that raised it."""
    out: dict[str, dict[str, Any]] = {}
    for f in flags:
        entry = out.setdefault(f["provision"], {**f, "claims": []})
        if f.get("claim_id"):
            entry["claims"].append(f["claim_id"])
    return list(out.values())


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    with store.session() as s:
        e = s.get(EventRow, event_id)
        if e is None:
            raise NotFoundError(f"no event {event_id!r}; list events at /api/events")
        claim_rows = s.scalars(select(ClaimRow).where(ClaimRow.event_id == e.id)).all()
        # documents as ORM rows, loading only the columns the records read (not the texts)
        docs = {d.id: d for d in s.scalars(select(DocumentRow)
                                           .options(load_only(*_DOC_COLS, DocumentRow.format, DocumentRow.status))
                                           .where(DocumentRow.id.in_({c.document_id for c in claim_rows})))}
        rows = sorted(((c, docs[c.document_id]) for c in claim_rows),
                      key=lambda cd: (cd[1].published or "", cd[1].id, cd[0].position))
        summary = dict(e.summary or {})
        event = _event_base(e)
        table_flags = _table_flags(s, ClaimRow.event_id == e.id)
    claims = [claim_record(claim_from_row(c), d) for c, d in rows]
    reports = [_report(_Flat(c, d)) for c, d in rows]
    event.update(_names([_Flat(c, d) for c, d in rows]))
    event["figures"] = figures(summary, reports)
    computed_sources = _independent(reports)
    event["sources"] = event["sources"] or computed_sources
    event["conflict"] = bool(event["conflict"] or any(f["conflict"] for f in event["figures"]))
    event["flags"] = _merge_flags(table_flags + _flags(summary))
    event["claims"] = claims
    reports_by_doc: dict[str, dict[str, Any]] = {}
    for c, d in rows:
        entry = reports_by_doc.setdefault(d.id, {**document_summary(d), "claims": 0, "values": []})
        entry["claims"] += 1
        if c.quantity_value is not None and not c.negated:
            entry["values"].append({"value": c.quantity_value, "kind": c.quantity_kind, "qualifier": c.qualifier})
    event["timeline"] = sorted(reports_by_doc.values(), key=lambda d: (d["published"] or "", d["id"]))
    event["locations"] = _locations([c for c, _ in rows])
    event["summary"] = summary
    return event


class _Flat:
    """A claim row and its document row read as one flat row (for ``_report``)."""

    def __init__(self, c: ClaimRow, d: DocumentRow) -> None:
        self._c, self._d = c, d

    def __getattr__(self, name: str) -> Any:
        if name in ("outlet", "published", "duplicate_of", "title", "url"):
            return getattr(self._d, name)
        return getattr(self._c, name)


def _locations(rows: Sequence[ClaimRow]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for c in rows:
        loc = c.location or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        key = loc.get("id") or loc.get("name") or f"{loc['lat']},{loc['lon']}"
        entry = seen.setdefault(key, {"name": loc.get("name"), "country": loc.get("country"),
                                      "lat": loc["lat"], "lon": loc["lon"], "claims": 0})
        entry["claims"] += 1
    return sorted(seen.values(), key=lambda x: -x["claims"])


# -- actors, flags, chart, map ---------------------------------------------------------
def actors(store: Store, *, q: str | None = None, limit: int = 100, offset: int = 0) -> Page:
    limit, offset = _clamp(limit, offset)
    key = func.coalesce(ClaimRow.actor_id, ClaimRow.actor_name)
    cond: list[ColumnElement[bool]] = [ClaimRow.actor_name.is_not(None)]
    if q:
        cond.append(or_(_ilike(ClaimRow.actor_name, q), _ilike(ClaimRow.actor_id, q)))
    query = (select(key.label("key"), func.max(ClaimRow.actor_id), func.max(ClaimRow.actor_name),
                    func.count().label("n"), func.count(func.distinct(ClaimRow.event_id)))
             .where(*cond).group_by(key))
    with store.session() as s:
        total = s.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = s.execute(query.order_by(func.count().desc(), key).limit(limit).offset(offset)).all()
    items = [{"id": r[1], "name": r[2], "claims": r[3], "events": r[4]} for r in rows]
    return Page(items, total, limit, offset)


def flags(store: Store, *, limit: int = 100, offset: int = 0) -> Page:
    """Provision flags: the assess stage's (per claim) and those events' summaries carry."""
    limit, offset = _clamp(limit, offset)
    with store.session() as s:
        items = _table_flags(s)
        for e in s.scalars(select(EventRow).order_by(EventRow.last_reported.desc(), EventRow.id)):
            for f in _flags(e.summary):
                items.append({**f, "event_id": e.id, "event_type": e.type, "place": e.place,
                              "date_start": e.date_start})
    return Page(items[offset:offset + limit], len(items), limit, offset)


def series(store: Store, filters: ClaimFilters, *, limit: int = 5000) -> dict[str, Any]:
    """Reported figures over time: one point per claim with a value (chart data)."""
    when = func.coalesce(ClaimRow.date_start, DocumentRow.published)
    query = (select(when.label("when"), ClaimRow.quantity_value, ClaimRow.quantity_max, ClaimRow.quantity_kind,
                    ClaimRow.qualifier, ClaimRow.id, ClaimRow.event_id, ClaimRow.document_id, ClaimRow.type,
                    DocumentRow.outlet, DocumentRow.published)
             .join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
             .where(ClaimRow.quantity_value.is_not(None), ClaimRow.negated.is_(False), when.is_not(None),
                    *filters.where())
             .order_by(when).limit(limit))
    with store.session() as s:
        rows = s.execute(query).all()
        kinds = [k for k, in s.execute(select(ClaimRow.quantity_kind).where(ClaimRow.quantity_kind.is_not(None))
                                      .group_by(ClaimRow.quantity_kind).order_by(func.count().desc()))]
    points = [{"date": r.when[:10], "value": r.quantity_value, "max": r.quantity_max, "kind": r.quantity_kind,
               "qualifier": r.qualifier, "claim_id": r.id, "event_id": r.event_id, "document_id": r.document_id,
               "type": r.type, "outlet": r.outlet or "unknown outlet", "published": r.published} for r in rows]
    return {"points": points, "kinds": kinds, "truncated": len(points) >= limit}


def map_points(store: Store, filters: EventFilters | None = None, *, event_id: str | None = None) -> dict[str, Any]:
    """Event locations: each event at the place its claims report most (with coordinates)."""
    cond = (filters or EventFilters()).where()
    if event_id:
        cond.append(EventRow.id == event_id)
    query = (select(EventRow.id, EventRow.type, EventRow.place, EventRow.sources, EventRow.conflict,
                    EventRow.date_start, EventRow.first_reported, ClaimRow.location, func.count())
             .join(ClaimRow, ClaimRow.event_id == EventRow.id)
             .where(ClaimRow.location_name.is_not(None), *cond)
             .group_by(EventRow.id, ClaimRow.location_name))
    best: dict[str, dict[str, Any]] = {}
    with store.session() as s:
        for eid, etype, place, sources, conflict, start, first, loc, n in s.execute(query):
            loc = loc or {}
            if loc.get("lat") is None or loc.get("lon") is None:
                continue
            if eid in best and best[eid]["claims"] >= n:
                continue
            best[eid] = {"event_id": eid, "type": etype, "place": place or loc.get("name"),
                         "name": loc.get("name"), "country": loc.get("country"),
                         "lat": float(loc["lat"]), "lon": float(loc["lon"]), "claims": n,
                         "sources": sources, "conflict": conflict, "date": start or first}
    return {"points": sorted(best.values(), key=lambda p: (p["date"] or "", p["event_id"]))}


def filter_options(store: Store) -> dict[str, list[str]]:
    """Values the filter menus offer: event types, claim types, modalities, kinds."""
    with store.session() as s:
        event_types = [t for t, in s.execute(select(EventRow.type).group_by(EventRow.type).order_by(EventRow.type))]
        kinds = [k for k, in s.execute(select(ClaimRow.quantity_kind).where(ClaimRow.quantity_kind.is_not(None))
                                      .group_by(ClaimRow.quantity_kind).order_by(ClaimRow.quantity_kind))
                 if k is not None]  # always (the query leaves out NULLs); narrows the type
    return {"event_types": event_types, "kinds": kinds}

