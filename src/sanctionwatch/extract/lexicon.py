"""The extractor's view of a domain pack: ``lexicon``, ``actors`` and ``places`` sections.

``Lexicon.from_pack(pack)`` validates the three sections and raises ``PackError`` naming
the file and line of the first problem, so a broken pack fails at load time rather than
producing silently wrong claims.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..exceptions import PackError
from ..model import CLAIM_TYPES as _TYPES
from ..packs import Pack

__all__ = ["Actor", "KindSpec", "Lexicon", "PlaceSpec"]

CLAIM_TYPES = set(_TYPES)
QUALIFIER_NAMES = {"approx", "up_to", "at_least", "exact"}
#: partner: a sanctioned state that supplies the counterpart (KP, IR); counterpart: the state they
#: supply (Russia); theatre: where the counterpart's war is fought (Ukraine); other: the rest
ROLES = {"partner", "counterpart", "theatre", "other"}


@dataclass(frozen=True)
class Actor:
    """A canonical actor: a country, a person or an organisation."""

    id: str
    name: str
    category: str  # country | person | organisation
    country: str | None  # ISO code of the state it belongs to (the state itself for countries)
    role: str = "other"  # partner | counterpart | other (countries only; others inherit)
    kind: str | None = None  # organisations: agency | media
    adjective: bool = False  # this alias is a demonym ("North Korean"), not a name


@dataclass(frozen=True)
class KindSpec:
    kind: str
    type: str
    nouns: tuple[str, ...]


@dataclass(frozen=True)
class PlaceSpec:
    id: str
    name: str
    country: str
    lat: float | None
    lon: float | None
    destination: bool


@dataclass
class Lexicon:
    kinds: list[KindSpec]
    vague_numbers: list[str]
    qualifiers: dict[str, list[str]]
    triggers: dict[str, set[str]]
    modality: dict[str, set[str]]
    attribution_verbs: set[str]
    unnamed_sources: dict[str, str]
    aliases: dict[str, Actor] = field(default_factory=dict)  # alias -> actor
    places: dict[str, PlaceSpec] = field(default_factory=dict)  # alias -> place
    countries: dict[str, Actor] = field(default_factory=dict)  # ISO code -> country actor
    titles: dict[str, list[Actor]] = field(default_factory=dict)  # lowercased title -> people holding it

    def kind_noun_map(self) -> dict[str, KindSpec]:
        return {noun.lower(): spec for spec in self.kinds for noun in spec.nouns}

    @property
    def counterpart(self) -> str:
        """The ISO code of the pack's counterpart state (the one the partners supply)."""
        return next((c for c, a in self.countries.items() if a.role == "counterpart"), "")

    @property
    def partners(self) -> frozenset[str]:
        return frozenset(c for c, a in self.countries.items() if a.role == "partner")

    @property
    def theatre(self) -> str:
        """The ISO code of the state where the counterpart's war is fought, or ''."""
        return next((c for c, a in self.countries.items() if a.role == "theatre"), "")

    def role_of(self, code: str | None) -> str:
        country = self.countries.get(code or "")
        return country.role if country else "other"

    @classmethod
    def from_pack(cls, pack: Pack) -> Lexicon:
        lex = _load_lexicon(pack)
        _load_actors(pack, lex)
        _load_places(pack, lex)
        return lex


