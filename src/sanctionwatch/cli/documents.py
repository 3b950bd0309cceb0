"""`sanctionwatch documents`"""
from __future__ import annotations

from rich.table import Table

from ._common import app, console, handle_errors, open_store, short


@app.command()
@handle_errors
def documents() -> None:
    """List stored documents with their status and claim counts."""
    store = open_store()
    counts: dict[str, int] = {}
    for c, _ in store.claims():
        counts[c.document_id or ""] = counts.get(c.document_id or "", 0) + 1
    table = Table(header_style="bold")
    for col in ("id", "published", "outlet", "lang", "title", "claims", "status"):
        table.add_column(col, overflow="fold")
    rows = store.documents()
    for d in rows:
        status = d.status + (f", copy of {short(d.duplicate_of)}" if d.duplicate_of else "")
        table.add_row(short(d.id), (d.published or "")[:10], d.outlet or "", d.language or "",
                      (d.title or "")[:70], str(counts.get(d.id, 0)), status)
    console.print(table)
    console.print(f"{len(rows)} documents")
