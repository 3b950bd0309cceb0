"""Korean sentence table: particles, 천/만 numerals with counters, hedges, attribution, denial."""
from __future__ import annotations

from typing import Any

import pytest

from sanctionwatch.extract.lexical.ko import parse_ko_number

from .conftest import summary

CASES: list[tuple[str, set[tuple[Any, ...]]]] = [
    ("국정원은 북한이 러시아에 병력 2천 명을 추가로 보냈다고 밝혔다.",
     {("troop_deployment", 2000, "troops", "exact")}),
    ("북한 노동자 약 3만 명이 러시아 극동에서 일하고 있는 것으로 추정된다.",
     {("workers_present", 30000, "workers", "approx")}),
    ("북한은 쿠르스크주에 공병 2천여 명을 보내기로 결정했다.",
     {("labor_dispatch", 2000, "sappers", "approx")}),
    ("북한이 러시아에 넘긴 포탄은 400만 발 이상으로 추산된다.",
     {("arms_transfer", 4000000, "artillery shells", "at_least")}),
    ("북한은 러시아에 건설 노동자 1만2천500명을 보냈다.",
     {("labor_dispatch", 12500, "construction workers", "exact")}),
    ("러시아는 북한에서 최대 5천 명의 노동자를 받을 계획이다.",
     {("labor_dispatch", 5000, "workers", "up_to")}),
    ("북한이 러시아에 2천~3천 명을 파병했다고 국정원이 밝혔다.",
     {("troop_deployment", 2000, "troops", None)}),
    ("크렘린궁은 북한군 파병설을 '가짜 뉴스'라고 일축했다.",
     {("troop_deployment", None, "troops", None)}),
    # negatives: rush hour (러시아워) is not Russia; no DPRK; money; DPRK with no Russia link
    ("출근 러시아워에 지하철 노동자 1천 명이 파업했다.", set()),
    ("서울시는 버스 요금을 1천500원으로 올렸다.", set()),
    ("북한은 동해상으로 탄도미사일 여러 발을 쐈다고 합참이 밝혔다.", set()),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0][:30] for c in CASES])
def test_sentence(ml: dict[str, Any], text: str, want: set[tuple[Any, ...]]) -> None:
    assert summary(ml["ko"].extract_text(text, "2025-06-18")) == want


def test_particles_are_stripped_from_names_and_places(ml: dict[str, Any]) -> None:
    [claim] = ml["ko"].extract_text("북한은 쿠르스크에 공병 2천 명을 보냈다고 국정원이 밝혔다.", None)
    assert claim.actor and claim.actor.id == "country:KP"
    assert claim.location and claim.location.id == "place:kursk-oblast"
    assert claim.attributed_to and claim.attributed_to.id == "org:kr-nis"
    assert claim.extractor.startswith("ko-rules@")


def test_meeting_with_comitative_counterpart(ml: dict[str, Any]) -> None:
    [claim] = ml["ko"].extract_text("쇼이구 서기는 평양에서 김정은 위원장과 회담했다.", None)
    assert claim.type == "meeting"
    assert {claim.actor.id, claim.target.id} == {"person:sergei-shoigu", "person:kim-jong-un"}  # type: ignore[union-attr]


def test_denial_names_the_denier(ml: dict[str, Any]) -> None:
    [claim] = ml["ko"].extract_text("크렘린궁은 북한군 파병설을 '가짜 뉴스'라고 일축했다.", None)
    assert claim.modality == "denied" and claim.negated
    assert claim.attributed_to and claim.attributed_to.id == "org:ru-kremlin"


@pytest.mark.parametrize(("text", "value"), [
    ("1천", 1000), ("5천", 5000), ("1만5천", 15000), ("1만2천", 12000), ("6천700", 6700),
    ("1만3천221", 13221), ("300만", 3_000_000), ("천", 1000), ("12,500", 12500),
])
def test_numerals(text: str, value: float) -> None:
    assert parse_ko_number(text) == value
