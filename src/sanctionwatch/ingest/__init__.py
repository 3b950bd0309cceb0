"""Ingest: read the inputs the user names into :class:`RawDocument` records.

::

    from sanctionwatch.ingest import iter_inputs
    inputs = iter_inputs(["a.txt", "dir/", "x.warc.gz"])
    for item in inputs:            # RawDocument | InputError, never raises for one bad input
        ...
    inputs.skipped                 # files passed over inside directories, with a reason

Formats (by extension, else by sniffing the first bytes of an explicitly named file):
plain text ``.txt``, HTML ``.html/.htm``, JSON Lines ``.jsonl``, RSS/Atom
``.xml/.rss/.atom``, WARC ``.warc/.warc.gz``.  Directories are walked recursively in
sorted order.

Skipped files: hidden files and folders, and files with an unsupported extension inside a
directory, are passed over silently and recorded as :class:`Skipped` (an InputError
subclass, so it carries ``source`` and ``reason``) in ``inputs.skipped``; they are *not*
yielded, so a caller that reports every yielded InputError reports only real failures.
A file named explicitly that cannot be read, or whose type is unsupported, is yielded as
an InputError.

Screening before parsing: ``iter_inputs(paths, prefilter=f)`` calls
``f(payload, source, charset)`` on each record's bytes before the costly reading and yields
:class:`Rejected` (source + reason) instead of the record when it answers a reason; ``None``
goes on as usual.  It sees a WARC HTML response's payload (``charset`` from its HTTP
``Content-Type``, else None) and an HTML file's bytes (``charset`` None) before HTML
extraction; text, JSON Lines and feed records, which are cheap to read, as their title and
text once read (``"{title}\n{text}"`` in UTF-8, ``charset`` ``"utf-8"``).  Without a
prefilter nothing extra runs.

Every record gets a language: the declared one (JSONL ``language``, ``<html lang>``,
feed ``<language>``) when present, else :func:`detect_language` on its text.
"""
from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from ..exceptions import InputError
from ..model import RawDocument
from ._common import Prefilter, Rejected
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .language import detect_language
from .text import read_text
from .warc import read_warc

__all__ = [
    "FORMATS",
    "Inputs",
    "Prefilter",
    "ReadResult",
    "Rejected",
    "Skipped",
    "detect_format",
    "iter_inputs",
    "read_file",
]

ReadResult = Union[RawDocument, InputError]

MAX_FILE_BYTES = 512 * 1024 * 1024


class Skipped(InputError):
    """A file inside a directory that was passed over on purpose (hidden, unsupported type)."""


FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}


def _extension_format(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    return FORMATS.get(os.path.splitext(lower)[1])


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"\x1f\x8b"):
        try:
            inner: bytes = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return None
        return "warc" if inner.startswith(b"WARC/") else None
    if head.startswith(b"WARC/"):
        return "warc"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<?xml") or text.startswith(b"<rss") or text.startswith(b"<feed"):
        if b"<rss" in text or b"<feed" in text or b"<rdf" in text:
            return "feed"
        if b"<html" in text:
            return "html"
        return "feed"
    if text.startswith(b"<!doctype html") or text.startswith(b"<html"):
        return "html"
    if text.startswith(b"{"):
        return "jsonl"
    return None


def detect_format(name: str, head: bytes) -> str | None:
    """The reader for a file: by extension, else by its first bytes; None if unknown."""
    return _extension_format(name) or _sniff(head)


_READERS: dict[str, Callable[[bytes, str, str], Iterable[ReadResult]]] = {
    "jsonl": read_jsonl,
    "feed": read_feed,
}


def _prefiltered(items: Iterable[ReadResult], prefilter: Prefilter) -> Iterator[ReadResult]:
    """Records already read (text, JSONL, feed), each passed through the prefilter."""
    for item in items:
        if isinstance(item, RawDocument):
            reason = prefilter(f"{item.title or ''}\n{item.text}".encode("utf-8", "replace"), item.source, "utf-8")
            if reason is not None:
                yield Rejected(item.source, reason)
                continue
        yield item


def read_file(path: str, fmt: str | None = None, prefilter: Prefilter | None = None) -> Iterator[ReadResult]:
    """Read one file (the path as given) into records; errors are yielded, not raised.

    ``prefilter`` (see the module docstring) may reject records before they are parsed.
    """
    name = os.path.basename(path) or path
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            yield InputError(path, f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
            return
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        yield InputError(path, f"cannot read file: {exc.strerror or exc}")
        return
    fmt = fmt or detect_format(name, data[:4096])
    if fmt is None:
        yield InputError(path, f"unsupported file type; supported: {', '.join(sorted(FORMATS))}")
        return
    try:
        if fmt == "warc":
            yield from read_warc(data, path, name, prefilter)
        elif fmt == "html":
            reason = prefilter(data, path, None) if prefilter is not None else None
            yield read_html(data, path, name) if reason is None else Rejected(path, reason)
        else:
            items = [read_text(data, path, name)] if fmt == "txt" else _READERS[fmt](data, path, name)
            yield from items if prefilter is None else _prefiltered(items, prefilter)
    except InputError as error:
        yield error
    except RecursionError:
        yield InputError(path, "input nested too deeply to parse")
    except Exception as exc:  # a reader bug must not end the run; say what broke
        yield InputError(path, f"could not read {fmt} input ({type(exc).__name__}: {exc})")


def _with_language(item: ReadResult) -> ReadResult:
    if isinstance(item, RawDocument) and not item.language:
        item.language = detect_language(item.text)
    return item


class Inputs:
    """An iterable over the records of the given paths; ``skipped`` fills while iterating."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]], prefilter: Prefilter | None = None) -> None:
        self.paths = [os.fspath(p) for p in paths]
        self.prefilter = prefilter
        self.skipped: list[Skipped] = []

    def __iter__(self) -> Iterator[ReadResult]:
        for given in self.paths:
            for item in self._read_path(given):
                yield _with_language(item)

    def _read_path(self, given: str) -> Iterator[ReadResult]:
        if os.path.isdir(given):
            yield from self._read_dir(given)
        elif os.path.exists(given):
            yield from read_file(given, prefilter=self.prefilter)
        else:
            yield InputError(given, "no such file or directory")

    def _read_dir(self, root: str) -> Iterator[ReadResult]:
        for current, dirs, files in os.walk(root, onerror=None):
            for hidden in sorted(d for d in dirs if d.startswith(".")):
                self.skipped.append(Skipped(os.path.join(current, hidden), "hidden folder"))
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for filename in sorted(files):
                path = os.path.join(current, filename)
                if filename.startswith("."):
                    self.skipped.append(Skipped(path, "hidden file"))
                elif _extension_format(filename) is None:
                    self.skipped.append(Skipped(path, f"unsupported extension {Path(filename).suffix or '(none)'!r}"))
                else:
                    yield from read_file(path, prefilter=self.prefilter)


def iter_inputs(paths: Iterable[str | os.PathLike[str]], prefilter: Prefilter | None = None) -> Inputs:
    """Records of every input path (files, directories, containers), in order.

    ``prefilter(payload, source, charset)`` answering a reason turns a record into
    :class:`Rejected` before it is parsed (see the module docstring).
    """
    return Inputs(paths, prefilter)
