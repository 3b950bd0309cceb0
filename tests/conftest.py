"""Shared fixtures: paths to the shared corpora, a fresh database, the spaCy-backed pipeline."""
from __future__ import annotations

import functools
import importlib.util
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

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


def ingest_and_export(folder: Path, tmp: Path, extractor: Any) -> Path:
    """Run a folder through the whole pipeline into a fresh SQLite file; the claims export's path."""
    from sanctionwatch.export import claim_records, write_jsonl
    from sanctionwatch.pipeline import Pipeline
    from sanctionwatch.store import Store

    store = Store(str(tmp / "pipeline.db"))
    report = Pipeline(store, extractor=extractor).ingest([str(folder)])
    assert not report.failed, report.failed
    export = tmp / "claims.jsonl"
    with export.open("w", encoding="utf-8") as fh:
        write_jsonl(claim_records(store), fh)
    return export


def run_scorer(gold: Path, export: Path, lang: str | None = None) -> dict[str, Any]:
    """The shared scorer's JSON figures for an export (``--lang`` when given)."""
    args = [sys.executable, str(shared_path("eval", "score.py")), str(gold), str(export), "--json"]
    result = subprocess.run([*args, *(["--lang", lang] if lang else [])], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def dig(result: dict[str, Any], dotted: str) -> float:
    """A figure of the scorer's JSON by dotted path: ``dig(r, "claims.f1")``."""
    value: Any = result
    for part in dotted.split("."):
        value = value[part]
    return float(value)


@functools.cache
def load_scorer() -> ModuleType:
    """The shared scorer as a module, for matching claims exactly as it does (skips when absent)."""
    path = shared_path("eval", "score.py")
    spec = importlib.util.spec_from_file_location("sw_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
