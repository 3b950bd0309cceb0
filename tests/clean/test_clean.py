"""Cleaning: normalisation, boilerplate, repeated paragraphs, ids, removed records."""
from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.clean import clean, clean_text, document_id, split_paragraphs
from sanctionwatch.clean.boilerplate import load_patterns, match_boilerplate
from sanctionwatch.clean.normalize import normalize_text
from sanctionwatch.exceptions import EmptyDocumentError, PackError
from sanctionwatch.model import RawDocument

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
REPORT = "The ministry said on Monday that 300 engineers had arrived in the fictional port of Velin."


def raw(text: str, **fields: str) -> RawDocument:
    return RawDocument(text=text, path="x.txt", format="txt", source="x.txt", **fields)


# --- normalisation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("1\u00a0000 and 2\u202f000", "1 000 and 2 000"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("Cafe\u0301", "Caf\u00e9"),
        ("  spaced   out  \n\n\n\nnext\t\tline ", "spaced out\n\nnext line"),
        ("para\u2029next", "para\n\nnext"),
        ("㎜ stays", "㎜ stays"),  # NFC, not NFKC: the text keeps its typography
    ],
)
def test_normalize_text(given: str, expected: str) -> None:
    assert normalize_text(given) == expected


# --- boilerplate: table-driven -------------------------------------------------------------

DROP = [
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("- Advertisement -", "advertisement"),
    ("광고", "advertisement"),
    ("Реклама", "advertisement"),
    ("Publicidad", "advertisement"),
    ("Publicité", "advertisement"),
    ("Anzeige", "advertisement"),
    ("Continue reading below", "continue-reading"),
    ("Story continues below advertisement", "continue-reading"),
    ("기사의 나머지 부분은 아래에서 이어집니다", "continue-reading"),
    ("Read more: Ferry company adds night crossings", "read-more"),
    ("Related: Council votes on parking", "read-more"),
    ("Читайте также: Песков прокомментировал новости", "read-more"),
    ("Lee también: La feria abre sus puertas", "read-more"),
    ("Lire aussi : Le port bat un record", "read-more"),
    ("Lesen Sie auch: Hafen meldet Rekord", "read-more"),
    ("Subscribe to the Millbrook Post for unlimited access to our journalism.", "subscribe"),
    ("You've reached your limit of free articles this month.", "subscribe"),
    ("Already a subscriber? Sign in", "subscribe"),
    ("Подписывайтесь на наш Telegram-канал", "subscribe"),
    ("Sign up for our free newsletter and get the day's news delivered to your inbox.", "subscribe"),
    ("We use cookies to improve your experience and to show you personalised advertising.", "cookie-notice"),
    ("Share on Facebook", "share-buttons"),
    ("Share this article", "share-buttons"),
    ("This article first appeared on Northgate Review.", "first-appeared"),
    ("This story was originally published in The Quillford Herald.", "first-appeared"),
    ("(Reporting by Ada Morrow; Editing by Ben Tull)", "wire-signoff"),
    ("(Additional reporting by Jo Lee in Seoul; writing by Ann Fox)", "wire-signoff"),
    ("sjkim@hanbitnews.example", "reporter-email"),
    ("(newsdesk@lanternfieldpost.example)", "reporter-email"),
    ("© 2025 Millbrook Post. All rights reserved.", "copyright"),
    ("<저작권자(c) 한빛통신, 무단 전재 및 재배포 금지>", "copyright"),
    ("저작권자 ⓒ 한빛통신 무단 전재, 재배포 및 AI 학습 이용 금지", "copyright"),
]

KEEP = [
    REPORT,
    "Advertisement revenue fell by a fifth last year, the company said.",
    "Read more than 40 pages of the treaty and you find the mutual-defence clause, analysts said.",
    "Related talks in Pyongyang covered sappers and builders, the ministry said.",
    "Subscribers to the state plan will receive 5,000 workers, according to the ministry.",
    "We use the word 'builders' because the ministry did, an official said, and 1,000 sappers will follow.",
    "Readers of the reports said the shipment of 6,700 containers was confirmed on Monday.",
    "Share prices rose 3 percent after the announcement, brokers said.",
    "Continue reading the treaty and Article 4 requires immediate military assistance, the text shows.",
    "The report was first published by the ministry on Tuesday and said 12,000 troops had been sent.",
    # a long paragraph with reporting that merely starts like boilerplate
    "Read more: The ministry said on Monday that 300 engineers had arrived in the port, and that "
    "another 2,000 workers would follow in the spring, according to a statement that was published "
    "on its website and repeated by the state news agency in a later bulletin on the same evening.",
]


@pytest.mark.parametrize(("paragraph", "pattern"), DROP)
def test_boilerplate_dropped(paragraph: str, pattern: str) -> None:
    assert match_boilerplate(paragraph) == pattern


