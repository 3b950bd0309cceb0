"""Claims: filters, the list page, actors by claim count, figures over time."""
from __future__ import annotations

import functools
import json
import os
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from typing import Any, NamedTuple

from sqlalchemy import JSON, ColumnElement, Text, and_, cast, func, or_, select

from ...export import claim_record
from ...settings import get as get_setting
from ...store import ClaimRow, DocumentRow, Store, claim_from_row
from ._sql import _DOC, Page, _clamp, _ilike, _in_range, count, public_claim

__all__ = ["ClaimFilters", "actors", "list_claims", "series"]


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
    min_confidence: float | None = None

    def where(self) -> list[Any]:
        cond: list[Any] = []
        if self.min_confidence is not None:
            cond.append(ClaimRow.confidence >= self.min_confidence)
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


#: orders of the claims list: newest first (the default, off an index) or surest first
CLAIM_SORTS = ("date", "confidence")


def list_claims(store: Store, filters: ClaimFilters, *, limit: int = 50, offset: int = 0,
                sort: str = "date") -> Page:
    limit, offset = _clamp(limit, offset)
    cond = filters.where()
    # Two steps: the page's ids (newest claim date first, undated last) from the index
    # alone, then only those rows with their documents — never every match's full row.
    order = (ClaimRow.confidence.desc(), ClaimRow.date_start.desc(), ClaimRow.id.desc()) if sort == "confidence" \
        else (ClaimRow.date_start.desc(), ClaimRow.id.desc())
    ids_query = select(ClaimRow.id).where(*cond).order_by(*order).limit(limit).offset(offset)
    with store.session() as s:
        total = count(s, select(func.count()).select_from(ClaimRow).where(*cond), ("claims", astuple(filters)))
        ids = s.connection().scalars(ids_query).all()
        items = _claim_records(s, ids)
    return Page(items, total, limit, offset)


#: The document columns a claim's export record reads (not the text).
_DOC_FIELDS = ("url", "path", "outlet", "published", "language", "title", "duplicate_of")
#: A claim's JSON columns: read as their stored text (hashable), parsed when a record is built.
_JSON_FIELDS = tuple(c.name for c in ClaimRow.__table__.c if isinstance(c.type, JSON))
#: A claim's columns, its JSON ones as their stored text, and its document's ``_DOC_FIELDS``.
_RECORD_COLS = (*(cast(c, Text).label(c.name) if c.name in _JSON_FIELDS else c for c in ClaimRow.__table__.c),
                *(getattr(DocumentRow, f) for f in _DOC_FIELDS))
#: One such row, as plain (hashable) values.
_Row: Any = namedtuple("_Row", [c.name for c in ClaimRow.__table__.c] + list(_DOC_FIELDS))  # type: ignore[misc]
_ID = _Row._fields.index("id")


def _claim_records(s: Any, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Export records of these claims, in this order; callers share them and must not change them.

    One query for the claims with their documents, run on the session's connection, and
    each record built once per content of its row (``_record``).
    """
    if not ids:
        return []
    query = (select(*_RECORD_COLS).join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
             .where(ClaimRow.id.in_(ids)))
    rows: dict[str, Any] = {r[_ID]: r for r in map(_Row._make, s.connection().execute(query).all())}
    pack, folder = str(get_setting("pack")), os.getcwd()
    return [_record(rows[i], pack, folder) for i in ids if i in rows]


@functools.lru_cache(maxsize=10_000)
def _record(row: Any, pack: str, folder: str) -> dict[str, Any]:
    """The export record of one ``_Row``, remembered under the whole row, the pack and the folder.

    A page's fifty records cost more than its queries (a claim and its entities, places
    and evidence as objects, then as the record); a row read again with the same values
    (the same claim and document, unchanged) gets the record built the first time.  Any
    change to the claim or its document changes the key; ``pack`` gives the CAMEO codes and
    ``folder`` (the working folder) what a stored absolute path is shown relative to.
    """
    r = row._replace(**{f: _json(getattr(row, f)) for f in _JSON_FIELDS})
    doc = _Doc(r.document_id, *(getattr(r, f) for f in _DOC_FIELDS))
    return public_claim(claim_record(claim_from_row(r), doc))  # type: ignore[arg-type]


def _json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class _Doc(NamedTuple):
    """The document fields of a claim's export record (``claim_record`` reads them by name)."""

    id: str
    url: str | None
    path: str | None
    outlet: str | None
    published: str | None
    language: str | None
    title: str | None
    duplicate_of: str | None


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

