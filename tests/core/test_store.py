from __future__ import annotations

import pytest

from sanctionwatch.exceptions import NotFoundError
from sanctionwatch.model import Claim, DateRef, Document, Entity, Evidence, Place, Quantity
from sanctionwatch.store import Store


def _doc(text: str = "North Korea will send 1,000 sappers.", **kw: object) -> Document:
    return Document(id=kw.pop("id", "d_0001"), text=text, raw_text=text, path="a.txt", format="txt", **kw)  # type: ignore[arg-type]


def _claim(value: float = 1000) -> Claim:
    return Claim(
        type="labor_dispatch", actor=Entity("North Korea", "country:KP"), target=Entity("Russia", "country:RU"),
        location=Place("Kursk Oblast", "RU", 51.7, 36.2), quantity=Quantity(value, "sappers", "exact", "1,000 sappers"),
        date=DateRef("2025-06-17", None, "Tuesday"), attributed_to=Entity("Sergei Shoigu", "person:sergei-shoigu"),
        modality="announced_planned", evidence=[Evidence("1,000 sappers", 22, 35)],
    )


def test_save_round_trips_every_field(db_url: str) -> None:
    store = Store(db_url)
    claim = _claim()
    assert store.save(_doc(), [claim])
    [(back, row)] = store.claims()
    assert row.id == "d_0001"
    assert back.to_dict() == claim.to_dict()


def test_saving_the_same_document_twice_is_a_no_op(db_url: str) -> None:
    store = Store(db_url)
    assert store.save(_doc(), [_claim()])
    assert not store.save(_doc(), [_claim(), _claim(2000)])
    assert store.counts()["claims"] == 1


def test_identical_claims_in_one_document_are_stored_once(db_url: str) -> None:
    store = Store(db_url)
    store.save(_doc(), [_claim(), _claim()])
    assert store.counts()["claims"] == 1


def test_failed_transaction_leaves_nothing(db_url: str) -> None:
    store = Store(db_url)
    with pytest.raises(RuntimeError):
        with store.session() as s:
            store.save(_doc(), [_claim()], session=s)
            raise RuntimeError("interrupted")
    assert store.counts() == {"documents": 0, "claims": 0, "events": 0}
    assert store.save(_doc(), [_claim()])


def test_document_by_unique_prefix_and_missing(db_url: str) -> None:
    store = Store(db_url)
    store.save(_doc(id="d_abcdef"), [])
    assert store.document("d_abc").id == "d_abcdef"
    with pytest.raises(NotFoundError, match="no document 'd_zzz'"):
        store.document("d_zzz")


def test_filters(db_url: str) -> None:
    store = Store(db_url)
    c = _claim()
    m = Claim(type="meeting", actor=Entity("Sergei Shoigu", "person:sergei-shoigu"), date=DateRef("2024-01-01"),
              evidence=[Evidence("x", 0, 1)])
    store.save(_doc(), [c, m])
    assert [x.type for x, _ in store.claims(type="meeting")] == ["meeting"]
    assert [x.type for x, _ in store.claims(actor="korea")] == ["labor_dispatch"]
    assert [x.type for x, _ in store.claims(since="2025-01-01")] == ["labor_dispatch"]
