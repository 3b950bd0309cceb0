"""The shared English sentence cases (``../shared/cases/en.jsonl``) with a pinned pass-rate floor.

A case passes when the claims match the expected ones one to one (type, quantity and
kind, as the scorer matches) and every matched pair agrees on actor and destination
country, attribution (word overlap), modality, negation and qualifier.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sanctionwatch.extract import Extractor

SHARED = Path(__file__).resolve().parents[2] / "../shared"
CASES = SHARED / "cases" / "en.jsonl"
SCORER = SHARED / "eval" / "score.py"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sw_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def case_problems(score: ModuleType, case: dict[str, Any], got: list[Any]) -> list[str]:
    preds = [score.pred_fields(c.to_dict()) for c in got]
    golds = [score.gold_fields(c) for c in case["claims"]]
    pairs = score.max_matching(golds, preds)
    problems = []
    if not (len(pairs) == len(golds) == len(preds)):
        problems.append(f"{len(preds)} claims for {len(golds)} expected, {len(pairs)} matched")
    for i, j in pairs:
        g, p, want, have = golds[i], preds[j], case["claims"][i], got[j]
        party = want["type"] in ("meeting", "agreement")
        if not party and g["actor"] and g["actor"] != p["actor"]:
            problems.append(f"actor {want['actor']} != {have.actor}")
        if not party and g["dest_country"] and g["dest_country"] != p["dest_country"]:
            problems.append(f"destination {want['target_or_destination']} != {have.target}")
        if not score.same_attribution(g["attributed_to"], p["attributed_to"]):
            problems.append(f"attributed_to {want['attributed_to']} != {have.attributed_to}")
        if want["modality"] != have.modality or want["negated"] != have.negated:
            problems.append(f"modality {want['modality']}/{want['negated']} != {have.modality}/{have.negated}")
        if (want["qualifier"] or None) != (have.quantity.qualifier if have.quantity else None):
            problems.append(f"qualifier {want['qualifier']} != {have.quantity}")
    return problems


@pytest.mark.skipif(not CASES.is_file() or not SCORER.is_file(),
                    reason=f"shared sentence cases not found at {CASES} (checkout without ../shared)")
def test_en_cases_pass_rate(extractor: Extractor) -> None:
    score = _scorer()
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    failures = {}
    for case in cases:
        got = extractor.extract_text(case["text"], published=case["published"], language="en")
        problems = case_problems(score, case, got)
        if problems:
            failures[case["id"]] = problems
    rate = 1 - len(failures) / len(cases)
    worst = "\n".join(f"{k}: {v}" for k, v in list(failures.items())[:15])
    assert rate >= FLOORS["en_cases_pass_rate"], f"pass rate {rate:.3f} below floor; first failures:\n{worst}"


@pytest.mark.skipif(not CASES.is_file(), reason=f"shared sentence cases not found at {CASES}")
def test_negative_cases_yield_nothing(extractor: Extractor) -> None:
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    negatives = [c for c in cases if not c["claims"]]
    noisy = [c["id"] for c in negatives if extractor.extract_text(c["text"], published=c["published"])]
    assert len(noisy) <= max(2, len(negatives) // 10), noisy
