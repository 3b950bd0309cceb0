"""Events: merging across documents, background claims, total vs parts, conflicts, order."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy import select

from sanctionwatch.cluster import EventBuilder
from sanctionwatch.model import Claim, DateRef, Document, Entity, Evidence, Place, Quantity
from sanctionwatch.packs import load_pack
from sanctionwatch.store import ClaimRow, EventRow, Store

KP, RU, IR = Entity("North Korea", "country:KP"), Entity("Russia", "country:RU"), Entity("Iran", "country:IR")
KURSK = Place("Kursk Oblast", "RU", id="place:kursk-oblast")


def claim(type: str, value: float | None = None, kind: str | None = None, when: str | None = None, *,
          actor: Entity = KP, target: Entity | None = RU, said: str | None = None, qualifier: str = "exact",
          modality: str = "completed", at: int = 0, place: Place | None = None) -> Claim:
    return Claim(type=type, actor=actor, target=target, location=place,
                 quantity=Quantity(value, kind, qualifier if value is not None else None) if kind or value else None,
                 date=DateRef(when) if when else None, modality=modality,
                 attributed_to=Entity(said) if said else None, evidence=[Evidence("…", at, at + 1)])


# Fictional reports (ids, publication, outlet, claims).
DOCS: dict[str, tuple[str, str, list[Claim]]] = {
    "wire": ("2025-06-17T13:00:00+00:00", "Wire", [
        claim("labor_dispatch", 1000, "sappers", "2025-06-17", said="Shoigu", place=KURSK, at=1),
        claim("labor_dispatch", 5000, "military builders", "2025-06-17", said="Shoigu", place=KURSK, at=2),
        claim("meeting", actor=Entity("Sergei Shoigu", "person:sergei-shoigu"),
              target=Entity("Kim Jong Un", "person:kim-jong-un"), when="2025-06-17", at=3),
    ]),
    "copy": ("2025-06-17T18:00:00+00:00", "Copy Daily", [  # a syndicated copy of "wire"
        claim("labor_dispatch", 1000, "sappers", "2025-06-17", said="Shoigu", place=KURSK, at=1),
        claim("labor_dispatch", 5000, "military builders", "2025-06-17", said="Shoigu", place=KURSK, at=2),
    ]),
    "analysis": ("2025-06-20", "Brief", [
        claim("labor_dispatch", 6000, "military workers", "2025-06-17", qualifier="approx", place=KURSK, at=1),
        claim("labor_dispatch", 1000, "sappers", None, said="Shoigu", at=2),
        # background: the 2024 deployment, dated in the text
        claim("troop_deployment", 10000, "troops", "2024", said="US officials", at=3),
    ]),
    "nis": ("2024-10-18", "Dispatch", [
        claim("troop_deployment", 12000, "troops", "2024-10-18", said="NIS", at=1),
        claim("troop_deployment", 1500, "special forces", "2024-10-08/2024-10-13", said="NIS", at=2),
    ]),
    "pentagon": ("2024-10-29", "News Service", [
        claim("troop_deployment", 10000, "troops", "2024-10-28", said="Pentagon", at=1),
        claim("troop_deployment", None, "troops", None, modality="denied", said="Kremlin", at=2),
    ]),
    "ack": ("2025-04-28", "Wire", [  # months later: a new event, not the 2024 deployment
        claim("troop_deployment", None, "troops", None, said="KCNA", place=KURSK, at=1),
        claim("troop_deployment", None, "troops", None, said="Gerasimov", place=KURSK, at=2),
    ]),
    "drones": ("2023-06-10", "Review", [
        claim("arms_transfer", 6000, "drones", "2023-02", actor=IR, at=1),
        claim("arms_transfer", None, "drones", None, actor=IR, at=2),
    ]),
    "mixed": ("2023-06-12", "Herald", [  # "drones and missiles": covers no single event's kinds
        claim("arms_transfer", None, "drones; missiles", None, actor=IR, at=1),
    ]),
}


def _store(db_url: str, order: list[str]) -> Store:
    store = Store(db_url)
    builder = EventBuilder(load_pack("dprk"))
    for name in order:
        published, outlet, claims = DOCS[name]
        doc = Document(id=f"d_{name}", text=name, raw_text=name, path=f"{name}.txt", format="txt",
                       published=published, outlet=outlet, duplicate_of="d_wire" if name == "copy" else None)
        fresh = [Claim.from_dict(c.to_dict()) for c in claims]
        with store.session() as s:
            store.save(doc, fresh, session=s)
            builder.add_document(s, doc.id)
    return store


def _events(store: Store) -> dict[str, str | None]:
    with store.session() as s:
        return {f"{c.document_id}:{c.position}": c.event_id for c in s.scalars(select(ClaimRow))}


def _partition(store: Store) -> set[frozenset[str]]:
    groups: dict[str | None, set[str]] = {}
    for key, ev in _events(store).items():
        groups.setdefault(ev, set()).add(key)
    return {frozenset(g) for g in groups.values()}


ALL = list(DOCS)


@pytest.mark.parametrize("a, b, same", [
    ("d_wire:0", "d_wire:1", True),          # the parts of one announcement
    ("d_wire:0", "d_copy:0", True),          # across documents
    ("d_wire:0", "d_analysis:0", True),      # a stated total joins its parts
    ("d_wire:0", "d_analysis:1", True),      # undated restatement, dated by publication
    ("d_wire:0", "d_wire:2", False),         # the meeting is its own event
    ("d_analysis:2", "d_nis:0", True),       # background in a 2025 story joins the 2024 event
    ("d_analysis:2", "d_analysis:0", False),
    ("d_nis:0", "d_nis:1", True),            # special forces are troops of the same deployment
    ("d_nis:0", "d_pentagon:0", True),       # conflicting figures, same event
    ("d_pentagon:1", "d_nis:0", True),       # a vague denial joins the event it denies
    ("d_ack:0", "d_ack:1", True),            # vague claims group among themselves
    ("d_ack:0", "d_nis:0", False),           # six months later: another event
    ("d_drones:1", "d_drones:0", True),
    ("d_mixed:0", "d_drones:0", False),      # "drones and missiles" is not the drones event alone
])
def test_event_merging(db_url: str, a: str, b: str, same: bool) -> None:
    events = _events(_store(db_url, ALL))
    assert (events[a] == events[b]) is same


def test_total_and_parts_do_not_conflict_but_are_checked(db_url: str) -> None:
    store = _store(db_url, ALL)
    events = _events(store)
    with store.session() as s:
        ev = s.get(EventRow, events["d_wire:0"])
        assert ev is not None
        assert not ev.conflict
        [total] = ev.summary["totals"]
        assert total == {"total": "workers", "value": 6000, "parts": {"sappers": 1000, "construction workers": 5000},
                         "parts_sum": 6000, "consistent": True}
        # the copy does not count twice: wire (+ copy), analysis
        assert ev.summary["figures"]["sappers"]["independent_sources"] == 2
        assert ev.sources == 2 and ev.documents == 3
        assert ev.first_reported == "2025-06-17T13:00:00+00:00"


def test_conflicting_figures_are_flagged(db_url: str) -> None:
    store = _store(db_url, ALL)
    events = _events(store)
    with store.session() as s:
        ev = s.get(EventRow, events["d_nis:0"])
        assert ev is not None and ev.conflict
        troops = ev.summary["figures"]["troops"]
        assert troops["conflict"] and troops["consensus"] is None
        assert troops["range"] == [10000, 12000]
        assert {v["value"] for v in troops["values"]} == {10000, 12000}
        assert "Kremlin" in ev.summary["denied_by"]


def test_rounded_variants_agree(db_url: str) -> None:
    store = Store(db_url)
    builder = EventBuilder(load_pack("dprk"))
    for i, (value, q) in enumerate([(6000, "exact"), (6000, "approx"), (5900, "approx")]):
        doc = Document(id=f"d_{i}", text=str(i), raw_text=str(i), path=f"{i}.txt", format="txt",
                       published=f"2025-06-1{7 + i}")
        with store.session() as s:
            store.save(doc, [claim("labor_dispatch", value, "workers", "2025-06-17", qualifier=q)], session=s)
            builder.add_document(s, doc.id)
    with store.session() as s:
        [ev] = s.scalars(select(EventRow)).all()
        assert not ev.conflict and ev.sources == 3


@hsettings(max_examples=15, deadline=None)
@given(order=st.permutations(ALL))
def test_incremental_equals_from_scratch(tmp_path_factory: pytest.TempPathFactory, order: list[str]) -> None:
    tmp = tmp_path_factory.mktemp("events")
    incremental = _store(str(tmp / "inc.db"), list(order))
    scratch = _store(str(tmp / "scratch.db"), ALL)
    assert _events(incremental) == _events(scratch)  # the same partition and the same ids
    with scratch.session() as s:
        EventBuilder(load_pack("dprk")).rebuild(s)
    assert _events(incremental) == _events(scratch)
    with incremental.session() as a, scratch.session() as b:
        sa = {e.id: (e.summary, e.sources, e.conflict) for e in a.scalars(select(EventRow))}
        sb = {e.id: (e.summary, e.sources, e.conflict) for e in b.scalars(select(EventRow))}
    assert sa == sb


def test_meetings_of_different_people_in_one_week_are_two_events(db_url: str) -> None:
    """Real state media reports many meetings of the two sides a week: each pair of people is its own event,
    and a mention without a date joins only the meeting of the same people."""
    kim, shoigu = Entity("Kim Jong Un", "person:kim-jong-un"), Entity("Sergei Shoigu", "person:sergei-shoigu")
    choe, lavrov = Entity("Choe Son Hui", "person:choe-son-hui"), Entity("Sergei Lavrov", "person:sergei-lavrov")
    store = Store(db_url)
    builder = EventBuilder(load_pack("dprk"))
    reports = [
        ("a", "2024-09-14", [claim("meeting", actor=kim, target=shoigu, when="2024-09-13")]),
        ("b", "2024-09-15", [claim("meeting", actor=choe, target=lavrov, when="2024-09-14")]),
        ("c", "2024-09-16", [claim("meeting", actor=kim, target=shoigu)]),          # undated, same people
        ("d", "2024-09-16", [claim("meeting", actor=KP, target=RU)]),                # undated, no people
    ]
    for name, published, claims in reports:
        doc = Document(id=f"d_{name}", text=name, raw_text=name, path=f"{name}.txt", format="txt", published=published)
        with store.session() as s:
            store.save(doc, claims, session=s)
            builder.add_document(s, doc.id)
    events = {k.split(":")[0]: v for k, v in _events(store).items()}
    assert events["d_a"] != events["d_b"]
    assert events["d_c"] == events["d_a"]
    assert events["d_d"] not in (events["d_a"], events["d_b"])
    with store.session() as s:
        row = s.get(EventRow, events["d_a"])
        assert row is not None and (row.date_start, row.date_end) == ("2024-09-13", "2024-09-13")
