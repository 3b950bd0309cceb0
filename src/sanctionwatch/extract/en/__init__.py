"""The English extractor: rules over a spaCy dependency parse.

``extractor.py`` is the extractor the router uses (spaCy and the rules load on first use);
``rules.py`` walks a parsed document sentence by sentence; ``frames.py`` adds the claims
without a stated number, ``interactions.py`` the meetings, visits and agreements of
officials; ``mentions.py``, ``numbers.py``, ``attribution.py`` and ``modality.py`` read the
mentions, figures, sources and modality around a claim's anchor.
"""
from __future__ import annotations

from .extractor import EnglishExtractor, load_spacy

__all__ = ["EnglishExtractor", "load_spacy"]
