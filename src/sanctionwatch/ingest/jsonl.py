"""JSON Lines (``.jsonl``): one article per line with keys
``url, title, published, outlet, language, text`` (only ``text`` is required).

A malformed line yields an InputError naming ``file:line`` and reading goes on.
"""
from __future__ import annotations

import json
from typing import Iterator

from ..exceptions import InputError
from ..model import RawDocument
from ._common import decode_text
from .language import normalise_language_tag

__all__ = ["read_jsonl"]


def _optional(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


def read_jsonl(data: bytes, path: str, name: str) -> Iterator[RawDocument | InputError]:
    try:
        text = decode_text(data, name)
    except InputError as error:
        yield error
        return
    for number, line in enumerate(text.splitlines(), start=1):
        source = f"{name}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            reason = getattr(exc, "msg", str(exc))
            yield InputError(source, f"invalid JSON on line {number}: {reason}")
            continue
        if not isinstance(record, dict):
            yield InputError(source, f"line {number} is not a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(source, "missing 'text' field" if body is None else "'text' field is empty or not a string")
            continue
        yield RawDocument(
            text=body,
            path=path,
            format="jsonl",
            source=source,
            url=_optional(record, "url"),
            title=_optional(record, "title"),
            outlet=_optional(record, "outlet"),
            byline=_optional(record, "byline") or _optional(record, "author"),
            published=_optional(record, "published"),
            language=normalise_language_tag(_optional(record, "language")),
        )
