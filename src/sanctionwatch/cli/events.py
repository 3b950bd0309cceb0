"""`sanctionwatch events` and `sanctionwatch event EVENT_ID`"""
from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from ..cluster.query import event_detail, list_events
from ..model import CLAIM_TYPES
from ._common import app, console, handle_errors, open_store, short
from ._table import Col, emit, format_option, limit_option, sort_option, wide_option

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


def _plain_figure(kind: str, fig: dict[str, Any]) -> str:
    return _figure(kind, fig).replace(" [red]≠[/red]", " ≠")


COLUMNS = [
    Col("date", "date", 1, min=10, max=23, show=lambda r: r["date_start"] + (
        f" – {r['date_end']}" if r["date_end"] and r["date_end"] != r["date_start"] else "")
        if r["date_start"] else ""),
    Col("type", "type", 1, min=9, max=16),
    Col("actors", "actors", 1, min=7, max=20,
        show=lambda r: " → ".join(x.split(":", 1)[-1] for x in (r["actor"], r["target"]) if x)),
    Col("figures", "key figures", 1, min=12, max=40,
        show=lambda r: "; ".join(_plain_figure(k, f) for k, f in r["figures"].items())),
    Col("sources", "sources", 2, min=7, max=14, show=lambda r: f"{r['sources']} ({r['documents']} docs)"),
    Col("id", "event", 3, min=10, max=14, show=lambda r: short(r["id"])),
    Col("place", "place", 4, min=8, max=24),
    Col("conflicts", "conflicts", 5, min=8, max=30, show=lambda r: ", ".join(r["conflicts"])),
]
FIELDS = ["id", "date_start", "date_end", "type", "actor", "target", "place", "figures", "sources", "documents",
          "conflict", "conflicts", "first_reported", "last_reported"]


def event_row(e: Any) -> dict[str, Any]:
    summary = e.summary or {}
    return {
        "id": e.id, "date_start": e.date_start, "date_end": e.date_end, "type": e.type, "actor": e.actor_id,
        "target": e.target_id, "place": e.place, "figures": summary.get("figures", {}), "sources": e.sources,
        "documents": e.documents, "conflict": e.conflict, "conflicts": summary.get("conflicts", []),
        "first_reported": e.first_reported, "last_reported": e.last_reported,
    }


@app.command()
@handle_errors
def events(
    type: str | None = typer.Option(None, "--type", "-t", help=f"Only events of this type: {', '.join(CLAIM_TYPES)}."),
    since: str | None = typer.Option(None, "--since", help="Only events that run on/after this ISO date."),
    limit: int | None = limit_option("events"),
    sort: str | None = sort_option(FIELDS),
    format: str = format_option(),
    wide: bool = wide_option(),
) -> None:
    """List events (claims of several documents about one real-world event) with reconciled figures."""
    if type and type not in CLAIM_TYPES:
        raise typer.BadParameter(f"unknown type {type!r}; one of {', '.join(CLAIM_TYPES)}", param_hint="--type")
    rows = list_events(open_store(), type=type, since=since, limit=None if sort else limit)
    emit(console, [event_row(e) for e in rows], COLUMNS, format=format, wide=wide, limit=limit, sort=sort,
         noun="events", fields=FIELDS)


FIGURE_COLUMNS = [
    Col("kind", "kind", 1, min=8, max=24),
    Col("value", "value", 1, min=7, max=16, justify="right"),
    Col("sources", "indep. sources", 1, min=7, max=14, justify="right"),
    Col("said_by", "said by", 2, min=10, max=40),
    Col("outlets", "outlets", 3, min=10, max=40),
]


def _when(moment: str | None) -> str:
    """'2025-06-17T14:00:00+00:00' -> '2025-06-17 14:00' (dates alone stay as they are)."""
    if not moment:
        return ""
    return moment[:16].replace("T", " ") if "T" in moment else moment


@app.command()
@handle_errors
def event(
    event_id: str = typer.Argument(..., help="An event id, or a unique prefix of one (see `sanctionwatch events`)."),
) -> None:
    """Show one event: figures by source, the timeline of reports and the evidence sentences."""
    detail = event_detail(open_store(), event_id)
    e = detail.event
    summary = e.summary or {}
    when = e.date_start or ""
    if e.date_end and e.date_end != e.date_start:
        when += f" – {e.date_end}"
    actors = " → ".join(x.split(":", 1)[-1] for x in (e.actor_id, e.target_id) if x)
    head = Text.assemble((e.type, "bold"), "  ", actors, "  ", e.place or "", "  ", when)
    console.print(head, highlight=False)
    console.print(Text(e.id, style="dim"))
    sources = f"{e.sources} independent source{'s' if e.sources != 1 else ''}, {e.documents} document" + (
        "s" if e.documents != 1 else "")
    console.print(f"{sources}; first reported {_when(e.first_reported)}, last {_when(e.last_reported)}"
                  + ("  [red]conflicting figures[/red]" if e.conflict else ""), highlight=False)
    rows: list[dict[str, Any]] = []
    for kind, fig in summary.get("figures", {}).items():
        for v in fig["values"]:
            value = (_HEDGE.get(v.get("qualifier") or "", "") + _n(v["value"])
                     + (f"–{_n(v['max'])}" if v.get("max") else ""))
            rows.append({"kind": kind + (" ≠" if fig["conflict"] else ""), "value": value,
                         "sources": v["independent_sources"], "said_by": ", ".join(v["attributed_to"]),
                         "outlets": ", ".join(sorted({s["outlet"] or "" for s in v["sources"]}))})
    if rows:
        console.print()
        console.print(Text("Figures by source", style="bold"))
        emit(console, rows, FIGURE_COLUMNS, noun="figures")
    for t in summary.get("totals", []):
        parts = " + ".join(f"{_n(v)} {k}" for k, v in t["parts"].items())
        mark = "=" if t["consistent"] else "[red]≠[/red]"
        console.print(f"total {_n(t['value'])} {escape(t['total'])} {mark} {escape(parts)}", highlight=False)
    console.print()
    console.print(Text("Reports", style="bold"))
    for c, d in detail.claims:
        q = c.quantity
        what = c.type + (f" {_n(q.value)} {q.kind}" if q and q.value is not None else "")
        line = Text.assemble(_when(d.published), "  ", (d.outlet or d.path or "", "bold"),
                             (" (copy)", "dim") if d.duplicate_of else "", " — ", what,
                             f" ({c.modality})" if c.modality else "")
        console.print(line, highlight=False)
        if c.attributed_to:
            console.print(Padding(Text(f"said by {c.attributed_to.name}"), (0, 0, 0, 4)), highlight=False)
        if c.evidence:
            console.print(Padding(Text(f"“{' '.join(c.evidence[0].text.split())}”", style="italic"), (0, 0, 0, 4)),
                          highlight=False)
        why = detail.why.get(c.id or "")
        reason = (f"matched {why['score']:.2f}: " + ", ".join(f"{k} {v:.2f}" for k, v in why["why"].items())
                  if why else "founding claim")
        console.print(Padding(Text(reason + f"  {short(d.id)}", style="dim"), (0, 0, 0, 4)), highlight=False)
