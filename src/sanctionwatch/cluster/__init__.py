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

What placing a document costs does not grow with the store (issue 16): a new claim is
compared with **event keys** (``keys.py``, table ``event_keys``), one row per distinct set of
claim features in an event, found by one indexed query on type and date window, never with
an event's claims; a group of equal claims moves between events by one indexed update
(``claims.event_key``).  Stored claims are not compared with their window again: a vague
key row keeps its best specific match (step 2 only adds the new document's claims to it),
and in step 3 a stored vague claim's matches lie in its own event (the events are the
components), so an event that lost no claim joins a component whole.  The pipeline calls
``add_document(..., summarise=False)``, which marks the touched events ``stale``, and
reconciles them once at the end of its run
(``summarise_stale``): reconciling reads every claim of an event, so doing it per document
would make a document's cost grow with its events.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Text, cast, func, select, update
from sqlalchemy.orm import Session, defer

from ..dedupe import publication_key
from ..exceptions import StoreError
from ..model import hash_id
from ..packs import Pack
from ..store import claim_from_row
from ..store.schema import ClaimRow, DocumentRow, EventKeyRow, EventRow
from .features import ClaimFeatures, Match, Rules, compare
from .keys import NO_DATE, Best, Group, best_of, family_of, features_data, features_from, key_of
from .reconcile import Member, reconcile

__all__ = ["EventBuilder", "Match", "Rules", "event_id_for"]


def event_id_for(founder_claim_id: str) -> str:
    return hash_id("e", founder_claim_id)


