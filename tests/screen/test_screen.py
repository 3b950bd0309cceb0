"""The relevance screen: its vocabulary, its rules, and recall on the development corpora."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sanctionwatch.exceptions import PackError
from sanctionwatch.model import RawDocument
from sanctionwatch.packs import load_pack
from sanctionwatch.screen import Screen, ScreenedOut
from sanctionwatch.screen.inputs import ScreenedInputs

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO.parent / "shared").resolve()


@pytest.fixture(scope="module")
def screen() -> Screen:
    return Screen.for_pack(load_pack("dprk"))


@pytest.mark.parametrize("text, relevant, groups", [
    ("North Korea sends troops to Russia", True, {"dprk", "russia"}),
    ("NORTH KOREAN workers arrive in MOSCOW", True, {"dprk", "russia"}),
    ("North&nbsp;Korea and the Kremlin", True, {"dprk", "russia"}),
    ("North\u00a0Korea and the Kremlin", True, {"dprk", "russia"}),
    ("north-korea-russia-treaty in a URL", True, {"dprk", "russia"}),
    ("Iranian Shahed drones for Russia's army", True, {"iran", "russia"}),
    ("Miranda visited Moscow", False, {"russia"}),  # 'iran' only at a word start
    ("Pyongyang fired a missile into the sea", False, {"dprk"}),
    ("КНДР направит в Курскую область 1000 саперов", True, {"dprk", "russia"}),
    ("кндр и россия подписали договор", True, {"dprk", "russia"}),
    ("ПХЕНЬЯН. Министр обороны РОССИИ", True, {"dprk", "russia"}),
    ("북한, 러시아에 공병 1천 명 파견", True, {"dprk", "russia"}),
    ("北, 러시아에 노동자 보내", True, {"dprk", "russia"}),
    ("조선로동당 중앙군사위원회, 로씨야련방 꾸르스크", True, {"dprk", "russia"}),
    ("Corea del Norte enviará tropas a Rusia", True, {"dprk", "russia"}),
    ("La Corée du Nord et la Russie", True, {"dprk", "russia"}),
    ("La Cor&eacute;e du Nord et la Russie", True, {"dprk", "russia"}),
    ("La Coree du Nord et la Russie", True, {"dprk", "russia"}),
    ("Nordkorea schickt Soldaten nach Russland", True, {"dprk", "russia"}),
    ("Weather: sunny spells over the weekend", False, set()),
    ("Champions League final: Real Madrid beat Dortmund", False, set()),
])
def test_terms_and_rules(screen: Screen, text: str, relevant: bool, groups: set[str]) -> None:
    verdict = screen.check(text)
    assert verdict.relevant is relevant
    assert set(verdict.groups) == groups
    if not relevant:
        assert verdict.reason and verdict.reason.startswith("not relevant to pack dprk")


SIDEBAR_PAGE = (
    "<!DOCTYPE html><html><head><title>Cup final</title><script>var t='north korea';</script></head><body>"
    "<nav><a href='/world'>World</a></nav><main><article><h1>Cup final</h1><p>{body}</p></article>"
    "<aside><h2>Related</h2><ul><li><a href='/r/1'>North Korean troops in Russia: what we know</a></li>"
    "</ul></aside></main><footer>Moscow bureau</footer></body></html>"
)


@pytest.mark.parametrize("body, relevant", [
    ("The home side won 2-1 after extra time.", False),  # both terms only in the sidebar
    ("Russia's coach praised the crowd.", False),  # a Russia term in the text, North Korea only aside
    ("North Korea's delegation watched the Russia team win.", True),  # both in the main text
])
def test_terms_only_in_page_furniture_do_not_count(screen: Screen, body: str, relevant: bool) -> None:
    verdict = screen.check(SIDEBAR_PAGE.format(body=body).encode())
    assert verdict.relevant is relevant
    if not relevant:
        assert "only in navigation, asides, footers or scripts" in (verdict.reason or "")


def test_a_text_record_is_judged_on_all_its_text(screen: Screen) -> None:
    # the page-structure step is for HTML; a text record naming an <aside> tag is just text
    assert screen.check("North Korea <aside>and Russia</aside> signed a treaty").relevant


def test_bytes_in_a_legacy_charset_are_transcoded_first(screen: Screen) -> None:
    from sanctionwatch.screen.inputs import _as_utf8

    page = "<html><head><meta charset=windows-1251></head>КНДР и Россия</html>".encode("cp1251")
    assert not screen.check(page).relevant
    assert screen.check(_as_utf8(page, None)).relevant
    assert screen.check(_as_utf8("Corée du Nord, Russie".encode("latin-1"), "iso-8859-1")).relevant


def test_reasons_name_what_is_missing(screen: Screen) -> None:
    assert screen.check("Moscow markets fell").reason == (
        "not relevant to pack dprk: russia term(s) but no dprk or iran term")
    assert screen.check("nothing here").reason == "not relevant to pack dprk: no term of the screen"


def test_every_pack_language_has_terms() -> None:
    pack = load_pack("dprk")
    groups = pack.section("screen")["groups"]
    for group in ("dprk", "russia"):
        assert set(pack.meta["languages"]) <= set(groups[group]), group


def test_a_broken_screen_section_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("name: broken\nversion: '1'\n")
    (tmp_path / "screen.yaml").write_text("groups:\n  a: [x]\nrules:\n  - name: r\n    all: [a, b]\n")
    with pytest.raises(PackError, match=r"screen.yaml:5: rule 'r' names unknown group\(s\) \['b'\]"):
        Screen.for_pack(load_pack(str(tmp_path)))


def _gold(corpus: str) -> list[dict]:
    path = SHARED / "corpus" / corpus / "gold.json"
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared folder sits beside the repository in CI)")
    return json.loads(path.read_text())["documents"]


@pytest.mark.parametrize("corpus", ["dev", "dev-multilingual"])
def test_no_relevant_development_document_is_screened_out(screen: Screen, corpus: str) -> None:
    """Recall 1.0, screening raw payloads (WARC bodies, whole HTML pages) as the batch does."""
    gold = _gold(corpus)
    root = SHARED / "corpus" / corpus
    inputs = ScreenedInputs([str(root)], screen)
    passed: set[str] = set()
    rejected: dict[str, str] = {}
    for item in inputs:
        key = _gold_id(gold, root, item)
        if isinstance(item, ScreenedOut):
            rejected[key] = item.reason
        elif isinstance(item, RawDocument):
            passed.add(key)
    relevant = {d["id"] for d in gold if d["relevant"]}
    assert relevant & set(rejected) == set(), {k: rejected[k] for k in relevant & set(rejected)}
    assert relevant <= passed
    assert inputs.seen == len(gold)
    negatives = {d["id"] for d in gold if not d["relevant"]}
    assert len(negatives & set(rejected)) >= len(negatives) // 2  # and it does reject


def _gold_id(gold: list[dict], root: Path, item: object) -> str:
    source = getattr(item, "source", "")
    path = getattr(item, "path", None) or source
    url = getattr(item, "url", None)
    for d in gold:
        if d["format"] in ("txt", "html") and path.endswith(d["file"]):
            return d["id"]
    if isinstance(item, ScreenedOut):  # a container record: find it by reading the container
        return _container_id(gold, root, source)
    for d in gold:
        if d["url"] and d["url"] == url and d["format"] not in ("txt", "html"):
            return d["id"]
    return source


def _container_id(gold: list[dict], root: Path, source: str) -> str:
    from sanctionwatch.ingest import iter_inputs

    for item in iter_inputs([str(root)]):
        if isinstance(item, RawDocument) and item.source == source:
            return _gold_id(gold, root, item)
    return source


def test_warc_records_are_screened_before_html_parsing(screen: Screen, tmp_path: Path, monkeypatch) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, body in enumerate([b"<html><body><p>Sports results</p></body></html>",
                              b"<html><body><p>North Korea sent troops to Russia.</p></body></html>"]):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    (tmp_path / "a.warc.gz").write_bytes(buf.getvalue())
    parsed: list[str] = []
    import sanctionwatch.ingest.warc as module  # the screen reads WARCs with the ingest reader

    real = module.read_html
    monkeypatch.setattr(module, "read_html", lambda data, *a, **k: parsed.append(a[1]) or real(data, *a, **k))
    inputs = ScreenedInputs([str(tmp_path)], screen)
    items = list(inputs)
    assert [type(i).__name__ for i in items] == ["ScreenedOut", "RawDocument"]
    assert len(parsed) == 1 and inputs.seen == 2 and inputs.screened_out == 1
    assert gzip.decompress(buf.getvalue())  # a valid gzip WARC
