"""Reading events back: the list the ``events`` command shows and one event in full.

``list_events(store)`` returns stored events (newest first); ``event_detail(store, id)``
returns an ``EventDetail``: the event, its claims with their documents, and for each claim
the best match among the event's claims of *other* documents with its scored features,
so an analyst can see why a claim is in the event.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from ..exceptions import NotFoundError
from ..model import Claim
from ..packs import Pack
from ..store import Store
from ..store.schema import DocumentRow, EventRow
from .features import Rules, compare

__all__ = ["EventDetail", "event_detail", "list_events"]


@dataclass
class EventDetail:
    event: EventRow
    claims: list[tuple[Claim, DocumentRow]]
    why: dict[str, dict[str, Any]] = field(default_factory=dict)  # claim id -> {"with": id, "score", "why"}


def list_events(store: Store, *, type: str | None = None, since: str | None = None,
                limit: int | None = None) -> list[EventRow]:
    with store.session() as s:
        q = select(EventRow)
        if type:
            q = q.where(EventRow.type == type)
        if since:
            q = q.where(EventRow.date_end >= since)
        q = q.order_by(EventRow.date_start.desc(), EventRow.id)
        if limit:
            q = q.limit(limit)
        return list(s.scalars(q))


def event_detail(store: Store, event_id: str, pack: Pack | None = None) -> EventDetail:
    from . import EventBuilder

    with store.session() as s:
        row = s.get(EventRow, event_id)
        if row is None:
            matches = s.scalars(select(EventRow).where(EventRow.id.startswith(event_id)).limit(2)).all()
            row = matches[0] if len(matches) == 1 else None
        if row is None:
            raise NotFoundError(f"no event {event_id!r} in {store.url}; list ids with `sanctionwatch events`")
        builder = EventBuilder(pack, rules=Rules.load(pack))
        members = builder.members(s, row.id)
    detail = EventDetail(row, [(m.claim, m.document) for m in members])
    for m in members:
        best = None
        for n in members:
            if n.document.id == m.document.id:
                continue
            match = compare(m.features, n.features, builder.rules)
            if match is not None and (best is None or match.score > best[1].score):
                best = (n, match)
        if best is not None:
            detail.why[m.claim.id or ""] = {"with": best[0].claim.id, **best[1].as_dict()}
    return detail

