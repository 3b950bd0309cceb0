"""Events: claims of different documents about one real-world event share an ``event_id``.

::

    from sanctionwatch.cluster import EventBuilder
    builder = EventBuilder(pack)
    builder.add_document(session, doc.id)     # inside the document's transaction
    builder.rebuild(session)                  # from scratch (rules changed); same result

Events are **per claim**: a 2025 story's sentence about the 2024 troop deployment joins
the 2024 event, not the 2025 one.  Matching (``features.compare``) needs compatible
types, the same actor and destination countries where both are known, the same kind
family where both have one, and dates within a per-type window (``rules.yaml``); it
scores place, figures (equal, total-versus-parts, rounded or spelled-out variants) and
attribution to explain itself and to pick the best event for a vague claim.

The partition is defined so that it does not depend on the order documents arrive in,
which is what lets it be built incrementally:

1. **Specific** claims (see ``features``) form the connected components of the match
   graph.  A new document only adds edges, so its specific claims link to the events of
   their matches, and matched events merge; nothing else moves.
2. Each **vague** claim joins the event of its best-scoring specific match (score, then
   date gap, then the earlier founder) whose kinds cover its own (a sentence on "shells
   and missiles" joins neither the shells nor the missiles event).  A new specific claim can only change that
   choice for vague claims within its window, so only those are re-examined.
3. Vague claims with no specific match group among themselves (strict matching: equal
   parties and kinds), again as connected components; components touched by the new
   document are recomputed, nothing else.
4. An event's id is a hash of its **founder**: the earliest-published specific claim
   (vague-only events: the earliest vague claim), ties broken by claim id; the founder is
   kept in ``events.founder`` as ``"<publication key> <claim id>"``.  Merging events keeps
   the smaller founder.

Each touched event's ``summary`` is then reconciled again (``reconcile.py``).  A property
test checks that any document order yields the same events as a from-scratch build.

What placing a document costs does not grow with the store (issue 16): a claim is compared
with **event keys** (``keys.py``, table ``event_keys``), one row per distinct set of claim
features in an event, found by one indexed query on type and date window, never with an
event's claims; a group of equal claims moves between events by one indexed update
(``claims.event_key``).  The pipeline calls ``add_document(..., summarise=False)``, which
marks the touched events ``stale``, and reconciles them once at the end of its run
(``summarise_stale``): reconciling reads every claim of an event, so doing it per document
would make a document's cost grow with its events.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, defer

from ..model import hash_id
from ..packs import Pack
from ..store import claim_from_row
from ..store.schema import ClaimRow, DocumentRow, EventKeyRow, EventRow
from ..dedupe import publication_key
from .features import ClaimFeatures, Match, Rules, compare
from .keys import NO_DATE, Group, features_data, key_of
from .reconcile import Member, reconcile

__all__ = ["EventBuilder", "Match", "Rules", "event_id_for"]


def event_id_for(founder_claim_id: str) -> str:
    return hash_id("e", founder_claim_id)


def _claim_of(founder: str) -> str:
    """The claim id of a founder string ``"<publication key> <claim id>"``."""
    return founder.rsplit(" ", 1)[1]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class EventBuilder:
    """Builds and updates events in the caller's session."""

    def __init__(self, pack: Pack | None = None, rules: Rules | None = None) -> None:
        self.rules = rules or Rules.load(pack)
        self._rows: dict[str, ClaimRow] = {}  # the new document's claims
        self._new: dict[str, Group] = {}  # claim id -> its group, for the new document's claims
        self._groups: dict[int, Group] = {}  # key row id -> its group, as loaded
        self._by_key: dict[tuple[str | None, str], Group] = {}  # (event, key) -> stored group
        self._best: dict[str, tuple[Any, ...] | None] = {}
        self._window: dict[tuple[Any, ...], list[Group]] = {}

    # -- loading ------------------------------------------------------------------
    def _load(self, session: Session, where: Any) -> list[tuple[ClaimRow, ClaimFeatures]]:
        # Only the document's date and identity are needed: its text stays in the database.
        q = (select(ClaimRow, DocumentRow).join(DocumentRow, ClaimRow.document_id == DocumentRow.id).where(where)
             .options(defer(DocumentRow.text), defer(DocumentRow.raw_text), defer(DocumentRow.removed)))
        return [(c, ClaimFeatures.of(claim_from_row(c), d.published, d.duplicate_of or d.id, self.rules,
                                     publication_key(d.published))) for c, d in session.execute(q)]

    def _group(self, row: EventKeyRow) -> Group:
        g = self._groups.get(row.id)
        if g is None:
            g = self._groups[row.id] = Group.of_row(row)
            self._by_key[(g.event_id, g.key)] = g
        return g.current()

    def _candidates(self, session: Session, f: ClaimFeatures) -> list[Group]:
        """Stored groups that could match ``f``: compatible type, dates near enough (a superset).

        One indexed query on ``event_keys`` (type, then the window's dates): its rows are the
        distinct reports in the window, however many claims repeat them.
        """
        if f.interval is None:
            return []
        types = {f.type} | {t for pair in self.rules.compatible if f.type in pair for t in pair}
        window = max(self.rules.window(t) for t in types)
        lo, hi = max(1, f.interval[0] - window), f.interval[1] + window
        key = (tuple(sorted(types)), lo, hi)
        found = self._window.get(key)
        if found is None:  # claims of one document mostly share type and dates: ask once
            rows = session.scalars(select(EventKeyRow).where(EventKeyRow.type.in_(key[0]), EventKeyRow.date_hi >= lo,
                                                             EventKeyRow.date_lo <= hi)).all()
            found = self._window[key] = [self._group(r) for r in rows]
        return [g for g in found if g.merged_into is None]

    def _neighbours(self, session: Session, g: Group) -> list[Group]:
        """The stored groups in ``g``'s window and the new document's other claims."""
        if g.features.interval is None:
            return []
        return [*self._candidates(session, g.features), *(n for n in self._new.values() if n is not g)]

    def _stored(self, session: Session, event_id: str, key: str) -> Group | None:
        """The stored group of ``key`` in an event, if any (one lookup by the unique index)."""
        g = self._by_key.get((event_id, key))
        if g is not None and g.merged_into is None and g.event_id == event_id:
            return g
        row = session.scalars(select(EventKeyRow).where(EventKeyRow.event_id == event_id,
                                                        EventKeyRow.key == key)).first()
        return None if row is None else self._group(row)

    # -- the algorithm --------------------------------------------------------------
    def add_document(self, session: Session, document_id: str, *, summarise: bool = True) -> set[str]:
        """Place the claims of one stored document in events; returns the events touched.

        ``summarise=False`` marks the touched events stale instead of reconciling them now
        (the pipeline reconciles them once per run: ``summarise_stale``), so that placing a
        document costs the same however many claims its events hold.
        """
        session.flush()
        self._reset()
        new: list[Group] = []
        for row, f in self._load(session, (ClaimRow.document_id == document_id) & ClaimRow.event_id.is_(None)):
            self._rows[f.claim_id] = row
            new.append(self._new.setdefault(f.claim_id, Group.of_claim(f, None, key_of(f, self.rules))))
        touched = self._place(session, new)
        if summarise:
            self.summarise(session, touched)
        else:
            self._mark_stale(session, touched)
        return touched

    def add_documents(self, session: Session, document_ids: Iterable[str], *, summarise: bool = True) -> set[str]:
        touched: set[str] = set()
        for doc_id in document_ids:
            touched |= self.add_document(session, doc_id, summarise=summarise)
        return touched

    def _reset(self) -> None:
        self._rows.clear()
        self._new.clear()
        self._groups.clear()
        self._by_key.clear()
        self._best.clear()
        self._window.clear()

    def _place(self, session: Session, new: list[Group]) -> set[str]:
        touched = self._link_specific(session, new)
        self._best.clear()  # best matches name events, which step 1 may have renamed
        more, loose = self._attach_vague(session, new)
        touched |= more | self._group_loose(session, loose)
        self._store_keys(session, new)
        touched.discard(None)  # type: ignore[arg-type]
        return touched

    def _link_specific(self, session: Session, new: list[Group]) -> set[str]:
        """Step 1: specific claims join the events of their specific matches; matched events merge."""
        uf = _UnionFind()
        founders: dict[str, str] = {}
        for g in new:
            if not g.specific:
                continue
            uf.find(g.node)
            founders[g.node] = g.founder
            for h in self._neighbours(session, g):
                if not h.specific or compare(g.features, h.features, self.rules) is None:
                    continue
                if h.row is None:  # another claim of the document
                    uf.union(g.node, h.node)
                    continue
                enode = "e:" + str(h.event_id)
                if enode not in founders:
                    row = session.get(EventRow, h.event_id)
                    founders[enode] = row.founder if row is not None and row.founder else h.founder
                uf.union(g.node, enode)
        components: dict[str, list[str]] = {}
        for node in list(founders):
            components.setdefault(uf.find(node), []).append(node)
        touched: set[str] = set()
        for nodes in components.values():
            founder = min(founders[n] for n in nodes)
            eid = event_id_for(_claim_of(founder))
            old_events = [n[2:] for n in nodes if n.startswith("e:") and n[2:] != eid]
            if old_events:
                self._merge_events(session, old_events, eid)
                touched.update(old_events)
            for n in nodes:
                if n.startswith("c:"):
                    self._move(session, self._new[n[2:]], eid)
            self._ensure_event(session, eid, founder)
            touched.add(eid)
        return touched

    def _attach_vague(self, session: Session, new: list[Group]) -> tuple[set[str], dict[str, Group]]:
        """Step 2: vague claims near the new specific claims, and the new vague claims, join their
        best specific match's event; returns the events touched and the claims left loose."""
        examine: dict[str, Group] = {g.node: g for g in new if not g.specific}
        for g in new:
            if g.specific:
                for h in self._candidates(session, g.features):
                    if not h.specific and compare(g.features, h.features, self.rules) is not None:
                        examine.setdefault(h.node, h)
        touched: set[str] = set()
        loose: dict[str, Group] = {}
        former: set[str] = set()
        for _node, g in sorted(examine.items()):
            g = g.current()  # merged into a group placed before it: placed alike
            before = g.event_id
            best = self._best_specific(session, g)
            if best is not None:
                self._move(session, g, best)
                touched.add(best)
                if before and before != best:
                    touched.add(before)
                    former.add(before)
            else:
                loose[g.node] = g
                if before:
                    former.add(before)
        # former mates of claims that moved or are regrouped
        for ev in sorted(former):
            for row in session.scalars(select(EventKeyRow).where(EventKeyRow.event_id == ev)).all():
                h = self._group(row)
                if not h.specific and h.node not in examine and self._best_specific(session, h) is None:
                    loose[h.node] = h
        return touched, loose

    def _group_loose(self, session: Session, loose: dict[str, Group]) -> set[str]:
        """Step 3: vague claims without a specific match, grouped among themselves where touched."""
        touched: set[str] = set()
        seen: set[str] = set()
        for node in sorted(loose):
            if node in seen or loose[node].merged_into is not None:
                continue
            component: list[Group] = []
            stack = [loose[node]]
            seen.add(node)
            while stack:
                g = stack.pop()
                component.append(g)
                for h in self._neighbours(session, g):
                    if h.specific or h.node in seen or compare(g.features, h.features, self.rules, strict=True) is None:
                        continue
                    if self._best_specific(session, h) is not None:
                        continue
                    seen.add(h.node)
                    stack.append(h)
            founder = min(g.founder for g in component)
            eid = event_id_for(_claim_of(founder))
            for g in component:
                prev = g.current().event_id
                if prev and prev != eid:
                    touched.add(prev)
                self._move(session, g, eid)
            self._ensure_event(session, eid, founder)
            touched.add(eid)
        return touched

    def _best_specific(self, session: Session, g: Group) -> str | None:
        """The event of the best-matching specific claim for a vague claim, or None."""
        if g.node in self._best:
            hit = self._best[g.node]
            return None if hit is None else hit[-1]
        f = g.features
        best: tuple[Any, ...] | None = None
        for h in self._neighbours(session, g):
            if not h.specific or not f.families <= h.features.families:
                continue  # "shells and missiles" is not a report of the shells event alone
            m = compare(f, h.features, self.rules)
            if m is None:
                continue
            key = (-m.score, m.gap, h.founder, h.event_id)
            if h.event_id is not None and (best is None or key < best):
                best = key
        self._best[g.node] = best
        return None if best is None else best[-1]

    # -- writing ----------------------------------------------------------------------
    def _move(self, session: Session, g: Group, to: str) -> None:
        """Put a group's claims in event ``to`` (a stored group: one indexed update)."""
        g = g.current()
        if g.event_id == to:
            return
        if g.row is None:
            g.event_id = self._rows[g.features.claim_id].event_id = to
            return
        session.execute(update(ClaimRow).where(ClaimRow.event_id == g.event_id, ClaimRow.event_key == g.key)
                        .values(event_id=to))
        self._rekey(session, g, to)

    def _rekey(self, session: Session, g: Group, to: str) -> None:
        """Move a stored group's row to event ``to``, merging it into the row of its key there."""
        g = g.current()
        if g.event_id == to:
            return
        self._by_key.pop((g.event_id, g.key), None)
        other = self._stored(session, to, g.key)
        if other is None or other is g:
            g.event_id = to
            if g.row is not None:
                g.row.event_id = to
            self._by_key[(to, g.key)] = g
        else:
            other.absorb(g)
            session.delete(g.row)

    def _merge_events(self, session: Session, old_events: list[str], eid: str) -> None:
        session.execute(update(ClaimRow).where(ClaimRow.event_id.in_(old_events)).values(event_id=eid))
        for row in session.scalars(select(EventKeyRow).where(EventKeyRow.event_id.in_(old_events))).all():
            self._rekey(session, self._group(row), eid)

    def _store_keys(self, session: Session, new: list[Group]) -> None:
        """The new document's claims, placed, join the key rows of their events."""
        for g in new:
            self._rows[g.features.claim_id].event_key = g.key
            self._store_key(session, g)

    def _store_key(self, session: Session, g: Group) -> None:
        if g.event_id is None:
            return
        other = self._stored(session, g.event_id, g.key)
        if other is not None:
            other.absorb(g)
            return
        f = g.features
        lo, hi = f.interval or (NO_DATE, NO_DATE)
        row = EventKeyRow(event_id=g.event_id, key=g.key, type=f.type, date_lo=lo, date_hi=hi, specific=f.specific,
                          features=features_data(f), founder=g.founder, claims=1)
        session.add(row)
        session.flush()
        self._group(row)

    def _ensure_event(self, session: Session, eid: str, founder: str) -> None:
        row = session.get(EventRow, eid)
        if row is None:
            session.add(EventRow(id=eid, type="other", founder=founder, summary={}, stale=True))
            session.flush()
        elif (row.founder or "~") > founder:
            row.founder = founder

    def _mark_stale(self, session: Session, event_ids: Iterable[str]) -> None:
        ids = sorted(set(event_ids))
        if ids:
            session.flush()
            session.execute(update(EventRow).where(EventRow.id.in_(ids)).values(stale=True))

    # -- summaries -------------------------------------------------------------------
    def members(self, session: Session, event_id: str) -> list[Member]:
        q = (select(ClaimRow, DocumentRow).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
             .where(ClaimRow.event_id == event_id).order_by(DocumentRow.published, ClaimRow.id))
        out = []
        for row, doc in session.execute(q):
            claim = claim_from_row(row)
            f = ClaimFeatures.of(claim, doc.published, doc.duplicate_of or doc.id, self.rules,
                                 publication_key(doc.published))
            out.append(Member(claim, f, doc))
        return out

    def summarise(self, session: Session, event_ids: Iterable[str]) -> None:
        """Reconcile the given events again; delete those left without claims."""
        session.flush()
        for eid in sorted(set(event_ids)):
            row = session.get(EventRow, eid)
            members = self.members(session, eid)
            if not members:
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                row = EventRow(id=eid, type="other", summary={})
                session.add(row)
            specific = [m for m in members if m.features.specific] or members
            if not row.founder:
                row.founder = min(f"{m.features.published} {m.claim.id}" for m in specific)
            row.type = Counter(m.claim.type for m in specific).most_common(1)[0][0]
            actor = Counter(m.features.actor for m in specific if m.features.actor).most_common(1)
            target = Counter(m.features.target for m in specific if m.features.target).most_common(1)
            place = Counter(m.claim.location.name for m in members if m.claim.location).most_common(1)
            row.actor_id = f"country:{actor[0][0]}" if actor else None
            row.target_id = f"country:{target[0][0]}" if target else None
            row.place = place[0][0] if place else None
            dated = [m.features.interval for m in members if m.features.dated and m.features.interval] or \
                [m.features.interval for m in members if m.features.interval]
            row.date_start = date.fromordinal(min(i[0] for i in dated)).isoformat() if dated else None
            row.date_end = date.fromordinal(max(i[1] for i in dated)).isoformat() if dated else None
            reported = sorted(members, key=lambda m: m.features.published)
            row.first_reported = reported[0].document.published
            row.last_reported = reported[-1].document.published
            summary = reconcile(members, self.rules)
            row.summary = summary
            row.conflict = summary["conflict"]
            row.sources = summary["independent_sources"]
            row.claims = len(members)
            row.documents = summary["documents"]
            row.stale = False
        session.flush()

    def summarise_stale(self, session: Session) -> int:
        """Reconcile every event marked stale (``add_document(..., summarise=False)``); returns the count."""
        session.flush()
        ids = list(session.scalars(select(EventRow.id).where(EventRow.stale.is_(True))))
        self.summarise(session, ids)
        return len(ids)

    def refresh_documents(self, session: Session, document_ids: Iterable[str], *, summarise: bool = True) -> None:
        """Reconcile (or, ``summarise=False``, mark stale) the events of documents whose original
        changed (dedupe re-pointed them)."""
        ids = sorted(set(document_ids))
        if not ids:
            return
        events = session.scalars(select(ClaimRow.event_id).where(ClaimRow.document_id.in_(ids))
                                 .where(ClaimRow.event_id.is_not(None)).distinct())
        # the query leaves out NULLs; the check tells the type checker so
        found = [e for e in events if e is not None]
        if summarise:
            self.summarise(session, found)
        else:
            self._mark_stale(session, found)

    def rebuild(self, session: Session) -> int:
        """Forget every event and build them again, document by document; returns the count."""
        session.execute(update(ClaimRow).values(event_id=None, event_key=None))
        session.query(EventKeyRow).delete()
        session.query(EventRow).delete()
        session.flush()
        docs = session.scalars(select(DocumentRow.id).order_by(DocumentRow.published, DocumentRow.id)).all()
        self.add_documents(session, docs, summarise=False)
        self.summarise_stale(session)
        return session.scalar(select(func.count()).select_from(EventRow)) or 0
