"""`sanctionwatch events` and `sanctionwatch event EVENT_ID`"""
from __future__ import annotations

from typing import Any, Optional

import typer
from rich.table import Table

from ..cluster.query import event_detail, list_events
from ..model import CLAIM_TYPES
from ._common import app, console, handle_errors, open_store, short

_HEDGE = {"approx": "~", "up_to": "≤", "at_least": "≥"}


def _n(v: float | None) -> str:
    return "" if v is None else f"{v:,.0f}"


def _figure(kind: str, fig: dict[str, Any]) -> str:
    if fig.get("consensus") is not None:
        text = f"{_n(fig['consensus'])} {kind}"
    elif fig.get("range"):
        lo, hi = fig["range"]
        text = f"{_n(lo)}–{_n(hi)} {kind}"
    else:
        text = kind
    return text + (" [red]≠[/red]" if fig.get("conflict") else "")


@app.command()
@handle_errors
def events(
    type: Optional[str] = typer.Option(None, "--type", "-t", help=f"Only events of this type: {', '.join(CLAIM_TYPES)}."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events that run on/after this ISO date."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Show at most this many events."),
) -> None:
    """List events (claims of several documents about one real-world event) with reconciled figures."""
    if type and type not in CLAIM_TYPES:
        raise typer.BadParameter(f"unknown type {type!r}; one of {', '.join(CLAIM_TYPES)}", param_hint="--type")
    rows = list_events(open_store(), type=type, since=since, limit=limit)
    table = Table(header_style="bold")
    for col in ("date", "type", "actors", "place", "key figures", "sources", "conflicts", "event"):
        table.add_column(col, overflow="fold")
    for e in rows:
        summary = e.summary or {}
        figures = summary.get("figures", {})
        when = e.date_start or ""
        if e.date_end and e.date_end != e.date_start:
            when += f" – {e.date_end}"
        actors = " → ".join(x.split(":", 1)[-1] for x in (e.actor_id, e.target_id) if x)
        table.add_row(
            when, e.type, actors, e.place or "",
            "\n".join(_figure(k, f) for k, f in figures.items()),
            f"{e.sources} ({e.documents} docs)",
            ", ".join(summary.get("conflicts", [])) or "",
            short(e.id),
        )
    console.print(table)
    console.print(f"{len(rows)} events")


@app.command()
@handle_errors
def event(event_id: str = typer.Argument(..., help="An event id, or a unique prefix of one (see `sanctionwatch events`).")) -> None:
    """Show one event: figures by source, the timeline of reports and the evidence sentences."""
    detail = event_detail(open_store(), event_id)
    e = detail.event
    summary = e.summary or {}
    console.print(f"[bold]{e.type}[/bold] {e.actor_id or ''} → {e.target_id or ''} {e.place or ''}  "
                  f"{e.date_start or ''}–{e.date_end or ''}  [dim]{e.id}[/dim]", highlight=False)
    console.print(f"{e.sources} independent sources, {e.documents} documents; first reported {e.first_reported}, "
                  f"last {e.last_reported}" + ("  [red]conflicting figures[/red]" if e.conflict else ""),
                  highlight=False)
    figures = Table(title="Figures by source", header_style="bold")
    for col in ("kind", "value", "independent sources", "said by", "outlets"):
        figures.add_column(col, overflow="fold")
    for kind, fig in summary.get("figures", {}).items():
        for v in fig["values"]:
            value = _HEDGE.get(v.get("qualifier") or "", "") + _n(v["value"]) + (f"–{_n(v['max'])}" if v.get("max") else "")
            figures.add_row(kind + (" [red]≠[/red]" if fig["conflict"] else ""), value, str(v["independent_sources"]),
                            ", ".join(v["attributed_to"]), ", ".join(sorted({s["outlet"] or "" for s in v["sources"]})))
    console.print(figures)
    for t in summary.get("totals", []):
        parts = " + ".join(f"{_n(v)} {k}" for k, v in t["parts"].items())
        mark = "=" if t["consistent"] else "[red]≠[/red]"
        console.print(f"total {_n(t['value'])} {t['total']} {mark} {parts}", highlight=False)
    timeline = Table(title="Reports", header_style="bold")
    for col in ("published", "outlet", "claim", "said by", "evidence", "why"):
        timeline.add_column(col, overflow="fold")
    for c, d in detail.claims:
        q = c.quantity
        what = c.type + (f" {_n(q.value)} {q.kind}" if q and q.value is not None else "")
        why = detail.why.get(c.id or "")
        timeline.add_row(
            d.published or "", (d.outlet or "") + (" [dim](copy)[/dim]" if d.duplicate_of else ""), what,
            c.attributed_to.name if c.attributed_to else "", c.evidence[0].text if c.evidence else "",
            f"{why['score']:.2f} " + ", ".join(f"{k} {v:.2f}" for k, v in why["why"].items()) if why else "founding",
        )
    console.print(timeline)
