"""Exporters: claims as JSON Lines (schema ``sanctionwatch.claim/1``), CSV, Parquet and
FollowTheMoney entities; events as JSON Lines.

``claim_record(claim, document, documents_by_id)`` builds one export record exactly as
``shared/spec/claims-export.md`` describes; the writers stream records to a file.
"""
from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ..model import Claim, entity_country
from ..settings import get as get_setting
from ..store import DocumentRow, Store

__all__ = ["CLAIM_SCHEMA", "CSV_COLUMNS", "EVENT_SCHEMA", "FORMATS", "cameo_codes", "claim_record", "claim_records",
           "event_record", "event_records", "flat_record", "ftm_entities", "ftm_records", "write_csv", "write_ftm",
           "write_jsonl", "write_parquet"]

CLAIM_SCHEMA = "sanctionwatch.claim/1"
EVENT_SCHEMA = "sanctionwatch.event/1"
FORMATS = ("jsonl", "csv", "events-jsonl", "ftm", "parquet")


@functools.lru_cache(maxsize=4)
def _cameo_table(pack_name: str) -> dict[str, tuple[str, ...]]:
    from ..extract.en.framebook import FrameBook
    from ..packs import load_pack

    return FrameBook.from_pack(load_pack(pack_name)).cameo


def cameo_codes(claim_type: str) -> list[str]:
    """The CAMEO event codes of a claim type in the active pack (GDELT and POLECAT use them)."""
    return list(_cameo_table(str(get_setting("pack"))).get(claim_type, ()))


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
    "claim_id", "type", "cameo", "actor", "actor_id", "actor_country", "target", "target_id", "target_country",
    "location", "country", "quantity", "quantity_max", "kind", "qualifier", "date_start", "date_end", "date_text",
    "attributed_to", "attributed_to_country", "via", "modality", "negated", "evidence", "evidence_start",
    "evidence_end", "document_id", "outlet", "published", "url", "path", "duplicate_of", "event_id", "confidence",
]


