"""Gazetteer cases: one place for each spelling, cities told apart from regions."""
from __future__ import annotations

import pytest

from sanctionwatch.model import Claim, Entity, Place
from sanctionwatch.packs import load_pack
from sanctionwatch.resolve import Resolver


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return Resolver.for_pack(load_pack("dprk")).places


CASES = [
    ("Kursk region", "place:kursk-oblast", "RU"),
    ("Kursk Oblast", "place:kursk-oblast", "RU"),
    ("Kurskaya oblast", "place:kursk-oblast", "RU"),
    ("Kurskaya oblast'", "place:kursk-oblast", "RU"),
    ("Voronezh Oblast", "iso:RU-VOR", "RU"),
    ("Voronezhskaya oblast", "iso:RU-VOR", "RU"),
    ("Khabarovsk Krai", "iso:RU-KHA", "RU"),
    ("Пхеньян", "geonames:1871859", "KP"),
    ("평양", "geonames:1871859", "KP"),
    ("Chongjin", "geonames:2044757", "KP"),
]


@pytest.mark.parametrize("name,place_id,country", CASES)
def test_lookup(gaz, name: str, place_id: str, country: str) -> None:  # type: ignore[no-untyped-def]
    place = gaz.lookup(name)
    assert place is not None and place.id == place_id and place.country == country
    assert place.lat is not None and place.lon is not None


def test_city_and_region_are_told_apart(gaz) -> None:  # type: ignore[no-untyped-def]
    city, region = gaz.lookup("Kursk city"), gaz.lookup("Kursk region")
    assert city.kind == "city" and city.id.startswith("geonames:")
    assert region.id == "place:kursk-oblast"
    assert gaz.lookup("Voronezh").kind == "city"
    assert gaz.lookup("Voronezh Oblast").kind == "region"


def test_unknown_place(gaz) -> None:  # type: ignore[no-untyped-def]
    assert gaz.lookup("Nowhere-in-particular-land") is None


def test_resolver_adds_but_never_renames() -> None:
    r = Resolver.for_pack(load_pack("dprk"))
    claim = Claim(type="labor_dispatch", actor=Entity("Pyongyang"), target=Entity("Russia"),
                  location=Place("Kursk region"), attributed_to=Entity("Шойгу"))
    r.resolve_claims(None, [claim])
    assert claim.actor.name == "Pyongyang" and claim.actor.id == "country:KP"
    assert claim.attributed_to.id == "person:sergei-shoigu"
    assert claim.location.name == "Kursk region" and claim.location.country == "RU"
    assert claim.location.lat == pytest.approx(51.73, abs=0.1)
    kept = Claim(type="meeting", actor=Entity("Kim", "person:someone-else"))
    r.resolve_claims(None, [kept])
    assert kept.actor.id == "person:someone-else"