def _need(pack: Pack, section: str, node: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(node, dict) or key not in node:
        raise pack.error(section, f"{where}: missing required key {key!r}", node)
    value = node[key]
    if not isinstance(value, kind):
        raise pack.error(section, f"{where}: {key!r} must be a {kind.__name__}, not {type(value).__name__}",
                         node, key)
    return value


def _words(pack: Pack, section: str, node: Any, key: str, where: str) -> list[str]:
    values = _need(pack, section, node, key, list, where)
    for v in values:
        if not isinstance(v, str) or not v.strip():
            raise pack.error(section, f"{where}: {key!r} must list non-empty strings, found {v!r}", node, key)
    return [v for v in values]


def _load_lexicon(pack: Pack) -> Lexicon:
    data = pack.section("lexicon")
    if not isinstance(data, dict):
        raise pack.error("lexicon", "must be a mapping with kinds, qualifiers, triggers, modality, attribution")
    kinds: list[KindSpec] = []
    for i, entry in enumerate(_need(pack, "lexicon", data, "kinds", list, "top level")):
        where = f"kinds[{i}]"
        kind = _need(pack, "lexicon", entry, "kind", str, where)
        ctype = _need(pack, "lexicon", entry, "type", str, where)
        if ctype not in CLAIM_TYPES:
            raise pack.error("lexicon", f"{where}: unknown claim type {ctype!r}; use one of "
                             f"{', '.join(sorted(CLAIM_TYPES))}", entry, "type")
        kinds.append(KindSpec(kind, ctype, tuple(_words(pack, "lexicon", entry, "nouns", where))))
    qualifiers = _need(pack, "lexicon", data, "qualifiers", dict, "top level")
    for name in qualifiers:
        if name not in QUALIFIER_NAMES:
            raise pack.error("lexicon", f"qualifiers: unknown qualifier {name!r}; use "
                             f"{', '.join(sorted(QUALIFIER_NAMES))}", qualifiers, name)
    triggers = _need(pack, "lexicon", data, "triggers", dict, "top level")
    modality = _need(pack, "lexicon", data, "modality", dict, "top level")
    attribution = _need(pack, "lexicon", data, "attribution", dict, "top level")
    unnamed = attribution.get("unnamed") or {}
    if not isinstance(unnamed, dict):
        raise pack.error("lexicon", "attribution.unnamed must map a head noun to a source name",
                         attribution, "unnamed")
    return Lexicon(
        kinds=kinds,
        vague_numbers=_words(pack, "lexicon", data, "vague_numbers", "top level"),
        qualifiers={k: _words(pack, "lexicon", qualifiers, k, "qualifiers") for k in qualifiers},
        triggers={k: set(_words(pack, "lexicon", triggers, k, "triggers")) for k in triggers},
        modality={k: set(_words(pack, "lexicon", modality, k, "modality")) for k in modality},
        attribution_verbs=set(_words(pack, "lexicon", attribution, "verbs", "attribution")),
        unnamed_sources={str(k).lower(): str(v) for k, v in unnamed.items()},
    )


def _load_actors(pack: Pack, lex: Lexicon) -> None:
    data = pack.section("actors")
    if not isinstance(data, dict):
        raise pack.error("actors", "must be a mapping with countries, people and organisations")
    for i, entry in enumerate(_need(pack, "actors", data, "countries", list, "top level")):
        where = f"countries[{i}]"
        code = _need(pack, "actors", entry, "code", str, where)
        role = entry.get("role", "other")
        if role not in ROLES:
            raise pack.error("actors", f"{where}: role must be one of {', '.join(sorted(ROLES))}", entry, "role")
        actor = Actor(_need(pack, "actors", entry, "id", str, where), _need(pack, "actors", entry, "name", str, where),
                      "country", code, role)
        lex.countries[code] = actor
        for alias in [actor.name, *_words(pack, "actors", entry, "aliases", where)]:
            lex.aliases.setdefault(alias, actor)
        for alias in entry.get("adjectives") or []:
            lex.aliases.setdefault(str(alias), Actor(actor.id, actor.name, "country", code, role, adjective=True))
    for section_key, category in (("people", "person"), ("organisations", "organisation")):
        for i, entry in enumerate(_need(pack, "actors", data, section_key, list, "top level")):
            where = f"{section_key}[{i}]"
            country = entry.get("country") if isinstance(entry, dict) else None
            actor = Actor(_need(pack, "actors", entry, "id", str, where),
                          _need(pack, "actors", entry, "name", str, where), category, country,
                          lex.role_of(country), entry.get("kind"))
            title = entry.get("title") if category == "person" else None
            if isinstance(title, str) and title.strip():
                lex.titles.setdefault(title.strip().lower(), []).append(actor)
            # other words newsrooms use for the post ("top security official" for the Security Council secretary)
            for described in (_words(pack, "actors", entry, "described_as", where)
                              if category == "person" and entry.get("described_as") else []):
                holders = lex.titles.setdefault(described.strip().lower(), [])
                if actor not in holders:
                    holders.append(actor)
            for alias in [actor.name, *_words(pack, "actors", entry, "aliases", where)]:
                # a person's or agency's alias wins over a country metonym ("the Kremlin" stays a country)
                if alias not in lex.aliases or category == "organisation" and lex.aliases[alias].category != "country":
                    lex.aliases[alias] = actor


def _load_places(pack: Pack, lex: Lexicon) -> None:
    data = pack.section("places")
    if not isinstance(data, dict):
        raise pack.error("places", "must be a mapping with a 'places' list")
    for i, entry in enumerate(_need(pack, "places", data, "places", list, "top level")):
        where = f"places[{i}]"
        country = _need(pack, "places", entry, "country", str, where)
        if len(country) != 2:
            raise pack.error("places", f"{where}: country must be an ISO 3166-1 alpha-2 code", entry, "country")
        for coord in ("lat", "lon"):
            if entry.get(coord) is not None and not isinstance(entry[coord], (int, float)):
                raise pack.error("places", f"{where}: {coord} must be a number", entry, coord)
        place = PlaceSpec(_need(pack, "places", entry, "id", str, where),
                          _need(pack, "places", entry, "name", str, where),
                          country, entry.get("lat"), entry.get("lon"), bool(entry.get("destination", False)))
        for alias in _words(pack, "places", entry, "aliases", where) if entry.get("aliases") else []:
            lex.places[alias] = place


def check(pack: Pack) -> None:
    """Validate a pack's extractor sections; raises ``PackError``."""
    try:
        Lexicon.from_pack(pack)
    except PackError:
        raise
