"""Documents: the list page and one document with its claims."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from ...exceptions import NotFoundError
from ...export import claim_record
from ...store import ClaimRow, DocumentRow, Store, claim_from_row
from ._sql import Page, _clamp, _ilike, count, public_claim, public_path

__all__ = ["document_detail", "document_summary", "list_documents"]


def document_summary(d: DocumentRow) -> dict[str, Any]:
    return {
        "id": d.id, "title": d.title, "outlet": d.outlet, "published": d.published, "url": d.url,
        "path": public_path(d.path), "format": d.format, "language": d.language, "duplicate_of": d.duplicate_of,
        "status": d.status,
    }


def list_documents(store: Store, *, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    limit, offset = _clamp(limit, offset)
    cond = []
    if q:
        cond.append(or_(_ilike(DocumentRow.title, q), _ilike(DocumentRow.outlet, q), _ilike(DocumentRow.text, q)))
    cols = (DocumentRow.id, DocumentRow.title, DocumentRow.outlet, DocumentRow.published, DocumentRow.url,
            DocumentRow.path, DocumentRow.format, DocumentRow.language, DocumentRow.duplicate_of,
            DocumentRow.status)
    with store.session() as s:
        total = count(s, select(func.count()).select_from(DocumentRow).where(*cond), ("documents", q))
        rows = s.execute(select(*cols).where(*cond)
                         .order_by(DocumentRow.published.desc(), DocumentRow.id).limit(limit).offset(offset))
        ids = []
        items = []
        for r in rows:
            items.append(document_summary(r))  # type: ignore[arg-type]
            ids.append(r.id)
        counts = dict(s.execute(select(ClaimRow.document_id, func.count()).where(ClaimRow.document_id.in_(ids))
                                .group_by(ClaimRow.document_id)).all()) if ids else {}
    for item in items:
        item["claims"] = counts.get(item["id"], 0)
    return Page(items, total, limit, offset)


def document_detail(store: Store, document_id: str) -> dict[str, Any]:
    with store.session() as s:
        d = s.get(DocumentRow, document_id)
        if d is None:
            raise NotFoundError(f"no document {document_id!r}; list documents at /api/documents")
        rows = s.scalars(select(ClaimRow).where(ClaimRow.document_id == d.id).order_by(ClaimRow.position)).all()
        original = s.get(DocumentRow, d.duplicate_of) if d.duplicate_of else None
        docs = {original.id: original} if original is not None else {}
        record = document_summary(d)
        record.update(text=d.text, byline=d.byline, removed=list(d.removed or []))
        record["claims"] = [public_claim(claim_record(claim_from_row(r), d, docs)) for r in rows]
    return record
