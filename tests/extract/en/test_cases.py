"""The shared English sentence cases (``../shared/cases/en.jsonl``) with a pinned pass-rate floor.

A case passes when the claims match the expected ones one to one (type, quantity and
kind, as the scorer matches) and every matched pair agrees on actor and destination
country, attribution (word overlap), modality, negation and qualifier.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionwatch.extract import Extractor

from ...conftest import load_scorer
from .compare import claim_problems

SHARED = Path(__file__).resolve().parents[3] / "../shared"
CASES = SHARED / "cases" / "en.jsonl"
SCORER = SHARED / "eval" / "score.py"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not CASES.is_file() or not SCORER.is_file(),
                    reason=f"shared sentence cases not found at {CASES} (checkout without ../shared)")
def test_en_cases_pass_rate(extractor: Extractor) -> None:
    score = load_scorer()
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    failures = {}
    for case in cases:
        got = extractor.extract_text(case["text"], published=case["published"], language="en")
        problems = claim_problems(score, case["claims"], got, full=False)
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
