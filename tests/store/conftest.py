"""Storage tests run on both backends: a SQLite file and a real PostgreSQL database.

The PostgreSQL side needs ``SANCTIONWATCH_TEST_PG``: a URL to a server where that role may
create databases (``make test`` starts one with ``scripts/pg-test-server.sh``).  Each test
gets a fresh database, dropped afterwards.  Without the variable those tests skip.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from sanctionwatch.store import database_url

PG_SKIP = ("SANCTIONWATCH_TEST_PG is not set: no PostgreSQL server to test against; "
           "run `make test` (starts one with scripts/pg-test-server.sh) or export a URL")


def fresh_pg_database() -> Iterator[str]:
    """Create an empty database on the test server; yield its URL; drop it."""
    server = os.environ.get("SANCTIONWATCH_TEST_PG")
    if not server:
        pytest.skip(PG_SKIP)
    admin_url = make_url(database_url(server))
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"sw_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        yield from fresh_pg_database()
