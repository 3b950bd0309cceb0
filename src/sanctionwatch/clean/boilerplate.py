"""Boilerplate patterns, loaded from ``boilerplate.yaml`` and validated when loaded."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..exceptions import PackError

__all__ = ["BOILERPLATE_FILE", "BoilerplatePattern", "load_patterns", "match_boilerplate"]

BOILERPLATE_FILE = Path(__file__).with_name("boilerplate.yaml")
DEFAULT_MAX_CHARS = 200


@dataclass(frozen=True)
class BoilerplatePattern:
    name: str
    regex: re.Pattern[str]
    max_chars: int = DEFAULT_MAX_CHARS

    def matches(self, paragraph: str) -> bool:
        return len(paragraph) <= self.max_chars and self.regex.fullmatch(paragraph) is not None


@lru_cache(maxsize=4)
def load_patterns(path: Path = BOILERPLATE_FILE) -> tuple[BoilerplatePattern, ...]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PackError(f"{path}: cannot load boilerplate patterns: {exc}") from None
    entries = data.get("patterns") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise PackError(f"{path}: expected a 'patterns' list")
    patterns = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: pattern {number}"
        if (not isinstance(entry, dict) or not isinstance(entry.get("name"), str)
                or not isinstance(entry.get("pattern"), str)):
            raise PackError(f"{where}: needs a 'name' and a 'pattern' string")
        try:
            regex = re.compile(entry["pattern"], re.IGNORECASE | re.UNICODE)
        except re.error as exc:
            raise PackError(f"{where} ({entry['name']}): invalid regular expression: {exc}") from None
        max_chars = entry.get("max_chars", DEFAULT_MAX_CHARS)
        if not isinstance(max_chars, int) or max_chars <= 0:
            raise PackError(f"{where} ({entry['name']}): max_chars must be a positive integer")
        patterns.append(BoilerplatePattern(entry["name"], regex, max_chars))
    return tuple(patterns)


def match_boilerplate(paragraph: str) -> str | None:
    """The name of the first pattern the whole paragraph matches, or None."""
    for pattern in load_patterns():
        if pattern.matches(paragraph):
            return pattern.name
    return None
