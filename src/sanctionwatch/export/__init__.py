"""Exporters: claims as JSON Lines (schema ``sanctionwatch.claim/1``) and CSV.

``claim_record(claim, document, documents_by_id)`` builds one export record exactly as
``shared/spec/claims-export.md`` describes; the writers stream records to a file.
"""
from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .. import settings
from ..model import Claim, entity_country
from ..store import DocumentRow, Store

__all__ = ["CLAIM_SCHEMA", "EVENT_SCHEMA", "FORMATS", "cameo_codes", "claim_record", "claim_records", "event_record", "ftm_entities", "ftm_records", "write_ftm",
           "event_records", "write_csv", "write_jsonl"]

CLAIM_SCHEMA = "sanctionwatch.claim/1"
EVENT_SCHEMA = "sanctionwatch.event/1"
FORMATS = ("jsonl", "csv", "events-jsonl")


@functools.lru_cache(maxsize=4)
def _cameo_table(pack_name: str) -> dict[str, tuple[str, ...]]:
    from ..extract.interactions import FrameBook
    from ..packs import load_pack

    return FrameBook.from_pack(load_pack(pack_name)).cameo


def cameo_codes(claim_type: str) -> list[str]:
    """The CAMEO event codes of a claim type in the active pack (GDELT and POLECAT use them)."""
    return list(_cameo_table(str(settings.get("pack"))).get(claim_type, ()))


def _entity(e: Any) -> dict[str, Any] | None:
    if not e:
        return None
    out: dict[str, Any] = {"name": e.name, "id": e.id}
    country = entity_country(e)
    if country:
        out["country"] = country
    return out


def document_ref(doc: DocumentRow) -> str:
    """How the export names a document: its URL when it has one, else its path."""
    return doc.url or doc.path


def claim_record(claim: Claim, doc: DocumentRow, docs_by_id: dict[str, DocumentRow] | None = None) -> dict[str, Any]:
    q = claim.quantity
    dup = None
    if doc.duplicate_of:
        original = (docs_by_id or {}).get(doc.duplicate_of)
        dup = document_ref(original) if original is not None else doc.duplicate_of
    return {
        "schema": CLAIM_SCHEMA,
        "claim_id": claim.id,
        "type": claim.type,
        "cameo": cameo_codes(claim.type),
        "actor": _entity(claim.actor),
        "target": _entity(claim.target),
        "location": vars(claim.location) if claim.location else None,
        "quantity": ({"value": q.value, "kind": q.kind, "qualifier": q.qualifier, "text": q.text,
                      **({"max": q.max} if q.max is not None else {})} if q else None),
        "date": vars(claim.date) if claim.date else None,
        "attributed_to": _entity(claim.attributed_to),
        "via": claim.via,
        "modality": claim.modality,
        "negated": claim.negated,
        "evidence": [vars(e) for e in claim.evidence],
        "document": {
            "id": doc.id, "url": doc.url, "path": doc.path, "outlet": doc.outlet,
            "published": doc.published, "language": doc.language, "title": doc.title,
            "duplicate_of": dup,
        },
        "event_id": claim.event_id,
        "confidence": claim.confidence,
        "extractor": claim.extractor,
    }


