"""A small database for the web application's tests, built from records written here.

Three events: North Korean troops in Kursk (three outlets disagreeing on the figure, one
copy of a wire story, one flagged provision, figures computed from the claims), workers
sent to Alabuga (figures reconciled in ``EventRow.summary``), and a hostile document whose
text, title and claim carry script and event-handler payloads.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sanctionwatch.model import Claim, DateRef, Document, Entity, Evidence, Place, Quantity
from sanctionwatch.store import EventRow, Store

KP = Entity("North Korea", "country:KP")
RU = Entity("Russia", "country:RU")
KURSK = Place("Kursk Oblast", "RU", 51.73, 36.19, "place:kursk-oblast")
ALABUGA = Place("Alabuga", "RU", 55.76, 52.05, "place:alabuga")
FAR_EAST = Place("Russian Far East", "RU", 48.48, 135.08, "place:russian-far-east")

XSS_TITLE = '<script>window.__xss = "title"</script>Hostile <b>page</b>'
XSS_TEXT = (
    "Officials said <img src=x onerror=\"window.__xss='img'\"> 500 workers arrived in Alabuga.\n\n"
    "<script>window.__xss = 'script'</script> A second paragraph "
    "<svg onload=\"window.__xss='svg'\"></svg> with <a href=\"javascript:window.__xss='link'\">a link</a>."
)

EVENT_TROOPS = "e_troops_kursk"
EVENT_WORKERS = "e_workers_alabuga"
EVENT_XSS = "e_hostile"


def _doc(key: str, text: str, **meta: Any) -> Document:
    return Document(id=f"d_{key}", text=text, raw_text=text, path=f"fixtures/{key}.txt", format="text",
                    language="en", **meta)


def _ev(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def _claim(doc: Document, sentence: str, *, type: str, value: float | None, kind: str | None, qtext: str | None,
           event: str, location: Place | None = None, qualifier: str = "exact", actor: Entity | None = KP,
           modality: str = "completed", date: DateRef | None = None, attributed_to: Entity | None = None) -> Claim:
    q = Quantity(value, kind, qualifier, qtext) if (value is not None or kind) else None
    return Claim(type=type, actor=actor, target=RU, location=location, quantity=q, date=date,
                 attributed_to=attributed_to, modality=modality, evidence=[_ev(doc.text, sentence)],
                 confidence=round(0.5 + (len(sentence) % 9) / 20, 2), extractor="fixture@1", event_id=event)


def build(path: Path) -> Store:
    store = Store(str(path))
    s1 = "North Korea has sent about 3,000 troops to Russia's Kursk region, the Pentagon said on Wednesday."
    d1 = _doc("reuters", f"Pentagon says North Korean troops in Kursk\n\n{s1} Officials gave no further detail.",
              title="Pentagon says North Korean troops in Kursk", outlet="Reuters", published="2024-10-23T14:00:00Z",
              url="https://example.org/reuters/1")
    s2 = "Seoul's spy agency said more than 10,000 North Korean troops were deployed in Kursk in November."
    d2 = _doc("yonhap", f"NIS: over 10,000 troops\n\n{s2}", title="NIS: over 10,000 North Korean troops in Kursk",
              outlet="Yonhap", published="2024-11-13T09:00:00+09:00", url="https://example.org/yonhap/2")
    s3 = "About 3,000 North Korean troops are now in Kursk, according to the Pentagon."
    d3 = _doc("aggregator", f"Troops in Kursk\n\n{s3}", title="Troops in Kursk (copy)", outlet="Aggregator",
              published="2024-10-24T08:00:00Z", duplicate_of="d_reuters")
    s4 = "Ukraine's intelligence said 11,000 North Korean soldiers had reached Kursk Oblast by early November."
    d4 = _doc("kyiv", f"HUR on Kursk\n\n{s4}", title="HUR: 11,000 soldiers in Kursk Oblast", outlet="Kyiv Independent",
              published="2024-11-05T12:00:00Z", url="https://example.org/kyiv/4")
    s5 = "North Korea dispatched 5,000 construction workers to Russia's Alabuga special economic zone in June."
    s6 = "Around 4,800 workers from North Korea were building drone factories at Alabuga, officials said."
    d5 = _doc("nknews", f"Workers at Alabuga\n\n{s5}\n\n{s6}", title="Workers at Alabuga", outlet="NK News",
              published="2024-07-02T10:00:00Z", url="https://example.org/nknews/5")
    s7 = "Pyongyang plans to send 1,500 builders to the Russian Far East next year."
    d6 = _doc("daily", f"Builders for the Far East\n\n{s7}", title="Builders for the Far East", outlet="Daily NK",
              published="2024-06-20T10:00:00Z")
    d7 = _doc("hostile", XSS_TEXT, title=XSS_TITLE, outlet='<i onmouseover="window.__xss=1">Evil</i>',
              published="2024-08-01T00:00:00Z", url="javascript:window.__xss='url'")
    xs = "Officials said <img src=x onerror=\"window.__xss='img'\"> 500 workers arrived in Alabuga."

    store.save(d1, [_claim(d1, s1, type="troop_deployment", value=3000, kind="troops", qtext="about 3,000",
                           qualifier="approx", event=EVENT_TROOPS, location=KURSK, attributed_to=Entity("Pentagon"),
                           date=DateRef("2024-10-23", text="on Wednesday"))])
    store.save(d2, [_claim(d2, s2, type="troop_deployment", value=10000, kind="troops", qtext="more than 10,000",
                           qualifier="at_least", event=EVENT_TROOPS, location=KURSK,
                           date=DateRef("2024-11", text="in November"))])
    store.save(d3, [_claim(d3, s3, type="troop_deployment", value=3000, kind="troops", qtext="About 3,000",
                           qualifier="approx", event=EVENT_TROOPS, location=KURSK)])
    store.save(d4, [_claim(d4, s4, type="troop_deployment", value=11000, kind="troops", qtext="11,000",
                           event=EVENT_TROOPS, location=KURSK, date=DateRef("2024-11-05", text="by early November"))])
    store.save(d5, [
        _claim(d5, s5, type="labor_dispatch", value=5000, kind="construction workers", qtext="5,000",
               event=EVENT_WORKERS, location=ALABUGA, date=DateRef("2024-06", text="in June")),
        _claim(d5, s6, type="workers_present", value=4800, kind="construction workers", qtext="Around 4,800",
               qualifier="approx", event=EVENT_WORKERS, location=ALABUGA, modality="ongoing"),
    ])
    store.save(d6, [_claim(d6, s7, type="labor_dispatch", value=1500, kind="construction workers", qtext="1,500",
                           event="e_builders_far_east", location=FAR_EAST, modality="announced_planned",
                           actor=Entity("Pyongyang", "country:KP"), date=DateRef("2025", text="next year"))])
    store.save(d7, [_claim(d7, xs, type="workers_present", value=500, kind="workers", qtext="500", event=EVENT_XSS,
                           location=Place('<script>window.__xss="place"</script>Alabuga', "RU", 55.76, 52.05),
                           actor=Entity('<img src=x onerror="window.__xss=\'actor\'">', None))])

    with store.session() as s:
        s.add(EventRow(id=EVENT_TROOPS, type="troop_deployment", actor_id="country:KP", target_id="country:RU",
                       place="Kursk Oblast", date_start="2024-10-23", date_end="2024-11-13",
                       first_reported="2024-10-23T14:00:00Z", last_reported="2024-11-13T09:00:00+09:00",
                       sources=3, conflict=True,
                       summary={"flags": [{"provision": "UNSCR 1718 OP8(c)",
                                           "title": "training and military assistance",
                                           "why": "troop deployment to a state at war"}]}))
        s.add(EventRow(id=EVENT_WORKERS, type="labor_dispatch", actor_id="country:KP", target_id="country:RU",
                       place="Alabuga", date_start="2024-06", first_reported="2024-07-02T10:00:00Z",
                       last_reported="2024-07-02T10:00:00Z", sources=1, conflict=False,
                       summary={"figures": [{"kind": "construction workers", "consensus": 4900, "range": [4800, 5000],
                                             "sources": 1, "conflict": False, "why": "two figures of one outlet"}],
                                "flags": ["UNSCR 2397 OP8"]}))
        s.add(EventRow(id="e_builders_far_east", type="labor_dispatch", actor_id="country:KP",
                       target_id="country:RU", place="Russian Far East", date_start="2025",
                       first_reported="2024-06-20T10:00:00Z", last_reported="2024-06-20T10:00:00Z", sources=1))
        s.add(EventRow(id=EVENT_XSS, type="workers_present", actor_id=None, target_id="country:RU",
                       place='<script>window.__xss="event"</script>', date_start="2024-08-01",
                       first_reported="2024-08-01T00:00:00Z", last_reported="2024-08-01T00:00:00Z", sources=1,
                       summary={"flags": [{"provision": "<script>window.__xss='flag'</script>", "why": "<b>x</b>"}]}))
    return store
