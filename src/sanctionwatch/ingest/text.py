"""Plain-text articles (``.txt``).

The house layout is::

    <headline>
    <Outlet> — <Byline> — <published>      (optional; " - " or " | " also accepted)
    <blank line>
    <body paragraphs separated by blank lines>

A file that does not follow it (no blank line after the first line or the header) is
kept whole as the body; its title is the first short line that reads like a headline.
"""
from __future__ import annotations

import re

from ..model import RawDocument
from ._common import decode_text

__all__ = ["parse_text", "read_text"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_MAX_HEADER = 200
_MAX_HEADLINE = 160
_SENTENCE_END = tuple(".!?。…")


def _parse_header(line: str) -> tuple[str | None, str | None, str | None] | None:
    """``Outlet — Byline — date`` -> (outlet, byline, published); None when not a header."""
    line = line.strip()
    if not line or len(line) > _MAX_HEADER:
        return None
    if " — " in line:
        parts = [p.strip() for p in line.split(" — ")]
        if len(parts) == 3 and all(parts):
            return parts[0], parts[1], parts[2] if _DATE.match(parts[2]) else parts[2]
        if len(parts) == 2 and all(parts):
            if _DATE.match(parts[1]):
                return parts[0], None, parts[1]
            return parts[0], parts[1], None
        return None
    # Hyphens and bars are common inside headlines: accept them only with a date at the end.
    for separator in (" | ", " - "):
        parts = [p.strip() for p in line.split(separator)]
        if len(parts) in (2, 3) and all(parts) and _DATE.match(parts[-1]):
            return parts[0], parts[1] if len(parts) == 3 else None, parts[-1]
    return None


def _looks_like_headline(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line) <= _MAX_HEADLINE and not line.endswith(_SENTENCE_END)


def parse_text(text: str, path: str, source: str) -> RawDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.strip("\n").split("\n")
    first = lines[0].strip()
    second = lines[1] if len(lines) > 1 else ""
    header = _parse_header(second) if len(lines) > 1 else None
    outlet = byline = published = None
    if header is not None:
        outlet, byline, published = header
        title: str | None = first
        body = "\n".join(lines[2:])
    elif len(lines) == 1 or not second.strip():
        # One line only: it is the text, not a headline over nothing.
        title = first if len(lines) > 1 else None
        body = "\n".join(lines[1:]) if len(lines) > 1 else first
    else:
        title = next((line.strip() for line in lines[:3] if _looks_like_headline(line)), None)
        body = "\n".join(lines)
    return RawDocument(
        text=body.strip("\n"),
        path=path,
        format="txt",
        source=source,
        title=title or None,
        outlet=outlet,
        byline=byline,
        published=published,
    )


def read_text(data: bytes, path: str, source: str) -> RawDocument:
    return parse_text(decode_text(data, source), path, source)
