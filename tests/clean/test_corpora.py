"""Integration: ingest + clean on the shared development corpora, checked against gold.

Every gold record is read with its url/title/published/outlet/language, and every gold
claim's evidence is found in the cleaned text (whitespace-normalised): boilerplate
removal is not too greedy and body extraction is complete.  Skipped when the shared
folder is not beside the repository.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.clean import clean
from sanctionwatch.exceptions import InputError
from sanctionwatch.ingest import iter_inputs
from sanctionwatch.model import Document, RawDocument

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPORA = {"dev": 33, "dev-multilingual": 22}


def squash(text: str) -> str:
    return " ".join(text.split())


def _load(corpus: str) -> tuple[list[dict[str, Any]], dict[tuple[str, str | None], tuple[RawDocument, Document]]]:
    root = SHARED / "corpus" / corpus
    if not (root / "gold.json").exists():
        pytest.skip(f"{root} is not here (the shared folder sits beside the repository)")
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))["documents"]
    records: dict[tuple[str, str | None], tuple[RawDocument, Document]] = {}
    inputs = iter_inputs([str(root)])
    for item in inputs:
        assert not isinstance(item, InputError), str(item)
        relative = os.path.relpath(item.path, root).replace(os.sep, "/")
        key = (relative, None if item.format == "txt" else item.url)
        assert key not in records, f"two records for {key}"
        records[key] = (item, clean(item))
    files = [s for s in inputs.skipped if " record at offset " not in s.source]  # WARC records that are no pages
    assert sorted(Path(s.source).name for s in files) == ["README.md", "gold.json"]
    return gold, records


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]], dict[Any, Any]]:
    gold, records = _load(request.param)
    return request.param, gold, records


def _record(records: dict[Any, Any], entry: dict[str, Any]) -> tuple[RawDocument, Document]:
    key = (entry["file"], None if entry["format"] == "txt" else entry["url"])
    assert key in records, f"{entry['id']}: no record for {key}"
    return records[key]  # type: ignore[no-any-return]


def test_every_gold_record_is_read_once(corpus: tuple[str, list[dict[str, Any]], dict[Any, Any]]) -> None:
    name, gold, records = corpus
    assert len(gold) == CORPORA[name] == len(records)
    assert {(e["file"], None if e["format"] == "txt" else e["url"]) for e in gold} == set(records)


def test_metadata_matches_gold(corpus: tuple[str, list[dict[str, Any]], dict[Any, Any]]) -> None:
    _, gold, records = corpus
    for entry in gold:
        raw, doc = _record(records, entry)
        got = {"url": raw.url if entry["format"] != "txt" else None, "title": doc.title,
               "published": doc.published, "outlet": doc.outlet, "language": doc.language}
        want = {key: entry[key] for key in got}
        assert got == want, entry["id"]
        assert raw.format == entry["format"], entry["id"]


def test_gold_evidence_survives_cleaning(corpus: tuple[str, list[dict[str, Any]], dict[Any, Any]]) -> None:
    _, gold, records = corpus
    missing = []
    for entry in gold:
        _, doc = _record(records, entry)
        text = squash(doc.text)
        missing += [(entry["id"], c["evidence"]) for c in entry["claims"] if squash(c["evidence"]) not in text]
    assert not missing


def test_no_paragraph_is_lost_or_repeated(corpus: tuple[str, list[dict[str, Any]], dict[Any, Any]]) -> None:
    """Only boilerplate and repeats are removed, and no kept paragraph appears twice."""
    _, _, records = corpus
    for raw, doc in records.values():
        paragraphs = doc.text.split("\n\n")
        assert len(paragraphs) == len(set(paragraphs)), raw.source
        for removed in doc.removed:
            assert removed["reason"] in ("boilerplate", "repeated paragraph")


def _doc(records: dict[Any, Any], file: str) -> Document:
    [doc] = [d for (f, _), (_, d) in records.items() if f == file]
    return doc  # type: ignore[no-any-return]


def test_dev_boilerplate_traps() -> None:
    _, records = _load("dev")
    negative = _doc(records, "html/sw-dev-023.html")
    for phrase in ["what we know so far", "what Pyongyang gets from Moscow", "Related", "By Min-seo Calloway",
                   "newsdesk@"]:
        assert phrase not in negative.text
    paywalled = _doc(records, "html/sw-dev-005.html")
    for phrase in ["Subscribe", "free articles", "Read more:", "The Asia Brief", "cookies", "Housing damaged"]:
        assert phrase not in paywalled.text
    dateline = _doc(records, "html/sw-dev-010.html")
    assert dateline.text.startswith("WASHINGTON (GNS) — North Korea has sent around 10,000 soldiers")
    scraped = _doc(records, "txt/sw-dev-006.txt")
    assert "Advertisement" not in scraped.text and "Continue reading" not in scraped.text
    assert scraped.text.count("According to Interfax") == 1
    assert scraped.text.count("Pyongyang's official KCNA") == 1
    assert sum(r["reason"] == "repeated paragraph" for r in scraped.removed) == 4
    for (file, _), (_, doc) in records.items():
        if file == "feed.xml":
            assert "This article first appeared" not in doc.text
    # WARC copies are the HTML pages: same cleaned text, same id
    warc_ids = {d.url: d.id for (f, _), (_, d) in records.items() if f == "dev.warc.gz"}
    html_ids = {d.url: d.id for (f, _), (_, d) in records.items() if f.startswith("html/")}
    assert warc_ids == html_ids


def test_multilingual_boilerplate_traps() -> None:
    _, records = _load("dev-multilingual")
    russian = _doc(records, "html/sw-ml-011.html")
    assert "Читайте также" not in russian.text
    assert "cookie" not in russian.text.lower()
    korean = _doc(records, "html/sw-ml-004.html")
    assert "쿠키" not in korean.text and "무단" not in korean.text and "관련 기사" not in korean.text
    scrape = _doc(records, "txt/sw-ml-002.txt")
    assert "광고" not in scrape.text.split("\n\n")
    assert "기사의 나머지 부분은 아래에서 이어집니다" not in scrape.text
    assert len(scrape.text.split("\n\n")) == len(set(scrape.text.split("\n\n")))


def test_seed_with_repeated_headline_and_paragraphs() -> None:
    seed = SHARED / "seeds" / "000_c6a2f1e53ac70cb7.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is not here")
    [raw] = list(iter_inputs([str(seed)]))
    assert isinstance(raw, RawDocument)
    doc = clean(raw)
    assert doc.title == "North Korea Dispatches 5,000 Workers to Russia Amid Ongoing Conflict"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs.count("North Korea Dispatches 5,000 Workers to Russia Amid Ongoing Conflict") == 1
    assert sum(p.startswith("The Kursk region, where North Korean troops") for p in paragraphs) == 1
    assert sum(p.startswith("Shoigu, who previously served") for p in paragraphs) == 1
    assert sum(p.startswith("While the deployment of these workers") for p in paragraphs) == 1
    assert "5,000 construction workers and an additional 1,000 sappers" in doc.text
    assert [r["reason"] for r in doc.removed] == ["repeated paragraph"] * 4
