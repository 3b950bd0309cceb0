"""The evidence brief from records we write: conflicting figures, escaping, flags' wording."""
from __future__ import annotations

import re

import pytest

from sanctionwatch.cluster import EventBuilder
from sanctionwatch.cluster.features import Rules
from sanctionwatch.exceptions import ConfigError, NotFoundError
from sanctionwatch.export.brief import METHOD_NOTE, build_brief, render_html, write_brief
from sanctionwatch.model import Claim, DateRef, Document, Entity, Evidence, Place, Quantity
from sanctionwatch.store import Store

KP, RU = Entity("North Korea", "country:KP"), Entity("Russia", "country:RU")
KURSK = Place("Kursk Oblast", "RU", 51.73, 36.19)
EVENT = "e_troops_test"


def _doc(key: str, text: str, outlet: str, published: str, url: str | None = None) -> Document:
    return Document(id=f"d_{key}", text=text, raw_text=text, path=f"{key}.txt", format="txt", outlet=outlet,
                    published=published, url=url, title=f"{outlet} on troops")


def _claim(doc: Document, value: float, said: str | None = None) -> Claim:
    return Claim(type="troop_deployment", actor=KP, target=RU, location=KURSK,
                 quantity=Quantity(value, "troops", "exact", f"{value:,.0f}"), date=DateRef("2024-10-23"),
                 attributed_to=Entity(said) if said else None, modality="completed",
                 evidence=[Evidence(doc.text, 0, len(doc.text))], document_id=doc.id, event_id=EVENT,
                 confidence=0.8, extractor="test@1")


@pytest.fixture
def store(db_url: str) -> Store:
    store = Store(db_url)
    a = _doc("a", "Exactly 3,000 North Korean troops are in Kursk, Seoul said.", "Yonhap", "2024-10-23T08:00:00+00:00",
             "https://yonhap.example/a")
    b = _doc("b", "Some 12,000 <b>North Korean</b> troops are in Kursk, the Pentagon said.", "Wire & Co",
             "2024-10-24T09:00:00+00:00", "https://wire.example/b")
    store.save(a, [_claim(a, 3_000, "South Korea")])
    store.save(b, [_claim(b, 12_000, "Pentagon")])
    with store.session() as s:
        EventBuilder(None, rules=Rules.load(None)).summarise(s, [EVENT])
    return store


def test_brief_shows_conflict_sources_quotes_and_links(store: Store) -> None:
    brief = build_brief(store, EVENT[:8])
    (event,) = brief.events
    assert event["title"] == "North Korea → Russia: troop deployment in Kursk Oblast"
    (troops,) = event["figures"]
    assert sorted(v["text"] for v in troops["by_source"]) == ["12,000", "3,000"]
    assert troops["status"] == "conflict"
    assert troops["verdict"].startswith("sources give conflicting figures: ") and "3,000" in troops["verdict"]
    assert event["conflict"] and "Sources disagree" in event["summary"]
    assert [t["outlet"] for t in event["timeline"]] == ["Yonhap", "Wire & Co"]  # in order of publication
    html = render_html(brief)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Exactly 3,000 North Korean troops are in Kursk, Seoul said." in text
    assert 'href="https://wire.example/b"' in html and "Wire &amp; Co" in html
    assert "Some 12,000 &lt;b&gt;North Korean&lt;/b&gt;" in html  # the report's markup is text, never markup
    assert "2024-10-24" in text and "said by Pentagon" in text
    for paragraph in METHOD_NOTE:
        assert paragraph.split(".")[0] in text.replace("&#39;", "'")
    assert "No claim of this event is flagged" in text  # no flags were stored for these claims


def test_brief_by_filters_and_nothing_found(store: Store) -> None:
    assert [e["id"] for e in build_brief(store, type="troop_deployment", actor="KP").events] == [EVENT]
    assert [e["id"] for e in build_brief(store, actor="north korea", since="2024-01-01").events] == [EVENT]
    with pytest.raises(NotFoundError, match="sanctionwatch events"):
        build_brief(store, type="meeting")
    with pytest.raises(NotFoundError, match="sanctionwatch events"):
        build_brief(store, "e_nope")


def test_pdf_needs_a_chromium_on_the_machine(store: Store, tmp_path) -> None:
    brief = build_brief(store, EVENT)
    with pytest.raises(ConfigError, match="SANCTIONWATCH_CHROMIUM"):
        write_brief(brief, tmp_path / "b.pdf", "pdf", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ConfigError, match="--output"):
        write_brief(brief, tmp_path / "missing" / "b.html", "html", "")
    assert write_brief(brief, tmp_path / "b.html", "html", "").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
