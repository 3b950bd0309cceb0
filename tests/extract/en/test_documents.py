"""Whole-document generalisation: articles written for this test (``tests/fixtures/generalisation``),
in house styles the dev corpus lacks (wire lead with dateline, broadcast transcript, analysis with
pronoun sources, live blog, think-tank estimates and ranges, Iran-Russia drones, background
restatements) and four look-alike negatives.  They go through the whole pipeline and the shared
scorer; floors sit just under the measured figures.

Facts are real, paraphrased or invented for the grammar: never cite these articles.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.extract import Extractor

from ...conftest import dig, ingest_and_export, run_scorer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "generalisation"
SCORER = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "score.py"

#: measured after the document-level rules: claims F1 0.949 (P 0.974, R 0.925), attribution 0.865, modality 1.0
FLOORS = {
    "claims.f1": 0.94,
    "claims.precision": 0.95,
    "relevance.f1": 1.0,
    "attributes.attribution": 0.84,
    "attributes.modality": 0.97,
    "attributes.actor_country": 0.98,
    "attributes.qualifier": 0.98,
}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    return ingest_and_export(FIXTURES, tmp_path_factory.mktemp("documents"), extractor)


@pytest.fixture(scope="module")
def scores(export: Path) -> dict[str, Any]:
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is missing")
    return run_scorer(FIXTURES / "gold.json", export)


def _records(export: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines() if line.strip()]


def _of(export: Path, stem: str) -> list[dict[str, Any]]:
    return [r for r in _records(export) if Path(r["document"].get("path") or "").stem == stem]


@pytest.mark.slow
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_documents_score_above_floor(scores: dict[str, Any], figure: str) -> None:
    value = dig(scores, figure)
    assert value >= FLOORS[figure], f"{figure} {value} < floor {FLOORS[figure]}"


@pytest.mark.parametrize("stem", ["gd-08", "gd-09", "gd-10", "gd-11"])
def test_look_alike_negatives_stay_silent(export: Path, stem: str) -> None:
    assert _of(export, stem) == []


def test_follow_up_sentence_continues_the_frame(export: Path) -> None:
    # "The agency said about 3,000 additional soldiers could be dispatched": no state named in the sentence
    got = [r for r in _of(export, "gd-01")
           if r["type"] == "troop_deployment" and (r["quantity"] or {}).get("value") == 3000]
    assert got and got[0]["modality"] == "announced_planned"
    assert "National Intelligence Service" in (got[0]["attributed_to"] or {}).get("name", "")


def test_bare_number_counts_the_kind_before_and_replaces_the_vague_claim(export: Path) -> None:
    labour = [r for r in _of(export, "gd-02") if r["type"] == "labor_dispatch"]
    assert [(r["quantity"]["value"], r["quantity"]["kind"], r["quantity"]["qualifier"]) for r in labour] == \
        [(20000.0, "workers", "up_to")]


def test_pronoun_sources_resolve(export: Path) -> None:
    claims = _of(export, "gd-03")
    sappers = next(r for r in claims if (r["quantity"] or {}).get("kind") == "sappers")
    assert sappers["attributed_to"]["name"] == "Sergei Shoigu"  # "he met Kim Jong Un and announced that"
    shells = next(r for r in claims if r["type"] == "arms_transfer")
    assert "National Intelligence Service" in shells["attributed_to"]["name"]  # "It estimated"


def test_confirm_or_deny_states_nothing(export: Path) -> None:
    assert not [r for r in _of(export, "gd-04") if r["type"] == "troop_deployment"]


def test_said_in_an_assessment_is_an_estimate(export: Path) -> None:
    shells = next(r for r in _of(export, "gd-13") if (r["quantity"] or {}).get("value") == 300000)
    assert shells["modality"] == "reported_estimate"
