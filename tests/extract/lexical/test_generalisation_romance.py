"""Spanish, French and German generalisation tables in EFE, AFP and dpa wire style.

Sentences written for this project after the rules; none is copied from news text (publication
date 2025-06-18). The pass rates are pinned in ``floors.json``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .generalisation import Case, W, pass_rate

P, OG, C, E, D = "announced_planned", "ongoing", "completed", "reported_estimate", "denied"
LD, TD, AT, MT, AG, CA = ("labor_dispatch", "troop_deployment", "arms_transfer", "meeting", "agreement",
                          "casualties")
K = "RU/Kursk"

CASES_ES: list[Case] = [
    ("Corea del Norte enviará a Kursk unos 1.000 zapadores, anunció el secretario del Consejo de Seguridad ruso, "
     "Serguéi Shoigú.",
     [W(LD, "KP", K, 1000, "sappers", "approx", "Sergei Shoigu", P)]),
    ("Según la inteligencia surcoreana, Pionyang ha desplegado más de 11.000 soldados en Rusia.",
     [W(TD, "KP", "RU", 11000, "troops", "at_least", "South Korean intelligence", C)]),
    ("Unos 3.000 militares norcoreanos murieron o resultaron heridos en Kursk, según fuentes ucranianas.",
     [W(CA, "KP", K, 3000, "casualties", "approx", "Ukrainian officials", C)]),
    ("Irán ha suministrado a Rusia cientos de drones Shahed, denunció el Gobierno de Kiev.",
     [W(AT, "IR", "RU", None, "drones", None, "Ukraine", C)]),
    ("El Kremlin negó que haya soldados norcoreanos en Ucrania.",
     [W(TD, "KP", "UA", None, "troops", None, "Kremlin", D, neg=True)]),
    ("Putin y Kim Jong-un se reunieron en Pionyang el miércoles.",
     [W(MT, "Vladimir Putin", "Kim Jong Un", date="2025-06-18")]),
    ("Rusia y Corea del Norte firmaron un tratado de asociación estratégica integral.",
     [W(AG, "RU", "KP")]),
    ("Pionyang enviará hasta 5.000 trabajadores de la construcción a Rusia, informó la agencia Yonhap.",
     [W(LD, "KP", "RU", 5000, "construction workers", "up_to", "Yonhap", P)]),
    ("Corea del Sur exportó a Polonia 180 tanques K2 el año pasado.", []),
    ("Unos 2.000 trabajadores rusos se manifestaron en Moscú por los salarios.", []),
]

CASES_FR: list[Case] = [
    ("La Corée du Nord a envoyé environ 12 000 soldats en Russie, selon les services de renseignement sud-coréens.",
     [W(TD, "KP", "RU", 12000, "troops", "approx", "South Korean intelligence", C)]),
    ("Pyongyang va dépêcher 6 000 ouvriers militaires dans la région de Koursk, a annoncé Sergueï Choïgou.",
     [W(LD, "KP", K, 6000, "workers", "exact", "Sergei Shoigu", P)]),
    ("Au moins 600 soldats nord-coréens ont été tués dans la région de Koursk, selon Séoul.",
     [W(CA, "KP", K, 600, "casualties", "at_least", "South Korea", C)]),
    ("L'Iran a livré à la Russie plus de 200 missiles balistiques, affirment des responsables américains.",
     [W(AT, "IR", "RU", 200, "missiles", "at_least", "U.S. officials", C)]),
    ("Moscou a démenti toute livraison d'obus nord-coréens.",
     [W(AT, "KP", "RU", None, "artillery shells", None, "Russia", D, neg=True)]),
    ("Kim Jong-un a reçu Sergueï Choïgou à Pyongyang mardi.",
     [W(MT, "Kim Jong Un", "Sergei Shoigu", date="2025-06-17")]),
    ("Quelque 1 500 sapeurs nord-coréens sont arrivés à Koursk, rapporte l'agence TASS.",
     [W(LD, "KP", K, 1500, "sappers", "approx", "TASS", C)]),
    ("La Corée du Nord a tiré un missile balistique en mer du Japon, selon l'état-major sud-coréen.", []),
    ("Le sous-marin Koursk a coulé en août 2000 en mer de Barents.", []),
    ("Les exportations sud-coréennes vers la Russie ont baissé de 12 %.", []),
]

CASES_DE: list[Case] = [
    ("Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes rund 11.000 Soldaten nach Russland geschickt.",
     [W(TD, "KP", "RU", 11000, "troops", "approx", "South Korean intelligence", C)]),
    ("Pjöngjang will 1.000 Minenräumer und 5.000 Militärbauarbeiter in die Region Kursk entsenden, sagte Schoigu.",
     [W(LD, "KP", K, 1000, "sappers", "exact", "Sergei Shoigu", P),
      W(LD, "KP", K, 5000, "construction workers", "exact", "Sergei Shoigu", P)]),
    ("Mindestens 300 nordkoreanische Soldaten sind laut Kiew in Kursk gefallen.",
     [W(CA, "KP", K, 300, "casualties", "at_least", "Ukraine", C)]),
    ("Der Iran hat Russland Hunderte Schahed-Drohnen geliefert, teilte das Weiße Haus mit.",
     [W(AT, "IR", "RU", None, "drones", None, "White House", C)]),
    ("Der Kreml wies Berichte über nordkoreanische Arbeiter in Russland als Falschmeldung zurück.",
     [W(LD, "KP", "RU", None, "workers", None, "Kremlin", D, neg=True)]),
    ("Putin und Kim Jong Un trafen sich am Dienstag in Pjöngjang.",
     [W(MT, "Vladimir Putin", "Kim Jong Un", date="2025-06-17")]),
    ("Nordkorea soll Russland mehr als drei Millionen Artilleriegranaten geliefert haben, schätzt Seoul.",
     [W(AT, "KP", "RU", 3000000, "artillery shells", "at_least", "South Korea", E)]),
    ("Nordkorea hat erneut eine ballistische Rakete ins Japanische Meer abgefeuert.", []),
    ("Rund 5.000 Arbeiter des VW-Werks streikten am Dienstag in Wolfsburg.", []),
    ("Die russischen Exporte nach China stiegen um 8 Prozent.", []),
]

TABLES = {"es": CASES_ES, "fr": CASES_FR, "de": CASES_DE}
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["es", "fr", "de"])
def test_romance_generalisation_pass_rate(ml: dict[str, Any], lang: str) -> None:
    rate, failures = pass_rate(ml[lang].extract_text, TABLES[lang])
    floor = FLOORS[f"{lang}_generalisation_pass_rate"]
    assert rate >= floor, f"{lang} generalisation {rate:.3f} < floor {floor}: {failures}"
