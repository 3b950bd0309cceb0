"""The English extractor: rules over a spaCy dependency parse.

``rules.py`` walks a parsed document sentence by sentence; ``frames.py`` adds the claims
without a stated number, ``interactions.py`` the meetings, visits and agreements of
officials; ``mentions.py``, ``numbers.py``, ``attribution.py`` and ``modality.py`` read the
mentions, figures, sources and modality around a claim's anchor.
"""
from __future__ import annotations

from .rules import EnglishRules

__all__ = ["EnglishRules"]
