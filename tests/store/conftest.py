"""Storage tests run on both backends: a SQLite file and a real PostgreSQL database.

The PostgreSQL side needs ``SANCTIONWATCH_TEST_PG``: a URL to a server where that role may
create databases (``make test`` starts one with ``scripts/pg-test-server.sh``).  Each test
gets a fresh database, dropped afterwards.  Without the variable those tests skip.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import fresh_pg_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        yield from fresh_pg_database()
