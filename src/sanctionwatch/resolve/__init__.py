"""Resolve stage: canonical actors, places with coordinates, sanctions-list screening.

``Resolver.for_pack(pack)`` (cached per pack) bundles the pack's actor alias index
(:mod:`.actors`), the gazetteer (:mod:`.places`) and the transliteration rules
(:mod:`.normalize`).  ``resolve_claims(doc, claims)`` only *adds*: it fills the ``id`` of
actors, targets and sources the extractor left unresolved, and the country, coordinates
and id of locations; it never renames what the extractor chose.

Sanctions lists: :mod:`.lists` (UN XML and FtM loaders), :mod:`.matching` (the name
matcher with explained scores), :mod:`.screening` (matches of document names against
loaded lists, honouring analysts' judgements).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Claim, Document, Entity, Place
from ..packs import Pack
from .actors import ActorIndex, CanonicalActor
from .normalize import NameRules, key_tokens, latinize, normalize
from .places import Gazetteer, GeoPlace

__all__ = ["ActorIndex", "CanonicalActor", "Gazetteer", "GeoPlace", "NameRules", "Resolver",
           "key_tokens", "latinize", "normalize"]


@dataclass
class Resolver:
    pack: Pack
    rules: NameRules
    actors: ActorIndex
    places: Gazetteer

    @classmethod
    def for_pack(cls, pack: Pack) -> Resolver:
        key = (pack.name, str(pack.path))
        if key not in _CACHE:
            _CACHE[key] = _build(pack)
        return _CACHE[key]

    def actor(self, name: str | None) -> CanonicalActor | None:
        hit = self.actors.resolve(name)
        return hit["actor"] if hit else None

    def _entity(self, entity: Entity | None) -> None:
        if entity is None or entity.id:
            return
        actor = self.actor(entity.name)
        if actor is not None:
            entity.id = actor.id

    def _place(self, place: Place | None, country_hint: str | None) -> None:
        if place is None or (place.lat is not None and place.country and place.id):
            return
        found = self.places.lookup(place.name, country=place.country or country_hint)
        if found is None:
            return
        place.id = place.id or found.id
        place.country = place.country or found.country
        if place.lat is None and found.lat is not None:
            place.lat, place.lon = found.lat, found.lon

    def resolve_claims(self, doc: Document | None, claims: list[Claim]) -> list[Claim]:
        for claim in claims:
            for entity in (claim.actor, claim.target, claim.attributed_to):
                self._entity(entity)
            hint = None
            if claim.target and claim.target.id:
                target = self.actors.get(claim.target.id)
                hint = target.country if target else None
            self._place(claim.location, hint)
        return claims

    def country_of(self, entity: Entity | None) -> str | None:
        """ISO code of the state an entity belongs to (resolving its name if needed)."""
        if entity is None:
            return None
        actor = self.actors.get(entity.id) if entity.id else None
        if actor is None and entity.id and entity.id.startswith("country:"):
            return entity.id.split(":", 1)[1]
        actor = actor or self.actor(entity.name)
        return actor.country if actor else None


_CACHE: dict[tuple[str, str], Resolver] = {}


def _build(pack: Pack) -> Resolver:
    rules = NameRules.from_data((pack.section("aliases", {}) or {}).get("transliteration") or {})
    return Resolver(pack, rules, ActorIndex.from_pack(pack, rules), Gazetteer.from_pack(pack, rules))


def describe(resolver: Resolver, name: str) -> dict[str, Any] | None:
    """What ``sanctionwatch actor NAME`` shows: the actor, how it was found, its keys."""
    hit = resolver.actors.resolve(name)
    if hit is None:
        return None
    actor = hit["actor"]
    return {**actor.to_dict(), "score": hit["score"], "why": hit["why"],
            "normalised": normalize(name, resolver.rules),
            "key": " ".join(key_tokens(name, resolver.rules, person=actor.category == "person"))}
