"""The extractors and their versions: one ``name@version`` string per extractor.

A document records the label of the extractor that read it and each of its claims carries the
same label, so a claim can be traced to the rules that produced it and a store can tell which
documents to re-read after an upgrade.  Bump an extractor's version in ``VERSIONS`` whenever its
output on the corpora changes, and re-write the snapshot ``tests/extract/extractor_versions.json``
(``python scripts/extractor-snapshot.py --write``) in the same commit: the snapshot holds each
version's output digest, and the test fails while output and version disagree.
"""
from __future__ import annotations

from ..exceptions import ConfigError

__all__ = ["VERSIONS", "label"]

#: extractor name -> version; the English rules over a spaCy parse, the lexicon-driven rules of
#: the other languages
VERSIONS: dict[str, str] = {
    "en-rules": "3",
    "ru-rules": "2",
    "ko-rules": "2",
    "es-rules": "2",
    "fr-rules": "2",
    "de-rules": "2",
}


def label(name: str) -> str:
    """``name@version`` of a registered extractor (``label("ru-rules") == "ru-rules@2"``)."""
    try:
        return f"{name}@{VERSIONS[name]}"
    except KeyError:
        raise ConfigError(
            f"extractor {name!r} has no version: add it to VERSIONS in sanctionwatch/extract/registry.py "
            "and run scripts/extractor-snapshot.py --write"
        ) from None
