"""`sanctionwatch matches`, `sanctionwatch matches decide ID --same/--different`, `sanctionwatch flags`"""
from __future__ import annotations

import json
from typing import Optional

import typer
from rich.table import Table

from .. import settings
from ..assess import flags_for_claims, reassess
from ..packs import load_pack
from ..resolve.screening import decide, matches
from ._common import app, console, err, handle_errors, open_store, short

matches_app = typer.Typer(help="Sanctions-list matches of names in documents, and analysts' decisions.",
                          invoke_without_command=True)
app.add_typer(matches_app, name="matches")


@matches_app.callback()
@handle_errors
def matches_cmd(
    ctx: typer.Context,
    undecided: bool = typer.Option(False, "--undecided", help="Only matches nobody has decided on."),
    entry: Optional[str] = typer.Option(None, "--entry", help="Only matches of this list entry id."),
) -> None:
    """List matches with their score, the features behind it and the decision."""
    if ctx.invoked_subcommand:
        return
    with open_store().session() as s:
        rows = matches(s, entry_id=entry, undecided=undecided)
    table = Table(header_style="bold")
    for col in ("match", "mention", "list entry", "ref", "score", "why", "decision", "document"):
        table.add_column(col, overflow="fold")
    for m in rows:
        why = ", ".join(f"{k}={v}" for k, v in m["why"].items() if k != "alias")
        table.add_row(m["id"][:14], m["mention"], f"{m['entry']} (as {m['why'].get('alias')})", m["reference"] or "",
                      f"{m['score']:.2f}", why, m["decision"] or "-", short(m["document_id"]))
    console.print(table)
    console.print(f"{len(rows)} matches")


@matches_app.command("decide")
@handle_errors
def decide_cmd(
    match_id: str = typer.Argument(..., help="Match id (or a unique prefix) from `sanctionwatch matches`."),
    same: bool = typer.Option(False, "--same", help="The name is the listed person or entity."),
    different: bool = typer.Option(False, "--different", help="The name is not the listed person or entity."),
    note: Optional[str] = typer.Option(None, "--note", help="Why (kept with the decision)."),
) -> None:
    """Record a decision; it survives every re-run and re-screening."""
    if same == different:
        raise typer.BadParameter("give exactly one of --same or --different")
    store = open_store()
    with store.session() as s:
        j = decide(s, match_id, "same" if same else "different", note)
        err.print(f"recorded: {j.left!r} is {j.decision} from {j.right}")
    reassess(store, load_pack(settings.get("pack")))


@app.command("flags")
@handle_errors
def flags_cmd(
    provision: Optional[str] = typer.Option(None, "--provision", help="Only this provision id (unscr-2397-op8)."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Show at most this many claims."),
) -> None:
    """Claims with the UN Security Council provisions they may be relevant to (not legal findings)."""
    store = open_store()
    rows = store.claims(limit=None)
    with store.session() as s:
        flags = flags_for_claims(s)
    table = Table(header_style="bold")
    for col in ("date", "type", "actor", "target/place", "may be relevant to", "evidence", "document"):
        table.add_column(col, overflow="fold")
    shown = 0
    for claim, doc in rows:
        fl = [f for f in flags.get(claim.id or "", []) if not provision or f["provision"] == provision]
        if not fl:
            continue
        shown += 1
        if limit and shown > limit:
            break
        if as_json:
            console.print_json(json.dumps({"claim_id": claim.id, "type": claim.type, "flags": fl}))
            continue
        where = claim.location.name if claim.location else (claim.target.name if claim.target else "")
        table.add_row(claim.date.start if claim.date and claim.date.start else (doc.published or "")[:10],
                      claim.type, claim.actor.name if claim.actor else "", where,
                      "\n".join(f"{f['why'].get('citation')} [{f['certainty']}]: {f['summary']}" for f in fl),
                      (claim.evidence[0].text[:160] if claim.evidence else ""), short(doc.id))
    if not as_json:
        console.print(table)
        console.print(f"{min(shown, limit or shown)} flagged claims; a flag says a claim [italic]may be relevant "
                      "to[/italic] a provision, it is not a legal finding")
