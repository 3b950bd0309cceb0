"""The shard ledger: which input shards a batch has finished, in the database it writes to.

A shard is marked done in one transaction after its last document is stored, so a killed
batch re-runs exactly the shards it had not finished; their documents already stored are
skipped by the store, which keeps every document exactly once.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..store import Store
from ..store.schema import ShardRow

__all__ = ["ShardRow", "finished", "mark_finished"]


def _now() -> datetime:
    return datetime.now(UTC)


def finished(store: Store, shard_id: str) -> dict[str, Any] | None:
    """The counts a finished shard recorded, or None when it is not finished."""
    with store.session() as s:
        row = s.get(ShardRow, shard_id)
        return dict(row.counts or {}) if row is not None else None


def mark_finished(store: Store, shard_id: str, path: str, pack: str, counts: dict[str, Any]) -> None:
    values = {"id": shard_id, "path": path, "pack": pack, "counts": counts, "finished_at": _now()}
    dialect = store.engine.dialect.name
    with store.session() as s:
        if dialect in ("postgresql", "sqlite"):
            insert = pg_insert if dialect == "postgresql" else sqlite_insert
            table = ShardRow.__table__
            s.execute(insert(table).values(**values).on_conflict_do_nothing(index_elements=["id"]))  # type: ignore[arg-type]
        elif s.get(ShardRow, shard_id) is None:
            s.add(ShardRow(**values))
