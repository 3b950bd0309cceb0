"""`sanctionwatch actors` and `sanctionwatch actor NAME`"""
from __future__ import annotations

import typer
from sqlalchemy import func, select

from ..exceptions import NotFoundError
from ..packs import load_pack
from ..resolve import Resolver, describe
from ..settings import get as get_setting
from ..store.schema import ClaimRow
from ._common import app, console, handle_errors, open_store
from ._table import Col, emit, format_option, limit_option, sort_option, wide_option


def _claim_counts() -> dict[str, int]:
    store = open_store()
    with store.session() as s:
        rows = s.execute(select(ClaimRow.actor_id, func.count()).group_by(ClaimRow.actor_id)).all()
    return {r[0]: r[1] for r in rows if r[0]}


COLUMNS = [
    Col("id", "id", 1, min=10, max=28),
    Col("name", "name", 1, min=10, max=28),
    Col("category", "category", 2, min=8, max=12),
    Col("country", "country", 2, min=4, max=7),
    Col("claims", "claims", 1, min=6, max=6, justify="right"),
    Col("aliases", "aliases", 3, min=12, max=60, show=lambda r: ", ".join(r["aliases"])),
]


@app.command("actors")
@handle_errors
def actors_cmd(
    category: str = typer.Option(None, "--category", "-c", help="Only country, person, organisation or armed_force."),
    limit: int | None = limit_option("actors"),
    sort: str | None = sort_option([c.key for c in COLUMNS]),
    format: str = format_option(),
    wide: bool = wide_option(),
) -> None:
    """List the pack's canonical actors with their aliases and claim counts."""
    resolver = Resolver.for_pack(load_pack(get_setting("pack")))
    counts = _claim_counts()
    rows = [{"id": a.id, "name": a.name, "category": a.category, "country": a.country, "claims": counts.get(a.id, 0),
             "aliases": [x for x in a.aliases if x != a.name]}
            for a in resolver.actors.actors.values() if not category or a.category == category]
    emit(console, rows, COLUMNS, format=format, wide=wide, limit=limit, sort=sort, noun="actors")


@app.command("actor")
@handle_errors
def actor_cmd(
    name: str = typer.Argument(..., help="Any spelling or script: 'Kim Jong-un', '김정은', 'Шойгу'."),
) -> None:
    """Resolve a name to its canonical actor and show how it was matched."""
    resolver = Resolver.for_pack(load_pack(get_setting("pack")))
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
