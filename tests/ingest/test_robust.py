"""Reader edges: normalised dates, gzip inputs, JSONL line by line, the size cap, WARC records skipped."""
from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sanctionwatch.exceptions import InputError
from sanctionwatch.ingest import iter_inputs, read_file
from sanctionwatch.ingest._common import cut_text, prepare
from sanctionwatch.ingest.dates import normalise_published
from sanctionwatch.model import RawDocument

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(("found", "stored"), [
    ("2019-11-20", "2019-11-20"),
    ("2019-11-20T08:00:58Z", "2019-11-20T08:00:58+00:00"),
    ("2025-06-18T08:45:00+09:00", "2025-06-18T08:45:00+09:00"),  # the local date is kept
    ("Wed Nov 20 2019 08:00:58 GMT+0000", "2019-11-20T08:00:58+00:00"),
    ("Wed Nov 20 2019 08:00:58 GMT+0000 (Coordinated Universal Time)", "2019-11-20T08:00:58+00:00"),
    ("Wed, 20 Nov 2019 08:00:58 +0100", "2019-11-20T07:00:58+00:00"),
    ("November 20, 2019 12:32", "2019-11-20T12:32:00+00:00"),
    ("2019-11-19 02:24:00 UTC", "2019-11-19T02:24:00+00:00"),
    ("1574236858000", "2019-11-20T08:00:58+00:00"),
    ("1574236858", "2019-11-20T08:00:58+00:00"),
])
def test_common_date_forms_become_iso(found: str, stored: str) -> None:
    assert normalise_published(found, now=NOW) == (stored, None)


@pytest.mark.parametrize("found", ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31", "10000-01-01",
                                   "1850-01-01", "2026-01-05", "junk", "2 hours ago", "x" * 500])
def test_placeholder_and_impossible_dates_become_none_with_a_warning(found: str) -> None:
    value, warning = normalise_published(found, now=NOW)
    assert value is None and warning and "ignored" in warning


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
                 st.integers().map(str)))
def test_normalising_a_date_never_raises_and_is_idempotent(found: str) -> None:
    value, _ = normalise_published(found)
    if value is not None:
        datetime.fromisoformat(value)  # ISO 8601
        assert normalise_published(value) == (value, None)


def test_prepare_warns_and_names_nothing_twice() -> None:
    raw = RawDocument(text="Body.", path="p", format="txt", source="p", published="0001-01-01T00:00:00Z",
                      title="A \ud83d title\x00")
    prepare(raw)
    prepare(raw)
    assert raw.published is None and len(raw.warnings) == 1 and "0001-01-01" in raw.warnings[0]
    assert raw.title == "A \ufffd title"


def test_a_long_text_is_cut_at_a_paragraph_boundary() -> None:
    text = "\n\n".join(f"Paragraph {i} " + "word " * 50 for i in range(2000))  # ~ 560 KB
    raw = prepare(RawDocument(text=text, path="p", format="txt", source="p"), max_chars=100_000)
    assert len(raw.text) <= 100_000 and raw.text.endswith("word") and text.startswith(raw.text)
    assert "cut to" in raw.warnings[0] and "max_document_chars" in raw.warnings[0]
    assert cut_text("short", 10) == "short"


# -- gzip --------------------------------------------------------------------------
def test_gzipped_files_are_read_as_their_inner_format(tmp_path: Path) -> None:
    for name in ("article.html", "article.txt", "docs.jsonl", "feed.rss"):
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress((FIXTURES / name).read_bytes()))
    (tmp_path / "notes.md.gz").write_bytes(gzip.compress(b"# notes"))
    inputs = iter_inputs([tmp_path])
    docs = [i for i in inputs if isinstance(i, RawDocument)]
    assert {d.format for d in docs} == {"html", "txt", "jsonl", "rss"}
    assert [(Path(s.source).name, s.reason) for s in inputs.skipped] == [
        ("notes.md.gz", "unsupported extension '.md.gz'")]


def test_a_gzip_bomb_is_refused_not_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sanctionwatch.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1_000_000)
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000))
    [error] = list(read_file(str(bomb)))
    assert isinstance(error, InputError) and "more than 1000000 bytes" in error.reason


# -- JSONL ---------------------------------------------------------------------------
def test_a_too_deep_line_between_good_lines_is_named_and_the_rest_read(tmp_path: Path) -> None:
    good = [json.dumps({"text": f"Story number {i} about talks in Moscow."}) for i in range(3)]
    deep = '{"text": "deep", "x": ' + "[" * 5000 + "]" * 5000 + "}"
    control = '{"text": "raw \x01 control byte"}'
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good[0], deep, good[1], control, good[2]]), encoding="utf-8")
    items = list(read_file(str(path)))
    assert [i.text for i in items if isinstance(i, RawDocument)] == [json.loads(g)["text"] for g in good]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.source for e in errors] == ["mixed.jsonl:2", "mixed.jsonl:4"]
    assert "line 2 is nested more than 64 levels deep" in errors[0].reason
    assert errors[1].reason.startswith("invalid JSON on line 4")


def test_a_binary_file_named_jsonl_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01\x02\n" * 50)
    [error] = list(read_file(str(path)))
    assert "looks binary" in error.reason


# -- WARC ----------------------------------------------------------------------------
def _warc(records: list[tuple[str | None, bytes, str]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for url, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url or "http://x.example/", "response", payload=io.BytesIO(body),
                                           http_headers=headers)
        if url is None:
            record.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(record)
    return buffer.getvalue()


def test_warc_records_not_read_are_counted_and_named_and_warcio_bugs_do_not_stop_the_file(tmp_path: Path) -> None:
    html = (FIXTURES / "article.html").read_bytes()
    data = _warc([(None, html, "text/html"), ("https://a.example/p", b"\x89PNG", "image/png"),
                  ("https://a.example/ok", html, "text/html")])
    path = tmp_path / "mixed.warc"
    path.write_bytes(data)
    inputs = iter_inputs([path])
    docs = [i for i in inputs if isinstance(i, RawDocument)]
    assert len(docs) == 1 and docs[0].source.startswith("mixed.warc record at offset ")
    assert [s.reason for s in inputs.skipped] == ["response without a WARC-Target-URI", "not HTML (image/png)"]
    assert all(" record at offset " in s.source for s in inputs.skipped)


def test_a_huge_content_length_is_a_bad_record_not_an_overflow(tmp_path: Path) -> None:
    html = (FIXTURES / "article.html").read_bytes()
    data = _warc([("https://a.example/ok", html, "text/html")]).replace(
        b"Content-Length: ", b"Content-Length: 99999999999999999999", 1)
    path = tmp_path / "huge.warc"
    path.write_bytes(data)
    items = list(read_file(str(path)))
    assert items and all(isinstance(i, InputError) for i in items)
    assert not any("OverflowError" in i.reason for i in items if isinstance(i, InputError))


def test_no_setting_lets_a_text_past_spacys_limit() -> None:
    from sanctionwatch.ingest._common import SPACY_MAX_CHARS

    text = "\n\n".join(["word " * 200] * 1200)  # 1.2 million characters
    raw = prepare(RawDocument(text=text, path="p", format="txt", source="p"), max_chars=5_000_000)
    assert len(raw.text) <= SPACY_MAX_CHARS and raw.warnings
