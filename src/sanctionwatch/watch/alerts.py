"""Alerts: evaluate the rules against a newly stored document, record, deliver.

``evaluate(session, document_id, rules)`` returns the alerts the document's claims raise
(:class:`Alert`, payload with the claim, its evidence and links).  Each alert id hashes
the rule, the kind and what the alert is about — the claim's content for ``new_claim``
(type, actor, target, place, figure, evidence sentence), the event for ``new_event`` and
``conflict``, the event and the figure for ``new_figure`` — so ``record`` inserts an
alert only once, whichever document or feed repeats it.  A document that is a
near-duplicate of an earlier one (``documents.duplicate_of``) raises no alert at all.

Events: a claim's event is ``claims.event_id`` from the events stage (``cluster/``), with
its flags and conflict from ``events.summary``/``events.conflict``.  A claim without an
event falls back to its *group* — stored claims of the same type, actor and place — so
``new_event``/``new_figure`` still work where the events stage has not assigned one;
``conflict`` needs the events stage.

``deliver_pending(store, sinks)`` offers every pending alert to every sink that has not
taken it yet and marks it delivered; a failing sink leaves it pending for the next call.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..model import Claim, hash_id
from ..store import Store, claim_from_row
from ..store.schema import AlertRow, ClaimRow, DocumentRow, EventRow
from .rules import Rule
from .sinks import Sink

__all__ = ["Alert", "Delivery", "deliver_pending", "evaluate", "record"]

_KIND_LABEL = {"new_claim": "new claim", "new_event": "new event", "new_figure": "new figure",
               "conflict": "conflict appeared"}


@dataclass
class Alert:
    id: str
    rule: str
    kind: str
    document_id: str
    claim_id: str | None
    event_id: str | None
    payload: dict[str, Any]


@dataclass
class Delivery:
    alert_id: str
    sink: str
    ok: bool
    error: str | None = None


@dataclass
class _Context:
    """What a claim is compared against: its event (or group) and earlier reports of it."""

    key: str  # event id, or a group hash where the events stage assigned none
    event: EventRow | None
    earlier: list[ClaimRow] = field(default_factory=list)


def _norm(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def _signature(c: Claim) -> tuple[Any, ...]:
    """What makes two claims of different documents say the same thing."""
    q = c.quantity
    return (c.type, _norm(c.actor.id or c.actor.name) if c.actor else None,
            _norm(c.target.id or c.target.name) if c.target else None,
            _norm(c.location.name) if c.location else None,
            q.value if q else None, q.max if q else None, q.kind if q else None, c.negated,
            _norm(c.evidence[0].text) if c.evidence else None)


def _context(s: Session, claim: Claim, document_id: str) -> _Context:
    if claim.event_id:
        event = s.get(EventRow, claim.event_id)
        earlier = s.scalars(select(ClaimRow).where(ClaimRow.event_id == claim.event_id,
                                                   ClaimRow.document_id != document_id)).all()
        return _Context(claim.event_id, event, list(earlier))
    actor = claim.actor.id or claim.actor.name if claim.actor else None
    place = claim.location.name if claim.location else None
    q = select(ClaimRow).where(ClaimRow.type == claim.type, ClaimRow.document_id != document_id)
    if actor:
        q = q.where(or_(func.lower(ClaimRow.actor_id) == actor.lower(),
                        func.lower(ClaimRow.actor_name) == actor.lower()))
    else:
        q = q.where(ClaimRow.actor_name.is_(None))
    if place:
        q = q.where(func.lower(ClaimRow.location_name) == place.lower())
    else:
        q = q.where(ClaimRow.location_name.is_(None))
    key = hash_id("g", claim.type, _norm(actor), _norm(place))
    return _Context(key, None, list(s.scalars(q.limit(500)).all()))


def _provisions(event: EventRow | None) -> list[str]:
    summary = event.summary if event is not None and isinstance(event.summary, dict) else {}
    raw = summary.get("flags", summary.get("provisions")) or []
    out: list[str] = []
    for f in raw if isinstance(raw, list) else []:
        if isinstance(f, str):
            out.append(f)
        elif isinstance(f, dict):
            out.extend(str(f[k]) for k in ("provision", "id", "name", "title") if f.get(k))
    return out


def _is_new_figure(claim: Claim, earlier: Sequence[ClaimRow]) -> bool:
    q = claim.quantity
    if not earlier or q is None or q.value is None:
        return False
    return not any(r.quantity_value == q.value and (r.quantity_max == q.max)
                   and (r.quantity_kind or None) == (q.kind or None)
                   for r in earlier)


def evaluate(s: Session, document_id: str, rules: Sequence[Rule], *, feed: dict[str, Any] | None = None) -> list[Alert]:
    """The alerts a stored document's claims raise (none for a near-duplicate copy)."""
    doc = s.get(DocumentRow, document_id)
    if doc is None or doc.duplicate_of or not rules:
        return []
    rows = s.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id).order_by(ClaimRow.position)).all()
    alerts: dict[str, Alert] = {}
    for row in rows:
        claim = claim_from_row(row)
        claim.id = row.id
        ctx = _context(s, claim, document_id)
        provisions = _provisions(ctx.event)
        for rule in rules:
            if not rule.matches(claim, provisions):
                continue
            for kind in rule.on:
                about: tuple[Any, ...]
                if kind == "new_claim":
                    about = _signature(claim)
                elif kind == "new_event" and not ctx.earlier:
                    about = (ctx.key,)
                elif kind == "new_figure" and claim.quantity is not None and _is_new_figure(claim, ctx.earlier):
                    q = claim.quantity
                    about = (ctx.key, q.kind, q.value, q.max)
                elif kind == "conflict" and ctx.event is not None and ctx.event.conflict:
                    about = (ctx.key,)
                else:
                    continue
                alert_id = hash_id("a", rule.name, kind, *about)
                if alert_id not in alerts:
                    alerts[alert_id] = Alert(alert_id, rule.name, kind, document_id, claim.id,
                                             claim.event_id, _payload(alert_id, rule, kind, claim, doc, ctx, feed))
    return list(alerts.values())


