"""Event keys: the claims of an event that match every other claim alike, as one row.

Whether two claims can be one event, and how well they match (``features.compare``),
depends on their features only, and the tie-break between equal matches on the earlier
claim.  So the claims of one event with equal features (``key_of``) are stored once, as an
``EventKeyRow`` carrying those features, the smallest founder string of its claims and
their count; the matcher compares a new claim with these rows (``Group``), found by type
and date window, and moves a row's claims together (``claims.event_key``).

A claim that does not match a copy of itself (an undated meeting mention without named
people) gets a key of its own, so that such claims are never placed as one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import hash_id
from ..store.schema import EventKeyRow
from .features import ClaimFeatures, Rules, compare

__all__ = ["Best", "Group", "NO_DATE", "best_of", "family_of", "features_data", "features_from", "key_of"]

#: ``date_lo``/``date_hi`` of a claim without a readable date: inside no window, so it matches nothing
NO_DATE = -1

_FIELDS = ("type", "actor", "target", "place", "kind", "value", "max", "qualifier", "dated", "attributed_to",
           "denied", "specific")


def features_data(f: ClaimFeatures) -> dict[str, Any]:
    """What ``compare`` reads of a claim, as JSON (its ids and publication left out)."""
    data: dict[str, Any] = {name: getattr(f, name) for name in _FIELDS}
    data["families"] = sorted(f.families)
    data["people"] = sorted(f.people)
    data["interval"] = list(f.interval) if f.interval is not None else None
    return data


def family_of(f: ClaimFeatures) -> str:
    """``event_keys.family``: the claim's one kind family, "" without one, "*" with several."""
    if not f.families:
        return ""
    return next(iter(f.families)) if len(f.families) == 1 else "*"


def key_of(f: ClaimFeatures, rules: Rules) -> str:
    parts: list[Any] = [features_data(f)]
    if compare(f, f, rules) is None or compare(f, f, rules, strict=True) is None:
        parts.append(f.claim_id)
    return hash_id("k", *parts)


def features_from(data: dict[str, Any]) -> ClaimFeatures:
    """A key row's features (ids and publication blank: a group's founder stands for them)."""
    interval = data.get("interval")
    return ClaimFeatures(
        claim_id="", document_id="", original="", published="",
        families=frozenset(data.get("families") or ()), people=frozenset(data.get("people") or ()),
        interval=(int(interval[0]), int(interval[1])) if interval else None,
        **{name: data[name] for name in _FIELDS},
    )


#: the best specific match kept for a vague group: (-score, date gap, founder of the matched claims)
Best = tuple[float, int, str]


def best_of(raw: Any) -> Best | None:
    return (float(raw[0]), int(raw[1]), str(raw[2])) if raw else None


@dataclass(eq=False)
class Group:
    """Claims placed as one: a stored key row (``row_id``), or one claim of the new document.

    ``features`` stand for every claim of the group (``founder`` for their ids: the tie-break
    of equal matches); ``best`` is a stored vague group's best specific match among the
    stored claims; ``row`` is the ORM row, loaded only to change it; ``merged_into`` is the
    group a merged one became.
    """

    node: str  # "k:<row id>" or "c:<claim id>"
    features: ClaimFeatures
    event_id: str | None
    founder: str
    key: str
    row_id: int | None = None
    best: Best | None = None
    row: EventKeyRow | None = None
    merged_into: Group | None = None

    @classmethod
    def of_claim(cls, f: ClaimFeatures, event_id: str | None, key: str) -> Group:
        return cls(f"c:{f.claim_id}", f, event_id, f"{f.published} {f.claim_id}", key)

    @property
    def specific(self) -> bool:
        return self.features.specific

    def current(self) -> Group:
        g = self
        while g.merged_into is not None:
            g = g.merged_into
        return g
