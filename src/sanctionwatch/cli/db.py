"""`sanctionwatch db upgrade` and `sanctionwatch db current`: the schema's migrations."""
from __future__ import annotations

import typer

from ..settings import get as get_setting
from ..store import Store
from ..store.migrations import current as current_revision
from ..store.migrations import head
from ..store.migrations import upgrade as upgrade_to
from ._common import app, console, handle_errors

db_app = typer.Typer(help="Database schema: apply and inspect migrations (SQLite and PostgreSQL).",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
@handle_errors
def upgrade(revision: str = typer.Argument("head", help="Revision to migrate to.")) -> None:
    """Migrate the database (--db) to the newest schema; safe to run while others write."""
    store = Store(get_setting("db"), create=False)
    try:
        before = current_revision(store.engine)
        upgrade_to(store.engine, revision)
        after = current_revision(store.engine)
    finally:
        store.close()
    if before == after:
        console.print(f"{store.engine.url}: already at {after}")
    else:
        console.print(f"{store.engine.url}: {before or '(empty)'} -> {after}")


@db_app.command("current")
@handle_errors
def current() -> None:
    """Print the database's schema revision and the newest one this version knows."""
    store = Store(get_setting("db"), create=False)
    try:
        rev = current_revision(store.engine)
    finally:
        store.close()
    latest = head()
    state = "up to date" if rev == latest else "needs `sanctionwatch db upgrade`"
    console.print(f"{store.engine.url}: {rev or '(not migrated)'} (head {latest}; {state})")
