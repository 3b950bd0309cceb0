"""The extractor registry: one ``name@version`` per extractor, the same on a document and its
claims, and a snapshot of each version's output that fails when the output changes and the
version does not."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.exceptions import ConfigError
from sanctionwatch.extract import EXTRACTORS, EnglishExtractor, Extractor
from sanctionwatch.extract.registry import VERSIONS, label
from sanctionwatch.model import Document, hash_id

SNAPSHOT = Path(__file__).with_name("extractor_versions.json")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "extractor-snapshot.py"

RU_REPORT = ("МОСКВА, 17 июня. Председатель государственных дел КНДР Ким Чен Ын решил направить в Курскую "
             "область тысячу саперов и 5 тыс. военных строителей, сообщил журналистам Сергей Шойгу.")


def _snapshot_script() -> Any:
    spec = importlib.util.spec_from_file_location("extractor_snapshot", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_registry_matches_the_snapshot() -> None:
    """Changing a version (or adding an extractor) means re-writing the snapshot:
    ``python scripts/extractor-snapshot.py --write``."""
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert VERSIONS == {name: entry["version"] for name, entry in recorded.items()}


@pytest.mark.slow
def test_an_extractor_whose_output_changed_has_a_new_version() -> None:
    """Each extractor's claims on the shared corpora and cases are what its version recorded."""
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    changed = [name for name, digest in _snapshot_script().digests().items()
               if recorded.get(name, {}).get("output") != digest]
    assert changed == [], (f"the output of {changed} changed: bump their versions in "
                           "src/sanctionwatch/extract/registry.py, then `python scripts/extractor-snapshot.py --write`")


def test_every_routed_extractor_has_a_version() -> None:
    from sanctionwatch.extract.lexical.ko import KoreanExtractor
    from sanctionwatch.extract.lexical.romance import FrenchExtractor, GermanExtractor, SpanishExtractor
    from sanctionwatch.extract.lexical.ru import RussianExtractor

    classes = [EnglishExtractor, RussianExtractor, KoreanExtractor, SpanishExtractor, FrenchExtractor,
               GermanExtractor]
    assert sorted(c.name for c in classes) == sorted(VERSIONS)
    assert not [c for c in classes if hasattr(c, "version")], "the registry is the one place for versions"
    assert label("ru-rules") == f"ru-rules@{VERSIONS['ru-rules']}"


def test_an_unregistered_extractor_is_named_in_the_error() -> None:
    with pytest.raises(ConfigError, match="'xx-rules'.*registry.py"):
        label("xx-rules")


def test_a_document_and_its_claims_carry_one_version_string() -> None:
    if "ru" not in EXTRACTORS:
        pytest.skip("the Russian extractor needs sanctionwatch[multilingual]")
    ex = Extractor()
    doc = Document(id=hash_id("d", RU_REPORT), text=RU_REPORT, raw_text=RU_REPORT, path="", format="txt",
                   published="2024-06-18", language="ru")
    claims = ex.extract(doc)
    assert claims
    assert {c.extractor for c in claims} == {ex.name_for("ru")} == {f"ru-rules@{VERSIONS['ru-rules']}"}
