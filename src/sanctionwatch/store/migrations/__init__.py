"""Schema migrations (Alembic), shipped inside the package and configured in code.

There is no ``alembic.ini`` to find: :func:`alembic_config` builds the configuration from
this folder, so ``sanctionwatch db upgrade`` and :class:`~sanctionwatch.store.Store` work
from an installed wheel.  The same revisions run on SQLite and PostgreSQL.

:func:`upgrade` is safe to call from many processes at once: it takes a database-wide
lock first (``pg_advisory_xact_lock`` on PostgreSQL, ``BEGIN EXCLUSIVE`` on SQLite), so
the first process migrates and the others then find the schema at head.  A database made
before migrations existed (tables, no ``alembic_version``) gets its missing tables and is
stamped at head.

Until the first release there is one initial revision; regenerate it from the models with
``scripts/regen-initial-migration.sh`` (a test fails when models and migrations differ).
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect, text

from ...exceptions import StoreError
from ..schema import Base

__all__ = ["alembic_config", "current", "diff", "head", "metadata", "upgrade"]

HERE = Path(__file__).parent
VERSION_TABLE = "alembic_version"
_PG_LOCK_KEY = 0x53574442  # "SWDB": one advisory lock id for sanctionwatch migrations


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` for this package's migrations (no ini file needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str | None:
    """The newest revision this package knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def metadata() -> Any:
    """The models' metadata (every table, the batch ledger's included, is declared in store/schema.py)."""
    return Base.metadata


def diff(engine: Engine) -> list[Any]:
    """Differences between the models and the database (empty when they agree).

    Indexes on a function of columns (``ix_events_recent``) are not compared: SQLite cannot
    reflect them (the initial revision creates them, see ``env.py``).
    """
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*expression-based index")
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(ctx, metadata()))


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Migrate the database to ``revision``; True when anything ran."""
    if revision == "head" and current(engine) == head():
        return False  # the common case, without taking the lock
    with engine.connect() as conn:
        _lock(conn)
        before = MigrationContext.configure(conn).get_current_revision()
        if before is None and _has_tables(conn):
            _adopt(conn)
        else:
            try:
                command.upgrade(alembic_config(connection=conn), revision)
            except CommandError as exc:
                raise StoreError(f"cannot migrate {engine.url} to {revision!r}: {exc}; give 'head' or a revision "
                                 "that `sanctionwatch db current` shows") from None
        after = MigrationContext.configure(conn).get_current_revision()
        conn.commit()
    return before != after


def _lock(conn: Connection) -> None:
    """Begin the migration transaction holding a database-wide lock."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        # pysqlite issues no BEGIN of its own before DDL; take the write lock up front so
        # the DDL and the version row commit together and a second process waits.
        conn.exec_driver_sql("BEGIN EXCLUSIVE")


def _has_tables(conn: Connection) -> bool:
    names = set(inspect(conn).get_table_names())
    return "documents" in names and VERSION_TABLE not in names


def _adopt(conn: Connection) -> None:
    """A database created by ``create_all`` before migrations: add what is missing, stamp head."""
    metadata().create_all(conn)
    command.stamp(alembic_config(connection=conn), "head")
