"""Language identification: restricted to the configured languages, "und" when unsure."""
from __future__ import annotations

import pytest

from sanctionwatch import settings
from sanctionwatch.ingest.language import detect_language, normalise_language_tag

CASES = [
    ("en", "The harbour authority said on Tuesday that grain shipments reached a record in February."),
    ("ru", "Администрация порта сообщила во вторник, что отгрузки зерна в феврале достигли рекорда."),
    ("ko", "항만 당국은 화요일 2월 곡물 선적량이 사상 최대를 기록했다고 밝혔다."),
    ("es", "La autoridad portuaria informó el martes que los envíos de grano alcanzaron un récord en febrero."),
    ("fr", "L'autorité portuaire a indiqué mardi que les expéditions de céréales avaient atteint un record "
           "en février."),
    ("de", "Die Hafenbehörde teilte am Dienstag mit, dass die Getreidelieferungen im Februar einen Rekord erreichten."),
]


@pytest.mark.parametrize(("code", "text"), CASES)
def test_detects_configured_languages(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "OK", "12 345 678", "Kursk."])
def test_short_or_empty_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_answers_only_configured_languages() -> None:
    settings.configure(languages="en,de")
    assert detect_language(CASES[4][1]) in ("en", "de", "und")


@pytest.mark.parametrize(("tag", "code"), [("en-GB", "en"), ("ko", "ko"), ("ru_RU", "ru"), ("", None), (None, None),
                                           ("not a tag", None)])
def test_normalise_language_tag(tag: str | None, code: str | None) -> None:
    assert normalise_language_tag(tag) == code
