"""Exporters: claims as JSON Lines (schema ``sanctionwatch.claim/1``) and CSV.

``claim_record(claim, document, documents_by_id)`` builds one export record exactly as
``shared/spec/claims-export.md`` describes; the writers stream records to a file.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..model import Claim
from ..store import DocumentRow, Store

__all__ = ["CLAIM_SCHEMA", "FORMATS", "claim_record", "claim_records", "write_csv", "write_jsonl"]

CLAIM_SCHEMA = "sanctionwatch.claim/1"
FORMATS = ("jsonl", "csv")


def _entity(e: Any) -> dict[str, Any] | None:
    return {"name": e.name, "id": e.id} if e else None


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
