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
from ..store.schema import ClaimRow, DocumentRow, EventRow
from ..dedupe import publication_key
from .features import ClaimFeatures, Match, Rules, compare
from .reconcile import Member, reconcile

__all__ = ["EventBuilder", "Match", "Rules", "event_id_for"]


def event_id_for(founder_claim_id: str) -> str:
    return hash_id("e", founder_claim_id)


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
        self._features: dict[str, ClaimFeatures] = {}
        self._rows: dict[str, tuple[ClaimRow, DocumentRow]] = {}
        self._best: dict[str, tuple[Any, ...] | None] = {}
        self._window: dict[tuple[Any, ...], list[ClaimFeatures]] = {}

    # -- loading ------------------------------------------------------------------
    def _feature(self, row: ClaimRow, doc: DocumentRow) -> ClaimFeatures:
        f = self._features.get(row.id)
        if f is None:
            f = ClaimFeatures.of(claim_from_row(row), doc.published, doc.duplicate_of or doc.id, self.rules,
                                 publication_key(doc.published))
            self._features[row.id] = f
            self._rows[row.id] = (row, doc)
        return f

    def _load(self, session: Session, where: Any) -> list[ClaimFeatures]:
        # Only the document's date and identity are needed: its text stays in the database.
        q = (select(ClaimRow, DocumentRow).join(DocumentRow, ClaimRow.document_id == DocumentRow.id).where(where)
             .options(defer(DocumentRow.text), defer(DocumentRow.raw_text), defer(DocumentRow.removed)))
        return [self._feature(c, d) for c, d in session.execute(q)]

    def _neighbours(self, session: Session, f: ClaimFeatures) -> list[ClaimFeatures]:
        """Stored claims that could match ``f``: compatible type, dates near enough (a superset)."""
        if f.interval is None:
            return []
        types = {f.type} | {t for pair in self.rules.compatible if f.type in pair for t in pair}
        window = max(self.rules.window(t) for t in types)
        lo = date.fromordinal(max(1, f.interval[0] - window)).isoformat()
        hi = date.fromordinal(min(date.max.toordinal(), f.interval[1] + window)).isoformat()  # year 9999 + window
        key = (tuple(sorted(types)), lo, hi)
        found = self._window.get(key)
        if found is None:  # claims of one document mostly share type and dates: ask once
            start = func.coalesce(ClaimRow.date_start, DocumentRow.published)
            end = func.coalesce(ClaimRow.date_end, ClaimRow.date_start, DocumentRow.published)
            found = self._window[key] = self._load(
                session, ClaimRow.type.in_(key[0]) & (start <= hi + "~") & (end >= lo[:4]))
        return [g for g in found if g.claim_id != f.claim_id]

    # -- the algorithm --------------------------------------------------------------
    def add_document(self, session: Session, document_id: str) -> set[str]:
        """Place the claims of one stored document in events; returns the events touched."""
        session.flush()
        self._reset()
        new = self._load(session, ClaimRow.document_id == document_id)
        return self._place(session, new)

    def add_documents(self, session: Session, document_ids: Iterable[str]) -> set[str]:
        touched: set[str] = set()
        for doc_id in document_ids:
            touched |= self.add_document(session, doc_id)
        return touched

    def _reset(self) -> None:
        self._features.clear()
        self._rows.clear()
        self._best.clear()
        self._window.clear()

    def _place(self, session: Session, new: list[ClaimFeatures]) -> set[str]:
        new_ids = {f.claim_id for f in new}
        touched: set[str] = set()
        old_event = {f.claim_id: self._rows[f.claim_id][0].event_id for f in new}
        # 1. specific claims: union with their specific matches' events
        uf = _UnionFind()
        founders: dict[str, str] = {}
        specific_new = [f for f in new if f.specific]
        for f in specific_new:
            node = "c:" + f.claim_id
            uf.find(node)
            founders[node] = f"{f.published} {f.claim_id}"
            for g in self._neighbours(session, f):
                if not g.specific or compare(f, g, self.rules) is None:
                    continue
                if g.claim_id in new_ids:
                    uf.union(node, "c:" + g.claim_id)
                    continue
                ev = self._rows[g.claim_id][0].event_id
                if ev is None:  # stored before events existed: treat as its own founder
                    other = "c:" + g.claim_id
                    founders[other] = f"{g.published} {g.claim_id}"
                    uf.union(node, other)
                else:
                    enode = "e:" + ev
                    if enode not in founders:
                        row = session.get(EventRow, ev)
                        founders[enode] = row.founder if row is not None and row.founder else f"{g.published} {g.claim_id}"
                    uf.union(node, enode)
        components: dict[str, list[str]] = {}
        for node in list(founders):
            components.setdefault(uf.find(node), []).append(node)
        for nodes in components.values():
            founder = min(founders[n] for n in nodes)
            eid = event_id_for(founder.split(" ", 1)[1])
            old_events = [n[2:] for n in nodes if n.startswith("e:") and n[2:] != eid]
            claim_nodes = [n[2:] for n in nodes if n.startswith("c:")]
            if old_events:
                session.execute(update(ClaimRow).where(ClaimRow.event_id.in_(old_events)).values(event_id=eid))
                touched.update(old_events)
            self._set_event(session, claim_nodes, eid)
            self._ensure_event(session, eid, founder)
            touched.add(eid)
        self._best.clear()  # best matches name events, which step 1 may have renamed
        # 2. vague claims near the new specific claims, and the new vague claims
        examine: dict[str, ClaimFeatures] = {f.claim_id: f for f in new if not f.specific}
        for f in specific_new:
            for g in self._neighbours(session, f):
                if not g.specific and compare(f, g, self.rules) is not None:
                    examine.setdefault(g.claim_id, g)
        loose: set[str] = set()
        former_vague_events: set[str] = set()
        for cid, f in sorted(examine.items()):
            before = old_event.get(cid, self._rows[cid][0].event_id)
            best = self._best_specific(session, f)
            if best is not None:
                self._set_event(session, [cid], best)
                touched.add(best)
                if before and before != best:
                    touched.add(before)
                    former_vague_events.add(before)
            else:
                loose.add(cid)
                if before:
                    former_vague_events.add(before)
        # former mates of claims that moved or are regrouped
        for ev in sorted(former_vague_events):
            for g in self._load(session, ClaimRow.event_id == ev):
                if not g.specific and g.claim_id not in examine and self._best_specific(session, g) is None:
                    loose.add(g.claim_id)
        # 3. vague-only components, recomputed where touched
        seen: set[str] = set()
        for start in sorted(loose):
            if start in seen:
                continue
            component = []
            stack = [start]
            seen.add(start)
            while stack:
                cid = stack.pop()
                f = self._features[cid]
                component.append(f)
                for g in self._neighbours(session, f):
                    if g.specific or g.claim_id in seen or compare(f, g, self.rules, strict=True) is None:
                        continue
                    if self._best_specific(session, g) is not None:
                        continue
                    seen.add(g.claim_id)
                    stack.append(g.claim_id)
            founder = min(f"{f.published} {f.claim_id}" for f in component)
            eid = event_id_for(founder.split(" ", 1)[1])
            for f in component:
                prev = self._rows[f.claim_id][0].event_id
                if prev and prev != eid:
                    touched.add(prev)
            self._set_event(session, [f.claim_id for f in component], eid)
            self._ensure_event(session, eid, founder)
            touched.add(eid)
        touched.discard(None)  # type: ignore[arg-type]
        self.summarise(session, touched)
        return touched

    def _best_specific(self, session: Session, f: ClaimFeatures) -> str | None:
        """The event of the best-matching specific claim for a vague claim, or None."""
        if f.claim_id in self._best:
            hit = self._best[f.claim_id]
            return None if hit is None else hit[-1]
        best: tuple[Any, ...] | None = None
        for g in self._neighbours(session, f):
            if not g.specific or not f.families <= g.families:
                continue  # "shells and missiles" is not a report of the shells event alone
            m = compare(f, g, self.rules)
            if m is None:
                continue
            ev = self._rows[g.claim_id][0].event_id
            key = (-m.score, m.gap, f"{g.published} {g.claim_id}", ev)
            if ev is not None and (best is None or key < best):
                best = key
        self._best[f.claim_id] = best
        return None if best is None else best[-1]

    def _set_event(self, session: Session, claim_ids: list[str], eid: str) -> None:
        if not claim_ids:
            return
        session.execute(update(ClaimRow).where(ClaimRow.id.in_(claim_ids)).values(event_id=eid))
        for cid in claim_ids:
            if cid in self._rows:
                self._rows[cid][0].event_id = eid

    def _ensure_event(self, session: Session, eid: str, founder: str) -> None:
        row = session.get(EventRow, eid)
        if row is None:
            session.add(EventRow(id=eid, type="other", founder=founder, summary={}))
            session.flush()
        elif (row.founder or "~") > founder:
            row.founder = founder

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
        session.flush()

    def refresh_documents(self, session: Session, document_ids: Iterable[str]) -> None:
        """Reconcile the events of documents whose original changed (dedupe re-pointed them)."""
        ids = sorted(set(document_ids))
        if not ids:
            return
        events = session.scalars(select(ClaimRow.event_id).where(ClaimRow.document_id.in_(ids))
                                 .where(ClaimRow.event_id.is_not(None)).distinct())
        # the query leaves out NULLs; the check tells the type checker so
        self.summarise(session, [e for e in events if e is not None])

    def rebuild(self, session: Session) -> int:
        """Forget every event and build them again, document by document; returns the count."""
        session.execute(update(ClaimRow).values(event_id=None))
        session.query(EventRow).delete()
        session.flush()
        docs = session.scalars(select(DocumentRow.id).order_by(DocumentRow.published, DocumentRow.id)).all()
        self.add_documents(session, docs)
        return session.scalar(select(func.count()).select_from(EventRow)) or 0
