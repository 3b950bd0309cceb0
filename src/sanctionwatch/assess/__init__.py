"""Assess stage: the UN Security Council provisions each claim *may be relevant to*.

The pack's ``provisions.yaml`` holds the provisions and the rules, as data (see its header
for the conditions).  :func:`rules_for(pack)` validates them (file and line on error);
:func:`assess_claims` evaluates the rules against claims and returns flags;
:func:`assess_document` runs screening and writes flags in the document's transaction.

A flag names the resolution and paragraph, a one-line summary, the rule and conditions
that fired, and the claim and evidence it rests on.  It is never a legal finding.

For other stages and the web UI: :func:`flags_for_claims(session, claim_ids)` returns
``{claim_id: [flag dict, ...]}`` from the ``flags`` table (columns: id, claim_id,
document_id, pack, rule, provision, resolution, year, paragraph, summary, certainty, why).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..model import Claim, Document, hash_id
from ..packs import Pack
from ..resolve import Resolver
from ..resolve.lists import ensure_tables
from ..resolve.screening import decision_for, screen_claims
from ..store.schema import FlagRow, MatchRow

__all__ = ["CAVEAT", "Provision", "Rule", "assess_claims", "assess_document", "flags_for_claims", "rules_for"]

CAVEAT = "may be relevant to"
CERTAINTY = {"verified", "likely", "uncertain"}
CONDITIONS = {"type", "actor_country", "target_country", "party", "quantity_kind", "evidence_any",
              "modality_not", "date_from", "date_to", "designated"}


@dataclass(frozen=True)
class Provision:
    id: str
    resolution: str
    year: int | None
    paragraph: str
    summary: str
    certainty: str

    @property
    def citation(self) -> str:
        return f"UNSCR {self.resolution} ({self.year}) {self.paragraph}" if self.year else \
            f"UNSCR {self.resolution} {self.paragraph}"


@dataclass
class Rule:
    id: str
    when: dict[str, Any]
    provisions: list[Provision]
    note: str = ""


@dataclass
class RuleSet:
    pack: str
    provisions: dict[str, Provision] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)


_RULES: dict[tuple[str, str], RuleSet] = {}


def rules_for(pack: Pack) -> RuleSet:
    key = (pack.name, str(pack.path))
    if key not in _RULES:
        _RULES[key] = _load(pack)
    return _RULES[key]


def _load(pack: Pack) -> RuleSet:
    data = pack.section("provisions", {}) or {}
    if not isinstance(data, dict):
        raise pack.error("provisions", "must be a mapping with 'provisions' and 'rules'")
    out = RuleSet(pack.name)
    provs = data.get("provisions") or {}
    for pid, p in provs.items():
        if not isinstance(p, dict):
            raise pack.error("provisions", f"provision {pid!r} must be a mapping", provs, pid)
        for k in ("resolution", "paragraph", "summary"):
            if not p.get(k):
                raise pack.error("provisions", f"provision {pid!r}: missing {k!r}", p)
        certainty = p.get("certainty", "uncertain")
        if certainty not in CERTAINTY:
            raise pack.error("provisions",
                             f"provision {pid!r}: certainty must be one of {', '.join(sorted(CERTAINTY))}",
                             p, "certainty")
        out.provisions[str(pid)] = Provision(str(pid), str(p["resolution"]), p.get("year"), str(p["paragraph"]),
                                             str(p["summary"]).strip(), certainty)
    for i, r in enumerate(data.get("rules") or []):
        if not isinstance(r, dict) or not r.get("id") or not isinstance(r.get("when"), dict):
            raise pack.error("provisions", f"rules[{i}]: needs an id and a 'when' mapping", r)
        unknown = set(r["when"]) - CONDITIONS
        if unknown:
            raise pack.error("provisions", f"rule {r['id']!r}: unknown condition(s) {', '.join(sorted(unknown))}; "
                             f"use {', '.join(sorted(CONDITIONS))}", r, "when")
        missing = [p for p in r.get("provisions") or [] if p not in out.provisions]
        if missing or not r.get("provisions"):
            raise pack.error("provisions", f"rule {r['id']!r}: unknown or no provisions {missing}", r, "provisions")
        out.rules.append(Rule(str(r["id"]), dict(r["when"]), [out.provisions[p] for p in r["provisions"]],
                              str(r.get("note") or "")))
    return out


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _evaluate(rule: Rule, claim: Claim, facts: dict[str, Any]) -> dict[str, Any] | None:
    """The conditions met (as evidence of why), or None when the rule does not fire."""
    met: dict[str, Any] = {}
    got: Any  # what the claim offers for the condition: a string, a list of strings, or None
    for cond, want in rule.when.items():
        wants = [str(w).lower() if cond == "evidence_any" else w for w in _as_list(want)]
        if cond == "type":
            ok, got = claim.type in wants, claim.type
        elif cond in ("actor_country", "target_country"):
            got = facts[cond]
            ok = got in wants
        elif cond == "party":
            got = [c for c in (facts["actor_country"], facts["target_country"]) if c]
            ok = any(c in wants for c in got)
        elif cond == "quantity_kind":
            got = claim.quantity.kind if claim.quantity else None
            ok = got in wants
        elif cond == "evidence_any":
            text = " ".join(e.text for e in claim.evidence).lower()
            got = [w for w in wants if w in text]
            ok = bool(got)
        elif cond == "modality_not":
            got = claim.modality
            ok = got not in wants
        elif cond in ("date_from", "date_to"):
            got = facts["date"]
            ok = got is None or (got >= str(want) if cond == "date_from" else got[: len(str(want))] <= str(want))
        else:  # designated
            got = facts["designated"]
            ok = bool(got) == bool(want)
        if not ok:
            return None
        met[cond] = got
    return met


def assess_claims(pack: Pack, claims: Iterable[Claim], designated: dict[str, list[dict[str, Any]]] | None = None,
                  published: str | None = None) -> list[dict[str, Any]]:
    """Flags for claims: ``[{"claim_id", "provision", "citation", ..., "why"}]``."""
    resolver = Resolver.for_pack(pack)
    ruleset = rules_for(pack)
    flags: list[dict[str, Any]] = []
    for claim in claims:
        if claim.negated:
            continue
        target_country = resolver.country_of(claim.target)
        if claim.location and claim.location.country and not target_country:
            target_country = claim.location.country
        facts = {
            "actor_country": resolver.country_of(claim.actor),
            "target_country": target_country,
            "date": (claim.date.start if claim.date and claim.date.start else published),
            "designated": (designated or {}).get(claim.id or "", []),
        }
        for rule in ruleset.rules:
            met = _evaluate(rule, claim, facts)
            if met is None:
                continue
            for prov in rule.provisions:
                flags.append({
                    "id": hash_id("f", claim.id, prov.id), "claim_id": claim.id, "document_id": claim.document_id,
                    "pack": pack.name, "rule": rule.id, "provision": prov.id, "resolution": prov.resolution,
                    "year": prov.year, "paragraph": prov.paragraph, "summary": prov.summary,
                    "certainty": prov.certainty,
                    "why": {"caveat": f"{CAVEAT} {prov.citation}", "citation": prov.citation, "conditions": met,
                            "note": rule.note, "evidence": [e.text for e in claim.evidence]},
                })
    seen: set[str] = set()
    return [f for f in flags if not (f["id"] in seen or seen.add(f["id"]))]  # type: ignore[func-returns-value]


def assess_document(session: Session, pack: Pack, doc: Document, claims: list[Claim]) -> list[dict[str, Any]]:
    """Screen the claims' names against loaded lists, then write the document's flags."""
    ensure_tables(session.connection())
    resolver = Resolver.for_pack(pack)
    matches = screen_claims(session, doc, claims, resolver.rules)
    designated: dict[str, list[dict[str, Any]]] = {}
    for m in matches:
        if m.claim_id and decision_for(session, m.mention_key, m.entry_id) != "different":
            designated.setdefault(m.claim_id, []).append({"mention": m.mention, "entry_id": m.entry_id,
                                                          "score": m.score, "match_id": m.id})
    flags = assess_claims(pack, claims, designated, doc.published)
    ids = [c.id for c in claims if c.id]
    if ids:
        session.execute(delete(FlagRow).where(FlagRow.claim_id.in_(ids)))
    session.add_all(FlagRow(**f) for f in flags)
    session.flush()
    return flags


def flags_for_claims(session: Session, claim_ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Stored flags grouped by claim id (all claims when ``claim_ids`` is None)."""
    ensure_tables(session.connection())
    q = select(FlagRow).order_by(FlagRow.claim_id, FlagRow.resolution, FlagRow.paragraph)
    if claim_ids is not None:
        q = q.where(FlagRow.claim_id.in_(list(claim_ids)))
    out: dict[str, list[dict[str, Any]]] = {}
    for f in session.scalars(q):
        out.setdefault(f.claim_id, []).append({
            "id": f.id, "provision": f.provision, "resolution": f.resolution, "year": f.year,
            "paragraph": f.paragraph, "summary": f.summary, "certainty": f.certainty, "rule": f.rule, "why": f.why})
    return out


def reassess(store: Any, pack: Pack) -> int:
    """Re-screen and re-flag every stored document (after ``lists load`` or a decision)."""
    from ..store import document_from_row
    from ..store.schema import DocumentRow

    n = 0
    rows = store.documents()
    for row in rows:
        claims = [c for c, _ in store.claims(document_id=row.id)]
        with store.session() as session:
            doc = document_from_row(session.get(DocumentRow, row.id))
            n += len(assess_document(session, pack, doc, claims))
    return n


_ = MatchRow  # re-exported table for readers of this module
