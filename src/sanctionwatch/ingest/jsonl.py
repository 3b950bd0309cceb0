"""JSON Lines (``.jsonl``): one article per line with keys
``url, title, published, outlet, language, text`` (only ``text`` is required).

Read line by line: a bad line yields an InputError naming ``file:line`` and the line's
number, and reading goes on with the next.  Bad lines are: not UTF-8, not JSON (a raw
control byte inside a string is one), nested deeper than ``MAX_DEPTH`` levels, not an
object, without a text.  A file is refused whole only when it is empty or plainly binary
(NUL bytes and not one readable line).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..exceptions import InputError
from ..model import RawDocument
from .language import normalise_language_tag

__all__ = ["MAX_DEPTH", "read_jsonl"]

MAX_DEPTH = 64  # nesting levels one line may have; an article record needs 2
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _optional(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _too_deep(line: str) -> bool:
    """True when the line's brackets nest deeper than MAX_DEPTH (strings are not counted)."""
    if line.count("[") + line.count("{") <= MAX_DEPTH:
        return False
    depth = deepest = 0
    for char in _STRING.sub("", line):
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return True
        elif char in "]}":
            depth -= 1
    return False


def _record(line: str, source: str, number: int, path: str) -> RawDocument | InputError:
    if _too_deep(line):
        return InputError(source, f"line {number} is nested more than {MAX_DEPTH} levels deep; skipped")
    try:
        record = json.loads(line)
    except RecursionError:
        return InputError(source, f"line {number} is nested too deeply to parse; skipped")
    except ValueError as exc:
        reason = getattr(exc, "msg", str(exc))
        return InputError(source, f"invalid JSON on line {number}: {reason}")
    if not isinstance(record, dict):
        return InputError(source, f"line {number} is not a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return InputError(source, "missing 'text' field" if body is None else "'text' field is empty or not a string")
    return RawDocument(
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


def read_jsonl(data: bytes, path: str, name: str) -> Iterator[RawDocument | InputError]:
    if not data.strip():
        yield InputError(name, "empty file")
        return
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    binary = b"\x00" in data[:8192]
    readable = 0
    errors: list[InputError] = []
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        source = f"{name}:{number}"
        if not raw_line.strip():
            continue
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError:
            error = InputError(source, f"line {number} is not UTF-8 text; convert it with: iconv -t UTF-8")
        else:
            item = _record(line.rstrip("\r"), source, number, path)
            if isinstance(item, RawDocument):
                readable += 1
                if errors:  # lines held back while the file might have been binary
                    yield from errors
                    errors.clear()
                yield item
                continue
            error = item
        if binary and not readable:
            errors.append(error)
            if len(errors) > 8:
                yield InputError(name, "looks binary (NUL bytes and no readable line); expected JSON Lines")
                return
        else:
            yield error
    yield from errors
