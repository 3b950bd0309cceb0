"""Screening: names in stored claims matched against the loaded sanctions lists.

``screen_claims(session, doc, claims, resolver)`` writes one ``matches`` row per (document,
name, list entry) with the score and its features.  An analyst's decision is a
``judgements`` row (kind ``list_match``, left = the name's normalised form, right = the
entry id) that no re-run overwrites: :func:`decide` writes it, :func:`decision_for` reads it,
and a "different" decision keeps the match out of assessments.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..exceptions import NotFoundError
from ..model import Claim, Document, hash_id
from ..store.schema import JudgementRow, ListEntryRow, MatchRow
from .lists import ensure_tables, fingerprint
from .matching import THRESHOLD, NameIndex
from .normalize import NameRules, normalize

__all__ = ["decide", "decision_for", "list_index", "matches", "screen_claims", "SCREENED_ROLES"]

SCREENED_ROLES = ("actor", "target", "attributed_to")
KIND = "list_match"
_INDEX: dict[str, tuple[tuple[int, str], NameIndex]] = {}


def list_index(session: Session, rules: NameRules | None = None) -> NameIndex:
    """The in-memory blocked index of all loaded list names, rebuilt when lists change."""
    ensure_tables(session.connection())
    key = str(session.get_bind().engine.url)  # the bind is an Engine or a Connection; both have .engine
    stamp = fingerprint(session)
    cached = _INDEX.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    rows = session.execute(select(ListEntryRow.id, ListEntryRow.schema, ListEntryRow.names,
                                  ListEntryRow.weak_names)).all()
    index = NameIndex.build(((r.id, r.schema == "Person", list(r.names or []), list(r.weak_names or []))
                             for r in rows), rules)
    _INDEX[key] = (stamp, index)
    return index


def decision_for(session: Session, mention_key: str, entry_id: str) -> str | None:
    row = session.get(JudgementRow, hash_id("j", KIND, mention_key, entry_id))
    return row.decision if row else None


def screen_claims(session: Session, doc: Document, claims: list[Claim], rules: NameRules | None = None,
                  threshold: float = THRESHOLD) -> list[MatchRow]:
    """Match the person and organisation names of a document's claims; replaces its matches."""
    index = list_index(session, rules)
    session.execute(delete(MatchRow).where(MatchRow.document_id == doc.id))
    if not len(index):
        return []
    rows: dict[str, MatchRow] = {}
    for claim in claims:
        for role in SCREENED_ROLES:
            entity = getattr(claim, role)
            if entity is None or not entity.name or (entity.id or "").startswith("country:"):
                continue
            person = True if (entity.id or "").startswith("person:") else None
            for hit in index.search(entity.name, person=person, threshold=threshold, limit=3):
                mention_key = normalize(entity.name, rules)
                match_id = hash_id("m", doc.id, mention_key, hit["entry_id"])
                if match_id in rows:
                    continue
                rows[match_id] = MatchRow(id=match_id, document_id=doc.id, claim_id=claim.id, role=role,
                                          mention=entity.name, mention_key=mention_key, entry_id=hit["entry_id"],
                                          score=hit["score"], why=hit["why"])
    session.add_all(rows.values())
    session.flush()
    return list(rows.values())


def matches(session: Session, *, entry_id: str | None = None, document_id: str | None = None,
            undecided: bool = False) -> list[dict[str, Any]]:
    """Stored matches with their entry and the analyst's decision, best score first."""
    ensure_tables(session.connection())
    q = select(MatchRow, ListEntryRow).join(ListEntryRow, MatchRow.entry_id == ListEntryRow.id, isouter=True)
    if entry_id:
        q = q.where(MatchRow.entry_id == entry_id)
    if document_id:
        q = q.where(MatchRow.document_id == document_id)
    out = []
    for m, e in session.execute(q.order_by(MatchRow.score.desc(), MatchRow.id)):
        decision = decision_for(session, m.mention_key, m.entry_id)
        if undecided and decision:
            continue
        out.append({"id": m.id, "document_id": m.document_id, "claim_id": m.claim_id, "role": m.role,
                    "mention": m.mention, "entry_id": m.entry_id, "entry": e.caption if e else None,
                    "reference": e.reference if e else None, "program": e.program if e else None,
                    "score": m.score, "why": m.why, "decision": decision})
    return out


def decide(session: Session, match_id: str, decision: str, note: str | None = None) -> JudgementRow:
    """Record an analyst's ``same``/``different`` decision on a match (by id or unique prefix)."""
    if decision not in ("same", "different"):
        raise ValueError("decision must be 'same' or 'different'")
    ensure_tables(session.connection())
    row = session.get(MatchRow, match_id)
    if row is None:
        found = session.scalars(select(MatchRow).where(MatchRow.id.startswith(match_id)).limit(2)).all()
        if len(found) != 1:
            raise NotFoundError(f"no match {match_id!r}; list match ids with `sanctionwatch matches`")
        row = found[0]
    jid = hash_id("j", KIND, row.mention_key, row.entry_id)
    judgement = session.get(JudgementRow, jid) or JudgementRow(id=jid, kind=KIND, left=row.mention_key,
                                                               right=row.entry_id, decision=decision)
    judgement.decision = decision
    judgement.note = note
    session.add(judgement)
    return judgement
