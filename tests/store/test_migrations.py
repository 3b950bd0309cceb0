"""Migrations: the shipped revisions build exactly the models' schema, on both backends."""
from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect

from sanctionwatch.store import Base, Store, database_url
from sanctionwatch.store.migrations import alembic_config, current, diff, head, upgrade

REGEN = "models and migrations differ: run scripts/regen-initial-migration.sh and commit the result"


def test_migrations_match_the_models(store_url: str) -> None:
    engine = create_engine(database_url(store_url))
    assert upgrade(engine) is True
    assert current(engine) == head()
    assert diff(engine) == [], REGEN
    engine.dispose()


def test_upgrade_at_head_does_nothing(store_url: str) -> None:
    store = Store(store_url)
    assert upgrade(store.engine) is False


def test_downgrade_to_base_and_up_again(store_url: str) -> None:
    store = Store(store_url)
    with store.engine.connect() as conn:
        command.downgrade(alembic_config(connection=conn), "base")
        conn.commit()
    assert "documents" not in inspect(store.engine).get_table_names()
    assert current(store.engine) is None
    upgrade(store.engine)
    assert diff(store.engine) == []


def test_database_made_before_migrations_is_adopted(store_url: str) -> None:
    engine = create_engine(database_url(store_url))
    Base.metadata.tables["documents"].create(engine)  # an old create_all database, partly
    assert current(engine) is None
    upgrade(engine)
    assert current(engine) == head()
    assert diff(engine) == []
    engine.dispose()
