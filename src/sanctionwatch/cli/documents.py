"""`sanctionwatch documents`"""
from __future__ import annotations

from typing import Any, Optional

from ._common import app, console, handle_errors, open_store, short
from ._table import Col, emit, format_option, limit_option, sort_option, wide_option

COLUMNS = [
    Col("id", "id", 1, min=10, max=14, show=lambda r: short(r["id"])),
    Col("published", "published", 1, min=10, max=10, show=lambda r: (r["published"] or "")[:10]),
    Col("title", "title", 1, min=16, max=60),
    Col("claims", "claims", 1, min=6, max=6, justify="right"),
    Col("status", "status", 2, min=8, max=30),
    Col("outlet", "outlet", 3, min=8, max=24),
    Col("language", "lang", 4, min=4, max=4),
    Col("url", "url or path", 5, min=12, max=60),
]
FIELDS = ["id", "published", "title", "claims", "status", "duplicate_of", "outlet", "language", "url"]


@app.command()
@handle_errors
def documents(
    limit: Optional[int] = limit_option("documents"),
    sort: Optional[str] = sort_option(FIELDS),
    format: str = format_option(),
    wide: bool = wide_option(),
) -> None:
    """List stored documents with their status and claim counts."""
    store = open_store()
    counts: dict[str, int] = {}
    for c, _ in store.claims():
        counts[c.document_id or ""] = counts.get(c.document_id or "", 0) + 1
    rows: list[dict[str, Any]] = []
    for d in store.documents():
        rows.append({
            "id": d.id, "published": d.published, "title": d.title, "claims": counts.get(d.id, 0),
            "status": d.status + (f", copy of {short(d.duplicate_of)}" if d.duplicate_of else ""),
            "duplicate_of": d.duplicate_of, "outlet": d.outlet, "language": d.language, "url": d.url or d.path,
        })
    emit(console, rows, COLUMNS, format=format, wide=wide, limit=limit, sort=sort, noun="documents", fields=FIELDS)
