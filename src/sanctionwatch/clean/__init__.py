"""Clean: normalise a RawDocument's text and drop boilerplate and repeated paragraphs.

::

    from sanctionwatch.clean import clean
    doc = clean(raw)    # Document; raises EmptyDocumentError when no text is left

Steps, each recorded in ``Document.removed`` when it drops something:

1. :func:`normalize_text` (NFC, plain spaces, no zero-width characters, LF).
2. Split into paragraphs: blocks separated by blank lines; a block whose lines are each
   a paragraph (long lines, as in scraped text with single newlines) is split per line,
   a hard-wrapped block is kept whole.
3. Boilerplate: a paragraph that wholly matches a pattern of ``boilerplate.yaml``
   (``{"reason": "boilerplate", "pattern": name, "text": ...}``).
4. Repeats: a paragraph equal, or nearly equal (rapidfuzz ratio >= ``REPEAT_RATIO`` on
   the folded form), to an earlier kept one (``{"reason": "repeated paragraph",
   "repeat_of": <index of the kept paragraph in text>, "similarity": ..., "text": ...}``).

The cleaned text joins the kept paragraphs with blank lines; ``clean`` is idempotent on
its own output.  ``Document.id`` hashes the cleaned text lower-cased with whitespace
collapsed, so the same content read from two formats gets the same id.
"""
from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from ..exceptions import EmptyDocumentError
from ..model import Document, RawDocument, hash_id
from .boilerplate import match_boilerplate
from .normalize import normalize_key, normalize_text

__all__ = ["REPEAT_RATIO", "clean", "clean_text", "document_id", "normalize_text", "split_paragraphs"]

REPEAT_RATIO = 90.0  # rapidfuzz ratio (0-100) from which a paragraph counts as a repeat
MIN_REPEAT_WORDS = 3  # shorter paragraphs ("Yes.", "* * *") may legitimately recur
_WRAP_WIDTH = 100
_LINE_END = tuple(".!?:;…。\"'”’»)]")


def _is_wrapped(lines: list[str]) -> bool:
    """True when a multi-line block looks like one hard-wrapped paragraph."""
    if len(lines) < 2 or max(len(line) for line in lines) > _WRAP_WIDTH:
        return False
    ended = sum(line.endswith(_LINE_END) for line in lines[:-1])
    return ended < (len(lines) - 1) / 2


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of normalised text (see the module docstring for the rule)."""
    paragraphs: list[str] = []
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if _is_wrapped(lines):
            paragraphs.append("\n".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def clean_text(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Cleaned text and the list of what was removed."""
    removed: list[dict[str, Any]] = []
    kept: list[str] = []
    kept_keys: list[str] = []
    for paragraph in split_paragraphs(normalize_text(text)):
        pattern = match_boilerplate(paragraph)
        if pattern is not None:
            removed.append({"reason": "boilerplate", "pattern": pattern, "text": paragraph})
            continue
        key = normalize_key(paragraph)
        repeat = _find_repeat(key, kept_keys) if len(key.split()) >= MIN_REPEAT_WORDS else None
        if repeat is not None:
            index, score = repeat
            removed.append({"reason": "repeated paragraph", "repeat_of": index,
                            "similarity": round(score / 100, 3), "text": paragraph})
            continue
        kept.append(paragraph)
        kept_keys.append(key)
    return "\n\n".join(kept), removed


def _find_repeat(key: str, kept_keys: list[str]) -> tuple[int, float] | None:
    for index, earlier in enumerate(kept_keys):
        if key == earlier:
            return index, 100.0
    for index, earlier in enumerate(kept_keys):
        shorter, longer = sorted((len(key), len(earlier)))
        if longer and shorter / longer < 0.8:
            continue
        score = fuzz.ratio(key, earlier, score_cutoff=REPEAT_RATIO)
        if score:
            return index, score
    return None


def document_id(text: str) -> str:
    return hash_id("d", " ".join(text.lower().split()))


def clean(raw: RawDocument) -> Document:
    text, removed = clean_text(raw.text)
    if not text.strip():
        raise EmptyDocumentError(raw.source, "no text left after cleaning")
    language = raw.language
    if not language:
        from ..ingest.language import detect_language

        language = detect_language(text)
    return Document(
        id=document_id(text),
        text=text,
        raw_text=raw.text,
        path=raw.path,
        format=raw.format,
        url=raw.url,
        title=raw.title,
        outlet=raw.outlet,
        byline=raw.byline,
        published=raw.published,
        language=language,
        removed=removed,
    )
