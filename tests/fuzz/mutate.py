"""A seeded mutation fuzzer of the five input formats (txt, HTML, JSONL, RSS/Atom, WARC).

``cases(seed, per_format)`` yields ``(file name, bytes)``: valid seed inputs (the ingest
fixtures and a WARC written here) mutated the way real inputs go wrong and the way the
issue-15 probe went: publication dates at the ends of the calendar (year 1, 9999, 10000),
lone surrogates in JSON strings, raw control bytes, lines nested 1,000+ deep, terminal
escape sequences in titles and URIs, corrupted WARC headers and ``Content-Length``
values, byte flips, truncation, repeated chunks.  The same seed gives the same cases.

The suite runs a small budget (``tests/fuzz/test_fuzz.py``); a large run by hand::

    PYTHONPATH=src python -m tests.fuzz.run --per-format 2000 --seed 15
"""
from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
FORMATS = ("txt", "html", "jsonl", "feed", "warc")

DATES = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "10000-01-01", "0000-00-00", "1969-12-31T23:59:59-12:00",
         "Wed Nov 20 2019 08:00:58 GMT+0000", "-1", "99999999999999999999", "2025-02-30", "0001-01-01T00:00:00+14:00",
         "9999-12-31", "Mon, 31 Dec 9999 23:59:59 -1200", "1 January 1", "\x1b[2J2019"]
NASTY = ["\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "\x1b[31m0 failed\x1b[0m", "\u202e", "\x00", "\r", "[bold]x[/bold]",
         "\ud83d", "\udfff", "\ufeff", "\x85", "\u2028"]


def _warc(html: bytes, url: str = "https://news.example/a", gzip: bool = True, date: str | None = None) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers)
    if date is not None:
        record.rec_headers.replace_header("WARC-Date", date)
    writer.write_record(record)
    return buffer.getvalue()


def seeds() -> dict[str, list[tuple[str, bytes]]]:
    html = (FIXTURES / "article.html").read_bytes()
    return {
        "txt": [("article.txt", (FIXTURES / "article.txt").read_bytes()),
                ("scraped.txt", (FIXTURES / "scraped.txt").read_bytes())],
        "html": [("article.html", html)],
        "jsonl": [("docs.jsonl", (FIXTURES / "docs.jsonl").read_bytes())],
        "feed": [("feed.rss", (FIXTURES / "feed.rss").read_bytes()),
                 ("feed.atom", (FIXTURES / "feed.atom").read_bytes())],
        "warc": [("pages.warc", _warc(html, gzip=False)), ("pages.warc.gz", _warc(html))],
    }


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _insert(rng: random.Random, data: bytes, piece: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _repeat(rng: random.Random, data: bytes) -> bytes:
    if len(data) < 2:
        return data
    a = rng.randrange(len(data) - 1)
    b = rng.randrange(a + 1, min(len(data), a + 400) + 1)
    return data[:b] + data[a:b] * rng.randint(1, 20) + data[b:]


def _dates(rng: random.Random, data: bytes) -> bytes:
    import re

    date = rng.choice(DATES).encode("utf-8", "surrogatepass")
    pattern = rb"\d{4}-\d{2}-\d{2}(?:T[0-9:+\-Z.]+)?|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} [0-9:]+ [+\-\w]+"
    return re.sub(pattern, lambda m: date, data, count=rng.randint(1, 3))


def _nasty(rng: random.Random, data: bytes, fmt: str) -> bytes:
    piece = rng.choice(NASTY)
    if fmt == "jsonl":  # inside a JSON string, as an escape (valid JSON) or raw (a control byte)
        escaped = piece.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")
        encoded = rng.choice([escaped, piece]).encode("utf-8", "surrogatepass")
        return data.replace(b'"title": "', b'"title": "' + encoded, 1).replace(b'"text": "', b'"text": "' + encoded, 1)
    return _insert(rng, data, piece.encode("utf-8", "surrogatepass"))


def _deep(rng: random.Random, data: bytes, fmt: str) -> bytes:
    depth = rng.choice([100, 1000, 5000, 50000])
    if fmt == "jsonl":
        line = b'{"text": "deep", "x": ' + b"[" * depth + b"]" * depth + b"}\n"
        return _insert_line(rng, data, line)
    if fmt in ("html", "feed"):
        return _insert(rng, data, b"<div>" * depth)
    return _insert(rng, data, b"(" * depth)


def _insert_line(rng: random.Random, data: bytes, line: bytes) -> bytes:
    lines = data.split(b"\n")
    lines.insert(rng.randrange(len(lines) + 1), line.rstrip(b"\n"))
    return b"\n".join(lines)


def _warc_header(rng: random.Random, data: bytes, html: bytes) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:
        printable = [n for n in NASTY if not any("\ud800" <= c <= "\udfff" for c in n)]
        return _warc(html, url=rng.choice(printable) + "https://evil.example/\x1b]0;x\x07", gzip=rng.random() < 0.5)
    if choice == 1:
        return _warc(html, date=rng.choice(DATES), gzip=rng.random() < 0.5)
    raw = _warc(html, gzip=False)
    if choice == 2:
        return raw.replace(b"Content-Length: ",
                           b"Content-Length: " + rng.choice([b"[/bold]", b"-5", b"9" * 30, b"1e9"]), 1)
    if choice == 3:
        return raw.replace(b"WARC-Type: response",
                           rng.choice([b"WARC-Type: ", b"WARC-Type: \x00", b"WARC-Typ: response"]))
    if choice == 4:
        return raw.replace(b"HTTP/1.1 200 OK", rng.choice([b"", b"HTTP/1.1", b"200", b"\x00\x00", b"HTTP/1.1 abc"]))
    return raw.replace(b"Content-Type: text/html",
                       rng.choice([b"Content-Type:", b"Content-Type: text/html; charset=nope",
                                   b"Content-Type: text/html; charset="]))


def _mutators(fmt: str, html: bytes) -> list[Callable[[random.Random, bytes], bytes]]:
    common: list[Callable[[random.Random, bytes], bytes]] = [
        _flip, _truncate, _repeat, _dates, _dates,
        lambda r, d: _nasty(r, d, fmt), lambda r, d: _nasty(r, d, fmt), lambda r, d: _deep(r, d, fmt)]
    if fmt == "warc":
        common += [lambda r, d: _warc_header(r, d, html)] * 4
    return common


def cases(seed: int, per_format: int, formats: tuple[str, ...] = FORMATS) -> Iterator[tuple[str, str, bytes]]:
    """``(format, file name, bytes)`` for ``per_format`` mutated inputs of each format."""
    rng = random.Random(seed)
    pool = seeds()
    html = pool["html"][0][1]
    for fmt in formats:
        mutators = _mutators(fmt, html)
        for i in range(per_format):
            name, data = rng.choice(pool[fmt])
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                data = rng.choice(mutators)(rng, data)
            yield fmt, f"{i:05d}-{name}", data
