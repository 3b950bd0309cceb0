"""The same storage behaviour on SQLite and PostgreSQL (``store_url`` runs each test on both)."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect

from sanctionwatch.exceptions import NotFoundError, StoreError
from sanctionwatch.model import Claim, DateRef, Document, Entity, Evidence, Place, Quantity
from sanctionwatch.store import Store, database_url
from sanctionwatch.store.migrations import current, diff, head


def doc(n: int = 1, text: str = "North Korea will send 1,000 sappers.") -> Document:
    return Document(id=f"d_{n:04d}", text=f"{text} ({n})", raw_text=text, path="a.txt", format="txt",
                    published=f"2025-06-{n % 28 + 1:02d}", language="en", removed=[{"kind": "ad", "text": "x"}])


def claim(value: float = 1000, kind: str = "sappers") -> Claim:
    return Claim(
        type="labor_dispatch", actor=Entity("North Korea", "country:KP"), target=Entity("Russia", "country:RU"),
        location=Place("Kursk Oblast", "RU", 51.7, 36.2), quantity=Quantity(value, kind, "exact", "1,000 sappers"),
        date=DateRef("2025-06-17", None, "Tuesday"), attributed_to=Entity("Sergei Shoigu", "person:sergei-shoigu"),
        modality="announced_planned", negated=False, evidence=[Evidence("1,000 sappers", 22, 35)], confidence=0.9,
        extractor="test@1",
    )


def test_new_database_is_migrated_to_head(store_url: str) -> None:
    store = Store(store_url)
    assert current(store.engine) == head()
    assert {"documents", "claims", "events", "minhashes", "judgements", "alembic_version"} <= set(
        inspect(store.engine).get_table_names())
    assert diff(store.engine) == []


def test_opening_again_is_a_no_op(store_url: str) -> None:
    Store(store_url).save(doc(), [claim()])
    again = Store(store_url)
    assert again.counts()["documents"] == 1


def test_round_trip_of_every_field(store_url: str) -> None:
    store = Store(store_url)
    c = claim()
    assert store.save(doc(), [c])
    [(back, row)] = store.claims()
    assert back.to_dict() == c.to_dict()
    d = store.document(row.id)
    assert d == doc()
    assert row.status == "analysed" and row.ingested_at is not None


def test_unicode_and_long_text(store_url: str) -> None:
    store = Store(store_url)
    text = "북한 군인 1만 명 — КНДР направит 1000 саперов. " * 2000
    store.save(doc(7, text), [])
    assert store.document("d_0007").text == f"{text} (7)"


def test_saving_twice_is_a_no_op(store_url: str) -> None:
    store = Store(store_url)
    assert store.save(doc(), [claim()])
    assert not store.save(doc(), [claim(), claim(2000)])
    assert store.counts() == {"documents": 1, "claims": 1, "events": 0}


def test_saving_in_a_callers_session_twice_is_a_no_op(store_url: str) -> None:
    store = Store(store_url)
    for expected in (True, False):
        with store.session() as s:
            assert store.save(doc(), [claim()], session=s) is expected
    assert store.counts()["claims"] == 1


def test_identical_claims_in_one_document_are_stored_once(store_url: str) -> None:
    store = Store(store_url)
    store.save(doc(), [claim(), claim(), claim(5000, "military_builders")])
    assert store.counts()["claims"] == 2


def test_failed_transaction_leaves_nothing(store_url: str) -> None:
    store = Store(store_url)
    with pytest.raises(RuntimeError):
        with store.session() as s:
            store.save(doc(), [claim()], session=s)
            raise RuntimeError("interrupted")
    assert store.counts() == {"documents": 0, "claims": 0, "events": 0}
    assert store.save(doc(), [claim()])


def test_lookup_by_prefix_and_missing(store_url: str) -> None:
    store = Store(store_url)
    store.save(doc(42), [])
    assert store.document("d_004").id == "d_0042"
    with pytest.raises(NotFoundError, match="no document 'd_zzz'"):
        store.document("d_zzz")


def test_filters_and_order(store_url: str) -> None:
    store = Store(store_url)
    m = Claim(type="meeting", actor=Entity("Sergei Shoigu", "person:sergei-shoigu"), date=DateRef("2024-01-01"),
              evidence=[Evidence("x", 0, 1)])
    store.save(doc(1), [claim(), m])
    store.save(doc(2), [claim(3000)])
    assert [c.type for c, _ in store.claims(type="meeting")] == ["meeting"]
    assert {c.type for c, _ in store.claims(actor="KOREA")} == {"labor_dispatch"}
    assert len(store.claims(since="2025-01-01")) == 2
    assert [c.quantity.value for c, _ in store.claims(document_id="d_0002")] == [3000]  # type: ignore[union-attr]
    assert [d.id for d in store.documents()] == ["d_0001", "d_0002"]
    assert len(store.claims(limit=1)) == 1


def test_postgresql_urls_use_psycopg3() -> None:
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("x.db").startswith("sqlite:///")


def test_unreachable_server_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="(?s)cannot open or migrate database .*check the --db URL"):
        Store("postgresql://nobody@/nodb?host=/nonexistent-socket-dir")
