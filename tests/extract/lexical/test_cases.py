"""The shared Russian and Korean sentence cases (``../shared/cases``) against pinned floors."""
from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ...conftest import load_scorer

SHARED = Path(__file__).resolve().parents[3] / "../shared"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


def passes(score: ModuleType, case: dict[str, Any], got: list[Any]) -> bool:
    preds = [score.pred_fields(c.to_dict()) for c in got]
    golds = [score.gold_fields(c) for c in case["claims"]]
    pairs = score.max_matching(golds, preds)
    if not len(pairs) == len(golds) == len(preds):
        return False
    return all(golds[i]["actor"] is None or golds[i]["actor"] == preds[j]["actor"] for i, j in pairs)


@pytest.mark.parametrize("lang", ["ru", "ko"])
def test_case_pass_rate_floor(ml: dict[str, Any], lang: str) -> None:
    score = load_scorer()
    path = SHARED / "cases" / f"{lang}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not here")
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    failed = [c["id"] for c in cases if not passes(score, c, ml[lang].extract_text(c["text"], c["published"]))]
    rate = 1 - len(failed) / len(cases)
    floor = FLOORS[f"{lang}_cases_pass_rate"]
    assert rate >= floor, f"{lang} cases pass rate {rate:.3f} < floor {floor}; failing: {failed}"


def _date(claim: dict[str, Any]) -> str | None:
    d = claim.get("date") or {}
    return d.get("start") and d["start"] + ("/" + d["end"] if d.get("end") else "")


@pytest.mark.parametrize("lang", ["ru", "ko"])
def test_case_attribute_floors(ml: dict[str, Any], lang: str) -> None:
    """attributed_to (by word overlap, as score.py), modality and date_of_event on matched claims."""
    score = load_scorer()
    path = SHARED / "cases" / f"{lang}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not here")
    hits = {"attribution": 0, "modality": 0, "date": 0}
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        got = [c.to_dict() for c in ml[lang].extract_text(case["text"], case["published"])]
        preds = [score.pred_fields(c) for c in got]
        golds = [score.gold_fields(c) for c in case["claims"]]
        for i, j in score.max_matching(golds, preds):
            total += 1
            hits["attribution"] += score.same_attribution(golds[i]["attributed_to"], preds[j]["attributed_to"])
            hits["modality"] += golds[i]["modality"] == preds[j]["modality"]
            hits["date"] += case["claims"][i].get("date_of_event") == _date(got[j])
    for key, n in hits.items():
        floor = FLOORS[f"{lang}_cases_{key}"]
        assert n / total >= floor, f"{lang} cases {key} {n / total:.3f} < floor {floor}"
