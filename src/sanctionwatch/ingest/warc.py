"""WARC archives (``.warc``, ``.warc.gz``), read with warcio.

Every ``response`` record with an HTML content type goes through the HTML reader, with
the ``WARC-Target-URI`` as its url.  Every other record is yielded as :class:`Skipped`
with its offset and why (a request, metadata or warcinfo record; a response that is not
HTML, not 2xx, has no target URI, an unreadable HTTP header or ``Content-Length``), so
each is counted and named.  warcio's own warnings (it writes them to stderr) go to the
``warcio`` logger instead.  A ``prefilter`` sees
each such response's raw payload first (see :mod:`sanctionwatch.ingest`); a reason it
answers is yielded as ``Rejected`` and the page is not parsed.  A corrupt or truncated
archive yields one InputError naming the offset of the record that failed; the records
before it have already been yielded.
"""
from __future__ import annotations

import contextlib
import io
import logging
import sys
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecordLoader

from ..exceptions import InputError
from ..model import RawDocument
from ._common import Prefilter, Rejected, Skipped
from .html import read_html

log = logging.getLogger("warcio")

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCAN_CHUNK = 32 * 1024  # compressed bytes per step of the truncation scan


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def _failure_reason(exc: BaseException) -> str:
    if isinstance(exc, (EOFError, zlib.error)) or "gzip" in str(exc).lower():
        return f"truncated gzip stream ({exc})" if str(exc) else "truncated gzip stream"
    return f"corrupt WARC record ({exc})"


def _gzip_truncated_at(data: bytes) -> int | None:
    """Offset of the first gzip member that does not decompress to its end, or None."""
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        if not data[offset:offset + 2] == b"\x1f\x8b":
            # trailing bytes that are not gzip; warcio reports those itself
            return None if not data[offset:].strip(b"\x00\r\n ") else offset
        decompressor = zlib.decompressobj(31)
        # Fed in chunks: zlib copies the input left after a member into unused_data, so
        # handing it the whole rest of the archive per member is quadratic in the records.
        end = offset
        try:
            while not decompressor.eof and end < len(data):
                decompressor.decompress(view[end:end + _SCAN_CHUNK])
                end += _SCAN_CHUNK
        except zlib.error:
            return offset
        if not decompressor.eof:
            return offset
        offset = min(end, len(data)) - len(decompressor.unused_data)
    return None


class _Loader(ArcWarcRecordLoader):  # type: ignore[misc]
    """warcio's record loader, safe on two corruptions it crashes on.

    A record without ``WARC-Target-URI`` made it call ``None.startswith``; a
    ``Content-Length`` larger than the archive (``99999…``) made its line reader overflow.
    Such a record is read with no HTTP headers, its length bounded by the archive's size,
    and reported (skipped or truncated) like any other bad record.
    """

    def __init__(self, limit: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.limit = limit

    def load_http_headers(self, rec_type: Any, uri: Any, stream: Any, length: Any) -> Any:
        if isinstance(stream, LimitReader) and stream.limit > self.limit:
            stream.limit = self.limit
        if not isinstance(uri, str):
            return None
        return super().load_http_headers(rec_type, uri, stream, length)


class _WarcioLog(io.TextIOBase):
    """A stderr stand-in: warcio's warnings go to the ``warcio`` logger, one record per message.

    What the logging handlers themselves write to stderr meanwhile goes to the real one.
    """

    def __init__(self, stderr: Any) -> None:
        self.stderr = stderr
        self.busy = False

    def write(self, text: str) -> int:
        if self.busy:
            return int(self.stderr.write(text) or 0)
        message = " ".join(text.split())
        if message:
            self.busy = True
            try:
                log.warning("%s", message[:500])
            finally:
                self.busy = False
        return len(text)

    def flush(self) -> None:
        self.stderr.flush()


def _skip_reason(record: Any) -> str | None:
    """Why a record is not a page to read, or None when it is an HTML response."""
    rec_type = record.rec_type
    length = record.rec_headers.get_header("Content-Length")
    if length is not None and not length.strip().isdigit():
        return f"invalid Content-Length {length[:40]!r}"
    if rec_type != "response":
        return f"{rec_type} record (not a response)" if rec_type else "record without a WARC-Type"
    if not record.rec_headers.get_header("WARC-Target-URI"):
        return "response without a WARC-Target-URI"
    http = record.http_headers
    if http is None:
        return "response without a readable HTTP header"
    content_type = http.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return f"not HTML ({content_type.split(';')[0].strip()[:60] or 'no Content-Type'})"
    status = http.get_statuscode()
    if not status or not status.isdigit():
        return f"HTTP status line unreadable ({(http.statusline or '')[:40]!r})"
    if not status.startswith("2"):
        return f"HTTP status {status}"
    return None


def _head(data: bytes, gzipped: bool) -> bytes:
    if not gzipped:
        return data[:64]
    try:
        return zlib.decompressobj(31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def read_warc(data: bytes, path: str, name: str,
              prefilter: Prefilter | None = None) -> Iterator[RawDocument | InputError]:
    if not data.strip():
        yield InputError(name, "empty file")
        return
    gzipped = data[:2] == b"\x1f\x8b"
    if not _head(data, gzipped).lstrip().startswith((b"WARC/", b"filedesc://")):
        yield InputError(name, "not a WARC archive (no WARC/ header at the start)")
        return
    # A short record shows itself (warcio leaves part of its content unread); a full scan of
    # the gzip members, which decompresses the archive a second time, runs only when the
    # archive did not read cleanly to its end.
    truncated_at: int | None = None
    iterator = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    iterator.loader = _Loader(len(data), verify_http=False, arc2warc=True)
    records = iter(iterator)
    next_offset = 0  # where the record being read starts, for messages
    count = 0
    while True:
        try:
            with contextlib.redirect_stderr(_WarcioLog(sys.stderr)):
                record = next(records)
                count += 1
                payload = record.content_stream().read()
                # warcio knows a record's offset and length once it has been read to the end.
                offset = iterator.get_record_offset()
                next_offset = offset + (iterator.get_record_length() or 0)
        except StopIteration:
            break
        except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError) as exc:
            truncated_at = _gzip_truncated_at(data) if gzipped else None
            yield InputError(f"{name} record at offset {truncated_at if truncated_at is not None else next_offset}",
                             _failure_reason(exc))
            return
        if getattr(record.raw_stream, "limit", 0) or record.rec_headers.get_header("Content-Length") is None:
            truncated_at = _gzip_truncated_at(data) if gzipped else None
            yield InputError(f"{name} record at offset {offset}",
                             "truncated gzip stream" if truncated_at is not None else "truncated WARC record")
            return
        source = f"{name} record at offset {offset}"
        skip = _skip_reason(record)
        if skip is not None:
            yield Skipped(source, skip)
            continue
        http = record.http_headers
        content_type = http.get_header("Content-Type") or ""
        charset = _charset(content_type)
        if prefilter is not None:
            try:
                reason = prefilter(payload, source, charset)
            except InputError as error:  # the prefilter broke on this record: the next is read
                yield error
                continue
            if reason is not None:
                yield Rejected(source, reason)
                continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        try:
            yield read_html(payload, path, source, url=url, fmt="warc", charset=charset)
        except InputError as error:
            yield error
    if gzipped and data[next_offset:].strip(b"\x00\r\n "):
        truncated_at = _gzip_truncated_at(data)
    if truncated_at is not None and truncated_at >= next_offset:
        yield InputError(f"{name} record at offset {truncated_at}", "truncated gzip stream")
        return
    if count == 0:
        yield InputError(name, "no WARC records found")
