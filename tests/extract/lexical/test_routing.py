"""Language routing: registered languages, lazy optional packages, unsupported languages kept,
and cross-language normalisation (an English and a Russian report of one announcement)."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.extract import EXTRACTORS, Extractor
from sanctionwatch.extract.lexical import extractor as mc
from sanctionwatch.model import RawDocument
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import Store

RU_REPORT = ("Шойгу: КНДР направит в Курскую область тысячу саперов\n\n"
             "МОСКВА, 17 июня. Председатель государственных дел КНДР Ким Чен Ын решил направить в Курскую "
             "область тысячу саперов и 5 тыс. военных строителей, сообщил журналистам Сергей Шойгу.")
EN_REPORT = ("Shoigu says North Korea will send 1,000 sappers to Kursk\n\n"
             "MOSCOW, June 17. North Korea will send 1,000 sappers and 5,000 military builders to Russia's "
             "Kursk region, Russian Security Council Secretary Sergei Shoigu told reporters on Tuesday.")


def test_every_language_with_its_packages_is_registered() -> None:
    for lang in ("ru", "ko", "es", "fr", "de"):
        assert lang in EXTRACTORS
        assert Extractor().supports(lang)


def test_missing_optional_packages_leave_the_language_unregistered(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "kiwipiepy" else real(name, *a))
    registry: dict[str, Any] = {}
    monkeypatch.setattr(mc, "UNAVAILABLE", {})
    mc.register_all(registry.__setitem__)
    assert "ko" not in registry and "ru" in registry
    assert "sanctionwatch[multilingual]" in mc.UNAVAILABLE["ko"]


def _raw(text: str, language: str, name: str) -> RawDocument:
    return RawDocument(text=text, path=name, format="txt", source=name, language=language,
                       published="2025-06-17")


def test_unsupported_language_is_stored_and_reported(tmp_path: Path) -> None:
    pipeline = Pipeline(Store(str(tmp_path / "t.db")))
    outcome = pipeline.process_raw(_raw("La Corea del Nord invierà mille genieri nella regione di Kursk, "
                                        "secondo il Cremlino e le agenzie russe.", "it", "it.txt"))
    assert outcome.status == "stored" and outcome.document_id
    assert outcome.reason == "not analysed (language it)"


def _canonical(claims: list[Any]) -> set[tuple[Any, ...]]:
    return {(c.type, c.actor.id if c.actor else None, c.location.id if c.location else None,
             c.quantity.value if c.quantity else None, c.quantity.kind if c.quantity else None)
            for c in claims if c.quantity and c.quantity.value}


def test_english_and_russian_reports_normalise_alike() -> None:
    ex = Extractor()
    en = _canonical(ex.extract_text(EN_REPORT, "2025-06-17", "en"))
    ru = _canonical(ex.extract_text(RU_REPORT, "2025-06-17", "ru"))
    assert ("labor_dispatch", "country:KP", "place:kursk-oblast", 1000, "sappers") in en & ru
    assert ("labor_dispatch", "country:KP", "place:kursk-oblast", 5000, "construction workers") in en & ru


def test_english_and_russian_reports_share_an_event(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "t.db"))
    pipeline = Pipeline(store)
    for raw in (_raw(EN_REPORT, "en", "en.txt"), _raw(RU_REPORT, "ru", "ru.txt")):
        pipeline.process_raw(raw)
    rows = store.claims()
    sappers = {d.language: c.event_id for c, d in rows
               if c.quantity and c.quantity.value == 1000 and c.quantity.kind == "sappers"}
    assert set(sappers) == {"en", "ru"}
    assert sappers["en"] and sappers["en"] == sappers["ru"]
