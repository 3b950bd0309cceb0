"""The extractor registry: one ``name@version`` per extractor, the same on a document and its
claims, and a snapshot that makes a version change a deliberate, reviewed edit."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionwatch.exceptions import ConfigError
from sanctionwatch.extract import EXTRACTORS, EnglishExtractor, Extractor
from sanctionwatch.extract.registry import VERSIONS, label
from sanctionwatch.model import Document, hash_id

SNAPSHOT = Path(__file__).with_name("extractor_versions.json")

RU_REPORT = ("МОСКВА, 17 июня. Председатель государственных дел КНДР Ким Чен Ын решил направить в Курскую "
             "область тысячу саперов и 5 тыс. военных строителей, сообщил журналистам Сергей Шойгу.")


def test_registry_matches_the_snapshot() -> None:
    """Changing a version (or adding an extractor) means updating extractor_versions.json too:
    run ``python -c "import json; from sanctionwatch.extract.registry import VERSIONS;
    print(json.dumps(VERSIONS, indent=2, sort_keys=True))" > tests/extract/extractor_versions.json``."""
    assert VERSIONS == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


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
