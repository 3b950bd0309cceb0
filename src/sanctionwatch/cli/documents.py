"""`sanctionwatch documents`"""
from __future__ import annotations

from typing import Any

import typer

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
#: `documents --failed`: the records that failed and are not stored
FAILED_COLUMNS = [
    Col("source", "source", 1, min=12, max=60),
    Col("stage", "stage", 1, min=7, max=10),
    Col("reason", "reason", 1, min=16, max=80),
    Col("tries", "tries", 2, min=5, max=5, justify="right"),
    Col("failed_at", "last failed", 3, min=16, max=16),
]
FAILED_FIELDS = ["source", "stage", "reason", "tries", "failed_at"]


@app.command()
@handle_errors
def documents(
    failed: bool = typer.Option(False, "--failed", help="List the input records that failed (stage and reason) "
                                "and are not stored; a re-run of the ingest retries them."),
    limit: int | None = limit_option("documents"),
    sort: str | None = sort_option(FIELDS),
    format: str = format_option(),
    wide: bool = wide_option(),
) -> None:
    """List stored documents with their status and claim counts (or, with --failed, the records that failed)."""
    store = open_store()
    if failed:
        rows_failed = [{"source": r.source, "stage": r.stage, "reason": r.reason, "tries": r.attempts,
                        "failed_at": f"{r.failed_at:%Y-%m-%d %H:%M}"} for r in store.failures()]
        emit(console, rows_failed, FAILED_COLUMNS, format=format, wide=wide, limit=limit, sort=sort,
             noun="failed records", fields=FAILED_FIELDS)
        return
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
