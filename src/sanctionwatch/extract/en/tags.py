"""The Penn Treebank tags of the English rules that are two letters long, named by meaning, so
the rules ask ``is_modal(token)`` rather than compare with "MD" here and there."""
from __future__ import annotations

from spacy.tokens import Token

__all__ = ["BASE_FORM", "FINITE", "MODAL", "has_modal", "is_modal"]

#: a modal auxiliary: will, would, could, may, might, shall, should, must, can
MODAL = "MD"
#: a verb in its base form ("be", "send" after "will" or "to")
BASE_FORM = "VB"
#: the tags of a finite verb: past, present (3rd person singular and not) and modal
FINITE = frozenset(("VBD", "VBZ", "VBP", MODAL))


def is_modal(tok: Token) -> bool:
    """Whether ``tok`` is a modal auxiliary."""
    return tok.tag_ == MODAL


def has_modal(tok: Token) -> bool:
    """Whether a modal auxiliary hangs on ``tok`` ("will send", "could deploy")."""
    return any(c.tag_ == MODAL for c in tok.children)
