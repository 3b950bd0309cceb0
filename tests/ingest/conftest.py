"""Fixtures for the ingest tests: small WARC archives written with warcio."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
PAGE_URL = "https://www.millbrookpost.example/local/2025/05/02/bakeries-flour-pact"


def _warc_bytes(gzip: bool = True) -> bytes:
    html = (FIXTURES / "article.html").read_bytes()
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "sanctionwatch tests"}))
    request = writer.create_warc_record(
        PAGE_URL, "request", payload=io.BytesIO(b"GET /local HTTP/1.1\r\nHost: millbrookpost.example\r\n\r\n"))
    writer.write_record(request)
    for url, body, ctype in [
        (PAGE_URL, html, "text/html; charset=utf-8"),
        ("https://www.millbrookpost.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("https://www.millbrookpost.example/page2", html.replace(b"Two rival bakeries", b"Two competing bakeries"),
         "text/html"),
    ]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


@pytest.fixture
def warc_gz(tmp_path: Path) -> Path:
    path = tmp_path / "pages.warc.gz"
    path.write_bytes(_warc_bytes(gzip=True))
    return path


@pytest.fixture
def warc_plain(tmp_path: Path) -> Path:
    path = tmp_path / "pages.warc"
    path.write_bytes(_warc_bytes(gzip=False))
    return path


@pytest.fixture
def truncated_warc_gz(tmp_path: Path) -> Path:
    data = _warc_bytes(gzip=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 900])  # cut inside the last response record
    return path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