#: a key row as the matcher reads it: the features as JSON text, parsed once per key
_KEY_COLUMNS = (EventKeyRow.id, EventKeyRow.event_id, EventKeyRow.key, EventKeyRow.founder,
                cast(EventKeyRow.features, Text), EventKeyRow.best)


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
        self._claim_event: dict[str, str | None] = {}  # claim id -> its event, for stored best matches
        self._features_by_key: dict[str, ClaimFeatures] = {}  # a key's features never change: kept across documents

    # -- loading ------------------------------------------------------------------
    def _load(self, session: Session, where: Any) -> list[tuple[ClaimRow, ClaimFeatures]]:
        # Only the document's date and identity are needed: its text stays in the database.
        q = (select(ClaimRow, DocumentRow).join(DocumentRow, ClaimRow.document_id == DocumentRow.id).where(where)
             .options(defer(DocumentRow.text), defer(DocumentRow.raw_text), defer(DocumentRow.removed)))
        return [(c, ClaimFeatures.of(claim_from_row(c), d.published, d.duplicate_of or d.id, self.rules,
                                     publication_key(d.published))) for c, d in session.execute(q)]

    def _group(self, values: Any) -> Group:
        """The group of a key row read as ``_KEY_COLUMNS`` (the one already loaded, if any)."""
        row_id, event_id, key, founder, raw, best = values
        g = self._groups.get(row_id)
        if g is None:
            f = self._features_by_key.get(key)
            if f is None:
                if len(self._features_by_key) >= 100_000:
                    self._features_by_key.clear()
                f = self._features_by_key[key] = features_from(json.loads(raw))
            g = self._register(row_id, event_id, key, founder, f, best_of(best))
        return g.current()

    def _register(self, row_id: int, event_id: str, key: str, founder: str, f: ClaimFeatures,
                  best: Best | None) -> Group:
        g = self._groups[row_id] = Group(f"k:{row_id}", f, event_id, founder, key, row_id, best)
        self._by_key[(event_id, key)] = g
        return g

    def _row(self, session: Session, g: Group) -> EventKeyRow:
        """A stored group's ORM row, loaded to change it."""
        if g.row is None:
            g.row = session.get(EventKeyRow, g.row_id)
            if g.row is None:
                raise StoreError(f"event key row {g.row_id} is missing from the store; rebuild the events "
                                 "(EventBuilder.rebuild)")
        return g.row

    def _event_of(self, session: Session, founder: str) -> str | None:
        cid = _claim_of(founder)
        if cid not in self._claim_event:
            self._claim_event[cid] = session.scalar(select(ClaimRow.event_id).where(ClaimRow.id == cid))
        return self._claim_event[cid]

    def _prefetch_events(self, session: Session, groups: Iterable[Group]) -> None:
        """The events of the claims that stored groups name as their best match, in a few queries."""
        ids = sorted({_claim_of(g.best[2]) for g in groups if g.best is not None} - set(self._claim_event))
        for start in range(0, len(ids), 500):
            for cid, ev in session.execute(select(ClaimRow.id, ClaimRow.event_id)
                                           .where(ClaimRow.id.in_(ids[start:start + 500]))):
                self._claim_event[cid] = ev

    def _candidates(self, session: Session, f: ClaimFeatures, specific: bool) -> list[Group]:
        """Stored specific (or vague) groups that could match ``f``: compatible type, a kind family
        in common where both have one, dates near enough (a superset).

        One indexed query on ``event_keys`` (type, specific, family, then the window's dates):
        its rows are the distinct reports in the window, however many claims repeat them.
        """
        if f.interval is None:
            return []
        types = {f.type} | {t for pair in self.rules.compatible if f.type in pair for t in pair}
        window = max(self.rules.window(t) for t in types)
        lo, hi = max(1, f.interval[0] - window), f.interval[1] + window
        families = tuple(sorted(f.families))
        key = (tuple(sorted(types)), lo, hi, specific, families)
        found = self._window.get(key)
        if found is None:  # claims of one document mostly share type and dates: ask once
            q = select(*_KEY_COLUMNS).where(EventKeyRow.type.in_(key[0]), EventKeyRow.specific.is_(specific),
                                            EventKeyRow.date_hi >= lo, EventKeyRow.date_lo <= hi)
            if families:  # kinds of disjoint families never match; a row without one, or with several, may
                q = q.where(EventKeyRow.family.in_([*families, "", "*"]))
            found = self._window[key] = [self._group(r) for r in session.execute(q).all()]
        return [g for g in found if g.merged_into is None]

    def _neighbours(self, session: Session, g: Group, specific: bool) -> list[Group]:
        """The stored specific (or vague) groups in ``g``'s window and the new document's other claims."""
        if g.features.interval is None:
            return []
        return [*self._candidates(session, g.features, specific), *(n for n in self._new.values() if n is not g)]

    def _stored(self, session: Session, event_id: str, key: str) -> Group | None:
        """The stored group of ``key`` in an event, if any (one lookup by the unique index)."""
        g = self._by_key.get((event_id, key))
        if g is not None and g.merged_into is None and g.event_id == event_id:
            return g
        row = session.execute(select(*_KEY_COLUMNS).where(EventKeyRow.event_id == event_id,
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
        self._claim_event.clear()
        self._rows.clear()
        self._new.clear()
        self._groups.clear()
        self._by_key.clear()
        self._best.clear()
        self._window.clear()

    def _place(self, session: Session, new: list[Group]) -> set[str]:
        touched = self._link_specific(session, new)
        self._best.clear()  # best matches name events, which step 1 may have renamed
        more, loose, former = self._attach_vague(session, new)
        touched |= more | self._group_loose(session, loose, former)
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
            for h in self._neighbours(session, g, specific=True):
                enode = "e:" + str(h.event_id)
                if h.row_id is not None and enode in founders and uf.find(enode) == uf.find(g.node):
                    continue  # already linked to that event: another of its rows decides nothing new
                if not h.specific or compare(g.features, h.features, self.rules) is None:
                    continue
                if h.row_id is None:  # another claim of the document
                    uf.union(g.node, h.node)
                    continue
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

    def _attach_vague(self, session: Session, new: list[Group]) -> tuple[set[str], dict[str, Group], set[str]]:
        """Step 2: vague claims near the new specific claims, and the new vague claims, join their
        best specific match's event; returns the events touched, the claims left loose and the
        vague-only events that lost claims (``former``)."""
        examine: dict[str, Group] = {g.node: g for g in new if not g.specific}
        for g in new:
            if g.specific:
                for h in self._candidates(session, g.features, specific=False):
                    if not h.specific and compare(g.features, h.features, self.rules) is not None:
                        examine.setdefault(h.node, h)
        touched: set[str] = set()
        loose: dict[str, Group] = {}
        former: set[str] = set()
        self._prefetch_events(session, examine.values())
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
            elif g.row_id is None:
                loose[g.node] = g
            # a stored claim still without a specific match stays in its vague-only event, which
            # lost nothing: step 3 joins it whole to whatever new claim matches it
        # former mates of claims that moved: their event may fall apart
        for ev in sorted(former):
            for h in self._event_groups(session, ev):
                if not h.specific and h.node not in examine and self._best_specific(session, h) is None:
                    loose[h.node] = h
        return touched, loose, former

    def _event_groups(self, session: Session, event_id: str) -> list[Group]:
        rows = session.execute(select(*_KEY_COLUMNS).where(EventKeyRow.event_id == event_id)).all()
        return [g for g in (self._group(v) for v in rows) if g.merged_into is None]

    def _group_loose(self, session: Session, loose: dict[str, Group], former: set[str]) -> set[str]:
        """Step 3: vague claims without a specific match, grouped among themselves where touched.

        The vague-only events are the connected components of the vague claims without a
        specific match, so a stored claim's matches among stored claims lie in its own event,
        and an event that lost no claim (not in ``former``) joins a component whole.
        """
        touched: set[str] = set()
        seen: set[str] = set()
        for node in sorted(loose):
            if node in seen or loose[node].merged_into is not None:
                continue
            units, founder = self._component(session, loose[node], former, seen)
            eid = event_id_for(_claim_of(founder))
            for u in units:
                if isinstance(u, str):  # a whole event
                    if u != eid:
                        self._merge_events(session, [u], eid)
                        touched.add(u)
                    continue
                prev = u.current().event_id
                if prev and prev != eid:
                    touched.add(prev)
                self._move(session, u, eid)
            self._ensure_event(session, eid, founder)
            touched.add(eid)
        return touched

    def _component(self, session: Session, start: Group, former: set[str],
                   seen: set[str]) -> tuple[list[Group | str], str]:
        """The loose claims connected to ``start``: groups, and ids of events that join whole."""
        units: list[Group | str] = []
        founders: list[str] = []
        groups_of: dict[str, list[Group]] = {}  # within one component nothing moves: ask once per event
        stack = [start]
        seen.add(start.node)
        while stack:
            g = stack.pop()
            units.append(g)
            founders.append(g.founder)
            if g.row_id is None:
                near = self._neighbours(session, g, specific=False)
            else:  # a stored claim of an event that lost claims: its matches are its event's, or new
                ev = str(g.event_id)
                near = [*groups_of.setdefault(ev, self._event_groups(session, ev)), *self._new.values()]
            for h in near:
                if h.specific or h.node in seen or compare(g.features, h.features, self.rules, strict=True) is None:
                    continue
                if self._best_specific(session, h) is not None:
                    continue
                if h.row_id is not None and h.event_id not in former:
                    self._join_whole(session, str(h.event_id), units, founders, stack, seen)
                    continue
                seen.add(h.node)
                stack.append(h)
        return units, min(founders)

    def _join_whole(self, session: Session, event_id: str, units: list[Group | str], founders: list[str],
                    stack: list[Group], seen: set[str]) -> None:
        """A vague-only event that lost nothing joins the component whole, with the new claims it matches."""
        if "e:" + event_id in seen:
            return
        seen.add("e:" + event_id)
        members = self._event_groups(session, event_id)
        seen.update(m.node for m in members)
        units.append(event_id)
        founders.extend(m.founder for m in members)
        for c in self._new.values():
            if c.node in seen or c.specific or self._best_specific(session, c) is not None:
                continue
            if any(compare(m.features, c.features, self.rules, strict=True) is not None for m in members):
                seen.add(c.node)
                stack.append(c)

    def _best_specific(self, session: Session, g: Group) -> str | None:
        """The event of the best-matching specific claim for a vague claim, or None."""
        if g.node in self._best:
            hit = self._best[g.node]
            return None if hit is None else hit[-1]
        f = g.features
        best: tuple[Any, ...] | None = None
        if g.row_id is not None:  # stored: its best among the stored claims is kept; add this document's
            best = None if g.best is None else (*g.best, self._event_of(session, g.best[2]))
            pool: list[Group] = list(self._new.values())
        else:
            pool = self._neighbours(session, g, specific=True)
        for h in pool:
            if not h.specific or not f.families <= h.features.families:
                continue  # "shells and missiles" is not a report of the shells event alone
            m = compare(f, h.features, self.rules)
            if m is None:
                continue
            key = (-m.score, m.gap, h.founder, h.event_id)
            if h.event_id is not None and (best is None or key < best):
                best = key
        kept: Best | None = None if best is None else (best[0], best[1], best[2])
        if kept != g.best:  # this document's claims are stored with it: keep the new best
            g.best = kept
            if g.row_id is not None:
                self._row(session, g).best = list(kept) if kept else None
        self._best[g.node] = best
        return None if best is None else best[-1]

    # -- writing ----------------------------------------------------------------------
    def _move(self, session: Session, g: Group, to: str) -> None:
        """Put a group's claims in event ``to`` (a stored group: one indexed update)."""
        g = g.current()
        if g.event_id == to:
            return
        if g.row_id is None:
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
            if g.row_id is not None:
                self._row(session, g).event_id = to
            self._by_key[(to, g.key)] = g
        else:
            self._absorb(session, other, g)
            if g.row_id is not None:
                session.delete(self._row(session, g))

    def _absorb(self, session: Session, into: Group, other: Group) -> None:
        """``into`` takes ``other``'s claims (the same key in the same event): count, smaller founder."""
        row = self._row(session, into)
        row.claims += self._row(session, other).claims if other.row_id is not None else 1
        if other.founder < into.founder:
            into.founder = row.founder = other.founder
        best = min((b for b in (into.best, other.best) if b is not None), default=None)
        if best != into.best:
            into.best = best
            row.best = list(best) if best else None
        other.merged_into = into

    def _merge_events(self, session: Session, old_events: list[str], eid: str) -> None:
        session.execute(update(ClaimRow).where(ClaimRow.event_id.in_(old_events)).values(event_id=eid))
        for values in session.execute(select(*_KEY_COLUMNS).where(EventKeyRow.event_id.in_(old_events))).all():
            self._rekey(session, self._group(values), eid)

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
            self._absorb(session, other, g)
            return
        f = g.features
        lo, hi = f.interval or (NO_DATE, NO_DATE)
        row = EventKeyRow(event_id=g.event_id, key=g.key, type=f.type, date_lo=lo, date_hi=hi, specific=f.specific,
                          family=family_of(f), features=features_data(f), founder=g.founder, claims=1,
                          best=list(g.best) if g.best else None)
        session.add(row)
        session.flush()
        self._register(row.id, g.event_id, g.key, g.founder, f, g.best).row = row

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
