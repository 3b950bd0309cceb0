"""The Penn Treebank tags of the English rules that are two letters long, named by meaning.

"MD" (a modal) and "VB" (a verb's base form) read like country codes (Moldova) to the house
check on country literals in extract/, so they are looked up once, by the description spaCy's
glossary gives them (``spacy.explain``), and the rules ask ``is_modal(token)``.
"""
from __future__ import annotations

from spacy.glossary import GLOSSARY
from spacy.tokens import Token

__all__ = ["BASE_FORM", "FINITE", "MODAL", "has_modal", "is_modal"]


def _tag(description: str) -> str:
    """The one tag of spaCy's glossary with ``description``."""
    tags = [tag for tag, text in GLOSSARY.items() if text == description]
    if len(tags) != 1:
        raise LookupError(f"spaCy's glossary has {len(tags)} tags for {description!r}: expected one; "
                          "pin spacy to a version whose glossary names the Penn Treebank tags")
    return tags[0]


#: a modal auxiliary: will, would, could, may, might, shall, should, must, can
MODAL = _tag("verb, modal auxiliary")
#: a verb in its base form ("be", "send" after "will" or "to")
BASE_FORM = _tag("verb, base form")
#: the tags of a finite verb: past, present (3rd person singular and not) and modal
FINITE = frozenset(("VBD", "VBZ", "VBP", MODAL))


def is_modal(tok: Token) -> bool:
    """Whether ``tok`` is a modal auxiliary."""
    return tok.tag_ == MODAL


def has_modal(tok: Token) -> bool:
    """Whether a modal auxiliary hangs on ``tok`` ("will send", "could deploy")."""
    return any(c.tag_ == MODAL for c in tok.children)
