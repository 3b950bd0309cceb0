"""Provision rules (data in packs/*/provisions.yaml), flags, and decisions that survive re-runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.assess import assess_claims, assess_document, flags_for_claims, rules_for
from sanctionwatch.model import Claim, DateRef, Document, Entity, Evidence
from sanctionwatch.packs import load_pack
from sanctionwatch.resolve.lists import load_list
from sanctionwatch.resolve.screening import decide, matches

FIX = Path(__file__).parents[1] / "fixtures" / "lists"


def claim(type: str, actor: str, target: str | None = None, text: str = "evidence", date: str | None = None,
          cid: str = "c1", **kw: object) -> Claim:
    return Claim(type=type, actor=Entity(actor), target=Entity(target) if target else None,
                 evidence=[Evidence(text, 0, len(text))], date=DateRef(date) if date else None, id=cid, **kw)


def cites(flags: list[dict]) -> set[str]:  # type: ignore[type-arg]
    return {f["provision"] for f in flags}


RULES = [
    (claim("labor_dispatch", "North Korea", "Russia"), {"unscr-2397-op8", "unscr-2375-op17"}),
    (claim("workers_present", "DPRK", "Russia"), {"unscr-2397-op8", "unscr-2375-op17"}),
    (claim("arms_transfer", "Pyongyang", "Russia"), {"unscr-1718-op8b", "unscr-1874-op9"}),
    (claim("arms_transfer", "Russia", "North Korea"), {"unscr-1718-op8a", "unscr-1874-op10"}),
    (claim("other", "Russia", "North Korea", text="Russian instructors are training North Korean officers"),
     {"unscr-1718-op8c"}),
]


@pytest.mark.parametrize("c,expected", RULES)
def test_rules(c: Claim, expected: set[str]) -> None:
    flags = assess_claims(load_pack("dprk"), [c])
    assert expected <= cites(flags)
    for f in flags:
        assert f["why"]["caveat"].startswith("may be relevant to UNSCR ")
        assert f["why"]["evidence"] == [c.evidence[0].text] and f["summary"] and f["paragraph"]


@pytest.mark.parametrize("c", [
    claim("labor_dispatch", "North Korea", "Russia", negated=True),
    claim("arms_transfer", "North Korea", "Russia", modality="denied"),
    claim("meeting", "Vladimir Putin", "Kim Jong Un"),
    claim("arms_transfer", "Iran", "Russia"),
])
def test_no_flag(c: Claim) -> None:
    assert assess_claims(load_pack("dprk"), [c]) == []


def test_designated_travel_needs_a_match() -> None:
    c = claim("meeting", "Pak Tong Hui", "Sergei Shoigu")
    assert assess_claims(load_pack("dprk"), [c]) == []
    flags = assess_claims(load_pack("dprk"), [c], designated={"c1": [{"entry_id": "unsc-9000001"}]})
    assert "unscr-1718-op8e" in cites(flags)


def test_iran_pack_is_data_only_and_dated() -> None:
    pack = load_pack("iran")
    assert "unscr-2231-annexb-p4" in rules_for(pack).provisions
    assert "unscr-2397-op8" in rules_for(pack).provisions  # extends dprk
    drones_2022 = claim("arms_transfer", "Iran", "Russia", date="2022-11-05")
    assert "unscr-2231-annexb-p4" in cites(assess_claims(pack, [drones_2022]))
    assert "unscr-1747-op5" not in cites(assess_claims(pack, [drones_2022]))
    later = claim("arms_transfer", "Tehran", "Russia", date="2025-10-02")
    assert {"unscr-1747-op5"} <= cites(assess_claims(pack, [later]))
    assert "unscr-2231-annexb-p4" not in cites(assess_claims(pack, [later]))


def test_decision_survives_rescreening(tmp_path: Path) -> None:
    from sanctionwatch.store import Store

    store = Store(str(tmp_path / "t.db"))
    pack = load_pack("dprk")
    with store.session() as s:
        assert load_list(s, FIX / "un_mini.xml") == 4
    doc = Document(id="d_1", text="t", raw_text="t", path="x.txt", format="txt", published="2025-01-01")
    c = claim("meeting", "Pak Tong-hui", "Sergei Shoigu", cid="c_1")
    store.save(doc, [c])
    with store.session() as s:
        assess_document(s, pack, doc, [c])
    with store.session() as s:
        found = matches(s)
        assert len(found) == 1 and found[0]["entry_id"] == "unsc-9000001" and found[0]["why"]
        assert "unscr-1718-op8e" in {f["provision"] for f in flags_for_claims(s, ["c_1"])["c_1"]}
        decide(s, found[0]["id"][:10], "different", "another man")
    for _ in range(2):  # re-runs keep the decision and drop the flag
        with store.session() as s:
            assess_document(s, pack, doc, [c])
        with store.session() as s:
            assert matches(s)[0]["decision"] == "different"
            assert "c_1" not in flags_for_claims(s, ["c_1"])
