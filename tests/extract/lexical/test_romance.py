"""Spanish, French and German sentence tables over spaCy's blank tokenizers."""
from __future__ import annotations

from typing import Any

import pytest

from .conftest import summary

CASES: list[tuple[str, str, set[tuple[Any, ...]]]] = [
    ("es", "Corea del Norte enviará unos 3.000 zapadores a la región de Kursk, según el Kremlin.",
     {("labor_dispatch", 3000, "sappers", "approx")}),
    ("es", "Pionyang mandó a Rusia un millar de constructores militares.",
     {("labor_dispatch", 1000, "construction workers", "exact")}),
    ("es", "Corea del Norte envió entre 8.000 y 9.000 soldados a Rusia.",
     {("troop_deployment", 8000, "troops", None)}),
    ("es", "Los trabajadores de Madrid convocan una huelga de 2.000 personas.", set()),
    ("fr", "Plus de 2\u00a0000 soldats nord-coréens sont arrivés en Russie, selon Séoul.",
     {("troop_deployment", 2000, "troops", "at_least")}),
    ("fr", "La Corée du Nord va envoyer environ 4\u00a0000 sapeurs dans la région de Koursk.",
     {("labor_dispatch", 4000, "sappers", "approx")}),
    ("fr", "La Banque de Russie a abaissé son taux à 18\u00a0%.", set()),
    ("de", "Nordkorea hat rund 4.000 Bauarbeiter nach Russland geschickt.",
     {("labor_dispatch", 4000, "construction workers", "approx")}),
    ("de", "Nach Angaben aus Seoul hat Pjöngjang mehr als 3.000 Soldaten nach Russland verlegt.",
     {("troop_deployment", 3000, "troops", "at_least")}),
    ("de", "Russland schickt 5.000 Soldaten an die Grenze.", set()),
]


@pytest.mark.parametrize(("lang", "text", "want"), CASES, ids=[f"{c[0]}-{c[1][:30]}" for c in CASES])
def test_sentence(ml: dict[str, Any], lang: str, text: str, want: set[tuple[Any, ...]]) -> None:
    assert summary(ml[lang].extract_text(text, "2025-06-18")) == want


def test_normalised_to_the_english_canon(ml: dict[str, Any]) -> None:
    [claim] = ml["de"].extract_text("Nordkorea hat rund 4.000 Bauarbeiter in die Region Kursk geschickt.", None)
    assert claim.actor and claim.actor.name == "North Korea"
    assert claim.location and claim.location.name == "Kursk Oblast"
    assert claim.extractor.startswith("de-rules@")
