"""`sanctionwatch show DOCUMENT_ID`"""
from __future__ import annotations

import typer
from rich.text import Text

from ._common import app, console, handle_errors, open_store, safe


@app.command()
@handle_errors
def show(
    document_id: str = typer.Argument(..., help="A document id, or a unique prefix of one "
                                      "(see `sanctionwatch documents`)."),
) -> None:
    """Print a document's cleaned text with the evidence of every claim highlighted."""
    store = open_store()
    doc = store.document(document_id)
    claims = [c for c, _ in store.claims(document_id=doc.id)]
    console.print(f"[bold]{safe(doc.title or '(no title)')}[/bold]", highlight=False)
    console.print(f"{safe(doc.outlet or '')} {safe(doc.published or '')} {safe(doc.url or doc.path)}  "
                  f"[dim]{doc.id}[/dim]", highlight=False)
    text = Text(doc.text)
    for c in claims:
        for e in c.evidence:
            text.stylize("bold yellow on grey23", e.start, e.end)
    console.print(text)
    console.print()
    for i, c in enumerate(claims, 1):
        q = c.quantity
        qty = f" {q.value:,.0f} {q.kind}" if q and q.value is not None else (f" {q.kind}" if q and q.kind else "")
        span = ", ".join(f"{e.start}-{e.end}" for e in c.evidence)
        console.print(f"[{i}] {c.type}{qty} ({c.modality}) [dim]chars {span}[/dim]", highlight=False)
