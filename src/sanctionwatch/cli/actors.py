"""`sanctionwatch actors` and `sanctionwatch actor NAME`"""
from __future__ import annotations

import typer
from rich.table import Table
from sqlalchemy import func, select

from .. import settings
from ..exceptions import NotFoundError
from ..packs import load_pack
from ..resolve import Resolver, describe
from ..store.schema import ClaimRow
from ._common import app, console, handle_errors, open_store


def _claim_counts() -> dict[str, int]:
    store = open_store()
    with store.session() as s:
        rows = s.execute(select(ClaimRow.actor_id, func.count()).group_by(ClaimRow.actor_id)).all()
    return {r[0]: r[1] for r in rows if r[0]}


@app.command("actors")
@handle_errors
def actors_cmd(
    category: str = typer.Option(None, "--category", "-c", help="Only country, person, organisation or armed_force."),
) -> None:
    """List the pack's canonical actors with their aliases and claim counts."""
    resolver = Resolver.for_pack(load_pack(settings.get("pack")))
    counts = _claim_counts()
    table = Table(header_style="bold")
    for col in ("id", "name", "category", "country", "claims", "aliases"):
        table.add_column(col, overflow="fold")
    shown = 0
    for actor in resolver.actors.actors.values():
        if category and actor.category != category:
            continue
        table.add_row(actor.id, actor.name, actor.category, actor.country or "", str(counts.get(actor.id, 0)),
                      ", ".join(a for a in actor.aliases if a != actor.name))
        shown += 1
    console.print(table)
    console.print(f"{shown} actors")


@app.command("actor")
@handle_errors
def actor_cmd(name: str = typer.Argument(..., help="Any spelling or script: 'Kim Jong-un', '김정은', 'Шойгу'.")) -> None:
    """Resolve a name to its canonical actor and show how it was matched."""
    resolver = Resolver.for_pack(load_pack(settings.get("pack")))
    info = describe(resolver, name)
    if info is None:
        raise NotFoundError(f"no actor for {name!r}; list actors with `sanctionwatch actors`")
    counts = _claim_counts()
    console.print(f"[bold]{info['name']}[/bold]  {info['id']}  ({info['category']}, {info['country'] or '-'})")
    if info.get("title"):
        console.print(f"title: {info['title']}")
    console.print(f"matched with score {info['score']}: {info['why']}")
    console.print(f"normalised: {info['normalised']}   key: {info['key']}")
    console.print("aliases: " + ", ".join(info["aliases"]))
    console.print(f"claims with this actor: {counts.get(info['id'], 0)}")
