"""`sanctionwatch lists load FILE` and `sanctionwatch lists show`"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ..assess import reassess
from ..packs import load_pack
from ..resolve.lists import entries, load_list
from ..settings import get as get_setting
from ._common import app, console, err, handle_errors, open_store

lists_app = typer.Typer(help="Sanctions lists: load UN XML or FtM JSON lines, show what is loaded.",
                        no_args_is_help=True)
app.add_typer(lists_app, name="lists")


@lists_app.command("load")
@handle_errors
def load_cmd(
    file: Path = typer.Argument(..., help="UN consolidated list XML or OpenSanctions/FtM JSON lines."),
    format: str = typer.Option("auto", "--format", "-f", help="un, ftm or auto (from the content)."),
    program: str | None = typer.Option(None, "--program", "-p",
                                       help="Only entries of one programme (UN-SC1718 or list type DPRK)."),
    no_rematch: bool = typer.Option(False, "--no-rematch", help="Do not re-screen stored documents."),
) -> None:
    """Load a sanctions list, then re-screen and re-flag stored claims (decisions are kept)."""
    store = open_store()
    with store.session() as s:
        n = load_list(s, file, format, program)
    err.print(f"loaded {n} entries from {file}")
    if not no_rematch:
        flags = reassess(store, load_pack(get_setting("pack")))
        err.print(f"re-screened stored documents: {flags} flags")


@lists_app.command("show")
@handle_errors
def show_cmd(limit: int = typer.Option(50, "--limit", "-n", help="Show at most this many entries.")) -> None:
    """Show loaded list entries."""
    with open_store().session() as s:
        rows = entries(s)
    table = Table(header_style="bold")
    for col in ("id", "reference", "schema", "name", "program", "listed", "aliases"):
        table.add_column(col, overflow="fold")
    for r in rows[:limit]:
        table.add_row(r.id, r.reference or "", r.schema, r.caption, r.program or "", r.listed_on or "",
                      str(len(r.names) - 1 + len(r.weak_names)))
    console.print(table)
    console.print(f"{len(rows)} entries")
