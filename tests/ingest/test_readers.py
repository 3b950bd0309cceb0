"""The readers, one format at a time, on small fixtures written for these tests."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sanctionwatch.exceptions import InputError
from sanctionwatch.ingest import Skipped, detect_format, iter_inputs, read_file
from sanctionwatch.ingest.feed import outlet_from_feed_title
from sanctionwatch.ingest.text import parse_text
from sanctionwatch.model import RawDocument

from .conftest import PAGE_URL


def read_all(*paths: str | Path) -> list[RawDocument | InputError]:
    return list(iter_inputs([str(p) for p in paths]))


def docs_of(items: list[RawDocument | InputError]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def errors_of(items: list[RawDocument | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# --- plain text ------------------------------------------------------------------------


def test_txt_with_header(fixtures: Path) -> None:
    [doc] = read_all(fixtures / "article.txt")
    assert isinstance(doc, RawDocument)
    assert doc.format == "txt"
    assert doc.title == "Harbour authority in Port Velin reports record grain shipments"
    assert (doc.outlet, doc.byline, doc.published) == ("Velin Courier", "Ada Morrow", "2025-03-04T09:15:00+00:00")
    assert doc.text.startswith("PORT VELIN, March 4")
    assert "Velin Courier — Ada Morrow" not in doc.text
    assert doc.language == "en"
    assert doc.url is None
    assert doc.source == "article.txt"
    assert doc.path == str(fixtures / "article.txt")


def test_txt_without_header_line(fixtures: Path) -> None:
    [doc] = read_all(fixtures / "noheader.txt")
    assert isinstance(doc, RawDocument)
    assert doc.title == "Lighthouse keepers return to Cape Orrin"
    assert doc.outlet is None and doc.published is None
    assert doc.text.startswith("Two keepers moved back")


def test_txt_without_headline_structure_keeps_everything(fixtures: Path) -> None:
    [doc] = read_all(fixtures / "scraped.txt")
    assert isinstance(doc, RawDocument)
    assert doc.title == "Ferry company adds night crossings between Aldmere and Fenwick"
    assert doc.text.startswith("A fictional ferry company said on Friday")
    assert doc.text.count("Tickets for the new crossings") == 2  # repeats are clean's job


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Outlet — Byline — 2024-02-27", ("Outlet", "Byline", "2024-02-27")),
        ("Outlet — 2024-02-27", ("Outlet", None, "2024-02-27")),
        ("Outlet | Jane Roe | 2024-02-27T10:00:00+01:00", ("Outlet", "Jane Roe", "2024-02-27T10:00:00+01:00")),
        ("Outlet - Jane Roe - 2024-02-27", ("Outlet", "Jane Roe", "2024-02-27")),
        # hyphens without a date are headline text, not a header
        ("Mayor - who took office in May - resigns", None),
    ],
)
def test_txt_header_separators(header: str, expected: tuple[str | None, ...] | None) -> None:
    doc = parse_text(f"Headline\n{header}\n\nBody paragraph here.", "x.txt", "x.txt")
    if expected is None:
        assert doc.outlet is None and header in doc.text
    else:
        assert (doc.outlet, doc.byline, doc.published) == expected
        assert doc.text == "Body paragraph here."


def test_txt_crlf_and_bom() -> None:
    doc = parse_text("\ufeffHeadline\r\nOutlet — By — 2024-01-01\r\n\r\nBody.\r\n", "x", "x")
    assert doc.outlet == "Outlet" and doc.text == "Body."


def test_single_line_file_is_body() -> None:
    doc = parse_text("Just one line of text about a fictional bridge.", "x", "x")
    assert doc.text == "Just one line of text about a fictional bridge." and doc.title is None


# --- HTML -------------------------------------------------------------------------------


def test_html_metadata_and_body(fixtures: Path) -> None:
    [doc] = read_all(fixtures / "article.html")
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"
    assert doc.url == PAGE_URL
    assert doc.title == "Rival bakeries agree flour-sharing pact"
    assert doc.outlet == "Millbrook Post"
    assert doc.published == "2025-05-02T07:30:00+01:00"
    assert doc.byline == "Iris Penhale"
    assert doc.language == "en"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("Two rival bakeries")
    assert any(p.startswith("Both bakeries will keep") for p in paragraphs)
    for junk in ["We use cookies", "Loaves cooling", "Related stories", "Secret recipe book",
                 "free newsletter", "All rights reserved", "By Iris Penhale", "Accept all"]:
        assert junk not in doc.text, junk


def test_html_without_main_text_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<html><head><title>x</title></head><body><div> </div></body></html>")
    [error] = read_all(page)
    assert isinstance(error, InputError)
    assert "no main text" in error.reason


# --- JSON Lines -------------------------------------------------------------------------


def test_jsonl_records_and_bad_lines(fixtures: Path) -> None:
    items = read_all(fixtures / "docs.jsonl")
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument", "InputError"]
    first, bad, spanish, missing = items
    assert isinstance(first, RawDocument) and isinstance(spanish, RawDocument)
    assert first.source == "docs.jsonl:1" and first.format == "jsonl"
    assert first.url == "https://www.ravenmoor.example/2025/03/01/bridge"
    assert (first.title, first.outlet, first.published) == (
        "Ravenmoor footbridge reopens", "Ravenmoor Times", "2025-03-01T08:00:00+00:00")
    assert "\n\n" in first.text
    assert isinstance(bad, InputError) and bad.source == "docs.jsonl:2"
    assert bad.reason.startswith("invalid JSON on line 2")
    assert spanish.language == "es"  # not declared: detected
    assert isinstance(missing, InputError) and missing.source == "docs.jsonl:4"
    assert missing.reason == "missing 'text' field"


def test_jsonl_declared_language_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text('{"text": "A fictional story written in English but declared otherwise by its source.", '
                    '"language": "de-AT"}\n[1, 2]\n', encoding="utf-8")
    doc, error = read_all(path)
    assert isinstance(doc, RawDocument) and doc.language == "de"
    assert isinstance(error, InputError) and "not a JSON object" in error.reason


# --- feeds ------------------------------------------------------------------------------


def test_rss_items(fixtures: Path) -> None:
    first, second = read_all(fixtures / "feed.rss")
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == "feed.rss item 1" and first.format == "rss"
    assert first.url == "https://www.quillfordherald.example/science/2025/02/10/tessel-comet"
    assert first.published == "2025-02-10T12:30:00+00:00"
    assert first.outlet == "Quillford Herald"
    assert first.byline == "Noor Haddad"
    assert first.language == "en"
    assert "teaser" not in first.text
    assert first.text.split("\n\n")[1] == (
        "The team said the comet was roughly 4 kilometres wide, based on its brightness.")
    # no content:encoded: the summary is the text, HTML turned into paragraphs
    assert second.text.startswith("The museum, which exists only in this test")
    assert "<p>" not in second.text
    assert second.published == "2025-02-08T09:00:00+00:00"


def test_atom_entry(fixtures: Path) -> None:
    [doc] = read_all(fixtures / "feed.atom")
    assert isinstance(doc, RawDocument)
    assert doc.format == "atom"
    assert doc.url == "https://www.larkspurgazette.example/2025/01/20/choir"
    assert doc.published == "2025-01-20T10:00:00+00:00"
    assert doc.byline == "Hugo Brandt" and doc.outlet == "Larkspur Gazette"
    assert doc.text.count("\n\n") == 1


@pytest.mark.parametrize(
    ("title", "outlet"),
    [("Northgate Review - World", "Northgate Review"), ("Larkspur Gazette", "Larkspur Gazette"),
     ("Daily | Science", "Daily"), ("", None), (None, None)],
)
def test_outlet_from_feed_title(title: str | None, outlet: str | None) -> None:
    assert outlet_from_feed_title(title) == outlet


def test_entity_bomb_is_refused_quickly(fixtures: Path) -> None:
    started = time.monotonic()
    [error] = read_all(fixtures / "bomb.xml")
    assert isinstance(error, InputError) and "entit" in error.reason
    assert time.monotonic() - started < 2


def test_broken_feed(fixtures: Path) -> None:
    [error] = read_all(fixtures / "broken.rss")
    assert isinstance(error, InputError)
    assert error.reason.startswith("broken feed")


# --- WARC -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["warc_gz", "warc_plain"])
def test_warc_html_responses(which: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(which)
    items = read_all(path)
    docs = docs_of(items)
    assert not errors_of(items)
    assert [d.format for d in docs] == ["warc", "warc"]  # the PNG response is passed over
    assert docs[0].url == PAGE_URL  # canonical wins over the target URI; here they agree
    assert docs[1].url == PAGE_URL  # same page template, same canonical
    assert docs[0].source.startswith(f"{path.name} record at offset ")
    assert docs[0].title == "Rival bakeries agree flour-sharing pact"
    assert docs[1].text.startswith("Two competing bakeries")


def test_truncated_warc_keeps_earlier_records(truncated_warc_gz: Path) -> None:
    items = read_all(truncated_warc_gz)
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[-1], InputError)
    assert items[-1].reason.startswith("truncated gzip stream")
    assert "record at offset" in items[-1].source
    assert len(items) == 2


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("hello, this is not an archive")
    [error] = read_all(path)
    assert isinstance(error, InputError) and "not a WARC" in error.reason


# --- bad files and paths ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [("binary.txt", "looks binary"), ("empty.txt", "empty file"), ("latin1.txt", "not UTF-8 text")],
)
def test_bad_text_files(fixtures: Path, name: str, reason: str) -> None:
    [error] = read_all(fixtures / name)
    assert isinstance(error, InputError)
    assert error.reason.startswith(reason)
    assert error.source == str(fixtures / name) or error.source == name


def test_missing_path() -> None:
    [error] = read_all("no/such/file.txt")
    assert isinstance(error, InputError) and error.source == "no/such/file.txt"
    assert "no such file" in error.reason


@pytest.mark.parametrize("fmt_ext", [".html", ".jsonl", ".xml", ".warc.gz", ".warc", ".atom"])
def test_empty_containers(tmp_path: Path, fmt_ext: str) -> None:
    path = tmp_path / f"empty{fmt_ext}"
    path.write_bytes(b"")
    [error] = read_all(path)
    assert isinstance(error, InputError) and "empty" in error.reason


def test_unsupported_file_named_explicitly(fixtures: Path) -> None:
    [error] = read_all(fixtures / "dir" / "notes.md")
    assert isinstance(error, InputError) and not isinstance(error, Skipped)
    assert "unsupported file type" in error.reason


def test_garbage_never_raises(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    for index, ext in enumerate([".txt", ".html", ".jsonl", ".xml", ".warc", ".warc.gz", ".rss", ""]):
        path = tmp_path / f"junk{index}{ext}"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(600)))
        items = read_all(path)
        assert all(isinstance(i, (RawDocument, InputError)) for i in items)


# --- directories, sniffing ---------------------------------------------------------------


def test_directory_walk_relative_paths_and_skips(fixtures: Path) -> None:
    relative = os.path.relpath(fixtures / "dir")
    inputs = iter_inputs([relative])
    items = list(inputs)
    docs = docs_of(items)
    assert [d.path for d in docs] == [os.path.join(relative, "a.txt"), os.path.join(relative, "sub", "b.txt")]
    assert not errors_of(items)  # notes.md and .hidden.txt are skipped silently ...
    reasons = sorted(s.reason for s in inputs.skipped)  # ... but counted, with a reason
    assert reasons == ["hidden file", "unsupported extension '.md'"]
    assert all(isinstance(s, Skipped) for s in inputs.skipped)


def test_sniffing_without_extension(tmp_path: Path, fixtures: Path) -> None:
    page = tmp_path / "page"
    page.write_bytes((fixtures / "article.html").read_bytes())
    feed = tmp_path / "feed"
    feed.write_bytes((fixtures / "feed.rss").read_bytes())
    assert detect_format("page", page.read_bytes()[:100]) == "html"
    assert detect_format("feed", feed.read_bytes()[:100]) == "feed"
    assert docs_of(read_all(page))[0].format == "html"
    assert len(docs_of(read_all(feed))) == 2


def test_warc_sniffed_without_extension(warc_gz: Path, tmp_path: Path) -> None:
    blob = tmp_path / "capture.bin"
    blob.write_bytes(warc_gz.read_bytes())
    assert len(docs_of(list(read_file(str(blob), None)))) == 2
