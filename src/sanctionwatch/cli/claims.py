"""`sanctionwatch claims`"""
from __future__ import annotations

from typing import Any

import typer

from ..model import CLAIM_TYPES, Claim, entity_country
from ..store import DocumentRow
from ._common import app, console, handle_errors, open_store, short
from ._table import Col, emit, format_option, limit_option, sort_option, wide_option

_HEDGE = {"approx": "~", "up_to": "≤", "at_least": "≥"}


def _fmt_number(v: float | None) -> str:
    return "" if v is None else f"{v:,.0f}"


def _denied(r: dict[str, Any]) -> bool:
    """A denial or a negated claim: the table says "not arms_transfer", never the bare type."""
    return bool(r["modality"] == "denied" or r["modality"].startswith("not "))


def _figure(r: dict[str, Any]) -> str:
    """"~12,000 troops": the number with its hedge and range, then its kind."""
    if r["quantity"] is None:
        return r["kind"] or ""
    text = _HEDGE.get(r["qualifier"] or "", "") + _fmt_number(r["quantity"])
    text += f"–{_fmt_number(r['quantity_max'])}" if r["quantity_max"] is not None else ""
    return f"{text} {r['kind']}" if r["kind"] else text


COLUMNS = [
    Col("date", "date", 1, min=10, max=10),
    Col("type", "type", 1, min=9, max=20, show=lambda r: ("not " if _denied(r) else "") + r["type"]),
    Col("actor", "actor", 1, min=9, max=20),
    Col("quantity", "figure", 1, min=9, max=24, show=_figure),
    Col("where", "target/place", 2, min=9, max=20),
    Col("said_by", "said by", 3, min=9, max=24),
    Col("modality", "modality", 4, min=9, max=17),
    Col("document", "document", 5, min=10, max=14, show=lambda r: short(r["document"])),
    Col("outlet", "outlet", 6, min=8, max=20),
    Col("event", "event", 7, min=10, max=19),
    Col("confidence", "conf.", 8, min=5, max=5, justify="right", show=lambda r: f"{r['confidence']:.2f}"),
    Col("claim", "claim", 9, min=10, max=19),
]
#: what JSON Lines and CSV carry (and --sort takes): the table's columns and the parts they join
FIELDS = ["date", "type", "actor", "actor_country", "where", "target_country", "quantity", "quantity_max", "qualifier",
          "kind", "said_by", "modality", "document", "outlet", "published", "event", "confidence", "claim"]


def claim_row(c: Claim, d: DocumentRow) -> dict[str, Any]:
    """A claim as one row of the `claims` list (full values; the table cuts them)."""
    q = c.quantity
    has_value = bool(q and q.value is not None)
    return {
        "date": (c.date.start if c.date and c.date.start else (c.date.text if c.date and c.date.text else None)),
        "type": c.type,
        "actor": c.actor.name if c.actor else None,
        "where": c.location.name if c.location else (c.target.name if c.target else None),
        "quantity": q.value if q and has_value else None,
        "kind": q.kind if q and q.kind else None,
        "said_by": c.attributed_to.name if c.attributed_to else None,
        "modality": ("not " if c.negated and c.modality != "denied" else "") + c.modality,
        "document": d.id,
        "claim": c.id,
        "qualifier": q.qualifier if q and has_value else None,
        "quantity_max": q.max if q and has_value else None,
        "actor_country": entity_country(c.actor),
        "target_country": entity_country(c.target),
        "event": c.event_id,
        "confidence": c.confidence,
        "outlet": d.outlet,
        "published": d.published,
    }


@app.command()
@handle_errors
def claims(
    type: str | None = typer.Option(None, "--type", "-t", help=f"Only this claim type: {', '.join(CLAIM_TYPES)}."),
    actor: str | None = typer.Option(None, "--actor", "-a", help="Only claims whose actor name or id contains this."),
    since: str | None = typer.Option(None, "--since", help="Only claims dated (or published) on/after this ISO date."),
    min_confidence: float | None = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0,
        help="Only claims whose confidence (the sentence classifier's probability for English) is at least this; "
             "`--sort -confidence` lists the surest first."),
    limit: int | None = limit_option("claims"),
    sort: str | None = sort_option(FIELDS),
    format: str = format_option(),
    wide: bool = wide_option(),
) -> None:
    """List stored claims: a table that fits the terminal, or JSON Lines / CSV."""
    if type and type not in CLAIM_TYPES:
        raise typer.BadParameter(f"unknown type {type!r}; one of {', '.join(CLAIM_TYPES)}", param_hint="--type")
    rows = open_store().claims(type=type, actor=actor, since=since, limit=None if sort else limit,
                               min_confidence=min_confidence)
    emit(console, [claim_row(c, d) for c, d in rows], COLUMNS, format=format, wide=wide, limit=limit, sort=sort,
         noun="claims", fields=FIELDS)