def claim_records(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    docs_by_id = {d.id: d for d in store.documents()}
    for claim, doc in store.claims(**filters):
        yield claim_record(claim, doc, docs_by_id)


def event_record(event: Any, claims: list[tuple[Claim, DocumentRow]]) -> dict[str, Any]:
    """One event as exported by ``export --format events-jsonl`` (schema ``sanctionwatch.event/1``).

    ``event`` is an ``EventRow``; ``claims`` its claims with their documents.  ``figures``,
    ``totals`` and ``conflicts`` come from the reconciled summary (``cluster/reconcile.py``).
    """
    summary = event.summary or {}
    return {
        "schema": EVENT_SCHEMA,
        "event_id": event.id,
        "type": event.type,
        "actor": event.actor_id,
        "target": event.target_id,
        "place": event.place,
        "date": {"start": event.date_start, "end": event.date_end},
        "first_reported": event.first_reported,
        "last_reported": event.last_reported,
        "independent_sources": event.sources,
        "documents": sorted({d.id for _, d in claims}),
        "outlets": summary.get("outlets", []),
        "attributed_to": summary.get("attributed_to", []),
        "figures": summary.get("figures", {}),
        "totals": summary.get("totals", []),
        "conflict": event.conflict,
        "conflicts": summary.get("conflicts", []),
        "denied_by": summary.get("denied_by", []),
        "claims": [c.id for c, _ in claims],
    }


def event_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every event, earliest first, with its claims."""
    from sqlalchemy import select

    from ..store import ClaimRow, EventRow, claim_from_row

    with store.session() as s:
        events = list(s.scalars(select(EventRow).order_by(EventRow.date_start, EventRow.id)))
        rows = s.execute(select(ClaimRow, DocumentRow).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
                         .where(ClaimRow.event_id.is_not(None))
                         .order_by(DocumentRow.published, ClaimRow.position)).all()
    by_event: dict[str, list[tuple[Claim, DocumentRow]]] = {}
    for c, d in rows:
        if c.event_id is not None:  # always (the query leaves out NULLs); narrows the type
            by_event.setdefault(c.event_id, []).append((claim_from_row(c), d))
    for event in events:
        yield event_record(event, by_event.get(event.id, []))


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for record in records:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


CSV_COLUMNS = [
    "claim_id", "type", "actor", "actor_id", "target", "target_id", "location", "country",
    "quantity", "quantity_max", "kind", "qualifier", "date_start", "date_end", "date_text",
    "attributed_to", "via", "modality", "negated", "evidence", "evidence_start", "evidence_end",
    "document_id", "outlet", "published", "url", "path", "duplicate_of", "event_id", "confidence",
]


def write_csv(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for r in records:
        q = r["quantity"] or {}
        d = r["date"] or {}
        loc = r["location"] or {}
        ev = r["evidence"][0] if r["evidence"] else {}
        doc = r["document"]
        writer.writerow({
            "claim_id": r["claim_id"], "type": r["type"],
            "actor": (r["actor"] or {}).get("name"), "actor_id": (r["actor"] or {}).get("id"),
            "target": (r["target"] or {}).get("name"), "target_id": (r["target"] or {}).get("id"),
            "location": loc.get("name"), "country": loc.get("country"),
            "quantity": q.get("value"), "quantity_max": q.get("max"), "kind": q.get("kind"),
            "qualifier": q.get("qualifier"), "date_start": d.get("start"), "date_end": d.get("end"),
            "date_text": d.get("text"), "attributed_to": (r["attributed_to"] or {}).get("name"),
            "via": r["via"], "modality": r["modality"], "negated": r["negated"],
            "evidence": ev.get("text"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
            "document_id": doc["id"], "outlet": doc["outlet"], "published": doc["published"],
            "url": doc["url"], "path": doc["path"], "duplicate_of": doc["duplicate_of"],
            "event_id": r["event_id"], "confidence": r["confidence"],
        })
        n += 1
    return n


# -- FollowTheMoney (Aleph / OpenSanctions) ------------------------------------------------
def ftm_entities(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """FtM entities from claim records: an ``Article`` per document, a ``Person``/
    ``Organization``/``Country``-level ``LegalEntity`` per resolved actor, an ``Event`` per
    claim (``involved`` the actors, ``proof`` the article, evidence in ``summary``)."""
    from ..model import hash_id

    seen: set[str] = set()

    def once(entity: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if entity["id"] not in seen:
            seen.add(entity["id"])
            yield entity

    schema_of = {"person": "Person", "org": "Organization", "country": "LegalEntity"}
    for r in records:
        doc = r["document"]
        article_id = f"sw-{doc['id']}"
        yield from once({"id": article_id, "schema": "Article", "properties": {
            "title": [doc.get("title") or doc.get("path") or doc["id"]],
            "publishedAt": [doc["published"]] if doc.get("published") else [],
            "sourceUrl": [doc["url"]] if doc.get("url") else [],
            "publisher": [doc["outlet"]] if doc.get("outlet") else [],
            "language": [doc["language"]] if doc.get("language") else []}})
        involved = []
        for role in ("actor", "target", "attributed_to"):
            ent = r.get(role)
            if not ent or not ent.get("name"):
                continue
            key = ent.get("id") or ent["name"]
            prefix = key.split(":", 1)[0] if ent.get("id") else "org"
            ent_id = "sw-" + (key.replace(":", "-") if ent.get("id") else hash_id("n", ent["name"]))
            props: dict[str, list[str]] = {"name": [ent["name"]]}
            if prefix == "country":
                props["country"] = [key.split(":", 1)[1].lower()]
            yield from once({"id": ent_id, "schema": schema_of.get(prefix, "LegalEntity"), "properties": props})
            if role != "attributed_to":
                involved.append(ent_id)
        q = r.get("quantity") or {}
        date = r.get("date") or {}
        loc = r.get("location") or {}
        name = f"{r['type']}: {(r.get('actor') or {}).get('name', '?')}"
        if q.get("value") is not None:
            name += f" {q['value']:g} {q.get('kind') or ''}".rstrip()
        yield from once({"id": f"sw-{r['claim_id']}", "schema": "Event", "properties": {
            "name": [name], "involved": involved, "proof": [article_id],
            "summary": [e["text"] for e in r.get("evidence") or []],
            "date": [date["start"]] if date.get("start") else [],
            "location": [loc["name"]] if loc.get("name") else [],
            "country": [loc["country"].lower()] if loc.get("country") else [],
            "notes": [f"modality: {r.get('modality')}"] + [f"may be relevant to {f}" for f in r.get("flags") or []],
        }})


def write_ftm(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """FtM entities as JSON lines (``followthemoney`` / Aleph ``ftm`` tools read them)."""
    n = 0
    for entity in ftm_entities(records):
        fh.write(json.dumps(entity, ensure_ascii=False) + "\n")
        n += 1
    return n


def ftm_records(store: Store) -> Iterator[dict[str, Any]]:
    """Claim records with the citations of their provision flags, for :func:`write_ftm`."""
    from ..assess import flags_for_claims

    with store.session() as s:
        flags = flags_for_claims(s)
    for record in claim_records(store):
        record["flags"] = [f["why"].get("citation") for f in flags.get(record["claim_id"], [])]
        yield record
