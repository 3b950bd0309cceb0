"""The engine reads the states of the story from the pack: the partners, the counterpart and the
theatre from the roles of actors.yaml, and the states that words stand for without naming one
from the ``states:`` of the language's lexicon; a lexicon that needs one and lacks it fails at load."""
from __future__ import annotations

from typing import Any

import pytest

from sanctionwatch.exceptions import PackError
from sanctionwatch.extract.lexical.ru import RussianExtractor
from sanctionwatch.packs import Pack, load_pack

IRAN_DRONES = "Иран поставил России более 1000 беспилотников."


def _with(section: str, data: Any) -> Pack:
    """The DPRK pack with one section replaced."""
    base = load_pack("dprk")
    return Pack(base.name, base.path, base.meta, {**base.sections, section: data}, base.files)


def test_the_sides_are_the_roles_of_the_pack(ml: dict[str, Any]) -> None:
    ru = ml["ru"]
    assert (ru.partners, ru.counterpart, ru.theatre) == (("KP", "IR"), "RU", "UA")
    assert ru.state_of("home") == "RU" and ru.state_of("korean_surname") == "KP"
    claims = ru.extract_text(IRAN_DRONES, "2025-06-18")
    assert [(c.type, c.actor.id, c.target.id) for c in claims] == [("arms_transfer", "country:IR", "country:RU")]


def test_a_state_that_is_no_partner_in_the_pack_gives_no_claim() -> None:
    actors = dict(load_pack("dprk").sections["actors"])
    actors["countries"] = [dict(c, role="other") if c["code"] == "IR" else c for c in actors["countries"]]
    ru = RussianExtractor(_with("actors", actors))
    assert ru.partners == ("KP",)
    assert ru.extract_text(IRAN_DRONES, "2025-06-18") == []


def test_a_cue_group_without_its_state_fails_at_load() -> None:
    lexicon = {k: v for k, v in load_pack("dprk").sections["lexicon_ru"].items() if k != "states"}
    with pytest.raises(PackError, match=r"lexicon_ru\.yaml.*cue group 'home_official' needs .*add home: country:"):
        RussianExtractor(_with("lexicon_ru", lexicon))


def test_a_state_must_be_a_country_of_the_pack() -> None:
    lexicon = dict(load_pack("dprk").sections["lexicon_ru"])
    lexicon["states"] = {**lexicon["states"], "bilateral": "person:kim-jong-un"}
    with pytest.raises(PackError, match=r"lexicon_ru\.yaml.*states: bilateral: 'person:kim-jong-un' is not a country"):
        RussianExtractor(_with("lexicon_ru", lexicon))