@pytest.mark.parametrize("paragraph", KEEP)
def test_reporting_kept(paragraph: str) -> None:
    assert match_boilerplate(paragraph) is None


def test_bad_pattern_file_fails_at_load(tmp_path: Path) -> None:
    bad = tmp_path / "bp.yaml"
    bad.write_text("patterns:\n  - name: broken\n    pattern: '(unclosed'\n")
    with pytest.raises(PackError, match="broken"):
        load_patterns(bad)
    bad.write_text("patterns: nope\n")
    with pytest.raises(PackError, match="patterns"):
        load_patterns(bad)


def test_shipped_patterns_load() -> None:
    assert len(load_patterns()) >= 10


# --- repeats -----------------------------------------------------------------------------


def test_exact_and_near_repeats() -> None:
    text = "\n\n".join([
        REPORT,
        "Officials said the engineers would repair two bridges before winter.",
        REPORT.replace("Monday", "Monday,").upper(),  # punctuation and case only
        "Officials said the engineers would repair three bridges before winter.",  # one word changed
        "A separate paragraph about something else entirely, with 40 lorries.",
    ])
    cleaned, removed = clean_text(text)
    assert cleaned.split("\n\n") == [
        REPORT,
        "Officials said the engineers would repair two bridges before winter.",
        "A separate paragraph about something else entirely, with 40 lorries.",
    ]
    assert [(r["reason"], r["repeat_of"]) for r in removed] == [("repeated paragraph", 0), ("repeated paragraph", 1)]
    assert removed[0]["similarity"] == 1.0 and 0.9 <= removed[1]["similarity"] < 1.0


def test_short_lines_may_recur() -> None:
    cleaned, removed = clean_text(f"{REPORT}\n\nNo.\n\nSomething else was said here today.\n\nNo.")
    assert cleaned.count("No.") == 2 and not removed


def test_single_newline_paragraphs_are_split(fixtures_scraped: str = "scraped.txt") -> None:
    text = (FIXTURES / fixtures_scraped).read_text(encoding="utf-8")
    doc = clean(raw(text))
    assert doc.text.count("Tickets for the new crossings") == 1
    assert doc.text.count("Ferry company adds night crossings") == 1
    assert doc.text.count("demand had grown by a third") == 1
    assert {r["reason"] for r in doc.removed} == {"repeated paragraph"}


def test_hard_wrapped_paragraph_stays_whole() -> None:
    wrapped = ("The ministry said on Monday that 300\nengineers had arrived in the port of\n"
               "Velin and would stay until the spring.")
    assert split_paragraphs(wrapped) == [wrapped]


# --- the document -------------------------------------------------------------------------


def test_clean_document_fields_and_removed() -> None:
    text = f"{REPORT}\n\nAdvertisement\n\n{REPORT}\n\n(Reporting by Ada Morrow)"
    doc = clean(raw(text, title="Headline", outlet="Velin Courier", byline="Ada", published="2025-01-01",
                    url="https://x.example/a", language="en"))
    assert doc.text == REPORT
    assert doc.raw_text == text
    assert (doc.title, doc.outlet, doc.byline, doc.published, doc.url, doc.language) == (
        "Headline", "Velin Courier", "Ada", "2025-01-01", "https://x.example/a", "en")
    assert (doc.path, doc.format) == ("x.txt", "txt")
    assert doc.removed == [
        {"reason": "boilerplate", "pattern": "advertisement", "text": "Advertisement"},
        {"reason": "repeated paragraph", "repeat_of": 0, "similarity": 1.0, "text": REPORT},
        {"reason": "boilerplate", "pattern": "wire-signoff", "text": "(Reporting by Ada Morrow)"},
    ]


def test_id_ignores_case_and_spacing_across_formats() -> None:
    a = clean(raw(f"{REPORT}\n\nSecond paragraph here."))
    b = clean(RawDocument(text=f"  {REPORT.upper()}\r\n\r\n\r\nSecond   paragraph here.\u200b", path="d.jsonl",
                          format="jsonl", source="d.jsonl:1"))
    assert a.id == b.id == document_id(a.text)
    assert a.id.startswith("d_")


def test_nothing_left_raises() -> None:
    with pytest.raises(EmptyDocumentError) as info:
        clean(raw("Advertisement\n\nShare on Facebook\n\n\u200b"))
    assert info.value.source == "x.txt"
    assert info.value.reason == "no text left after cleaning"


def test_language_detected_when_missing() -> None:
    assert clean(raw(REPORT)).language == "en"


def test_a_run_of_one_symbol_is_cut_so_the_tokenizer_stays_linear() -> None:
    from sanctionwatch.clean.normalize import MAX_SYMBOL_RUN, normalize_text

    text = normalize_text("Before " + "(" * 50_000 + " after ==== done")
    assert text == "Before " + "(" * MAX_SYMBOL_RUN + " after ==== done"
    assert normalize_text(text) == text
