"""WARC archives (``.warc``, ``.warc.gz``), read with warcio.

Every ``response`` record with an HTML content type goes through the HTML reader, with
the ``WARC-Target-URI`` as its url; other records are passed over.  A ``prefilter`` sees
each such response's raw payload first (see :mod:`sanctionwatch.ingest`); a reason it
answers is yielded as ``Rejected`` and the page is not parsed.  A corrupt or truncated
archive yields one InputError naming the offset of the record that failed; the records
before it have already been yielded.
"""
from __future__ import annotations

import io
import zlib
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..exceptions import InputError
from ..model import RawDocument
from ._common import Prefilter, Rejected
from .html import read_html

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
    records = iter(iterator)
    next_offset = 0  # where the record being read starts, for messages
    count = 0
    while True:
        try:
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
        if record.rec_type != "response":
            continue
        source = f"{name} record at offset {offset}"
        http = record.http_headers
        content_type = (http.get_header("Content-Type") if http else None) or ""
        if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
            continue
        status = http.get_statuscode() if http is not None else None
        if status and not status.startswith("2"):
            continue
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
