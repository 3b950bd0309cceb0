"""The lexicon-driven claim extractors of the languages other than English (ru, ko, es, fr, de).

``engine`` holds what every language shares: tokens, numbers, the per-language lexicon of the
pack (``packs/<pack>/lexicon_<lang>.yaml``), phrase matching and the extractor base class;
``rules`` turns one analysed sentence into claims, with ``attribution`` (who says it),
``dates`` (when) and ``interactions`` (meetings, visits, agreements); ``ru``, ``ko`` and
``romance`` (es, fr, de) tokenise, lemmatise and read numbers in their language.

``register_all(register)`` registers every language whose optional packages are installed.
"""
from __future__ import annotations

from .extractor import LANGUAGES, UNAVAILABLE, register_all

__all__ = ["LANGUAGES", "UNAVAILABLE", "register_all"]
