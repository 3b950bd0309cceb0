"""Shared fixtures: paths to the shared corpora, a fresh database, the spaCy-backed pipeline."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from sanctionwatch import settings
from sanctionwatch.store import database_url

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared").resolve()


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared folder sits beside the repository in CI)")
    return path


@pytest.fixture(autouse=True)
def _reset_settings() -> None:
    settings.reset()
    yield
    settings.reset()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


PG_SKIP = ("SANCTIONWATCH_TEST_PG is not set: no PostgreSQL server to test against; "
           "run `make test` (starts one with scripts/pg-test-server.sh) or export a URL")


def fresh_pg_database(prefix: str = "sw_test") -> Iterator[str]:
    """Create an empty database on the PostgreSQL test server (SANCTIONWATCH_TEST_PG); yield its URL; drop it."""
    server = os.environ.get("SANCTIONWATCH_TEST_PG")
    if not server:
        pytest.skip(PG_SKIP)
    admin_url = make_url(database_url(server))
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