def _cameo(value: Any) -> list[str]:
    """The record's CAMEO codes as a list (the key may be absent, one code, or a list)."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def flat_record(r: dict[str, Any]) -> dict[str, Any]:
    """One claim record as one flat row (CSV and Parquet): the first evidence span, the
    entities' names, ids and countries side by side, ``cameo`` a list of codes."""
    q = r["quantity"] or {}
    d = r["date"] or {}
    loc = r["location"] or {}
    ev = r["evidence"][0] if r["evidence"] else {}
    doc = r["document"]
    actor, target, said = r["actor"] or {}, r["target"] or {}, r["attributed_to"] or {}
    return {
        "claim_id": r["claim_id"], "type": r["type"], "cameo": _cameo(r.get("cameo")),
        "actor": actor.get("name"), "actor_id": actor.get("id"), "actor_country": actor.get("country"),
        "target": target.get("name"), "target_id": target.get("id"), "target_country": target.get("country"),
        "location": loc.get("name"), "country": loc.get("country"),
        "quantity": q.get("value"), "quantity_max": q.get("max"), "kind": q.get("kind"),
        "qualifier": q.get("qualifier"), "date_start": d.get("start"), "date_end": d.get("end"),
        "date_text": d.get("text"), "attributed_to": said.get("name"), "attributed_to_country": said.get("country"),
        "via": r["via"], "modality": r["modality"], "negated": r["negated"],
        "evidence": ev.get("text"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
        "document_id": doc["id"], "outlet": doc["outlet"], "published": doc["published"],
        "url": doc["url"], "path": doc["path"], "duplicate_of": doc["duplicate_of"],
        "event_id": r["event_id"], "confidence": r["confidence"],
    }


def write_csv(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Claims as CSV, one row a claim (``CSV_COLUMNS``; several CAMEO codes joined by ``;``)."""
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for r in records:
        row = flat_record(r)
        row["cameo"] = ";".join(row["cameo"])
        writer.writerow(row)
        n += 1
    return n


def write_parquet(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Claims as one Parquet file, one row a claim, the CSV's columns typed (``cameo`` a list
    of strings).  Needs pyarrow: ``pip install 'sanctionwatch[export]'``."""
    from .parquet import write_parquet as write

    return write((flat_record(r) for r in records), path, CSV_COLUMNS)


# -- FollowTheMoney (Aleph / OpenSanctions) ------------------------------------------------
def _ftm_id(*parts: str) -> str:
    """An FtM entity id: letters, digits, dots and dashes only (``sw-c-0802...``)."""
    raw = "-".join(("sw",) + parts)
    return re.sub(r"[^0-9A-Za-z.]+", "-", raw).strip("-.")


def _ftm_date(value: str | None) -> list[str]:
    """FtM dates are ISO 8601 prefixes without a zone: an aware time is turned to UTC first."""
    if not value:
        return []
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return [value[:10]] if re.match(r"\d{4}(-\d{2}){0,2}", value) else []
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return [moment.isoformat(timespec="seconds") if "T" in value or " " in value else moment.date().isoformat()]


def _ftm_language(code: str | None) -> list[str]:
    """FtM languages are ISO 639-3 ("eng"); documents store ISO 639-1 ("en")."""
    if not code:
        return []
    import pycountry

    lang = (pycountry.languages.get(alpha_2=code.lower()) if len(code) == 2
            else pycountry.languages.get(alpha_3=code.lower()))
    return [lang.alpha_3] if lang is not None and hasattr(lang, "alpha_3") else []


def ftm_entities(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """FtM entities from claim records: an ``Article`` per document, a ``Person``/
    ``Organization``/``Country``-level ``LegalEntity`` per resolved actor, an ``Event`` per
    claim (``involved`` the actors, ``proof`` the article, evidence in ``summary``).

    Every entity passes ``followthemoney``'s own validation (tests/core/test_export.py)."""
    from ..model import hash_id

    seen: set[str] = set()

    def once(entity: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if entity["id"] not in seen:
            seen.add(entity["id"])
            yield entity

    schema_of = {"person": "Person", "org": "Organization", "country": "LegalEntity"}
    for r in records:
        doc = r["document"]
        article_id = _ftm_id(doc["id"])
        yield from once({"id": article_id, "schema": "Article", "properties": {
            "title": [doc.get("title") or doc.get("path") or doc["id"]],
            "publishedAt": _ftm_date(doc.get("published")),
            "sourceUrl": [doc["url"]] if doc.get("url") else [],
            "publisher": [doc["outlet"]] if doc.get("outlet") else [],
            "language": _ftm_language(doc.get("language"))}})
        involved = []
        for role in ("actor", "target", "attributed_to"):
            ent = r.get(role)
            if not ent or not ent.get("name"):
                continue
            key = ent.get("id") or ent["name"]
            prefix = key.split(":", 1)[0] if ent.get("id") else "org"
            ent_id = _ftm_id(key) if ent.get("id") else _ftm_id(hash_id("n", ent["name"]))
            props: dict[str, list[str]] = {"name": [ent["name"]]}
            country = ent.get("country") or (key.split(":", 1)[1] if prefix == "country" else None)
            if country:
                props["country"] = [country.lower()]
            yield from once({"id": ent_id, "schema": schema_of.get(prefix, "LegalEntity"), "properties": props})
            if role != "attributed_to":
                involved.append(ent_id)
        q = r.get("quantity") or {}
        date = r.get("date") or {}
        loc = r.get("location") or {}
        name = f"{r['type']}: {(r.get('actor') or {}).get('name', '?')}"
        if q.get("value") is not None:
            name += f" {q['value']:g} {q.get('kind') or ''}".rstrip()
        yield from once({"id": _ftm_id(r["claim_id"]), "schema": "Event", "properties": {
            "name": [name], "involved": involved, "proof": [article_id],
            "summary": [e["text"] for e in r.get("evidence") or []],
            "date": _ftm_date(date.get("start")),
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
