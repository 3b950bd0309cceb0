"""Quality gate: the development corpora through the whole pipeline and the shared scorer.

Floors are pinned in ``tests/quality_floors.json`` as dotted paths into the scorer's JSON
(``"claims.f1"``); a drop below a floor fails CI. Lowering a floor is a deliberate, explained
commit.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.export import claim_records, write_jsonl
from sanctionwatch.extract import Extractor
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import Store

from ..conftest import shared_path

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "quality_floors.json").read_text(encoding="utf-8"))


def _dig(result: dict[str, Any], dotted: str) -> float:
    value: Any = result
    for part in dotted.split("."):
        value = value[part]
    return float(value)


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> dict[str, dict[str, Any]]:
    """Scorer output per floor key: ``dev`` (whole corpus) or ``dev-multilingual:ko`` (``--lang ko``)."""
    out: dict[str, dict[str, Any]] = {}
    keys = [k for k in FLOORS if not k.startswith("_")]
    for corpus in sorted({k.split(":")[0] for k in keys}):
        folder = shared_path("corpus", corpus)
        tmp = tmp_path_factory.mktemp(corpus)
        store = Store(str(tmp / "q.db"))
        report = Pipeline(store, extractor=extractor).ingest([str(folder)])
        assert not report.failed, report.failed
        export = tmp / "claims.jsonl"
        with export.open("w", encoding="utf-8") as fh:
            write_jsonl(claim_records(store), fh)
        for key in (k for k in keys if k.split(":")[0] == corpus):
            lang = ["--lang", key.split(":")[1]] if ":" in key else []
            result = subprocess.run([sys.executable, str(shared_path("eval", "score.py")), str(folder / "gold.json"),
                                     str(export), "--json", *lang], capture_output=True, text=True, check=True)
            out[key] = json.loads(result.stdout)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("corpus, figure", [(c, f) for c, figs in FLOORS.items() if not c.startswith("_")
                                            for f in figs])
def test_score_stays_above_its_floor(scores: dict[str, dict[str, Any]], corpus: str, figure: str) -> None:
    got = _dig(scores[corpus], figure)
    floor = FLOORS[corpus][figure]
    assert got >= floor, f"{corpus} {figure} fell to {got:.3f}, below its floor {floor} ({scores[corpus]})"
