"""Russian sentence table: inflection, numbers in words and abbreviations, attribution, denial."""
from __future__ import annotations

from typing import Any

import pytest

from sanctionwatch.extract.lexical.ru import parse_ru_number

from .conftest import summary

CASES: list[tuple[str, set[tuple[Any, ...]]]] = [
    # case-inflected place, spelled number, perfective future = announcement
    ("Пхеньян направит в Курскую область две тысячи саперов, заявил Шойгу.",
     {("labor_dispatch", 2000, "sappers", "exact")}),
    # abbreviation with hedge, genitive demonym
    ("По данным разведки, в Россию прибыли около 7 тыс. северокорейских военнослужащих.",
     {("troop_deployment", 7000, "troops", "approx")}),
    # at-least hedge, presence without a dispatch verb
    ("Свыше 10 тыс. рабочих из КНДР трудятся на стройках России, сообщает ТАСС.",
     {("workers_present", 10000, "workers", "at_least")}),
    # unhedged range "от … до … тыс."
    ("КНДР отправила в Россию от 3 до 4 тыс. строителей.",
     {("labor_dispatch", 3000, "construction workers", None)}),
    # decimal comma
    ("Из КНДР в Россию прибыли 1,2 тыс. военных строителей.",
     {("labor_dispatch", 1200, "construction workers", "exact")}),
    # trades joined by "и" under one number: a stated total
    ("Ким Чен Ын отправит в Россию около восьми тысяч строителей и саперов.",
     {("labor_dispatch", 8000, "workers", "approx")}),
    # casualty verb retypes a troop count
    ("В боях под Курском погибли около 500 северокорейских военных.",
     {("casualties", 500, "casualties", "approx")}),
    # arms: recipient as subject
    ("Россия получила от КНДР пять тысяч артиллерийских снарядов.",
     {("arms_transfer", 5000, "artillery shells", "exact")}),
    # denial by the accused side, no number
    ("Песков назвал фейком сообщения о переброске северокорейских военных в Россию.",
     {("troop_deployment", None, "troops", None)}),
    # negatives: no DPRK/Iran in the text, a year, a percentage
    ("АвтоВАЗ сократит около 5 тыс. рабочих в Тольятти.", set()),
    ("В 2024 году российская армия увеличила набор на 15%.", set()),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence(ml: dict[str, Any], text: str, want: set[tuple[Any, ...]]) -> None:
    assert summary(ml["ru"].extract_text(text, "2025-06-18")) == want


def test_inflected_names_resolve_to_canonical_actors_and_places(ml: dict[str, Any]) -> None:
    [claim] = ml["ru"].extract_text("КНДР направит в Курскую область тысячу саперов, заявил Шойгу.", None)
    assert claim.actor and claim.actor.id == "country:KP" and claim.actor.name == "North Korea"
    assert claim.location and claim.location.id == "place:kursk-oblast" and claim.location.country == "RU"
    assert claim.attributed_to and claim.attributed_to.id == "person:sergei-shoigu"
    assert claim.modality == "announced_planned"
    assert claim.extractor.startswith("ru-rules@")


def test_denial_is_negated_and_attributed(ml: dict[str, Any]) -> None:
    [claim] = ml["ru"].extract_text("В КНДР опровергли сообщения об отправке северокорейских военных в Россию, "
                                    "заявил Песков.", None)
    assert claim.modality == "denied" and claim.negated
    assert claim.attributed_to and claim.attributed_to.id == "person:dmitry-peskov"


def test_evidence_is_a_span_of_the_text(ml: dict[str, Any]) -> None:
    text = "Заголовок.\n\nПхеньян отправил в Россию 5 тыс. военных строителей, сообщил ТАСС."
    for claim in ml["ru"].extract_text(text, None):
        for ev in claim.evidence:
            assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize(("words", "value"), [
    (["тысяча"], 1000), (["шесть", "тысяча"], 6000), (["двенадцать", "тысяча"], 12000),
    (["полтора", "тысяча"], 1500), (["двести", "пятьдесят"], 250), (["слово"], None),
])
def test_number_words(words: list[str], value: float | None) -> None:
    assert parse_ru_number(words) == value


def test_a_character_without_a_unicode_name_is_read_not_fatal() -> None:
    """pymorphy3 asks unicodedata for each letter's name; a code point newer than Python's tables has none."""
    from sanctionwatch.extract import Extractor

    assert Extractor().extract_text("\U00017000 КНДР \U00017000", published="2025-03-12", language="ru") == []
