"""Canonical actors: an alias index over the pack's ``actors.yaml`` plus ``aliases.yaml``.

Every alias is indexed twice: by its normalised form (exact, any script after
transliteration) and by its phonetic key (romanisation variants).  ``ActorIndex.resolve``
also finds the actor inside a longer phrase ("Russia's Security Council secretary Sergei
Shoigu"): the rightmost longest known name wins, person names over country metonyms.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..packs import Pack
from .normalize import NameRules, key_tokens, normalize

__all__ = ["ActorIndex", "CanonicalActor"]

CATEGORIES = {"country", "person", "organisation", "armed_force"}
_RANK = {"person": 3, "organisation": 2, "armed_force": 2, "country": 1}


@dataclass
class CanonicalActor:
    id: str
    name: str
    category: str
    country: str | None = None
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class ActorIndex:
    rules: NameRules
    actors: dict[str, CanonicalActor] = field(default_factory=dict)
    by_norm: dict[str, str] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)
    by_adjective: dict[str, str] = field(default_factory=dict)  # demonyms: weaker than names
    titles: list[str] = field(default_factory=list)

    @classmethod
    def from_pack(cls, pack: Pack, rules: NameRules) -> ActorIndex:
        index = cls(rules)
        data = pack.section("actors", {}) or {}
        extra = pack.section("aliases", {}) or {}
        for entry in data.get("countries") or []:
            index._add(pack, "actors", entry, "country", code=entry.get("code"))
        for key, category in (("people", "person"), ("organisations", "organisation")):
            for entry in data.get(key) or []:
                index._add(pack, "actors", entry, category)
        for entry in extra.get("actors") or []:
            category = entry.get("category", "organisation")
            if category not in CATEGORIES:
                raise pack.error("aliases", f"actor {entry.get('id')!r}: category must be one of "
                                 f"{', '.join(sorted(CATEGORIES))}", entry, "category")
            index._add(pack, "aliases", entry, category)
        for actor_id, names in (extra.get("extra_aliases") or {}).items():
            actor = index.actors.get(actor_id)
            if actor is None:
                raise pack.error("aliases", f"extra_aliases: no actor {actor_id!r} in actors.yaml or aliases.yaml",
                                 extra.get("extra_aliases"), actor_id)
            for name in names or []:
                index._alias(actor, str(name))
        index.titles = sorted((normalize(str(t), rules) for t in extra.get("titles") or []), key=len, reverse=True)
        return index

    def _add(self, pack: Pack, section: str, entry: Any, category: str, code: str | None = None) -> None:
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise pack.error(section, f"every actor needs an id and a name (found {entry!r})", entry)
        actor = self.actors.get(entry["id"]) or CanonicalActor(
            str(entry["id"]), str(entry["name"]), category, code or entry.get("country"), entry.get("title"))
        self.actors[actor.id] = actor
        for name in [actor.name, *(entry.get("aliases") or [])]:
            self._alias(actor, str(name))
        for adj in entry.get("adjectives") or []:
            actor.adjectives.append(str(adj))
            self._put(self.by_adjective, normalize(str(adj), self.rules), actor)

    def _alias(self, actor: CanonicalActor, name: str, listed: bool = True) -> None:
        norm = normalize(name, self.rules)
        if not norm:
            return
        if listed and name not in actor.aliases:
            actor.aliases.append(name)
        self._put(self.by_norm, norm, actor)
        person = actor.category == "person"
        key = " ".join(key_tokens(name, self.rules, person=person))
        if len(key) > 3:  # short keys (Xi, US) only match exactly
            self._put(self.by_key, key, actor)

    def _put(self, table: dict[str, str], key: str, actor: CanonicalActor) -> None:
        # the first definition wins, as in the extractor ("the Kremlin" stays a country)
        table.setdefault(key, actor.id)

    # -- lookup ------------------------------------------------------------------------------
    def get(self, actor_id: str) -> CanonicalActor | None:
        return self.actors.get(actor_id)

    def _exact(self, text: str) -> tuple[CanonicalActor, str] | None:
        norm = normalize(text, self.rules)
        if norm in self.by_norm:
            return self.actors[self.by_norm[norm]], "alias"
        words = norm.split()
        person_key = " ".join(key_tokens(norm, self.rules, person=True))
        if norm in self.by_adjective:
            return self.actors[self.by_adjective[norm]], "alias"
        if person_key in self.by_key:
            return self.actors[self.by_key[person_key]], "transliteration"
        org_key = " ".join(key_tokens(norm, self.rules, person=False))
        if len(words) > 1 and org_key in self.by_key:
            return self.actors[self.by_key[org_key]], "transliteration"
        return None

    def resolve(self, text: str | None) -> dict[str, Any] | None:
        """The canonical actor a name or phrase stands for: ``{"actor", "score", "why"}``."""
        if not text or not text.strip():
            return None
        found = self._exact(text)
        if found:
            actor, how = found
            return {"actor": actor, "score": 1.0 if how == "alias" else 0.95, "why": {how: text}}
        head = text.split(",")[0]
        words = normalize(head, self.rules).split()
        best: tuple[tuple[int, int, int], CanonicalActor, str] | None = None
        for size in range(min(len(words), 6), 0, -1):
            for start in range(len(words) - size, -1, -1):
                span = " ".join(words[start:start + size])
                hit = self._exact(span)
                if not hit:
                    continue
                actor = hit[0]
                if actor.category == "person" and start + size != len(words):
                    continue  # a person's name is the head of the phrase: "Kim" in "Kim Jong Il" is not Kim Jong Un
                rank = (_RANK[actor.category], start + size, size)
                if best is None or rank > best[0]:
                    best = (rank, actor, span)
        if best is None:
            return None
        _, actor, span = best
        return {"actor": actor, "score": 0.9, "why": {"inside_phrase": span, "phrase": text}}

    def search(self, text: str) -> list[CanonicalActor]:
        """Actors whose id, name or an alias contains the text (for ``sanctionwatch actor``)."""
        hit = self.resolve(text)
        if hit:
            return [hit["actor"]]
        norm = normalize(text, self.rules)
        return [a for a in self.actors.values()
                if norm in a.id.lower() or any(norm in normalize(n, self.rules) for n in [a.name, *a.aliases])]