def record(s: Session, alerts: Sequence[Alert]) -> list[Alert]:
    """Insert the alerts not recorded before; returns those (the ones that will be sent)."""
    fresh = []
    for alert in alerts:
        if s.get(AlertRow, alert.id) is not None:
            continue
        s.add(AlertRow(id=alert.id, rule=alert.rule, kind=alert.kind, document_id=alert.document_id,
                       claim_id=alert.claim_id, event_id=alert.event_id, payload=alert.payload,
                       delivered=[], pending=True))
        fresh.append(alert)
    s.flush()
    return fresh


def deliver_pending(store: Store, sinks: Sequence[Sink]) -> list[Delivery]:
    """Offer every pending alert to each sink that has not taken it; oldest first."""
    with store.session() as s:
        ids = s.scalars(select(AlertRow.id).where(AlertRow.pending.is_(True))
                        .order_by(AlertRow.created_at, AlertRow.id)).all()
    deliveries: list[Delivery] = []
    for alert_id in ids:
        with store.session() as s:
            row = s.get(AlertRow, alert_id)
            if row is None or not row.pending:
                continue
            done = list(row.delivered or [])
            for sink in sinks:
                if sink.name in done:
                    continue
                try:
                    sink.send(dict(row.payload))
                except Exception as exc:  # a sink's failure must not stop the others or the watch
                    deliveries.append(Delivery(alert_id, sink.name, False, f"{type(exc).__name__}: {exc}"))
                    continue
                done.append(sink.name)
                deliveries.append(Delivery(alert_id, sink.name, True))
            row.delivered = done
            row.pending = not all(sink.name in done for sink in sinks)
    return deliveries


def _payload(alert_id: str, rule: Rule, kind: str, claim: Claim, doc: DocumentRow, ctx: _Context,
             feed: dict[str, Any] | None) -> dict[str, Any]:
    event = ctx.event
    earlier_figures = sorted({(r.quantity_kind or "", r.quantity_value) for r in ctx.earlier
                              if r.quantity_value is not None}, key=lambda t: (t[0], t[1] or 0))
    data = claim.to_dict()
    evidence = data.pop("evidence")
    links = [u for u in (doc.url, feed.get("url") if feed else None) if u]
    return {
        "id": alert_id,
        "schema": "sanctionwatch.alert/1",
        "rule": rule.name,
        "kind": kind,
        "message": f"{_KIND_LABEL[kind]}: {describe(claim)}",
        "claim": data,
        "evidence": evidence,
        "document": {"id": doc.id, "title": doc.title, "url": doc.url, "outlet": doc.outlet,
                     "published": doc.published},
        "event": {
            "id": ctx.key if event is not None or claim.event_id else None,
            "group": None if event is not None or claim.event_id else ctx.key,
            "conflict": bool(event.conflict) if event is not None else None,
            "sources": event.sources if event is not None else None,
            "figures": ((event.summary or {}).get("figures")
                        if event is not None and isinstance(event.summary, dict) else None),
            "earlier_figures": [{"kind": k or None, "value": v} for k, v in earlier_figures],
            "earlier_documents": len({r.document_id for r in ctx.earlier}),
        },
        "feed": feed,
        "links": links,
    }


def describe(claim: Claim) -> str:
    """One line: ``troop_deployment: DPRK — about 1,500 troops — Kursk``."""
    parts = [claim.type]
    if claim.actor:
        parts.append(claim.actor.name)
    q = claim.quantity
    if q is not None and q.value is not None:
        number = f"{q.value:,.0f}" if float(q.value).is_integer() else f"{q.value:,}"
        if q.max is not None:
            number += f"–{q.max:,.0f}"
        qualifier = {"approx": "about ", "up_to": "up to ", "at_least": "at least "}.get(q.qualifier or "", "")
        parts.append(f"{qualifier}{number} {q.kind or ''}".strip())
    if claim.location:
        parts.append(claim.location.name)
    if claim.negated:
        parts.append("(negated)")
    return " — ".join(parts)
