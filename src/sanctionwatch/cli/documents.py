"""`sanctionwatch documents`"""
from __future__ import annotations

import typer
from rich.table import Table

from ._common import app, console, handle_errors, open_store, safe, short


@app.command()
@handle_errors
def documents(
    failed: bool = typer.Option(False, "--failed", help="List the input records that failed (stage and reason) "
                                "and are not stored; a re-run of the ingest retries them."),
) -> None:
    """List stored documents with their status and claim counts."""
    store = open_store()
    if failed:
        return _failed(store)
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


def _failed(store: object) -> None:
    rows = store.failures()  # type: ignore[attr-defined]
    table = Table(header_style="bold")
    for col in ("source", "stage", "reason", "tries", "last failed"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(safe(r.source), safe(r.stage), safe(r.reason), str(r.attempts), f"{r.failed_at:%Y-%m-%d %H:%M}")
    console.print(table)
    console.print(f"{len(rows)} failed records")
