"""Alembic environment: runs on the connection the caller passes, or opens ``sqlalchemy.url``."""
from __future__ import annotations

from alembic import context
from alembic.operations import ops
from sqlalchemy import create_engine, inspect

from sanctionwatch.store.migrations import metadata

config = context.config
target_metadata = metadata()


def _expression_indexes(migration, _revision, directives):  # type: ignore[no-untyped-def]
    """Autogenerate: add the expression indexes of the tables this revision creates.

    Alembic skips an index on a function of columns (``ix_events_recent``: SQLite cannot
    reflect one, so it cannot be compared); a revision that creates the table creates it here.
    """
    script = directives[0]
    written = set(_created_indexes(script.upgrade_ops.ops))
    existing = set(inspect(migration.connection).get_table_names())
    for table in target_metadata.sorted_tables:
        if table.name in existing:
            continue
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            if index.name not in written:
                script.upgrade_ops.ops.append(ops.CreateIndexOp.from_index(index))
                script.downgrade_ops.ops.insert(0, ops.DropIndexOp.from_index(index))


def _created_indexes(operations):  # type: ignore[no-untyped-def]
    for op in operations:
        if isinstance(op, ops.CreateIndexOp):
            yield op.index_name
        elif isinstance(op, ops.ModifyTableOps):
            yield from _created_indexes(op.ops)


def _configure(connection):  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER on SQLite = copy-and-move
        process_revision_directives=_expression_indexes,
    )


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
