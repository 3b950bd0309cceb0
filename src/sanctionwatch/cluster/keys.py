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

from dataclasses import dataclass, replace
from typing import Any

from ..exceptions import StoreError
from ..model import hash_id
from ..store.schema import EventKeyRow
from .features import ClaimFeatures, Rules, compare

__all__ = ["Group", "features_data", "key_of", "NO_DATE"]

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


def key_of(f: ClaimFeatures, rules: Rules) -> str:
    parts: list[Any] = [features_data(f)]
    if compare(f, f, rules) is None or compare(f, f, rules, strict=True) is None:
        parts.append(f.claim_id)
    return hash_id("k", *parts)


def _features_from(data: dict[str, Any], founder: str) -> ClaimFeatures:
    published, claim_id = founder.rsplit(" ", 1)
    interval = data.get("interval")
    return ClaimFeatures(
        claim_id=claim_id, document_id="", original="", published=published,
        families=frozenset(data.get("families") or ()), people=frozenset(data.get("people") or ()),
        interval=(int(interval[0]), int(interval[1])) if interval else None,
        **{name: data.get(name) for name in _FIELDS},
    )


@dataclass(eq=False)
class Group:
    """Claims placed as one: a stored key row, or (``row`` None) one claim of the new document.

    ``features`` stand for every claim of the group, with the founder's id and publication
    (the tie-break of equal matches); ``merged_into`` is the group a merged one became.
    """

    node: str  # "k:<row id>" or "c:<claim id>"
    features: ClaimFeatures
    event_id: str | None
    founder: str
    key: str
    row: EventKeyRow | None = None
    merged_into: Group | None = None

    @classmethod
    def of_row(cls, row: EventKeyRow) -> Group:
        return cls(f"k:{row.id}", _features_from(row.features, row.founder), row.event_id, row.founder, row.key, row)

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

    def absorb(self, other: Group) -> None:
        """Take ``other``'s claims (the same key in the same event): count and smaller founder."""
        if self.row is None:
            raise StoreError(f"event key {self.key} has no stored row to take claims into; rebuild the events "
                             "(EventBuilder.rebuild)")
        self.row.claims += other.row.claims if other.row is not None else 1
        if other.founder < self.founder:
            self.founder = self.row.founder = other.founder
            published, claim_id = other.founder.rsplit(" ", 1)
            self.features = replace(self.features, claim_id=claim_id, published=published)
        other.merged_into = self
