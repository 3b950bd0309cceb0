"""Ingest: read the inputs the user names into :class:`RawDocument` records.

::

    from sanctionwatch.ingest import iter_inputs
    inputs = iter_inputs(["a.txt", "dir/", "x.warc.gz"])
    for item in inputs:            # RawDocument | InputError, never raises for one bad input
        ...
    inputs.skipped                 # files passed over inside directories, with a reason

Formats (by extension, else by sniffing the first bytes of an explicitly named file):
plain text ``.txt``, HTML ``.html/.htm``, JSON Lines ``.jsonl``, RSS/Atom
``.xml/.rss/.atom``, WARC ``.warc/.warc.gz``; each of the others also gzipped
(``.html.gz``, ``.txt.gz``, ``.jsonl.gz``, ``.xml.gz``…), read as its inner format once
decompressed, up to ``MAX_FILE_BYTES`` decompressed (a gzip bomb is refused, not
expanded).  Directories are walked recursively in sorted order.

Skipped files: hidden files and folders, and files with an unsupported extension inside a
directory, are passed over and recorded as :class:`Skipped` (an InputError subclass, so it
carries ``source`` and ``reason``) in ``inputs.skipped``; they are *not* yielded, so a
caller that reports every yielded InputError reports only real failures (the CLI names
the skipped ones too).  A file named explicitly that cannot be read, or whose type is
unsupported, is yielded as an InputError.

Every record is passed through :func:`prepare` as it is read: lone surrogates and NUL
bytes replaced, the publication date normalised (:mod:`.dates`; a placeholder or
impossible date becomes None with a warning in ``record.warnings``), the text cut at a
paragraph boundary to the ``max_document_chars`` setting.  An exception while reading one
record (a reader bug, the prefilter, language detection) becomes an InputError for that
record, with the stage that failed; the other records are read.

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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..exceptions import InputError
from ..model import RawDocument
from ._common import Prefilter, Rejected, Skipped, prepare
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
    "prepare",
    "read_file",
]

ReadResult = RawDocument | InputError

MAX_FILE_BYTES = 512 * 1024 * 1024


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
#: Formats also read gzipped (``page.html.gz``); a WARC's own gzip members are warcio's business.
GZIP_FORMATS = frozenset({"txt", "html", "jsonl", "feed"})


def _extension_format(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    if lower.endswith(".gz"):
        inner = FORMATS.get(os.path.splitext(lower[:-3])[1])
        return inner if inner in GZIP_FORMATS else None
    return FORMATS.get(os.path.splitext(lower)[1])


def _gunzip(data: bytes, limit: int) -> bytes:
    """The decompressed bytes of a gzip file (every member), refusing more than ``limit`` bytes."""
    out: list[bytes] = []
    size = 0
    rest = data
    while rest:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = decompressor.decompress(rest, limit - size + 1)
        size += len(chunk)
        out.append(chunk)
        if size > limit or decompressor.unconsumed_tail:
            raise ValueError(f"decompresses to more than {limit} bytes; refused (a gzip bomb?)")
        if not decompressor.eof:
            raise ValueError("truncated gzip stream")
        rest = decompressor.unused_data.lstrip(b"\x00")
    return b"".join(out)


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"\x1f\x8b"):
        try:
            inner: bytes = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
        except zlib.error:
            return None
        if inner.startswith(b"WARC/"):
            return "warc"
        return _sniff(inner) if not inner.startswith(b"\x1f\x8b") else None
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
            try:
                reason = prefilter(f"{item.title or ''}\n{item.text}".encode("utf-8", "replace"), item.source, "utf-8")
            except InputError as error:  # the prefilter broke on this record: the next is read
                yield error
                continue
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
        yield InputError(path, f"unsupported file type; supported: {', '.join(sorted(FORMATS))} "
                               "(and .gz of each)")
        return
    if fmt != "warc" and data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data, MAX_FILE_BYTES)
        except (ValueError, zlib.error) as exc:
            yield InputError(path, f"cannot decompress gzip file: {exc}")
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
    """A record prepared (:func:`prepare`) and given a language; an exception fails this record only."""
    if not isinstance(item, RawDocument):
        return item
    try:
        prepare(item)
        if not item.language:
            item.language = detect_language(item.text)
    except Exception as exc:  # one record's bug must not end the file
        return InputError(item.source, f"could not prepare the record ({type(exc).__name__}: {exc})")
    return item


def _guarded(prefilter: Prefilter | None) -> Prefilter | None:
    """The prefilter, with its exceptions turned into a failure of the one record (stage ``screen``)."""
    if prefilter is None:
        return None

    def screen(payload: bytes, source: str, charset: str | None) -> str | None:
        try:
            return prefilter(payload, source, charset)
        except Exception as exc:
            raise _ScreenFailed(source, f"screening failed ({type(exc).__name__}: {exc})", stage="screen") from exc

    return screen


class _ScreenFailed(InputError):
    """Raised through a reader when the prefilter broke on one record."""


class Inputs:
    """An iterable over the records of the given paths; ``skipped`` fills while iterating."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]], prefilter: Prefilter | None = None) -> None:
        self.paths = [os.fspath(p) for p in paths]
        self.prefilter = _guarded(prefilter)
        self.skipped: list[Skipped] = []

    def __iter__(self) -> Iterator[ReadResult]:
        for given in self.paths:
            items = self._read_path(given)
            while True:
                try:
                    item = next(items)
                except StopIteration:
                    break
                except Exception as exc:  # a bug while walking or reading: this path stops, the next goes on
                    yield InputError(given, f"reading stopped ({type(exc).__name__}: {exc})")
                    break
                if isinstance(item, Skipped):  # a container's record that is no document (WARC request...)
                    self.skipped.append(item)
                    continue
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
                    suffix = "".join(Path(filename).suffixes[-2:]) if filename.lower().endswith(".gz") \
                        else Path(filename).suffix
                    self.skipped.append(Skipped(path, f"unsupported extension {suffix or '(none)'!r}"))
                else:
                    yield from read_file(path, prefilter=self.prefilter)


def iter_inputs(paths: Iterable[str | os.PathLike[str]], prefilter: Prefilter | None = None) -> Inputs:
    """Records of every input path (files, directories, containers), in order.

    ``prefilter(payload, source, charset)`` answering a reason turns a record into
    :class:`Rejected` before it is parsed (see the module docstring).
    """
    return Inputs(paths, prefilter)
