"""Interactions of officials as frames (extract/en/interactions.py): meetings, visits, agreements.

Every sentence here was written for this test in the register of state media and wire copy
(datelines, titles before names, delegations "led by", "seen off at the airport by"); none is
taken from a corpus.  A row is the text, its publication date and the claims expected as
(type, actor side, target side) — or nothing, for look-alike negatives.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sanctionwatch.exceptions import PackError
from sanctionwatch.extract import Extractor
from sanctionwatch.extract.en.framebook import FrameBook
from sanctionwatch.extract.en.surface import dateline_place, deglue, original_offset
from sanctionwatch.extract.lexicon import Lexicon
from sanctionwatch.model import entity_country
from sanctionwatch.packs import load_pack

P = "2025-03-12"

CASES: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("received", "Pyongyang, March 11 (KCNA) -- Ri Son Gwon, minister of Foreign Trade of the DPRK, received "
                 "a delegation of the Ministry of Agriculture of the Russian Federation led by Deputy Minister "
                 "Oksana Lut on Tuesday.", [("meeting", "KP", "RU")]),
    ("greeted by", "Pyongyang, March 11 (KCNA) -- A delegation of the Russian State Duma led by Vyacheslav "
                   "Volodin arrived here on Monday.\nThe delegation was greeted at the airport by Pak Myong Ho, "
                   "vice-minister of Foreign Affairs of the DPRK.", [("meeting", "RU", "KP")]),
    ("talks between", "There were talks between Kim Song Nam, director of the International Department of the "
                      "Central Committee of the Workers' Party of Korea, and Dmitry Medvedev, chairman of the "
                      "United Russia party, in Moscow on Monday.", [("meeting", "KP", "RU")]),
    ("had a talk", "Choe Son Hui, foreign minister of the DPRK, had a talk with the Russian ambassador on "
                   "Monday.", [("meeting", "KP", "RU")]),
    ("seen off", "Pyongyang, March 11 (KCNA) -- A delegation of the DPRK Ministry of Public Health headed by "
                 "Minister Jong Mu Rim left here for Moscow on Monday.\nIt was seen off at the airport by "
                 "Russian Ambassador Alexandr Matsegora.", [("meeting", "KP", "RU")]),
    ("arrives here", "Pyongyang, March 11 (KCNA) -- A delegation of Russian sports officials arrived here on "
                     "Monday.", [("visit", "RU", "KP")]),
    ("leaves for", "Pyongyang, March 11 (KCNA) -- A delegation of the DPRK Ministry of Higher Education left "
                   "here for Russia on Tuesday.", [("visit", "KP", "RU")]),
    ("planned meeting keeps the visit", "Pyongyang, March 11 (KCNA) -- A DPRK economic delegation left here "
                                        "on Tuesday to attend the tenth meeting of the DPRK-Russia "
                                        "intergovernmental commission.",
     [("visit", "KP", "RU"), ("meeting", "KP", "RU")]),
    ("returns home", "Pyongyang, March 11 (KCNA) -- The Russian delegation of railway experts returned home on "
                     "Monday after touring the country.", [("visit", "RU", "KP")]),
    ("treaty signed", "Moscow and Pyongyang signed an agreement on cooperation in public health on Monday.",
     [("agreement", "RU", "KP")]),
    ("ratified", "The Federation Council ratified the treaty on comprehensive strategic partnership between Russia "
                 "and North Korea on Wednesday.", [("agreement", "RU", "KP")]),
    ("arrived for talks", "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with "
                          "North Korean officials.", [("visit", "RU", "KP"), ("meeting", "RU", "KP")]),
    ("bridge opened", "Russia and North Korea opened a road bridge across the Tumen River on Thursday.",
     [("other", "RU", "KP")]),
    ("between coordinated sides", "Pyongyang, March 11 (KCNA) -- Talks between the DPRK and Russian defence "
                                  "ministers were held in Moscow on Friday.", [("meeting", "KP", "RU")]),
    ("a home ministry", "Pyongyang, March 11 (KCNA) -- A delegation of the Ministry of Physical Culture and Sports "
                        "led by Minister Kim Il Guk left here on Monday to visit Russia.", [("visit", "KP", "RU")]),
    ("together with", "Pyongyang, March 11 (KCNA) -- Kim Jong Un, together with Sergei Lavrov, toured a coastal "
                      "resort on Saturday.", [("meeting", "KP", "RU")]),
    ("accompanied by", "Kim Jong Un, accompanied by Andrei Belousov, minister of Defence of the Russian "
                       "Federation, inspected a factory on Saturday.", [("meeting", "KP", "RU")]),
    # look-alike negatives
    ("a message", "Kim Jong Un received a message of greetings from Vladimir Putin on Monday.", []),
    ("a third state", "Pyongyang, March 11 (KCNA) -- Sergei Aleinik, foreign minister of the Republic of "
                      "Belarus, arrived here on Monday.", []),
    ("a name alone", "Pyongyang, March 11 (KCNA) -- Viktor Orlov and his party arrived here on Monday.", []),
    ("resident ambassador", "Pyongyang, March 11 (KCNA) -- The Russian ambassador visited the Grand People's "
                            "Study House on Monday.", []),
    ("children", "Pyongyang, March 11 (KCNA) -- A Russian children's camping group arrived here on Monday.", []),
    ("a factory", "Kim Jong Un inspected a drone factory on Monday.", []),
    ("a reception", "The Russian embassy hosted a reception on Monday, attended by Ri Ryong Nam, minister of "
                    "External Economic Relations of the DPRK.", []),
]


def _sides(claim) -> tuple[str, str | None, str | None]:  # type: ignore[no-untyped-def]
    return claim.type, entity_country(claim.actor), entity_country(claim.target)


@pytest.mark.slow
@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_interaction_frames(extractor: Extractor, name: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    claims = [c for c in extractor.extract_text(text, published=P)
              if c.type in ("meeting", "visit", "agreement", "other")]
    assert sorted(_sides(c) for c in claims) == sorted(expected), [(_sides(c), c.evidence[0].text) for c in claims]


@pytest.mark.slow
def test_a_delegation_is_named_by_its_leader(extractor: Extractor) -> None:
    claims = extractor.extract_text(CASES[0][1], published=P)
    meeting = next(c for c in claims if c.type == "meeting")
    assert {meeting.actor.name, meeting.target.name} == {"Ri Son Gwon", "Oksana Lut"}
    assert meeting.date is not None and meeting.date.start == "2025-03-11"


@pytest.mark.slow
def test_a_purpose_is_planned_and_a_visit_a_meeting_covers_is_dropped(extractor: Extractor) -> None:
    planned = extractor.extract_text(CASES[7][1], published=P)
    assert {c.type: c.modality for c in planned} == {"visit": "completed", "meeting": "announced_planned"}
    held = extractor.extract_text(
        "Pyongyang, March 11 (KCNA) -- A delegation of Russian experts led by Roman Ivanov arrived here on Monday. "
        "Kim Tok Hun, premier of the Cabinet, met the delegation on Tuesday.", published=P)
    assert [c.type for c in held] == ["meeting"]


@pytest.mark.slow
def test_a_side_is_remembered_for_later_mentions(extractor: Extractor) -> None:
    text = ("Roman Ivanov, vice-minister of Energy of the Russian Federation, arrived in Pyongyang on Monday. "
            "Ivanov held talks with Kim Yong Chol on Tuesday.")
    meeting = next(c for c in extractor.extract_text(text, published=P) if c.type == "meeting")
    assert (entity_country(meeting.actor), entity_country(meeting.target)) == ("RU", "KP")


@pytest.mark.slow
def test_glued_names_are_read_and_evidence_points_into_the_original(extractor: Extractor) -> None:
    text = "The respected ComradeKim Jong Unmet with Sergei Shoigu in Pyongyang on Monday."
    meeting = next(c for c in extractor.extract_text(text, published=P) if c.type == "meeting")
    ev = meeting.evidence[0]
    assert text[ev.start:ev.end] == ev.text and ev.text.startswith("The respected ComradeKim")


def test_deglue_inserts_spaces_and_maps_offsets_back() -> None:
    text = "ComradeKim Jong Unand others"
    fixed, inserts = deglue(text, ["Kim Jong Un"])
    assert fixed == "Comrade Kim Jong Un and others"
    assert [original_offset(fixed.index(w), inserts) for w in ("Kim", "and")] == [text.index("Kim"), text.index("and")]
    assert deglue("Kim Jong Un met", ["Kim Jong Un"]) == ("Kim Jong Un met", [])


def test_dateline_gives_the_reporting_country() -> None:
    lex = Lexicon.from_pack(load_pack("dprk"))
    assert dateline_place("Pyongyang, July 23 (KCNA) -- A delegation arrived.", lex) == "KP"
    assert dateline_place("MOSCOW, Oct. 3 (Reuters) - Officials said.", lex) == "RU"
    assert dateline_place("A delegation arrived in Pyongyang.", lex) is None


def test_every_claim_type_has_cameo_codes() -> None:
    from sanctionwatch.model import CLAIM_TYPES

    book = FrameBook.from_pack(load_pack("dprk"))
    assert set(book.cameo) == set(CLAIM_TYPES)
    assert book.cameo["visit"] == ("042", "043") and book.cameo["agreement"] == ("057",)


def test_a_broken_frames_file_names_itself(tmp_path: Path) -> None:
    src = Path(load_pack("dprk").path)
    for f in src.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    frames = yaml.safe_load((tmp_path / "frames.yaml").read_text(encoding="utf-8"))
    frames["cameo"]["visit"] = ["visit"]
    (tmp_path / "frames.yaml").write_text(yaml.safe_dump(frames), encoding="utf-8")
    with pytest.raises(PackError, match="frames.yaml"):
        FrameBook.from_pack(load_pack(tmp_path))
