"""Text normalisation: Unicode NFC, plain spaces, no zero-width characters, LF line ends.

``normalize_text`` is idempotent (a property test checks it).  It keeps the paragraph
layout: lines are stripped, runs of blank lines collapse to one blank line.  A run of more
than ``MAX_SYMBOL_RUN`` copies of one punctuation or symbol character ("((((…", "=====…")
is cut to that many: no sentence needs more, and spaCy's tokenizer takes quadratic time
over such a run (50,000 "(" cost it minutes).
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text", "normalize_key"]

# Zero-width and invisible format characters; the soft hyphen is invisible too.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u0085|\u000b|\u000c")
_PARAGRAPH_BREAK = re.compile(r"\u2029")
_SPACE_RUN = re.compile(r"[^\S\n]+")  # every whitespace char but the newline
_BLANK_RUN = re.compile(r"\n{3,}")
_PUNCT_OR_SPACE = re.compile(r"[\W_]+", re.UNICODE)
MAX_SYMBOL_RUN = 32
_SYMBOL_RUN = re.compile(rf"([^\w\s])\1{{{MAX_SYMBOL_RUN},}}")


def normalize_text(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    text = _PARAGRAPH_BREAK.sub("\n\n", text)
    text = text.translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RUN.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_RUN.sub("\n\n", text)
    text = _SYMBOL_RUN.sub(lambda m: m.group(1) * MAX_SYMBOL_RUN, text)
    return text.strip("\n")


def normalize_key(text: str) -> str:
    """The comparison form of a paragraph: lower case, punctuation and spacing folded."""
    return _PUNCT_OR_SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
