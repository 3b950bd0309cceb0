"""Fixtures of the batch tests: a fresh PostgreSQL database when a test server is given."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..conftest import fresh_pg_database


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the PostgreSQL test server (SANCTIONWATCH_TEST_PG), dropped afterwards."""
    yield from fresh_pg_database("sw_batch")
