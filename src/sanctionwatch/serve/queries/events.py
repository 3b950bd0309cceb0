"""Events: filters, the list page with headline figures, one event in full, the map."""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import aliased

from ...exceptions import NotFoundError, SanctionwatchError
from ...settings import get as get_setting
from ...store import ClaimRow, DocumentRow, EventRow, Store
from ._sql import Page, _clamp, _ilike, _since, _until, count, public_path, public_values
from ._versions import version_cache, version_cols, version_key
from .claims import _claim_records
from .figures import _independent, _stored_figures, figures
from .flags import _flags, _merge_flags, _table_flags

#: The claims table as the event filters' subqueries see it (see ``EventFilters.where``).
_C = aliased(ClaimRow, name="filter_claims")

__all__ = ["EventFilters", "actor_names", "event_detail", "filter_options", "list_events", "map_points"]


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
        """Conditions on ``EventRow``, valid in any query that selects from it.

        The claim subqueries use their own alias of the claims table, correlated to the
        events table only, so a query that also joins ``claims`` (the map) keeps them
        self-contained.
        """
        cond: list[Any] = []
        when = func.coalesce(EventRow.date_start, EventRow.first_reported)
        if self.type:
            cond.append(EventRow.type == self.type)
        if self.actor:
            named = (select(_C.actor_id).where(_ilike(_C.actor_name, self.actor), _C.actor_id.is_not(None))
                     .distinct().correlate(None))
            cond.append(or_(_ilike(EventRow.actor_id, self.actor), _ilike(EventRow.target_id, self.actor),
                            EventRow.actor_id.in_(named),
                            select(_C.id).where(_C.event_id == EventRow.id, _ilike(_C.actor_name, self.actor))
                            .correlate(EventRow).exists()))
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
                            select(_C.id).where(_C.event_id == EventRow.id, _ilike(_C.evidence, self.q))
                            .correlate(EventRow).exists()))
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


#: The events list's columns: everything but the summary, which can be large (every value
#: of a big event with its sources) and is read only when an event's version is new here.
_LIST_COLS = (EventRow.id, EventRow.type, EventRow.actor_id, EventRow.target_id, EventRow.place,
              EventRow.date_start, EventRow.date_end, EventRow.first_reported, EventRow.last_reported,
              EventRow.sources, EventRow.conflict, EventRow.claims, EventRow.documents, EventRow.updated_at)
_BARE = object()  # the summary holds no reconciled figures: they are computed from the claims


def _headline(summary: dict[str, Any] | None) -> Any:
    if not _stored_figures(summary):
        return _BARE
    return [{k: f[k] for k in ("kind", "consensus", "min", "max", "conflict", "sources")}
            for f in figures(summary, [])]


def list_events(store: Store, filters: EventFilters, *, limit: int = 50, offset: int = 0) -> Page:
    """A page of events, newest report first, each with its headline figures.

    Figures come from ``EventRow.summary`` (written by the events stage), read once per
    version of an event (``VersionCache``), so a page costs the same whatever the size of
    its events; only events without reconciled figures have theirs computed from their
    claims.
    """
    limit, offset = _clamp(limit, offset)
    cond = filters.where()
    cache = version_cache(store)
    with store.session() as s:
        total = count(s, select(func.count()).select_from(EventRow).where(*cond), ("events", astuple(filters)))
        # the page's ids first (read in order off ix_events_recent), then only those rows
        ids = list(s.scalars(select(EventRow.id).where(*cond)
                             .order_by(func.coalesce(EventRow.last_reported, EventRow.date_start).desc(), EventRow.id)
                             .limit(limit).offset(offset)))
        by_id = {e.id: e for e in s.execute(select(*_LIST_COLS).where(EventRow.id.in_(ids)))} if ids else {}
        events = [by_id[i] for i in ids if i in by_id]
        keys = {e.id: version_key(e) for e in events}
        heads = {eid: cache.get(key) for eid, key in keys.items()}
        missing = [eid for eid, h in heads.items() if h is None]
        if missing:
            for eid, summary in s.execute(select(EventRow.id, EventRow.summary).where(EventRow.id.in_(missing))):
                heads[eid] = _headline(summary)
                cache.put(keys[eid], heads[eid])
        uncounted = [e.id for e in events if not e.claims]
        counts = {eid: n for eid, n in s.execute(
            select(ClaimRow.event_id, func.count()).where(ClaimRow.event_id.in_(uncounted))
            .group_by(ClaimRow.event_id))} if uncounted else {}
        bare = [eid for eid, h in heads.items() if h is _BARE]
        rows = s.execute(select(*_FIGURE_COLS).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
                         .where(ClaimRow.event_id.in_(bare))).all() if bare else []
    by_event: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        by_event[r.event_id].append(r)
    names = actor_names()
    items = []
    for e in events:
        rs = by_event.get(e.id, [])
        item = _event_base(e)  # type: ignore[arg-type]  # a row of the same columns
        item.update(_names(rs) if rs else {})
        item["actor"] = item.get("actor") or names.get(e.actor_id or "")
        item["target"] = item.get("target") or names.get(e.target_id or "")
        item["claims"] = e.claims or counts.get(e.id, 0)
        item["documents"] = e.documents or len({r.document_id for r in rs}) or None
        head = heads.get(e.id)
        if head is _BARE or head is None:
            reports = [_report(r) for r in rs]
            if not item["sources"]:
                item["sources"] = _independent(reports)
            item["figures"] = [{k: f[k] for k in ("kind", "consensus", "min", "max", "conflict", "sources")}
                               for f in figures(None, reports)]
        else:
            item["figures"] = [dict(f) for f in head]
        item["conflict"] = bool(e.conflict or any(f["conflict"] for f in item["figures"]))
        items.append(item)
    return Page(items, total, limit, offset)


