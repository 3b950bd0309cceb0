"""Language identification with py3langid, restricted to the ``languages`` setting.

``detect_language(text)`` answers an ISO 639-1 code from the configured list, or
``"und"`` (undetermined) when the text is too short or the model is unsure.
``normalise_language_tag("en-GB")`` turns a declared tag into the same form.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..settings import get as get_setting

__all__ = ["UNDETERMINED", "detect_language", "normalise_language_tag"]

UNDETERMINED = "und"
MIN_LETTERS = 20  # fewer letters than this and any answer is a guess
MIN_PROBABILITY = 0.5

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if languages:
        identifier.set_languages(list(languages))
    return identifier


def _configured() -> tuple[str, ...]:
    raw = get_setting("languages") or ""
    return tuple(sorted({code.strip().lower() for code in str(raw).split(",") if code.strip()}))


def detect_language(text: str) -> str:
    """The language of ``text`` among the configured ones, or ``"und"``."""
    if not text or len(_LETTER.findall(text)) < MIN_LETTERS:
        return UNDETERMINED
    code, probability = _identifier(_configured()).classify(text)
    if probability < MIN_PROBABILITY:
        return UNDETERMINED
    return str(code)


def normalise_language_tag(tag: str | None) -> str | None:
    """``"en-GB"`` -> ``"en"``; ``None`` or an unparseable tag -> ``None``."""
    if not tag:
        return None
    match = _TAG.match(tag.strip())
    return match.group(1).lower() if match else None
