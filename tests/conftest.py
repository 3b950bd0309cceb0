"""Shared fixtures: paths to the shared corpora, a fresh database, the spaCy-backed pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch import settings

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
