"""The prefilter hook: records turned away on their raw bytes, before any parsing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sanctionwatch.ingest as ingest
import sanctionwatch.ingest.warc as warc_module
from sanctionwatch.exceptions import InputError
from sanctionwatch.ingest import Rejected, iter_inputs
from sanctionwatch.model import RawDocument

from .conftest import FIXTURES, _warc_bytes


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "pages.warc.gz").write_bytes(_warc_bytes(gzip=True))  # two HTML responses, one PNG
    shutil.copy(FIXTURES / "article.html", root / "sub" / "page.html")
    shutil.copy(FIXTURES / "article.txt", root / "sub" / "story.txt")
    (root / "sub" / ".hidden.txt").write_text("never read")
    return root


def test_a_prefilter_rejects_records_before_they_are_parsed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str | None, bytes]] = []

    def prefilter(payload: bytes, source: str, charset: str | None) -> str | None:
        calls.append((source, charset, payload))
        if b"Two competing bakeries" in payload:  # the WARC's second page
            return "about competing bakeries"
        if source.endswith("page.html"):
            return "no HTML files today"
        return None

    parsed: list[str] = []
    for module in (ingest, warc_module):  # count HTML extractions: rejected pages must not get one
        real = module.read_html
        monkeypatch.setattr(module, "read_html",
                            lambda data, path, source, *a, _real=real, **k: parsed.append(source)
                            or _real(data, path, source, *a, **k))

    plain = [i for i in iter_inputs([str(folder)]) if isinstance(i, RawDocument)]
    first_page, story = plain[0], plain[3]  # WARC page 1, WARC page 2, page.html, story.txt
    parsed.clear()
    inputs = iter_inputs([str(folder)], prefilter=prefilter)
    items = list(inputs)

    rejected = [i for i in items if isinstance(i, Rejected)]
    html_file = folder / "sub" / "page.html"
    assert [(r.source.partition(" record at offset ")[0], r.reason) for r in rejected] == [
        ("pages.warc.gz", "about competing bakeries"), (str(html_file), "no HTML files today")]
    assert all(isinstance(r, InputError) for r in rejected)  # callers that report errors see them
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.source for d in docs] == [first_page.source, "story.txt"] == [first_page.source, story.source]
    assert [d.text for d in docs] == [first_page.text, story.text] and all(d.language for d in docs)
    assert len(items) == 4 and [s.reason for s in inputs.skipped] == [
        "warcinfo record (not a response)", "request record (not a response)", "not HTML (image/png)", "hidden file"]
    assert parsed == [first_page.source]  # only the page that passed went through trafilatura

    # raw bytes before parsing: the WARC payload (HTTP charset), the whole HTML file, and a
    # cheap text record's title and text once read
    by_source = {source: (charset, payload) for source, charset, payload in calls}
    assert len(calls) == 4 and rejected[0].source in by_source and str(html_file) in by_source
    assert by_source[first_page.source][0] == "utf-8" and by_source[rejected[0].source][0] is None
    assert by_source[first_page.source][1].startswith(b"<!DOCTYPE html>")
    assert by_source[str(html_file)] == (None, (FIXTURES / "article.html").read_bytes())
    assert by_source["story.txt"] == ("utf-8", f"{story.title}\n{story.text}".encode())


def test_without_a_prefilter_nothing_is_rejected(folder: Path) -> None:
    items = list(iter_inputs([str(folder)]))
    assert not [i for i in items if isinstance(i, InputError)] and len(items) == 4
