"""Table-driven alias and transliteration cases, and normaliser properties."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.packs import load_pack
from sanctionwatch.resolve import Resolver
from sanctionwatch.resolve.normalize import key_tokens, latinize, normalize


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver.for_pack(load_pack("dprk"))


ACTOR_CASES = [
    ("Kim Jong Un", "person:kim-jong-un"),
    ("Kim Jong-un", "person:kim-jong-un"),
    ("KIM JONG-UN", "person:kim-jong-un"),
    ("김정은", "person:kim-jong-un"),
    ("Ким Чен Ын", "person:kim-jong-un"),
    ("Gim Jeong-eun", "person:kim-jong-un"),
    ("Kim Chŏng-ŭn", "person:kim-jong-un"),
    ("North Korean leader Kim Jong Un", "person:kim-jong-un"),
    ("Shoigu", "person:sergei-shoigu"),
    ("Shoygu", "person:sergei-shoigu"),
    ("Шойгу", "person:sergei-shoigu"),
    ("Sergey Shoygu", "person:sergei-shoigu"),
    ("Russia's Security Council secretary Sergei Shoigu", "person:sergei-shoigu"),
    ("Shoigu, Russia's Security Council secretary", "person:sergei-shoigu"),
    ("Sergey Lavrov", "person:sergei-lavrov"),
    ("Valeriy Gerasimov", "person:valery-gerasimov"),
    ("Vasily Nebenzya", "person:vassily-nebenzia"),
    ("최선희", "person:choe-son-hui"),
    ("Choe Son-hui", "person:choe-son-hui"),
    ("Pyongyang", "country:KP"),
    ("Moscow", "country:RU"),
    ("DPRK", "country:KP"),
    ("КНДР", "country:KP"),
    ("Korean People's Army", "org:kpa"),
    ("KPA", "org:kpa"),
    ("Kim Yo-jong", "person:kim-yo-jong"),
]


@pytest.mark.parametrize("name,expected", ACTOR_CASES)
def test_actor_aliases_and_transliterations(resolver: Resolver, name: str, expected: str) -> None:
    hit = resolver.actors.resolve(name)
    assert hit is not None, name
    assert hit["actor"].id == expected
    assert hit["score"] > 0 and hit["why"]


@pytest.mark.parametrize("name", ["Kim Jong Il", "Kim Il Sung", "Lee Jae-myung", "Nobody Atall"])
def test_other_people_do_not_resolve_to_a_listed_actor(resolver: Resolver, name: str) -> None:
    hit = resolver.actors.resolve(name)
    assert hit is None or hit["actor"].category != "person"


TRANSLIT = [
    ("김정은", "kim jong un"),
    ("리병철", "ri pyong chol"),
    ("Ли Пён Чхоль", "ri pyong chol"),
    ("Шойгу", "shoygu"),
    ("Kim Cho'ng-sik", "kim chong sik"),
    ("Russia's", "russia"),
]


@pytest.mark.parametrize("text,expected", TRANSLIT)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


KEY_EQUAL = [("Kim Jong Un", "Gim Jeong-eun"), ("Shoigu", "Shoygu"), ("Shoigu", "Schoigu"),
             ("Ri Pyong Chol", "Lee Byeong-cheol"), ("Pak Jong Chon", "Park Jeong-cheon"),
             ("Choe Son Hui", "Choi Seon-hui"), ("Valeriy", "Valery"), ("Vassily", "Vasily")]


@pytest.mark.parametrize("a,b", KEY_EQUAL)
def test_romanisation_variants_share_a_key(a: str, b: str) -> None:
    assert key_tokens(a) == key_tokens(b)


@pytest.mark.parametrize("a,b", [("Kim Jong Un", "Kim Jong Il"), ("Kim Jong Un", "Kim Yo Jong")])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert key_tokens(a) != key_tokens(b)


@given(st.text(max_size=40))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


# the Hangul syllables the property below draws its names from
HANGUL_SYLLABLES = (
    "가각간갈감강개거건걸검겸경고공과관광교구국군권귀규균그극근금기김나남내노누니다단"
    "달담당대더덕도동두라란람랑래려력련렬령례로록론료룡류륙륜률리린림마만말망매맹면명"
    "모목몽무묵문물미민박반발방배백범법변병보복본봉부북분불비빈사산삼상새서석선설섬성"
    "세소속손송수숙순술숭슬습승시식신실심아악안알암압앙애야약양어억언엄여역연열염엽영"
    "예오옥온옹와완왕외요용우욱운웅원월위유육윤율은을음응의이익인일임자작잔장재쟁저적"
    "전절점정제조종좌주죽준중즙증지직진질집징차찬창채책처천철첨청체초촌총최추축춘출충"
    "취측치칙친칠침쾌타탁탄탐탑태택토통퇴투특파판팔패편평폐포표풍피필하학한할함합항해"
    "핵행향허헌혁현혈협형혜호혹혼홍화확환활황회효후훈휘휴흉흑흠흥희"
)


@given(st.text(alphabet=HANGUL_SYLLABLES, min_size=1, max_size=4))
def test_hangul_romanises_to_ascii(text: str) -> None:
    assert latinize(text).strip().isascii()
