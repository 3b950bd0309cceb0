"""List loaders on our fixtures and the shared UN file; matching precision on negatives."""
from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.resolve.lists import read_list
from sanctionwatch.resolve.matching import NameIndex

FIX = Path(__file__).parents[1] / "fixtures" / "lists"
UN_FILE = Path("/work/shared/data/sanctions/un_sc_consolidated_2024-09-26.xml")


def test_un_fixture_quirks() -> None:
    entries = {e.reference: e for e in read_list(FIX / "un_mini.xml")}
    assert set(entries) == {"KPi.901", "KPi.902", "QDi.999", "KPe.901"}  # trailing spaces stripped
    pak = entries["KPi.901"]
    assert pak.caption == "PAK TONG-HUI" and pak.is_person and pak.program == "UN-SC1718"
    assert "Pak Tong-hu'i" in pak.names and pak.weak_names == ["Tong Hui"]
    assert pak.birth_dates == ["1961-03-15"]
    assert entries["KPi.902"].caption == "RI KYONG SOP"  # double space in FIRST_NAME
    ent = entries["KPe.901"]
    assert ent.schema == "LegalEntity" and "KOREA SONGNIM GENERAL COMPANY" in ent.names


def test_ftm_fixture() -> None:
    entries = {e.id: e for e in read_list(FIX / "ftm_mini.jsonl")}
    assert set(entries) == {"NK-fict-ryo", "NK-fict-haebit"}  # Sanction and Address are not targets
    ryo = entries["NK-fict-ryo"]
    assert ryo.program == "UN-SC1718" and ryo.reference == "KPi.951" and "Рё Чан Соп" in ryo.names
    assert entries["NK-fict-haebit"].names == ["Haebit Shipping Co., Ltd.", "Haebit Maritime"]


@pytest.mark.skipif(not UN_FILE.is_file(), reason="shared UN list not present")
def test_shared_un_file() -> None:
    entries = list(read_list(UN_FILE))
    dprk = [e for e in entries if e.program == "UN-SC1718"]
    assert len(dprk) == 155 and sum(e.is_person for e in dprk) == 80
    assert all(e.reference == e.reference.strip() for e in entries if e.reference)
    kim = next(e for e in dprk if e.reference == "KPi.066")
    assert kim.caption == "KIM JONG SIK"


@pytest.fixture(scope="module")
def index() -> NameIndex:
    entries = list(read_list(UN_FILE)) if UN_FILE.is_file() else list(read_list(FIX / "un_mini.xml"))
    return NameIndex.build((e.id, e.is_person, e.names, e.weak_names) for e in entries)


NEGATIVES = ["Kim Min-jun", "Lee Seo-yeon", "Park Ji-ho", "Choi Ha-eun", "Kim Jong Un", "Kim Yo Jong",
             "Kim Jong Il", "Choe Son Hui", "Sergei Shoigu", "Vladimir Putin", "Sergei Ivanov", "Dmitry Petrov",
             "Ким Чен Ын", "김정은", "Alexander Kim", "Viktor Tsoi", "Samsung Electronics", "Gazprom",
             "Korean Air", "Russian Railways"]


@pytest.mark.parametrize("name", NEGATIVES)
def test_common_names_are_not_matched(index: NameIndex, name: str) -> None:
    assert index.search(name) == []


def test_match_carries_score_and_features() -> None:
    index = NameIndex.build((e.id, e.is_person, e.names, e.weak_names) for e in read_list(FIX / "un_mini.xml"))
    for query in ("Pak Tong Hui", "박동희", "Пак Тон Хи", "Park Dong-hui", "Tong Hui Pak"):
        hits = index.search(query)
        assert hits and hits[0]["entry_id"] == "unsc-9000001", query
        assert 0 < hits[0]["score"] <= 1 and hits[0]["why"]
    assert index.search("박동희")[0]["why"]["script"] == "hangul"
    assert index.search("Songrim Trading Corp.")[0]["entry_id"] == "unsc-9000101"
