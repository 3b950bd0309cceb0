"""Fixtures of the batch tests: a fresh PostgreSQL database when a test server is given."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url, text

from sanctionwatch.store import database_url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the PostgreSQL test server (SANCTIONWATCH_TEST_PG), dropped afterwards."""
    server = os.environ.get("SANCTIONWATCH_TEST_PG")
    if not server:
        pytest.skip("SANCTIONWATCH_TEST_PG is not set: no PostgreSQL server to test against; "
                    "run `make test` (starts one with scripts/pg-test-server.sh) or export a URL")
    admin_url = make_url(database_url(server))
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"sw_batch_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
