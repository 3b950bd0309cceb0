"""Modality and negation as cues (extract/en/modality.py): each cue a documented function with a
weight, the decision explained by the cues that fired."""
from __future__ import annotations

from typing import Any

import pytest

from sanctionwatch import settings
from sanctionwatch.extract.en import load_spacy
from sanctionwatch.extract.en.modality import (
    INTERACTION_CUES,
    MODALITY_CUES,
    NEGATION_CUES,
    explain_modality,
    modality_of,
)
from sanctionwatch.extract.lexicon import Lexicon
from sanctionwatch.model import Claim, Entity
from sanctionwatch.packs import load_pack


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_spacy(str(settings.get("model")))


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_pack(load_pack("dprk"))


def _read(nlp: Any, lexicon: Lexicon, text: str, anchor: str, report: str | None, claim: Claim) -> Any:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == anchor)
    verb = next((t for t in doc if t.text == report), None)
    return explain_modality(tok, verb, lexicon, claim)


@pytest.mark.parametrize("text, anchor, report, claim_type, modality, negated, why", [
    ("Moscow denied that North Korean troops had been sent to Kursk.", "troops", "denied", "troop_deployment",
     "denied", True, "The reporting verb denies"),
    ("Pyongyang will send 5,000 builders to Kursk, officials said.", "builders", "said", "labor_dispatch",
     "announced_planned", False, "A modal on a verb of the claim's chain"),
    ("North Korean troops are fighting in Kursk.", "troops", None, "troop_deployment",
     "ongoing", False, "progressive participle"),
    ("No North Korean troops have arrived in Russia, the ministry said.", "troops", "said", "troop_deployment",
     "completed", True, "counted as none"),
    ("Kim will meet Putin in Moscow.", "meet", None, "meeting", "announced_planned", False, "A modal on the anchor"),
])
def test_decision_and_its_explanation(nlp: Any, lexicon: Lexicon, text: str, anchor: str, report: str | None,
                                      claim_type: str, modality: str, negated: bool, why: str) -> None:
    decision = _read(nlp, lexicon, text, anchor, report, Claim(type=claim_type))
    assert (decision.modality, decision.negated) == (modality, negated)
    assert why in decision.why[0]


def test_a_source_silence_outweighs_the_negation_it_holds(nlp: Any, lexicon: Lexicon) -> None:
    """"has not confirmed" is the source's silence: the claim it introduces is not negated."""
    decision = _read(nlp, lexicon, "No troops have arrived, and the ministry has not confirmed that they will.",
                     "troops", None, Claim(type="troop_deployment"))
    assert decision.negated is False
    weights = [c.weight for c in decision.cues if c in NEGATION_CUES]
    assert any(w > 0 for w in weights) and sum(weights) <= 0


def test_an_accused_side_saying_no_is_a_denial(nlp: Any, lexicon: Lexicon) -> None:
    claim = Claim(type="troop_deployment", attributed_to=Entity("Russia", "country:RU"))
    decision = _read(nlp, lexicon, "No North Korean troops have arrived in Russia, Moscow said.", "troops", "said",
                     claim)
    assert (decision.modality, decision.negated) == ("denied", True)
    assert "A side accused" in decision.why[0]


def test_modality_of_is_the_decision_without_its_explanation(nlp: Any, lexicon: Lexicon) -> None:
    doc = nlp("Iran is expected to deliver more drones to Russia.")
    anchor = next(t for t in doc if t.text == "drones")
    claim = Claim(type="arms_transfer")
    decision = explain_modality(anchor, None, lexicon, claim)
    expected = ("announced_planned", False)
    assert modality_of(anchor, None, lexicon, claim) == (decision.modality, decision.negated) == expected


@pytest.mark.parametrize("cue", NEGATION_CUES + MODALITY_CUES + INTERACTION_CUES, ids=lambda c: c.func.__name__)
def test_every_cue_explains_itself(cue: Any) -> None:
    assert cue.func.__doc__ and len(cue.why) > 20
    assert cue.modality in (None, "completed", "denied", "announced_planned", "reported_estimate", "ongoing")
