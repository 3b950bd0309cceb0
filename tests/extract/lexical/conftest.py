"""One extractor per language for the session (kiwi and pymorphy load once)."""
from __future__ import annotations

from typing import Any

import pytest

from sanctionwatch.extract.lexical.ko import KoreanExtractor
from sanctionwatch.extract.lexical.romance import (
    FrenchExtractor,
    GermanExtractor,
    SpanishExtractor,
)
from sanctionwatch.extract.lexical.ru import RussianExtractor

CLASSES = {"ru": RussianExtractor, "ko": KoreanExtractor, "es": SpanishExtractor, "fr": FrenchExtractor,
           "de": GermanExtractor}


@pytest.fixture(scope="session")
def ml() -> dict[str, Any]:
    """Language code -> extractor instance, built on first use."""
    cache: dict[str, Any] = {}

    class Lazy(dict):  # type: ignore[type-arg]
        def __missing__(self, lang: str) -> Any:
            cache[lang] = CLASSES[lang]()
            self[lang] = cache[lang]
            return cache[lang]

    return Lazy()


def summary(claims: list[Any]) -> set[tuple[Any, ...]]:
    """(type, value, kind, qualifier) of each claim: what the tables compare."""
    return {(c.type, c.quantity.value if c.quantity else None, c.quantity.kind if c.quantity else None,
             c.quantity.qualifier if c.quantity else None) for c in claims}
