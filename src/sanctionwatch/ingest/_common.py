"""Helpers shared by the readers: the prefilter hook, decoding bytes, whitespace, dates, HTML fragments."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import lxml.html

from ..exceptions import InputError

__all__ = [
    "Prefilter",
    "Rejected",
    "Skipped",
    "cut_text",
    "decode_text",
    "html_fragment_paragraphs",
    "iso_utc",
    "join_paragraphs",
    "prepare",
    "squash",
]

# (payload, source, declared charset) -> why the record is rejected, or None to read it
Prefilter = Callable[[bytes, str, str | None], str | None]


class Rejected(InputError):
    """A record the caller's prefilter turned away before it was parsed; ``reason`` is its answer."""


class Skipped(InputError):
    """A file or record passed over on purpose (hidden, unsupported type, a WARC record that is no page)."""


_SPACES = re.compile(r"\s+")
_BLOCK_TAGS = frozenset(
    ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "figcaption", "td", "th"]
)
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def squash(text: str) -> str:
    """Collapse every run of whitespace into one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def decode_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes to text, or an InputError saying why the bytes are not readable text."""
    if not data.strip():
        raise InputError(source, "empty file")
    if b"\x00" in data[:8192] or len(_BINARY_CONTROL.findall(data[:8192])) > 8:
        raise InputError(source, "looks binary (control bytes found); expected text")
    for candidate in [encoding, "utf-8-sig"]:
        if not candidate:
            continue
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        if not text.strip():
            raise InputError(source, "empty file")
        return text
    raise InputError(source, "not UTF-8 text; convert it with: iconv -t UTF-8")


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC: ``2025-06-26T09:40:00+00:00``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def html_fragment_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment (feed content): one per outermost block element.

    Text outside any block element (``a<br>b``) becomes paragraphs split at line breaks.
    """
    if not fragment or not fragment.strip():
        return []
    if "<" not in fragment:
        return [squash(p) for p in re.split(r"\n\s*\n", fragment) if squash(p)]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk; the text is still worth keeping
        return [squash(re.sub(r"<[^>]+>", " ", fragment))] if squash(re.sub(r"<[^>]+>", " ", fragment)) else []
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    paragraphs: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        text = "".join(loose)
        loose.clear()
        paragraphs.extend(squash(part) for part in text.split("\n") if squash(part))

    def walk(element: lxml.html.HtmlElement) -> None:
        if element.text:
            loose.append(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("script", "style"):
                pass
            elif tag in _BLOCK_TAGS:
                flush()
                text = squash(child.text_content())
                if text:
                    paragraphs.append(text)
            elif tag in ("div", "section", "article", "ul", "ol", "dl", "table", "tbody", "tr", "figure"):
                flush()
                walk(child)
                flush()
            else:
                loose.append(child.text_content() if tag else "")
            if child.tail:
                loose.append(child.tail)

    walk(root)
    flush()
    return paragraphs


SPACY_MAX_CHARS = 1_000_000  # spaCy's default nlp.max_length: no setting lets a longer text reach it
_SURROGATE_OR_NUL = re.compile("[\ud800-\udfff\x00]")
_TEXT_FIELDS = ("text", "title", "outlet", "byline", "url", "published", "language", "source", "path")


def _clean_field(value: str) -> str:
    """Lone surrogates (valid in JSON, not in UTF-8) become U+FFFD; NUL bytes go (no database stores them)."""
    return _SURROGATE_OR_NUL.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def cut_text(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at the last paragraph boundary (else line, else space)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for boundary in ("\n\n", "\n", " "):
        at = head.rfind(boundary)
        if at > limit // 2:
            return head[:at].rstrip()
    return head


def prepare(raw: Any, max_chars: int | None = None) -> Any:
    """A record as the pipeline takes it: storable strings, a normalised publication date, a bounded text.

    What it changes that the user should hear of is appended to ``raw.warnings``.  Running
    it twice changes nothing more.
    """
    from ..settings import get as get_setting
    from .dates import normalise_published

    for name in _TEXT_FIELDS:
        value = getattr(raw, name, None)
        if isinstance(value, str) and _SURROGATE_OR_NUL.search(value):
            setattr(raw, name, _clean_field(value))
    published, warning = normalise_published(raw.published)
    raw.published = published
    if warning:
        raw.warnings.append(warning)
    limit = int(get_setting("max_document_chars") if max_chars is None else max_chars)
    limit = min(limit, SPACY_MAX_CHARS) if limit > 0 else SPACY_MAX_CHARS  # spaCy refuses longer texts (E088)
    if len(raw.text) > limit:
        before = len(raw.text)
        raw.text = cut_text(raw.text, limit)
        raw.warnings.append(f"text of {before:,} characters cut to {len(raw.text):,} at a paragraph boundary "
                            f"(max_document_chars {limit:,})")
    return raw
