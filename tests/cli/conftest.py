"""The bundled sample, ingested once for the CLI tests, and running the CLI as a user does."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample"


def run(db: Path, columns: int, *args: str) -> subprocess.CompletedProcess[str]:
    """As a user runs it: a new process with ``COLUMNS`` set; it must succeed."""
    env = {**os.environ, "SANCTIONWATCH_DB": str(db), "COLUMNS": str(columns)}
    r = subprocess.run([sys.executable, "-m", "sanctionwatch", *args], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the bundled sample (and one subscribed feed), shared by the CLI tests: read only."""
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    run(db, 80, "ingest", "--quiet", str(SAMPLE))
    run(db, 80, "feeds", "add", "https://feeds.example.org/a-very-long-feed-address/world/asia/rss.xml",
        "--name", "example")
    return db
