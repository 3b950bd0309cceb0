"""Claims of one document, language-neutral steps: one claim per fact (:func:`dedupe`)."""
from __future__ import annotations

from typing import Any

from ..model import Claim

__all__ = ["dedupe"]


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per fact in a document: repeated paragraphs and headlines restate claims."""
    out: list[Claim] = []
    seen: set[tuple[Any, ...]] = set()
    specific = {(_family(c.type), c.quantity.value) for c in claims
                if c.quantity and c.quantity.value is not None and c.quantity.kind not in ("workers",)}
    numeric_kinds = {(c.type, k) for c in claims if c.quantity and c.quantity.value is not None
                     for k in (c.quantity.kind, _GENERIC_KIND.get(c.quantity.kind or ""))}
    for c in claims:
        q = c.quantity
        if q is not None and q.value is None and q.text and (c.type, q.kind) in numeric_kinds:
            continue  # "thousands of builders" (or "a contingent of workers") in the lead, "5,000 builders" in the body
        if q is not None and q.value is not None:
            if q.kind == "workers" and (_family(c.type), q.value) in specific and not _is_total(c):
                continue  # "5,000 workers" in a teaser restates "5,000 construction workers" in the body
            key: tuple[Any, ...] = ("q", c.type, q.value, q.kind)
        elif c.type == "meeting":
            key = ("m", frozenset(e.name for e in (c.actor, c.target) if e))
        elif c.type == "visit":
            key = ("v", c.actor.name if c.actor else None, c.target.name if c.target else None)
        elif c.type == "agreement":
            key = ("a", frozenset(e.name for e in (c.actor, c.target) if e), c.modality)
        else:
            key = ("n", c.type, c.actor.id if c.actor else None, c.modality, c.negated,
                   c.attributed_to.name if c.attributed_to else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


#: The generic kind a specific one is a kind of: a vague "workers" claim restates a numbered
#: "construction workers" or "sappers" one of the same type.
_GENERIC_KIND = {"construction workers": "workers", "sappers": "workers", "special forces": "troops"}


def _family(claim_type: str) -> str:
    """Types that report one fact from two angles: a dispatch of N workers and N workers present."""
    return "labour" if claim_type in ("labor_dispatch", "workers_present") else claim_type


def _is_total(claim: Claim) -> bool:
    text = (claim.quantity.text or "") if claim.quantity else ""
    return "military" in text.lower() or "contingent" in text.lower()
