"""Quality gate: the development corpora through the whole pipeline and the shared scorer.

Floors are pinned in ``tests/quality_floors.json`` as dotted paths into the scorer's JSON
(``"claims.f1"``); a drop below a floor fails CI. Lowering a floor is a deliberate, explained
commit.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.extract import Extractor

from ..conftest import dig, ingest_and_export, run_scorer, shared_path

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "quality_floors.json").read_text(encoding="utf-8"))
REPO = Path(__file__).resolve().parents[2]


def _corpus_digest(folder: Path) -> str:
    import importlib.util

    spec = importlib.util.spec_from_file_location("quality_digests", REPO / "scripts" / "quality-digests.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.corpus_digest(folder))


@pytest.mark.parametrize("corpus", sorted({k.split(":")[0] for k in FLOORS if not k.startswith("_")}))
def test_floors_were_measured_on_this_corpus(corpus: str) -> None:
    """A floor holds for the corpus it was measured on: a changed corpus is re-measured first."""
    recorded = FLOORS.get("_digests", {}).get(corpus)
    got = _corpus_digest(shared_path("corpus", corpus))
    assert recorded == got, (f"../shared/corpus/{corpus} changed since its floors were measured: re-run the gate, "
                             "check the figures, then `python scripts/quality-digests.py --write`")


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> dict[str, dict[str, Any]]:
    """Scorer output per floor key: ``dev`` (whole corpus) or ``dev-multilingual:ko`` (``--lang ko``)."""
    out: dict[str, dict[str, Any]] = {}
    keys = [k for k in FLOORS if not k.startswith("_")]
    for corpus in sorted({k.split(":")[0] for k in keys}):
        folder = shared_path("corpus", corpus)
        export = ingest_and_export(folder, tmp_path_factory.mktemp(corpus), extractor)
        for key in (k for k in keys if k.split(":")[0] == corpus):
            out[key] = run_scorer(folder / "gold.json", export, key.split(":")[1] if ":" in key else None)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("corpus, figure", [(c, f) for c, figs in FLOORS.items() if not c.startswith("_")
                                            for f in figs])
def test_score_stays_above_its_floor(scores: dict[str, dict[str, Any]], corpus: str, figure: str) -> None:
    got = dig(scores[corpus], figure)
    floor = FLOORS[corpus][figure]
    assert got >= floor, f"{corpus} {figure} fell to {got:.3f}, below its floor {floor} ({scores[corpus]})"
