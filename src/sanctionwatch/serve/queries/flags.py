"""Provision flags: the assess stage's per claim, and those event summaries carry."""
from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select

from ...store import ClaimRow, EventRow, Store
from ...store.schema import FlagRow
from ._sql import Page, _clamp
from ._versions import version_cache, version_cols, version_key

__all__ = ["flags"]


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



def _flag_record(f: Any, event_id: str | None) -> dict[str, Any]:
    why = f.why if isinstance(f.why, dict) else {}
    return {"provision": f.provision, "title": f.summary, "why": why.get("reason") or f.rule,
            "certainty": f.certainty, "claim_id": f.claim_id, "document_id": f.document_id, "event_id": event_id}


def _table_flags(s: Any, *cond: Any) -> list[dict[str, Any]]:
    """The assess stage's flags (table ``flags``) with their claims' events."""
    if not inspect(s.connection()).has_table(FlagRow.__tablename__):
        return []
    query = (select(FlagRow, ClaimRow.event_id).join(ClaimRow, ClaimRow.id == FlagRow.claim_id).where(*cond)
             .order_by(FlagRow.provision, FlagRow.id))
    return [_flag_record(f, eid) for f, eid in s.execute(query).all()]


def _merge_flags(flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per provision, listing the claims that raised it."""
    out: dict[str, dict[str, Any]] = {}
    for f in flags:
        entry = out.setdefault(f["provision"], {**f, "claims": []})
        if f.get("claim_id"):
            entry["claims"].append(f["claim_id"])
    return list(out.values())


def flags(store: Store, *, limit: int = 100, offset: int = 0) -> Page:
    """Provision flags: the assess stage's (per claim) and those events' summaries carry.

    An event's summary flags are read once per version of the event (the events list's
    cache, ``_versions.version_cache``), so the list does not parse every summary per request.
    """
    limit, offset = _clamp(limit, offset)
    cache = version_cache(store)
    items: list[dict[str, Any]] = []
    with store.session() as s:
        items = _table_flags(s)
        events = s.execute(select(EventRow.type, EventRow.place, *version_cols())
                           .order_by(EventRow.last_reported.desc(), EventRow.id)).all()
        keys = {e.id: ("flags", *version_key(e)) for e in events}
        found = {eid: cache.get(key) for eid, key in keys.items()}
        missing = [eid for eid, v in found.items() if v is None]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for eid, summary in s.execute(select(EventRow.id, EventRow.summary).where(EventRow.id.in_(chunk))):
                found[eid] = tuple(_flags(summary))
                cache.put(keys[eid], found[eid])
    for e in events:
        for f in found.get(e.id) or ():
            items.append({**f, "event_id": e.id, "event_type": e.type, "place": e.place,
                          "date_start": e.date_start})
    return Page(items[offset:offset + limit], len(items), limit, offset)
