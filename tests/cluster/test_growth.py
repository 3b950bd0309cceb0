"""Placing a document costs the same however many claims the store's events hold (issue 16).

Counted, not timed: the SQL statements one ``add_document`` runs and the rows it loads, on a
store whose events gathered few reports and on one where they gathered ten times as many.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import event, select

from sanctionwatch.cluster import EventBuilder
from sanctionwatch.model import Claim, DateRef, Document, Entity, Evidence, Place, Quantity
from sanctionwatch.packs import load_pack
from sanctionwatch.store import ClaimRow, EventRow, Store

KP, RU = Entity("North Korea", "country:KP"), Entity("Russia", "country:RU")
KURSK = Place("Kursk Oblast", "RU", id="place:kursk-oblast")


def _claims() -> list[Claim]:
    """One report as a wire repeats it: a dated figure, a restatement dated by publication, vague lines."""
    def claim(type: str, value: float | None, kind: str | None, when: str | None, at: int, **kw: Any) -> Claim:
        return Claim(type=type, actor=KP, target=RU, location=kw.get("place"),
                     quantity=Quantity(value, kind, "exact" if value is not None else None) if kind else None,
                     date=DateRef(when) if when else None, modality=kw.get("modality", "completed"),
                     evidence=[Evidence("…", at, at + 1)])

    return [
        claim("troop_deployment", 12000, "troops", "2024-10-18", 1),
        claim("troop_deployment", 11000, "troops", None, 2),                       # dated by publication
        claim("troop_deployment", None, "troops", None, 3, place=KURSK),           # vague: joins the event
        claim("arms_transfer", 20000, "containers", "2024-09", 4),                 # a 730-day window
        claim("arms_transfer", None, "containers", None, 5),
        claim("labor_dispatch", None, "sappers", None, 6, modality="denied"),     # vague only
    ]


def _add(store: Store, builder: EventBuilder, i: int, *, summarise: bool, at: str = "") -> None:
    published = f"2024-10-{20 + i % 3:02d}{at}"  # a few publication days, as a wire's repeats
    doc = Document(id=f"d_{i}", text=str(i), raw_text=str(i), path=f"{i}.txt", format="txt", published=published)
    with store.session() as s:
        store.save(doc, _claims(), session=s)
        builder.add_document(s, doc.id, summarise=summarise)


def _cost_of_next(store: Store, builder: EventBuilder, i: int) -> tuple[Counter[str], Counter[str]]:
    """Queries run and rows written (``statements``), and ORM rows loaded by type, for one more document."""
    statements: Counter[str] = Counter()
    loaded: Counter[str] = Counter()

    def on_execute(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        verb = statement.split(None, 1)[0].upper()
        if verb == "SELECT":
            statements["queries"] += 1
        else:  # how many flushes batch the writes varies; the rows written do not
            statements[f"rows {verb}"] += max(cursor.rowcount, 0)

    def on_load(_session: Any, instance: Any) -> None:
        loaded[type(instance).__name__] += 1

    event.listen(store.engine, "after_cursor_execute", on_execute)
    event.listen(store._sessions, "loaded_as_persistent", on_load)
    try:  # published after the others (a stream): it founds no event, so no event is renamed
        _add(store, builder, i, summarise=False, at="T12:00:00")
    finally:
        event.remove(store.engine, "after_cursor_execute", on_execute)
        event.remove(store._sessions, "loaded_as_persistent", on_load)
    return statements, loaded


def _grown(db_url: str, documents: int) -> tuple[Store, EventBuilder]:
    store = Store(db_url)
    builder = EventBuilder(load_pack("dprk"))
    for i in range(documents):
        _add(store, builder, i, summarise=False)
    return store, builder


def test_placing_a_document_does_not_read_more_as_events_grow(tmp_path: Any) -> None:
    small = _grown(str(tmp_path / "small.db"), 6)
    large = _grown(str(tmp_path / "large.db"), 60)
    with large[0].session() as s:  # the events did grow: every report joined the same few events
        biggest = max(len(s.scalars(select(ClaimRow.id).where(ClaimRow.event_id == e)).all())
                      for e in s.scalars(select(EventRow.id)))
    assert biggest >= 60
    statements_small, loaded_small = _cost_of_next(*small, 6)
    statements_large, loaded_large = _cost_of_next(*large, 60)
    assert statements_large == statements_small and statements_large["queries"] > 0
    assert loaded_large == loaded_small
    assert loaded_large["ClaimRow"] == len(_claims())  # the new document's own claims, nothing of its events


def test_reconciling_stale_events_once_equals_reconciling_each_document(tmp_path: Any) -> None:
    each = Store(str(tmp_path / "each.db"))
    builder = EventBuilder(load_pack("dprk"))
    for i in range(5):
        _add(each, builder, i, summarise=True)
    once, deferred = _grown(str(tmp_path / "once.db"), 5)
    with once.session() as s:
        assert s.scalars(select(EventRow).where(EventRow.stale.is_(True))).all()
        assert deferred.summarise_stale(s) > 0
    with each.session() as a, once.session() as b:
        sa = {e.id: (e.summary, e.sources, e.claims, e.date_start, e.stale) for e in a.scalars(select(EventRow))}
        sb = {e.id: (e.summary, e.sources, e.claims, e.date_start, e.stale) for e in b.scalars(select(EventRow))}
    assert sa == sb and sa
