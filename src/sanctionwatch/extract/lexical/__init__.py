"""The lexicon-driven claim extractors of the languages other than English (ru, ko, es, fr, de).

Imports go one way: ``engine`` holds what every language shares (tokens, numbers, the
per-language lexicon of the pack, ``packs/<pack>/lexicon_<lang>.yaml``, phrase matching, and
``Language``: the pack's states and actors, the lexicon and the grammar hooks); ``attribution``
(who says it), ``dates`` (when) and ``interactions`` (meetings, visits, agreements) read the
engine's sentences; ``rules`` turns one sentence into claims with them; ``extractor`` runs the
rules over a document (``RuleExtractor``) and registers the languages; ``ru``, ``ko`` and
``romance`` (es, fr, de) tokenise, lemmatise and read numbers in their language.

``register_all(register)`` registers every language whose optional packages are installed.
"""
from __future__ import annotations

from .extractor import LANGUAGES, UNAVAILABLE, register_all

__all__ = ["LANGUAGES", "UNAVAILABLE", "register_all"]
