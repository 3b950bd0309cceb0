"""Hand-written sentences, one rule each: fields of the claims the extractor gives."""
from __future__ import annotations

import pytest

from sanctionwatch.extract import EXTRACTOR_VERSION, Extractor
from sanctionwatch.model import Claim, Document


def one(claims: list[Claim], value: float | None = None) -> Claim:
    hits = [c for c in claims if (c.quantity.value if c.quantity else None) == value]
    assert len(hits) == 1, claims
    return hits[0]


def test_seed_style_announcement(extractor: Extractor) -> None:
    text = ("Russian defense official Sergei K. Shoigu announced on Tuesday that 5,000 construction workers and "
            "an additional 1,000 sappers will be dispatched by North Korea to the Kursk region.")
    claims = extractor.extract_text(text, published="2025-06-18")
    builders, sappers = one(claims, 5000), one(claims, 1000)
    for c in (builders, sappers):
        assert c.type == "labor_dispatch"
        assert c.actor and c.actor.id == "country:KP"
        assert c.location and c.location.name == "Kursk Oblast"
        assert c.attributed_to and c.attributed_to.name == "Sergei Shoigu"
        assert c.modality == "announced_planned"
        assert c.date and c.date.text == "Tuesday" and c.date.start == "2025-06-17"
        assert c.extractor == f"en-rules@{EXTRACTOR_VERSION}"
        ev = c.evidence[0]
        assert text[ev.start:ev.end] == ev.text
    assert builders.quantity and builders.quantity.kind == "construction workers"
    assert sappers.quantity and sappers.quantity.kind == "sappers" and sappers.quantity.qualifier == "exact"


def test_passive_spelled_number(extractor: Extractor) -> None:
    c = one(extractor.extract_text("Two thousand sappers will be sent to Russia by Pyongyang, Lavrov said."), 2000)
    assert c.actor and c.actor.name == "North Korea"
    assert c.attributed_to and c.attributed_to.name == "Sergei Lavrov"


def test_hedge_and_estimate(extractor: Extractor) -> None:
    c = one(extractor.extract_text("Seoul's spy agency estimates that as many as 20,000 North Korean workers are "
                                   "employed in Russia."), 20000)
    assert c.type == "workers_present" and c.modality == "reported_estimate"
    assert c.quantity and c.quantity.qualifier == "up_to"
    assert c.attributed_to and "National Intelligence Service" in c.attributed_to.name


def test_total_and_parts_are_separate_claims(extractor: Extractor) -> None:
    claims = extractor.extract_text(
        "Shoigu said 7,000 North Korean military workers, including 4,000 builders and 3,000 sappers, would go to "
        "Kursk.")
    assert sorted(c.quantity.value for c in claims if c.quantity) == [3000, 4000, 7000]


def test_parts_only_no_total(extractor: Extractor) -> None:
    claims = extractor.extract_text("North Korea will send 2,000 sappers and 3,000 builders to Russia, Putin said.")
    assert sorted(c.quantity.value for c in claims if c.quantity) == [2000, 3000]


def test_range(extractor: Extractor) -> None:
    c = one(extractor.extract_text("Pyongyang sent 9,000 to 11,000 soldiers to Russia last year, officials said.",
                                   published="2025-03-01"), 9000)
    assert c.type == "troop_deployment" and c.quantity and c.quantity.max == 11000
    assert c.date and c.date.start == "2024"


def test_denial(extractor: Extractor) -> None:
    c = one(extractor.extract_text("Tehran denied sending any drones to Russia."))
    assert c.type == "arms_transfer" and c.modality == "denied" and c.negated
    assert c.actor and c.actor.id == "country:IR"


def test_negative_statement_by_third_party(extractor: Extractor) -> None:
    c = one(extractor.extract_text("No North Korean builders have arrived in Kursk yet, the governor said."))
    assert c.negated and c.modality == "completed"


def test_quote_with_via(extractor: Extractor) -> None:
    c = one(extractor.extract_text('"We will send 3,000 workers to Russia," Kim Jong Un was quoted as saying by KCNA.'),
            3000)
    assert c.attributed_to and c.attributed_to.name == "Kim Jong Un"
    assert c.via == "KCNA"


def test_unnamed_reports(extractor: Extractor) -> None:
    c = one(extractor.extract_text("Reports indicated that up to 9,000 North Korean workers were in Russia as of May.",
                                   published="2025-06-18"), 9000)
    assert c.attributed_to and c.attributed_to.name == "unnamed reports"
    assert c.date and c.date.start == "2025-05"


def test_meeting(extractor: Extractor) -> None:
    c = one(extractor.extract_text("Lavrov held talks with Choe Son Hui in Moscow on Friday.", published="2024-11-02"))
    assert c.type == "meeting"
    assert {c.actor.name, c.target.name} == {"Sergei Lavrov", "Choe Son Hui"}  # type: ignore[union-attr]
    assert c.date and c.date.start == "2024-11-01"


@pytest.mark.parametrize("text", [
    "Russia moved 3,000 troops into the Belgorod region, the defence ministry said.",
    "South Korea will send 200 engineers to a UN mission in Lebanon.",
    "North Korea fired two ballistic missiles into the sea on Monday.",
    "Some 4,000 workers at a Russian car plant went on strike.",
    "Would North Korea send troops to Russia?",
])
def test_no_cooperation_frame_no_claim(extractor: Extractor, text: str) -> None:
    assert extractor.extract_text(text, published="2025-06-18") == []


def test_other_languages_return_nothing_for_now(extractor: Extractor) -> None:
    doc = Document(id="d_x", text="北朝鮮はロシアに工兵1000人を派遣する。", raw_text="", path="x.txt",
                   format="txt", language="ja")
    assert extractor.extract(doc) == []
    assert not extractor.supports("ja") and extractor.supports("en")


def test_document_id_and_batch(extractor: Extractor) -> None:
    docs = [Document(id=f"d_{i}", text=t, raw_text=t, path="x.txt", format="txt", language="en", published="2025-06-18")
            for i, t in enumerate(["North Korea will send 1,000 sappers to Kursk.", "Nothing here."])]
    results = list(extractor.extract_many(docs))
    assert len(results) == 2 and results[1] == []
    assert results[0] and all(c.document_id == "d_0" for c in results[0])
