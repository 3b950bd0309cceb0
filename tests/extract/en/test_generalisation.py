"""Generalisation table: sentences written for this test, not taken from the dev corpus or the
shared cases, in the styles of wire copy, analysis, broadcast transcripts and think-tank notes.

Each row is a sentence (or two), its publication date and the claims it states under the
conventions of ``../shared/cases/README.md``; negatives that look similar expect nothing.
A row passes when the claims match one to one (type, quantity and kind, as the scorer
matches) and every matched pair agrees on actor and destination country, attribution (word
overlap), modality, negation, qualifier, range bound and date of event.  The pass rate is
pinned in ``floors.json``; rules added for a failure family get their own assertions below.

Facts are real, paraphrased, or invented for the grammar: never cite these sentences.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.extract import Extractor

from ...conftest import load_scorer
from .compare import claim_problems

SCORER = Path(__file__).resolve().parents[3] / "../shared" / "eval" / "score.py"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))

P = "2025-03-12"  # a Wednesday: "on Monday" is 2025-03-10, "last week" 2025-03-03/2025-03-09


def c(type_: str, actor: str, dest: str | None, q: int | None = None, kind: str | None = None,
      qual: str | None = None, *, qmax: int | None = None, date: str | None = None, by: str | None = None,
      mod: str = "completed", neg: bool = False) -> dict[str, Any]:
    return {"type": type_, "actor": actor, "target_or_destination": dest, "quantity": q, "quantity_max": qmax,
            "quantity_kind": kind, "qualifier": qual, "date_of_event": date, "attributed_to": by,
            "modality": mod, "negated": neg}


LD, TD, AT, MT, AG, CA, WP, OT = ("labor_dispatch", "troop_deployment", "arms_transfer", "meeting", "agreement",
                                  "casualties", "workers_present", "other")
PLAN, EST, ONG, DEN = "announced_planned", "reported_estimate", "ongoing", "denied"

CASES: list[tuple[str, str, str | None, list[dict[str, Any]]]] = [
    # -- labour -----------------------------------------------------------------------------------
    ("g-001", "North Korea has sent some 3,000 construction workers to building sites in the Russian Far East "
              "since January, South Korea's unification ministry said.", P,
     [c(LD, "DPRK", "Russia/Far East", 3000, "construction workers", "approx", date="2025-01/2025-03",
        by="South Korea's unification ministry")]),
    ("g-002", "Pyongyang plans to dispatch two dozen mine-clearance specialists to Kursk next month, a Russian "
              "official told TASS.", P,
     [c(LD, "DPRK", "Russia/Kursk", 24, "sappers", "exact", by="Russian official", mod=PLAN)]),
    ("g-003", "A further 2,000 North Korean labourers are expected to arrive in Vladivostok by the end of the year, "
              "according to officials familiar with the matter.", P,
     [c(LD, "DPRK", "Russia/Far East", 2000, "workers", "exact", by="unnamed officials", mod=PLAN)]),
    ("g-004", "Russian construction firms have hired roughly 12,000 North Korean workers this year, South Korea's "
              "Ministry of Unification estimated.", P,
     [c(LD, "DPRK", "Russia", 12000, "workers", "approx", date="2025", by="South Korea's Ministry of Unification",
        mod=EST)]),
    ("g-005", "Kim Jong Un has ordered the dispatch of an additional 1,000 sappers to the Kursk region, state "
              "media reported on Tuesday.", P,
     [c(LD, "DPRK", "Russia/Kursk", 1000, "sappers", "exact", date="2025-03-11", by="state media", mod=PLAN)]),
    ("g-006", "Thousands of North Korean labourers are now working on construction sites across Russia, according "
              "to a report by the Institute for National Security Strategy.", P,
     [c(WP, "DPRK", "Russia", None, "workers", by="Institute for National Security Strategy", mod=EST)]),
    ("g-007", "The North is not sending any more workers to Russia, a spokesman for Pyongyang's foreign ministry "
              "insisted.", P,
     [c(LD, "DPRK", "Russia", None, "workers", by="North Korean foreign ministry spokesman", mod=DEN, neg=True)]),
    ("g-008", "A contingent of five thousand North Korean military builders will leave for Kursk this summer, Russian "
              "state "
              "television reported.", P,
     [c(LD, "DPRK", "Russia/Kursk", 5000, "construction workers", "exact", by="Russian state television", mod=PLAN)]),
    ("g-009", "North Korea will send another 2,000 builders to Kursk in the spring, said Alexander Khinshtein, "
              "the regional governor.", P,
     [c(LD, "DPRK", "Russia/Kursk", 2000, "construction workers", "exact", by="Alexander Khinshtein", mod=PLAN)]),
    ("g-010", "Shoigu told reporters that the first 500 North Korean sappers had already arrived in Kursk.", P,
     [c(LD, "DPRK", "Russia/Kursk", 500, "sappers", "exact", by="Sergei Shoigu")]),
    ("g-011", "Roughly 2,000 North Korean workers were flown to Moscow in January and February to work at textile "
              "factories, Japanese broadcaster NHK reported.", P,
     [c(LD, "DPRK", "Russia", 2000, "workers", "approx", date="2025-01/2025-02", by="NHK")]),
    ("g-012", "Around 1,000 sappers from North Korea were flown into Kursk over the weekend to clear mines, TASS "
              "reported.", P,
     [c(LD, "DPRK", "Russia/Kursk", 1000, "sappers", "approx", by="TASS")]),
    ("g-013", "Another 3,000 builders from the North are to be dispatched to Russia, according to Shoigu.", P,
     [c(LD, "DPRK", "Russia", 3000, "construction workers", "exact", by="Sergei Shoigu", mod=PLAN)]),
    ("g-014", "Moscow plans to bring in as many as 50,000 North Korean labourers to ease a labour shortage, a "
              "Russian lawmaker said.", P,
     [c(LD, "DPRK", "Russia", 50000, "workers", "up_to", by="Russian lawmaker", mod=PLAN)]),
    ("g-015", "Up to 5,000 additional North Korean workers could arrive in Russia's Primorye region by summer, "
              "local authorities said.", P,
     [c(LD, "DPRK", "Russia/Far East", 5000, "workers", "up_to", by="local authorities", mod=PLAN)]),
    ("g-016", "No North Korean workers have been sent to Russia this year, the unification ministry in Seoul said.", P,
     [c(LD, "DPRK", "Russia", None, "workers", date="2025", by="South Korea's unification ministry", neg=True)]),
    ("g-017", "Six hundred North Korean construction workers arrived in Khabarovsk on Monday, the regional "
              "government said.", P,
     [c(LD, "DPRK", "Russia/Far East", 600, "construction workers", "exact", date="2025-03-10",
        by="regional government")]),
    ("g-018", "Pyongyang is preparing to dispatch a 1,000-strong team of deminers to the Kursk border area, "
              "according to Russian state media.", P,
     [c(LD, "DPRK", "Russia/Kursk", 1000, "sappers", "exact", by="Russian state media", mod=PLAN)]),
    # -- workers present / entries ------------------------------------------------------------------
    ("g-019", "An estimated 15,000 North Korean workers are currently employed in Russia, mostly in construction, "
              "the report said.", P,
     [c(WP, "DPRK", "Russia", 15000, "workers", "approx", by="unnamed reports", mod=EST)]),
    ("g-020", "More than 10,000 North Korean labourers remain in Russia despite UN sanctions, according to US "
              "estimates.", P,
     [c(WP, "DPRK", "Russia", 10000, "workers", "at_least", by="US estimates", mod=EST)]),
    ("g-021", "Some 13,000 North Koreans entered Russia in 2024, according to Russian border statistics.", P,
     [c(OT, "DPRK", "Russia", 13000, "entries", "approx", date="2024", by="Russian border statistics")]),
    # -- troops -------------------------------------------------------------------------------------
    ("g-022", "Around 11,000 North Korean soldiers were deployed to Russia's Kursk region in late 2024, Western "
              "intelligence officials said.", P,
     [c(TD, "DPRK", "Russia/Kursk", 11000, "troops", "approx", date="2024", by="Western intelligence officials")]),
    ("g-023", "Pyongyang is believed to have sent a further 3,000 troops to Russia in January and February, the "
              "Joint Chiefs of Staff said.", P,
     [c(TD, "DPRK", "Russia", 3000, "troops", "exact", date="2025-01/2025-02",
        by="South Korea's Joint Chiefs of Staff", mod=EST)]),
    ("g-024", "A battalion of about 500 North Korean special forces has been stationed near Kursk, said a Ukrainian "
              "military intelligence spokesman.", P,
     [c(TD, "DPRK", "Russia/Kursk", 500, "troops", "approx", by="Ukrainian military intelligence spokesman",
        mod=ONG)]),
    ("g-025", "According to the NIS, some 3,000-strong reinforcements from North Korea arrived in Russia between "
              "May and July.", P,
     [c(TD, "DPRK", "Russia", 3000, "troops", "approx", date="2024-05/2024-07",
        by="South Korea's National Intelligence Service")]),
    ("g-026", "North Korean troops are fighting alongside Russian forces in Kursk, the Pentagon said on Monday.", P,
     [c(TD, "DPRK", "Russia/Kursk", None, "troops", date="2025-03-10", by="Pentagon", mod=ONG)]),
    ("g-027", "Up to 12,000 North Korean soldiers could be sent to Russia in the coming months, Ukrainian "
              "intelligence claimed.", P,
     [c(TD, "DPRK", "Russia", 12000, "troops", "up_to", by="Ukrainian intelligence", mod=PLAN)]),
    ("g-028", "Kim Jong Un's government has deployed between 10,000 and 12,000 troops to Russia, US officials "
              "alleged.", P,
     [c(TD, "DPRK", "Russia", 10000, "troops", None, qmax=12000, by="US officials")]),
    ("g-029", "Moscow rejected as groundless reports that North Korean troops were fighting in Ukraine.", P,
     [c(TD, "DPRK", "Ukraine", None, "troops", by="Russia", mod=DEN, neg=True)]),
    ("g-030", "There is no evidence that more North Korean troops have been sent to Russia since January, South "
              "Korea's spy agency said.", P,
     [c(TD, "DPRK", "Russia", None, "troops", date="2025-01/2025-03",
        by="South Korea's National Intelligence Service", neg=True)]),
    ("g-031", "Pyongyang sent nearly 2,000 more troops to the front in Kursk last month, Seoul said.", P,
     [c(TD, "DPRK", "Russia/Kursk", 2000, "troops", "approx", date="2025-02", by="South Korea")]),
    ("g-032", "In a statement on Friday, Ukraine's military intelligence said about 1,500 North Korean soldiers had "
              "been moved to Vladivostok.", P,
     [c(TD, "DPRK", "Russia/Far East", 1500, "troops", "approx", by="Ukraine's military intelligence")]),
    ("g-033", "The Russian defence ministry confirmed for the first time that North Korean units had fought in "
              "Kursk.", P,
     [c(TD, "DPRK", "Russia/Kursk", None, "troops", by="Russian Defence Ministry")]),
    ("g-034", "The Pentagon estimated that some 12,000 North Korean troops were in Russia as of January.", P,
     [c(TD, "DPRK", "Russia", 12000, "troops", "approx", date="2025-01", by="Pentagon", mod=EST)]),
    ("g-035", "Kim Jong Un has pledged to send more troops to Russia if needed, KCNA said.", P,
     [c(TD, "DPRK", "Russia", None, "troops", by="KCNA", mod=PLAN)]),
    ("g-036", "Pyongyang dismissed as 'fake news' reports that it had sent 10,000 soldiers to Russia.", P,
     [c(TD, "DPRK", "Russia", 10000, "troops", "exact", by="North Korea", mod=DEN, neg=True)]),
    ("g-037", "North Korean soldiers have been spotted in occupied parts of Ukraine's Zaporizhzhia region, Kyiv "
              "alleged.", P,
     [c(TD, "DPRK", "Ukraine", None, "troops", by="Ukraine")]),
    ("g-038", "Roughly 1,000 North Korean soldiers are being trained at a Russian base near Vladivostok, a "
              "think-tank note said.", P,
     [c(TD, "DPRK", "Russia/Far East", 1000, "troops", "approx", by="think-tank note", mod=ONG)]),
    ("g-039", "According to a senior Ukrainian official, Russia has begun moving North Korean troops to the "
              "Zaporizhzhia front.", P,
     [c(TD, "DPRK", "Russia", None, "troops", by="senior Ukrainian official", mod=ONG)]),
    # -- arms -------------------------------------------------------------------------------------
    ("g-040", "Iran has delivered hundreds of Shahed drones to Russia since 2023, according to Ukrainian officials.", P,
     [c(AT, "Iran", "Russia", None, "drones", date="2023/2025-03", by="Ukrainian officials")]),
    ("g-041", "Tehran shipped more than 200 Fath-360 ballistic missiles to Russia last week, Western officials told "
              "Reuters.", P,
     [c(AT, "Iran", "Russia", 200, "missiles", "at_least", date="2025-03-03/2025-03-09", by="Western officials")]),
    ("g-042", "Russia has fired at least 20 North Korean KN-23 missiles at Ukraine since December, Ukraine's "
              "prosecutor general said.", P,
     [c(AT, "DPRK", "Russia", 20, "missiles", "at_least", date="2024-12/2025-03", by="Ukraine's prosecutor general")]),
    ("g-043", "North Korea has supplied Russia with as many as 9 million artillery shells, a South Korean lawmaker "
              "said, citing the NIS.", P,
     [c(AT, "DPRK", "Russia", 9000000, "artillery shells", "up_to",
        by="South Korea's National Intelligence Service")]),
    ("g-044", "Russia is expected to receive 1.5 million shells from Pyongyang in the coming weeks, according to a "
              "think-tank note.", P,
     [c(AT, "DPRK", "Russia", 1500000, "artillery shells", "exact", by="think-tank note", mod=PLAN)]),
    ("g-045", "Some 6,700 containers have been shipped from North Korea to Russia, Defence Minister Shin Won-sik "
              "said.", P,
     [c(AT, "DPRK", "Russia", 6700, "containers", "approx", by="Shin Won-sik")]),
    ("g-046", "North Korea denied supplying any weapons to Russia, calling the accusations absurd.", P,
     [c(AT, "DPRK", "Russia", None, None, by="North Korea", mod=DEN, neg=True)]),
    ("g-047", "Iran's foreign ministry has repeatedly rejected claims that it sold ballistic missiles to Moscow.", P,
     [c(AT, "Iran", "Russia", None, "missiles", by="Iran's foreign ministry", mod=DEN, neg=True)]),
    ("g-048", "Russia launched two dozen Iranian-designed Shahed drones at Odesa overnight, the Ukrainian air force "
              "said.", P,
     [c(AT, "Iran", "Russia", 24, "drones", "exact", by="Ukrainian air force")]),
    ("g-049", "North Korea has shipped 1.5 million rounds of artillery ammunition to Russia, analysts said.", P,
     [c(AT, "DPRK", "Russia", 1500000, "artillery shells", "exact", by="analysts")]),
    ("g-050", "Russia took delivery of 100 to 150 KN-23 and KN-24 ballistic missiles from North Korea last year, an "
              "analyst at the Royal United Services Institute estimated.", P,
     [c(AT, "DPRK", "Russia", 100, "missiles", None, qmax=150, date="2024", by="Royal United Services Institute "
                                                                               "analyst",
        mod=EST)]),
    ("g-051", "Iran is preparing to send hundreds of surface-to-surface missiles to Russia, two European security "
              "sources said.", P,
     [c(AT, "Iran", "Russia", None, "missiles", by="European security sources", mod=PLAN)]),
    ("g-052", "Tehran has also agreed to supply Russia with Fath-360 short-range missiles, the US Secretary of "
              "State said on Tuesday.", P,
     [c(AT, "Iran", "Russia", None, "missiles", date="2025-03-11", by="US Secretary of State", mod=PLAN)]),
    ("g-053", "Russia has been using North Korean artillery shells in the Donbas for months, Ukrainian commanders "
              "say.", P,
     [c(AT, "DPRK", "Russia", None, "artillery shells", by="Ukrainian commanders", mod=ONG)]),
    ("g-054", "Iran did not send any drones to Russia after the invasion began, Iranian Foreign Minister Abbas "
              "Araghchi insisted.", P,
     [c(AT, "Iran", "Russia", None, "drones", by="Abbas Araghchi", mod=DEN, neg=True)]),
    ("g-055", "A factory in Alabuga is expected to turn out 6,000 Iranian-designed drones a year with Tehran's "
              "help, US intelligence officials said.", P,
     [c(AT, "Iran", "Russia/Alabuga", 6000, "drones", "exact", by="US intelligence officials", mod=PLAN)]),
    ("g-056", "Ukrainian air defences shot down 40 of the 58 Shahed drones Russia launched overnight, the air force "
              "said.", P,
     [c(AT, "Iran", "Russia", 58, "drones", "exact", by="air force")]),
    # -- meetings and agreements ------------------------------------------------------------------
    ("g-057", "Kim Jong Un met Sergei Shoigu in Pyongyang on Tuesday to discuss the Kursk reconstruction.", P,
     [c(MT, "Kim Jong Un", "Sergei Shoigu", date="2025-03-11")]),
    ("g-058", "Lavrov is expected to hold talks with North Korean Foreign Minister Choe Son Hui in Wonsan next "
              "week.", P,
     [c(MT, "Sergei Lavrov", "Choe Son Hui", mod=PLAN)]),
    ("g-059", "North Korean leader Kim Jong Un held talks with Russian Defence Minister Andrei Belousov in "
              "Pyongyang last week.", P,
     [c(MT, "Kim Jong Un", "Andrei Belousov", date="2025-03-03/2025-03-09")]),
    ("g-060", "Putin welcomed Kim Jong Un at the Vostochny Cosmodrome in September 2023. The two leaders held talks "
              "for nearly five hours.", P,
     [c(MT, "Vladimir Putin", "Kim Jong Un", date="2023-09")]),
    ("g-061", "Russia and North Korea signed a comprehensive strategic partnership treaty in June 2024.", P,
     [c(AG, "Russia", "DPRK", date="2024-06")]),
    ("g-062", "The treaty between Moscow and Pyongyang entered into force on December 4.", P,
     [c(AG, "Russia", "DPRK", date="2024-12-04")]),
    # -- casualties -------------------------------------------------------------------------------
    ("g-063", "Ukraine's military estimated that some 4,000 North Korean troops had been killed or wounded since "
              "January.", P,
     [c(CA, "DPRK", "Russia", 4000, "casualties", "approx", date="2025-01/2025-03", by="Ukraine's military",
        mod=EST)]),
    ("g-064", "Ukraine says roughly 1,000 North Korean soldiers were killed in the Kursk region in December alone.", P,
     [c(CA, "DPRK", "Russia/Kursk", 1000, "casualties", "approx", date="2024-12", by="Ukraine")]),
    ("g-065", "Kyiv estimates that 600 North Korean soldiers have died in the fighting for Kursk.", P,
     [c(CA, "DPRK", "Russia/Kursk", 600, "casualties", "exact", by="Ukraine", mod=EST)]),
    ("g-066", "Seoul puts North Korean casualties in Russia at 4,700, including some 600 killed.", P,
     [c(CA, "DPRK", "Russia", 4700, "casualties", "exact", by="South Korea", mod=EST),
      c(CA, "DPRK", "Russia", 600, "casualties", "approx", by="South Korea", mod=EST)]),
    # -- other: help and technology ---------------------------------------------------------------
    ("g-067", "Russia is sharing satellite technology with Pyongyang, Seoul's spy agency said.", P,
     [c(OT, "Russia", "DPRK", None, None, by="South Korea's National Intelligence Service", mod=ONG)]),
    ("g-068", "Moscow has given North Korea air-defence technology in return for its troops, Western officials say.", P,
     [c(OT, "Russia", "DPRK", None, None, by="Western officials")]),
    # -- second batch, written after the rules above and run unchanged as a held-out check ----------
    ("g-093", "Seoul's spy agency believes North Korea has shipped another 3 million shells to Russia since August.", P,
     [c(AT, "DPRK", "Russia", 3000000, "artillery shells", "exact", date="2024-08/2025-03",
        by="South Korea's National Intelligence Service", mod=EST)]),
    ("g-094", "A group of 300 North Korean deminers has reached the Kursk region, the regional governor said on "
              "Thursday.", P,
     [c(LD, "DPRK", "Russia/Kursk", 300, "sappers", "exact", by="regional governor")]),
    ("g-095", "Pyongyang will not send additional soldiers to Russia, the North's foreign ministry said.", P,
     [c(TD, "DPRK", "Russia", None, "troops", by="North Korea's foreign ministry", mod=DEN, neg=True)]),
    ("g-096", "The Kremlin said on Monday that Putin would hold talks with Kim Jong Un in Moscow.", P,
     [c(MT, "Vladimir Putin", "Kim Jong Un", date="2025-03-10", by="Kremlin", mod=PLAN)]),
    ("g-097", "North Korean forces have suffered about 1,200 casualties in Kursk, a Ukrainian military spokesman "
              "said.", P,
     [c(CA, "DPRK", "Russia/Kursk", 1200, "casualties", "approx", by="Ukrainian military spokesman")]),
    ("g-098", "An estimated 40,000 North Korean labourers were working in Russia before UN sanctions took effect "
              "in 2019.", P,
     [c(WP, "DPRK", "Russia", 40000, "workers", "approx", mod=EST)]),
    ("g-099", "Iran has transferred dozens of short-range ballistic missiles to Russia, according to the Pentagon.", P,
     [c(AT, "Iran", "Russia", None, "missiles", by="Pentagon")]),
    ("g-100", "The first batch of 1,500 North Korean builders is due to arrive in Kursk next month, Interfax reported, "
              "citing a regional official.", P,
     [c(LD, "DPRK", "Russia/Kursk", 1500, "construction workers", "exact", by="regional official", mod=PLAN)]),
    ("g-101", "North Korea has begun sending artillery crews to Russia, South Korean officials told Yonhap.", P,
     [c(TD, "DPRK", "Russia", None, "troops", by="South Korean officials", mod=ONG)]),
    ("g-102", "Russian authorities issued some 8,000 work visas to North Koreans between January and June.", P,
     [c(OT, "DPRK", "Russia", 8000, "entries", "approx", date="2024-01/2024-06")]),
    ("g-103", "Ukraine's navy said Russian warships fired Iranian-made missiles at Odesa last week.", P,
     [c(AT, "Iran", "Russia", None, "missiles", date="2025-03-03/2025-03-09", by="Ukraine's navy")]),
    ("g-104", "Russia and Iran signed a 20-year partnership treaty in Moscow on January 17.", P,
     [c(AG, "Russia", "Iran", 20, "term years", "exact", date="2025-01-17")]),  # the gold counts the term
    ("g-105", "Kim Jong Un sat down with Shoigu in Pyongyang on Monday, KCNA said.", P,
     [c(MT, "Kim Jong Un", "Sergei Shoigu", date="2025-03-10")]),
    ("g-106", "Nearly 2,000 North Korean troops were killed or wounded in January alone, Ukraine's military "
              "intelligence estimated.", P,
     [c(CA, "DPRK", "Russia", 2000, "casualties", "approx", date="2025-01", by="Ukraine's military intelligence",
        mod=EST)]),
    ("g-107", "Russia's defence ministry denied that any North Korean servicemen were taking part in combat.", P,
     [c(TD, "DPRK", "Russia", None, "troops", by="Russian Defence Ministry", mod=DEN, neg=True)]),
    ("g-108", "Some 20,000 Russian tourists visited North Korea's Wonsan resort last year, a tour operator said.", P,
     []),
    ("g-109", "North Korea fired a volley of artillery shells into the sea near the western border island of "
              "Yeonpyeong.", P, []),
    ("g-110", "Iranian drones were used by Houthi forces to attack shipping in the Red Sea, US officials said.", P, []),
    ("g-111", "Russian and North Korean football federations signed a cooperation memorandum on Tuesday.", P, []),
    ("g-112", "About 3,000 Russian workers were laid off at the Avtovaz plant, the company said.", P, []),
    # -- negatives that look similar --------------------------------------------------------------
    ("g-069", "Russian migrants from Central Asia make up a large share of construction workers in Moscow.", P, []),
    ("g-070", "North Korea test-fired two short-range ballistic missiles into the East Sea on Monday, South Korea's "
              "Joint Chiefs of Staff said.", P, []),
    ("g-071", "Iran's crude oil exports rose to 1.8 million barrels a day in February, tanker tracking data showed.",
     P, []),
    ("g-072", "South Korea plans to send 300 troops to a UN peacekeeping mission in Lebanon next year.", P, []),
    ("g-073", "Ukrainian drones struck an oil refinery in Russia's Ryazan region overnight, the regional governor "
              "said.", P, []),
    ("g-074", "Thousands of workers at Hyundai's Ulsan plant went on strike on Tuesday over wages.", P, []),
    ("g-075", "North Korea beat Russia 2-1 in a women's football friendly in Pyongyang on Saturday.", P, []),
    ("g-076", "Russia's central bank raised its key rate to 21 percent, citing inflation.", P, []),
    ("g-077", "The Workers' Party of Korea held a plenary meeting to review the five-year economic plan.", P, []),
    ("g-078", "The Kursk submarine sank in the Barents Sea in August 2000, killing all 118 crew members on board.",
     P, []),
    ("g-079", "Russia deployed an additional 20,000 troops to the Kursk region to push back the Ukrainian incursion.",
     P, []),
    ("g-080", "Kim Jong Un oversaw a test of a new multiple rocket launcher, KCNA reported, without mentioning "
              "Russia.", P, []),
    ("g-081", "China's Xi Jinping met Putin in Moscow on Thursday to discuss trade.", P, []),
    ("g-082", "More than 1.2 million Russians have left the country since the start of the war, according to "
              "demographers.", P, []),
    ("g-083", "Some 34,000 North Korean defectors live in South Korea, according to the unification ministry.", P, []),
    ("g-084", "South Korean workers building a plant in Russia's Kaluga region were evacuated in 2022.", P, []),
    ("g-085", "Iran's exports of pistachios to Russia rose 30 percent last year.", P, []),
    ("g-086", "A Ukrainian drone attack killed three people in Russia's Belgorod region on Sunday, the governor said.",
     P, []),
    ("g-087", "The Kremlin has declined to confirm or deny reports that North Korean sappers are working in Kursk.",
     P, []),
    ("g-088", "North Korean hackers stole $1.5 billion in cryptocurrency from an exchange last month, the FBI said.",
     P, []),
    ("g-089", "Thousands of Russian soldiers were killed in the battle for Avdiivka, Ukraine's military said.", P, []),
    ("g-090", "Iran launched more than 180 ballistic missiles at Israel on Tuesday.", P, []),
    ("g-091", "A court in Moscow sentenced two Russian men to 12 years for spying for Ukraine.", P, []),
    ("g-092", "North Korea's Supreme People's Assembly will convene in April, state media said, as Russian "
              "tourists returned to Wonsan.", P, []),
    # -- state-media phrasing of a deployment: units "of" the army, "take part in" operations ------------
    ("g-113", "Subunits of the Korean People's Army took part in the operations for liberating the Kursk area, "
              "the Central Military Commission of the Workers' Party of Korea said.", P,
     [c(TD, "DPRK", "Russia/Kursk", None, "troops", by="Central Military Commission")]),
    ("g-114", "Units of the Korean People's Army participated in the combat to free the Kursk region of Russia.", P,
     [c(TD, "DPRK", "Russia/Kursk", None, "troops")]),
    ("g-115", "Units of the Russian army took part in joint drills with units of the Belarusian army near Minsk.",
     P, []),
    # a place in a clause on the visited people is not where the visitor went
    ("g-116", "Kim Jong Un visited the bereaved families of the servicemen who fell in the overseas operation in "
              "Russia.", P, []),
    ("g-117", "Choe Son Hui attended the Eurasian Women's Forum and the BRICS forum held in Kazan of Russia.", P,
     [c("visit", "Choe Son Hui", "Russia")]),
    # a state's embassy stands in the host country; officials the pack names
    ("g-118", "Kim Jong Un visited the Embassy of the Russian Federation in Pyongyang on Victory Day.", P, []),
    ("g-119", "Defence Minister No Kwang Chol held talks with Russian Defence Minister Andrei Belousov in Moscow.",
     P, [c(MT, "No Kwang Chol", "Andrei Belousov")]),
    # the two sides name a meeting that "was held" with no agent
    ("g-120", "The tenth session of the DPRK-Russia intergovernmental commission on trade was held in Moscow.", P,
     [c(MT, "DPRK", "Russia")]),
]


def run_table(extractor: Extractor) -> dict[str, list[str]]:
    score = load_scorer()
    failures = {}
    for cid, text, published, wanted in CASES:
        got = extractor.extract_text(text, published=published, language="en")
        found = claim_problems(score, wanted, got)
        if found:
            failures[cid] = found
    return failures


def test_table_is_well_formed() -> None:
    assert len(CASES) >= 80
    assert len({cid for cid, *_ in CASES}) == len(CASES)
    assert sum(1 for *_, claims in CASES if not claims) >= 20


@pytest.mark.skipif(not SCORER.is_file(), reason=f"scorer not found at {SCORER} (checkout without ../shared)")
def test_generalisation_pass_rate(extractor: Extractor) -> None:
    failures = run_table(extractor)
    rate = 1 - len(failures) / len(CASES)
    worst = "\n".join(f"{k}: {v}" for k, v in failures.items())
    assert rate >= FLOORS["generalisation_pass_rate"], f"pass rate {rate:.3f} below floor; failures:\n{worst}"


def test_generalisation_negatives_stay_silent(extractor: Extractor) -> None:
    noisy = {cid: [f"{x.type} {x.quantity}" for x in got] for cid, text, published, wanted in CASES if not wanted
             for got in [extractor.extract_text(text, published=published, language="en")] if got}
    assert not noisy, noisy


# -- the rules added for failure families of the table, one sentence each (not from the table) ------

def _one(extractor: Extractor, text: str) -> Any:
    got = extractor.extract_text(text, published=P, language="en")
    assert len(got) == 1, [(x.type, x.quantity) for x in got]
    return got[0]


def test_collective_noun_counts_the_kind_it_is_of(extractor: Extractor) -> None:
    claim = _one(extractor, "North Korea sent a 400-strong battalion of combat engineers to Kursk.")
    assert (claim.quantity.value, claim.quantity.kind) == (400, "sappers")


def test_sentence_initial_the_north(extractor: Extractor) -> None:
    claim = _one(extractor, "The North has shipped rockets to Russia, officials said.")
    assert claim.actor and claim.actor.name == "North Korea"


def test_flown_workers_are_sent_not_present(extractor: Extractor) -> None:
    claim = _one(extractor, "About 800 North Korean workers were ferried to Russia to work on farms.")
    assert claim.type == "labor_dispatch"


def test_partner_demonym_makes_units_troops(extractor: Extractor) -> None:
    claim = _one(extractor, "Moscow acknowledged that North Korean units had taken part in fighting near Kursk.")
    assert claim.type == "troop_deployment"


def test_units_of_the_partner_army_taking_part_are_troops(extractor: Extractor) -> None:
    """ "Units of the KPA" are owned by an of-phrase; "take part (in)" reads as "participate"; the
    frame reads sides and verb off the parse, so the classifier does not veto it."""
    claim = _one(extractor, "Units of the Korean People's Army took part in the battles in the Kursk region.")
    assert (claim.type, claim.actor and claim.actor.id, claim.modality) == ("troop_deployment", "country:KP",
                                                                           "completed")
    assert not extractor.extract_text("Units of the Russian army took part in the battles in the Kursk region.",
                                      published=P)


def test_partner_help_is_not_russian_help(extractor: Extractor) -> None:
    got = extractor.extract_text("Russia builds drones at Alabuga with assistance from Iran.", published=P)
    assert not any(x.type == "other" for x in got)


def test_quoted_phrase_is_no_possessor_source(extractor: Extractor) -> None:
    claim = _one(extractor, "Tehran dismissed as 'baseless' reports that it had sent missiles to Russia.")
    assert (claim.modality, claim.negated, claim.attributed_to and claim.attributed_to.name) == ("denied", True, "Iran")


def test_report_by_names_its_author(extractor: Extractor) -> None:
    claim = _one(extractor, "Some 5,000 North Korean labourers are employed in Russia, according to a study by "
                            "the Korea Institute for National Unification.")
    assert claim.attributed_to and "Korea Institute" in claim.attributed_to.name


def test_troops_in_occupied_ukraine(extractor: Extractor) -> None:
    claim = _one(extractor, "North Korean troops have been observed in occupied areas of Ukraine, Kyiv said.")
    assert claim.target and claim.target.name == "Ukraine"


def test_partner_losses_counted_by_ukraine(extractor: Extractor) -> None:
    claim = _one(extractor, "Ukraine's army said 90 North Korean soldiers were killed in one week.")
    assert (claim.type, claim.quantity.value) == ("casualties", 90)


def test_date_of_a_subordinate_clause_is_not_the_claims(extractor: Extractor) -> None:
    claim = _one(extractor, "Some 10,000 North Korean workers stayed in Russia after the ban took effect in 2019, "
                            "analysts estimate.")
    assert claim.date is None


def test_date_on_the_claims_own_verb_dates_the_claim(extractor: Extractor) -> None:
    claim = _one(extractor, "Russia has fired 30 North Korean missiles since November, Kyiv said.")
    assert claim.date and (claim.date.start, claim.date.end) == ("2024-11", "2025-03")
