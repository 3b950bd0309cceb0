from __future__ import annotations

import pytest

from sanctionwatch import settings
from sanctionwatch.exceptions import ConfigError


def test_default_then_env_then_override(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings.get("db") == "sanctionwatch.db"
    monkeypatch.setenv("SANCTIONWATCH_DB", "/tmp/from-env.db")
    assert settings.get("db") == "/tmp/from-env.db"
    settings.configure(db="/tmp/flag.db")
    assert settings.get("db") == "/tmp/flag.db"


def test_typed_setting_parses_and_rejects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONWATCH_SHINGLE_SIZE", "7")
    assert settings.get("shingle_size") == 7
    monkeypatch.setenv("SANCTIONWATCH_SHINGLE_SIZE", "seven")
    with pytest.raises(ConfigError, match="SANCTIONWATCH_SHINGLE_SIZE"):
        settings.get("shingle_size")


def test_unknown_setting_is_an_error() -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        settings.configure(nonsense=1)
