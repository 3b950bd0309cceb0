"""`sanctionwatch matches`, `sanctionwatch matches decide ID --same/--different`, `sanctionwatch flags`"""
from __future__ import annotations

from typing import Any

import typer

from ..assess import flags_for_claims, reassess
from ..packs import load_pack
from ..resolve.screening import decide, matches
from ..settings import get as get_setting
from ._common import app, console, err, handle_errors, open_store, short
from ._table import Col, emit, format_option, limit_option, sort_option, wide_option

matches_app = typer.Typer(help="Sanctions-list matches of names in documents, and analysts' decisions.",
                          invoke_without_command=True)
app.add_typer(matches_app, name="matches")


MATCH_COLUMNS = [
    Col("id", "match", 1, min=10, max=14, show=lambda r: r["id"][:14]),
    Col("mention", "mention", 1, min=10, max=28),
    Col("entry", "list entry", 1, min=10, max=32, show=lambda r: f"{r['entry']} (as {r['why'].get('alias')})"),
    Col("score", "score", 1, min=5, max=5, justify="right", show=lambda r: f"{r['score']:.2f}"),
    Col("decision", "decision", 2, min=8, max=10, show=lambda r: r["decision"] or "-"),
    Col("reference", "ref", 3, min=6, max=16),
    Col("document_id", "document", 4, min=10, max=14, show=lambda r: short(r["document_id"])),
    Col("why", "why", 5, min=12, max=50,
        show=lambda r: ", ".join(f"{k}={v}" for k, v in r["why"].items() if k != "alias")),
]


@matches_app.callback()
@handle_errors
def matches_cmd(
    ctx: typer.Context,
    undecided: bool = typer.Option(False, "--undecided", help="Only matches nobody has decided on."),
    entry: str | None = typer.Option(None, "--entry", help="Only matches of this list entry id."),
    limit: int | None = limit_option("matches"),
    sort: str | None = sort_option([c.key for c in MATCH_COLUMNS]),
    format: str = format_option(),
    wide: bool = wide_option(),
) -> None:
    """List matches with their score, the features behind it and the decision."""
    if ctx.invoked_subcommand:
        return
    with open_store().session() as s:
        rows = matches(s, entry_id=entry, undecided=undecided)
    emit(console, rows, MATCH_COLUMNS, format=format, wide=wide, limit=limit, sort=sort, noun="matches")


@matches_app.command("decide")
@handle_errors
def decide_cmd(
    match_id: str = typer.Argument(..., help="Match id (or a unique prefix) from `sanctionwatch matches`."),
    same: bool = typer.Option(False, "--same", help="The name is the listed person or entity."),
    different: bool = typer.Option(False, "--different", help="The name is not the listed person or entity."),
    note: str | None = typer.Option(None, "--note", help="Why (kept with the decision)."),
) -> None:
    """Record a decision; it survives every re-run and re-screening."""
    if same == different:
        raise typer.BadParameter("give exactly one of --same or --different")
    store = open_store()
    with store.session() as s:
        j = decide(s, match_id, "same" if same else "different", note)
        err.print(f"recorded: {j.left!r} is {j.decision} from {j.right}")
    reassess(store, load_pack(get_setting("pack")))


def _flag_text(f: dict[str, Any]) -> str:
    return f"{f['why'].get('citation')} [{f['certainty']}]: {f['summary']}"


FLAG_COLUMNS = [
    Col("date", "date", 1, min=10, max=10),
    Col("type", "type", 1, min=9, max=16),
    Col("flags", "may be relevant to", 1, min=16, max=60, show=lambda r: "; ".join(_flag_text(f) for f in r["flags"])),
    Col("actor", "actor", 2, min=9, max=20),
    Col("where", "target/place", 3, min=9, max=20),
    Col("document", "document", 4, min=10, max=14, show=lambda r: short(r["document"])),
    Col("evidence", "evidence", 5, min=20, max=80),
    Col("claim_id", "claim", 6, min=10, max=19),
]


@app.command("flags")
@handle_errors
def flags_cmd(
    provision: str | None = typer.Option(None, "--provision", help="Only this provision id (unscr-2397-op8)."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table (same as --format jsonl)."),
    limit: int | None = limit_option("claims"),
    sort: str | None = sort_option([c.key for c in FLAG_COLUMNS]),
    format: str = format_option(),
    wide: bool = wide_option(),
) -> None:
    """Claims with the UN Security Council provisions they may be relevant to (not legal findings)."""
    store = open_store()
    claims = store.claims(limit=None)
    with store.session() as s:
        flags = flags_for_claims(s)
    rows: list[dict[str, Any]] = []
    for claim, doc in claims:
        fl = [f for f in flags.get(claim.id or "", []) if not provision or f["provision"] == provision]
        if not fl:
            continue
        rows.append({
            "claim_id": claim.id, "type": claim.type, "flags": fl,
            "date": claim.date.start if claim.date and claim.date.start else (doc.published or "")[:10] or None,
            "actor": claim.actor.name if claim.actor else None,
            "where": claim.location.name if claim.location else (claim.target.name if claim.target else None),
            "document": doc.id, "evidence": " ".join(claim.evidence[0].text.split()) if claim.evidence else None,
        })
    emit(console, rows, FLAG_COLUMNS, format="jsonl" if as_json else format, wide=wide, limit=limit, sort=sort,
         noun="flagged claims", note="a flag says a claim may be relevant to a provision, it is not a legal finding")