@functools.lru_cache(maxsize=4)
def actor_names(pack: str | None = None) -> dict[str, str]:
    """Canonical actor ids to display names, from the domain pack's ``actors`` section."""
    try:
        from ...packs import load_pack  # noqa: PLC0415

        section = load_pack(pack or get_setting("pack")).section("actors", {})
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



#: An event record carries at most this many claims (with their evidence) and reports per
#: figure, and this many documents in its timeline; the rest is a page of
#: ``/api/claims?event=<id>`` away.  A very large event then costs what a small one does.
CLAIMS_SHOWN = 100
TIMELINE_SHOWN = 200
#: An event of this many claims keeps its record per version of its row (``VersionCache``):
#: reading it again costs its flags, not its thousands of claims.
LARGE_EVENT = 500

#: An event's claims as light rows: the figure columns, plus what the timeline and the map read.
_DETAIL_COLS = (*_FIGURE_COLS, ClaimRow.position, ClaimRow.location, DocumentRow.path, DocumentRow.format,
                DocumentRow.language, DocumentRow.status)


def event_detail(store: Store, event_id: str, *, claims_shown: int = CLAIMS_SHOWN) -> dict[str, Any]:
    """One event: reconciled figures with their reports, flags, timeline, places, and its first claims.

    ``claims_total`` counts every claim; ``claims`` holds the first ``claims_shown``
    (oldest report first) as export records, and ``claims_more`` links to the rest.
    """
    cache = version_cache(store)
    with store.session() as s:
        version = s.execute(select(*version_cols()).where(EventRow.id == event_id)).first()
        if version is None:
            raise NotFoundError(f"no event {event_id!r}; list events at /api/events")
        key = ("detail", claims_shown, *version_key(version))
        kept = cache.get(key)
        if kept is not None:  # a large event, unchanged since it was last read: only its flags are read again
            table_flags = _table_flags(s, ClaimRow.event_id == event_id)
            return {**kept, "flags": _merge_flags(table_flags + _flags(kept["summary"])),
                    "claims": [dict(c) for c in kept["claims"]]}
        e = s.get(EventRow, event_id)
        if e is None:
            raise NotFoundError(f"no event {event_id!r}; list events at /api/events")
        rows = sorted(s.execute(select(*_DETAIL_COLS).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
                                .where(ClaimRow.event_id == e.id)).all(),
                      key=lambda r: (r.published or "", r.document_id, r.position))
        claims = _claim_records(s, [r.id for r in rows[:claims_shown]])
        summary = dict(e.summary or {})
        event = _event_base(e)
        table_flags = _table_flags(s, ClaimRow.event_id == e.id)
    reports = [_report(r) for r in rows]
    event.update(_names(rows))
    event["figures"] = figures(summary, reports)
    for f in event["figures"]:
        f["reports_total"] = len(f["reports"])
        del f["reports"][claims_shown:]
    event["sources"] = event["sources"] or _independent(reports)
    event["conflict"] = bool(event["conflict"] or any(f["conflict"] for f in event["figures"]))
    event["flags"] = _merge_flags(table_flags + _flags(summary))
    event["claims"] = claims
    event["claims_total"] = len(rows)
    event["claims_more"] = (f"/api/claims?event={quote(e.id, safe='')}&offset={claims_shown}"
                            if len(rows) > claims_shown else None)
    reports_by_doc: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = reports_by_doc.get(r.document_id)
        if entry is None:
            entry = reports_by_doc[r.document_id] = {
                "id": r.document_id, "title": r.title, "outlet": r.outlet, "published": r.published, "url": r.url,
                "path": public_path(r.path), "format": r.format, "language": r.language,
                "duplicate_of": r.duplicate_of, "status": r.status, "claims": 0, "values": []}
        entry["claims"] += 1
        if r.quantity_value is not None and not r.negated:
            entry["values"].append({"value": r.quantity_value, "kind": r.quantity_kind, "qualifier": r.qualifier})
    timeline = sorted(reports_by_doc.values(), key=lambda d: (d["published"] or "", d["id"]))
    event["timeline_total"] = len(timeline)
    event["timeline"] = timeline[:TIMELINE_SHOWN]
    event["locations"] = _locations(rows)
    event["summary"] = public_values(summary)
    if len(rows) >= LARGE_EVENT:
        cache.put(key, event)
        return {**event, "claims": [dict(c) for c in event["claims"]]}
    return event


def _locations(rows: Sequence[Any]) -> list[dict[str, Any]]:
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


#: The distinct quantity kinds in order, one index probe per kind (a loose index scan on
#: ix_claims_quantity_kind) instead of a pass over every claim; SQLite and PostgreSQL alike.
_DISTINCT_KINDS = text(
    "WITH RECURSIVE k(kind) AS ("
    " SELECT min(quantity_kind) FROM claims"
    " UNION ALL SELECT (SELECT min(quantity_kind) FROM claims WHERE quantity_kind > k.kind) FROM k"
    " WHERE k.kind IS NOT NULL)"
    " SELECT kind FROM k WHERE kind IS NOT NULL")


def filter_options(store: Store) -> dict[str, list[str]]:
    """Values the filter menus offer: event types, claim types, modalities, kinds."""
    with store.session() as s:
        event_types = [t for t, in s.execute(select(EventRow.type).group_by(EventRow.type).order_by(EventRow.type))]
        kinds = [k for k, in s.execute(_DISTINCT_KINDS) if k is not None]
    return {"event_types": event_types, "kinds": kinds}

