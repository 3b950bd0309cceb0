"""`sanctionwatch claims`"""
from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from ..model import CLAIM_TYPES
from ._common import app, console, handle_errors, open_store, short


def _fmt_number(v: float | None) -> str:
    return "" if v is None else f"{v:,.0f}"


@app.command()
@handle_errors
def claims(
    type: Optional[str] = typer.Option(None, "--type", "-t", help=f"Only this claim type: {', '.join(CLAIM_TYPES)}."),
    actor: Optional[str] = typer.Option(None, "--actor", "-a", help="Only claims whose actor name or id contains this."),
    since: Optional[str] = typer.Option(None, "--since", help="Only claims dated (or published) on/after this ISO date."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Show at most this many claims."),
) -> None:
    """List stored claims as a table."""
    if type and type not in CLAIM_TYPES:
        raise typer.BadParameter(f"unknown type {type!r}; one of {', '.join(CLAIM_TYPES)}", param_hint="--type")
    rows = open_store().claims(type=type, actor=actor, since=since, limit=limit)
    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "type", "actor", "target/place", "quantity", "kind", "said by", "modality", "document"):
        table.add_column(col, overflow="fold")
    for c, d in rows:
        q = c.quantity
        qty = ""
        if q and q.value is not None:
            qty = {"approx": "~", "up_to": "≤", "at_least": "≥"}.get(q.qualifier or "", "") + _fmt_number(q.value)
            if q.max is not None:
                qty += f"–{_fmt_number(q.max)}"
        where = c.location.name if c.location else (c.target.name if c.target else "")
        table.add_row(
            (c.date.start if c.date and c.date.start else (c.date.text if c.date and c.date.text else "")) or "",
            c.type, c.actor.name if c.actor else "", where, qty, q.kind if q and q.kind else "",
            c.attributed_to.name if c.attributed_to else "", ("not " if c.negated and c.modality != "denied" else "") + c.modality,
            short(d.id),
        )
    console.print(table)
    console.print(f"{len(rows)} claims")
