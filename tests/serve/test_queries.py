"""The query layer's list pages: totals that follow every write, orders read off an index."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, event, text

from sanctionwatch.model import Claim, Document, Entity, Evidence, Quantity
from sanctionwatch.serve import queries
from sanctionwatch.store import ClaimRow, EventRow, Store

from ..conftest import fresh_pg_database


def _save(store: Store, key: str, n: int) -> None:
    text = " ".join(f"Sentence {i} says {i + 1},000 workers arrived." for i in range(n))
    doc = Document(id=f"d_{key}", text=text, raw_text=text, path=f"{key}.txt", format="text", language="en",
                   published="2025-01-02")
    claims = [Claim(type="labor_dispatch", actor=Entity("North Korea", "country:KP"),
                    quantity=Quantity(float((i + 1) * 1000), "workers"), evidence=[Evidence(f"Sentence {i}", 0, 10)],
                    extractor="test@1") for i in range(n)]
    store.save(doc, claims)


def _event(store: Store, event_id: str, reported: str | None, date: str | None = None) -> None:
    with store.session() as s:
        s.add(EventRow(id=event_id, type="labor_dispatch", last_reported=reported, date_start=date))


def _totals(store: Store) -> tuple[int, int, int, int]:
    return (queries.list_claims(store, queries.ClaimFilters()).total,
            queries.list_claims(store, queries.ClaimFilters(q="sentence 1")).total,
            queries.list_events(store, queries.EventFilters()).total,
            queries.list_documents(store).total)


def test_list_totals_follow_writes_of_this_and_other_connections(tmp_path: Path) -> None:
    path = tmp_path / "totals.db"
    store, other = Store(str(path)), Store(str(path))
    _save(store, "a", 3)
    _event(store, "e_1", "2025-01-02")
    assert _totals(store) == (3, 1, 1, 1)
    assert _totals(store) == (3, 1, 1, 1)  # counted again or remembered: the same answer
    _save(other, "b", 12)  # another engine: another connection, as another process would be
    assert _totals(store) == (15, 4, 1, 2)  # "Sentence 1", "Sentence 10", "Sentence 11" in b
    _event(other, "e_2", "2025-01-03")
    _save(store, "c", 1)  # this store's own connection
    assert _totals(store) == (16, 4, 2, 3)
    with sqlite3.connect(path) as raw:  # outside SQLAlchemy altogether
        raw.execute("DELETE FROM claims WHERE document_id = 'd_b'")
    assert _totals(store) == (4, 1, 2, 3)
    with store.session() as s:  # a write of the same connection the totals were counted on
        s.execute(delete(ClaimRow).where(ClaimRow.document_id == "d_c"))
    assert _totals(store) == (3, 1, 2, 3)
    store.close()
    other.close()


def test_claim_records_follow_changes_to_the_claim_and_its_document(tmp_path: Path) -> None:
    path = tmp_path / "records.db"
    store = Store(str(path))
    _save(store, "a", 2)
    first = queries.list_claims(store, queries.ClaimFilters()).items
    assert {c["document"]["title"] for c in first} == {None} and {c["event_id"] for c in first} == {None}
    assert queries.list_claims(store, queries.ClaimFilters()).items == first  # read again: the same records
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE documents SET title = 'Workers arrive' WHERE id = 'd_a'")
        raw.execute("UPDATE claims SET event_id = 'e_9', evidence = '[]' WHERE id = ?", (first[0]["claim_id"],))
    again = {c["claim_id"]: c for c in queries.list_claims(store, queries.ClaimFilters()).items}
    assert {c["document"]["title"] for c in again.values()} == {"Workers arrive"}
    changed = again[first[0]["claim_id"]]
    assert changed["event_id"] == "e_9" and changed["evidence"] == []
    assert again[first[1]["claim_id"]]["event_id"] is None and again[first[1]["claim_id"]]["evidence"]
    store.close()


def _plans(store: Store, run: Any) -> dict[str, str]:
    """The query plan of every statement ``run`` sends, by statement."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        sent.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        return {st: " | ".join(row[-1] for row in raw.execute("EXPLAIN QUERY PLAN " + st, params).fetchall())
                for st, params in sent if st.lstrip().upper().startswith("SELECT")}


def test_list_pages_read_their_order_off_an_index(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "plans.db"))
    _save(store, "a", 5)
    _event(store, "e_1", "2025-01-02")
    _event(store, "e_2", None, "2025-01-05")  # no report date: ordered by its own date
    _event(store, "e_3", "2025-01-04")
    assert [e["id"] for e in queries.list_events(store, queries.EventFilters()).items] == ["e_2", "e_3", "e_1"]
    for run, index in ((lambda: queries.list_events(store, queries.EventFilters(), offset=1), "ix_events_recent"),
                       (lambda: queries.list_claims(store, queries.ClaimFilters(), offset=1), "ix_claims_date_id")):
        ordered = {st: plan for st, plan in _plans(store, run).items() if "ORDER BY" in st}
        assert len(ordered) == 1, ordered
        plan = next(iter(ordered.values()))
        assert index in plan and "TEMP B-TREE" not in plan, plan
    store.close()


@pytest.mark.postgres
def test_list_totals_and_order_on_postgresql() -> None:
    for url in fresh_pg_database():
        store, other = Store(url), Store(url)
        _save(store, "a", 3)
        _event(store, "e_1", "2025-01-02")
        _event(store, "e_2", None, "2025-01-05")
        assert _totals(store) == (3, 1, 2, 1)
        _save(other, "b", 12)
        assert _totals(store) == (15, 4, 2, 2)
        assert [e["id"] for e in queries.list_events(store, queries.EventFilters()).items] == ["e_2", "e_1"]
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_events_recent'")).first()
        store.close()
        other.close()
