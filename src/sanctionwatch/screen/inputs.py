"""Screened inputs: the records of files and folders, with the screen applied as early as it can be.

``ScreenedInputs`` iterates like :class:`sanctionwatch.ingest.Inputs` (records and
InputErrors, ``skipped`` for files passed over in folders) but:

* a WARC response or an HTML file is screened on its **raw payload bytes**, before the HTML
  reader (trafilatura) runs; only hits are parsed;
* a JSONL, feed or text record is screened on its title and text right after reading;
* a rejected record is yielded as :class:`ScreenedOut` (source + reason) and counted in
  ``screened_out``; ``seen`` counts every record looked at.
"""
from __future__ import annotations

import io
import os
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..exceptions import InputError
from ..ingest import MAX_FILE_BYTES, Inputs, ReadResult, Skipped, detect_format, read_file
from ..ingest.html import read_html
from ..ingest.language import detect_language
from ..model import RawDocument
from . import Screen, ScreenedOut

__all__ = ["ScreenedInputs"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_UTF8 = {"utf-8", "utf8", "us-ascii", "ascii"}
_WARC_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError)


class ScreenedInputs(Inputs):
    def __init__(self, paths: Iterable[str | os.PathLike[str]], screen: Screen) -> None:
        super().__init__(paths)
        self.screen = screen
        self.seen = 0
        self.screened_out = 0
        self.reasons: Counter[str] = Counter()

    def __iter__(self) -> Iterator[ReadResult]:
        for given in self.paths:
            for item in self._screened_path(given):
                if isinstance(item, RawDocument) and not item.language:
                    item.language = detect_language(item.text)
                yield item

    # -- walking --------------------------------------------------------------------
    def _screened_path(self, given: str) -> Iterator[ReadResult]:
        if os.path.isdir(given):
            for current, dirs, files in os.walk(given):
                for hidden in sorted(d for d in dirs if d.startswith(".")):
                    self.skipped.append(Skipped(os.path.join(current, hidden), "hidden folder"))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for filename in sorted(files):
                    path = os.path.join(current, filename)
                    if filename.startswith("."):
                        self.skipped.append(Skipped(path, "hidden file"))
                    elif detect_format(filename, b"") is None:
                        self.skipped.append(Skipped(path, f"unsupported extension {Path(filename).suffix or '(none)'!r}"))
                    else:
                        yield from self._screened_file(path)
        elif os.path.exists(given):
            yield from self._screened_file(given)
        else:
            yield InputError(given, "no such file or directory")

    def _screened_file(self, path: str) -> Iterator[ReadResult]:
        name = os.path.basename(path) or path
        try:
            if os.path.getsize(path) > MAX_FILE_BYTES:
                yield from read_file(path)  # the reader says why
                return
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            yield InputError(path, f"cannot read file: {exc.strerror or exc}")
            return
        fmt = detect_format(name, data[:4096])
        if fmt == "warc":
            yield from self._screened_warc(data, path, name)
        elif fmt == "html":
            self.seen += 1
            verdict = self.screen.check(data)
            if verdict.relevant:
                yield from read_file(path, fmt)
            else:
                yield self._reject(path, verdict.reason or "not relevant")
        else:
            for item in read_file(path, fmt):
                if isinstance(item, RawDocument):
                    self.seen += 1
                    verdict = self.screen.check(f"{item.title or ''}\n{item.text}")
                    if not verdict.relevant:
                        yield self._reject(item.source, verdict.reason or "not relevant")
                        continue
                yield item

    def _reject(self, source: str, reason: str) -> ScreenedOut:
        self.screened_out += 1
        self.reasons[reason] += 1
        return ScreenedOut(source, reason)

    # -- WARC -----------------------------------------------------------------------
    def _screened_warc(self, data: bytes, path: str, name: str) -> Iterator[ReadResult]:
        """Like ``ingest.warc.read_warc``, screening each HTML response before parsing it."""
        if not data.strip():
            yield InputError(name, "empty file")
            return
        iterator = ArchiveIterator(io.BytesIO(data), arc2warc=True)
        records = iter(iterator)
        next_offset = 0
        count = 0
        while True:
            try:
                record = next(records)
                count += 1
                payload = record.content_stream().read()
                # warcio knows a record's offset once it has been read to its end
                offset = iterator.get_record_offset()
                next_offset = offset + (iterator.get_record_length() or 0)
            except StopIteration:
                break
            except _WARC_ERRORS as exc:
                yield InputError(f"{name} record at offset {next_offset}", f"corrupt or truncated WARC record ({exc})")
                return
            if record.rec_type != "response":
                continue
            source = f"{name} record at offset {offset}"
            http = record.http_headers
            content_type = (http.get_header("Content-Type") if http else None) or ""
            if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
                continue
            if http is not None and http.get_statuscode() and not http.get_statuscode().startswith("2"):
                continue
            self.seen += 1
            charset = _charset(content_type)
            verdict = self.screen.check(_as_utf8(payload, charset))
            if not verdict.relevant:
                yield self._reject(source, verdict.reason or "not relevant")
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                yield read_html(payload, path, source, url=url, fmt="warc", charset=charset)
            except InputError as error:
                yield error
        if count == 0:
            yield InputError(name, "no WARC records found")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _as_utf8(payload: bytes, charset: str | None) -> bytes:
    """The payload in UTF-8 for the byte scan: transcoded only when another charset is declared."""
    if charset is None:
        head = payload[:2048].lower()
        marker = head.find(b"charset=")
        if marker < 0:
            return payload
        charset = head[marker + 8:marker + 40].strip(b"\"' ").split(b'"')[0].split(b"'")[0].split(b";")[0] \
            .split(b">")[0].split(b" ")[0].decode("ascii", "replace").strip("/")
    if charset in _UTF8 or not charset:
        return payload
    try:
        return payload.decode(charset, "replace").encode("utf-8")
    except LookupError:
        return payload
