"""The seed report end to end: its claims, once each, despite the repeated paragraphs."""
from __future__ import annotations

import pytest

from sanctionwatch.extract import Extractor
from sanctionwatch.model import RawDocument
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import Store

from ..conftest import shared_path


def _seed_claims(db_url: str, extractor: Extractor, published: str | None = None):  # type: ignore[no-untyped-def]
    seed = shared_path("seeds", "000_c6a2f1e53ac70cb7.txt")
    store = Store(db_url)
    if published is None:
        report = Pipeline(store, extractor=extractor).ingest([str(seed)])
        assert report.stored == 1
    else:
        lines = seed.read_text(encoding="utf-8").splitlines()
        raw = RawDocument(text="\n\n".join(lines[1:]), title=lines[0], path=str(seed), format="txt",
                          source=seed.name, published=published, language="en")
        assert Pipeline(store, extractor=extractor).process_raw(raw).status == "stored"
    return [c for c, _ in store.claims()]


def _find(claims, type_, value=None):  # type: ignore[no-untyped-def]
    return [c for c in claims if c.type == type_ and (value is None or (c.quantity and c.quantity.value == value))]


def test_seed_dispatch_claims(db_url: str, extractor: Extractor) -> None:
    claims = _seed_claims(db_url, extractor)
    for value, kind in ((5000, "construction workers"), (1000, "sappers")):
        [c] = _find(claims, "labor_dispatch", value)
        assert c.quantity.kind == kind and c.quantity.qualifier == "exact"
        assert c.actor.id == "country:KP"
        assert c.location is not None and "Kursk" in c.location.name and c.location.country == "RU"
        assert c.attributed_to is not None and c.attributed_to.name == "Sergei Shoigu"
        assert c.modality == "announced_planned"
        assert c.date is not None and c.date.text and "Tuesday" in c.date.text and c.date.start is None


def test_seed_workers_present_and_meeting(db_url: str, extractor: Extractor) -> None:
    claims = _seed_claims(db_url, extractor)
    [w] = _find(claims, "workers_present", 15000)
    assert w.quantity.qualifier == "up_to" and w.modality == "reported_estimate"
    assert w.attributed_to is not None and w.attributed_to.name == "unnamed reports"
    assert w.target is not None and w.target.id == "country:RU"
    assert w.date is not None and "April" in (w.date.text or "")
    meetings = _find(claims, "meeting")
    assert len(meetings) == 1
    names = {meetings[0].actor.name, meetings[0].target.name}
    assert names == {"Sergei Shoigu", "Kim Jong Un"}


def test_seed_repeated_paragraphs_do_not_duplicate_claims(db_url: str, extractor: Extractor) -> None:
    claims = _seed_claims(db_url, extractor)
    keys = [(c.type, c.quantity.value if c.quantity else None, c.quantity.kind if c.quantity else None)
            for c in claims]
    assert len(keys) == len(set(keys)), keys


@pytest.mark.parametrize("published, expected", [("2025-06-18", "2025-06-17"), ("2025-06-17", "2025-06-17")])
def test_seed_tuesday_resolves_against_publication(db_url: str, extractor: Extractor, published: str,
                                                   expected: str) -> None:
    claims = _seed_claims(db_url, extractor, published=published)
    [c] = _find(claims, "labor_dispatch", 5000)
    assert c.date is not None and c.date.start == expected


def test_seed_teaser_restating_the_dispatch_is_not_a_claim_of_its_own(db_url: str, extractor: Extractor) -> None:
    claims = _seed_claims(db_url, extractor)
    figures = sorted(c.quantity.value for c in claims if c.quantity and c.quantity.value is not None)
    assert figures == [1000, 5000, 15000], [(c.type, c.quantity) for c in claims]
