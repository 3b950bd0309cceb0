"""Quality gate: the development corpora through the whole pipeline and the shared scorer.

Floors are pinned in ``tests/quality_floors.json`` as dotted paths into the scorer's JSON
(``"claims.f1"``); a drop below a floor fails CI.  Floors change only through
``scripts/quality-floors.py``, which refuses to lower one without ``--lower "reason"``.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.extract import Extractor

from ..conftest import dig, ingest_and_export, run_scorer, shared_path

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "quality_floors.json").read_text(encoding="utf-8"))
REPO = Path(__file__).resolve().parents[2]


def _script() -> Any:
    """scripts/quality-floors.py as a module."""
    spec = importlib.util.spec_from_file_location("quality_floors", REPO / "scripts" / "quality-floors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


def test_floors_were_set_by_the_script() -> None:
    """A floor edited by hand (a lowered one above all) fails here: they change through the script."""
    assert FLOORS.get("_floors") == SCRIPT.floors_digest(FLOORS), (
        "tests/quality_floors.json's floors differ from what scripts/quality-floors.py recorded: change a "
        "floor with `python scripts/quality-floors.py set CORPUS FIGURE VALUE` (lowering needs --lower REASON)")


def test_the_script_refuses_to_lower_a_floor_without_a_reason() -> None:
    floors = json.loads(json.dumps(FLOORS))
    old = floors["dev"]["claims.f1"]
    with pytest.raises(ValueError, match="--lower"):
        SCRIPT.set_floor(floors, "dev", "claims.f1", old - 0.05, None)
    assert floors["dev"]["claims.f1"] == old and "_lowered" not in floors
    SCRIPT.set_floor(floors, "dev", "claims.f1", old + 0.01, None)  # raising needs no reason
    SCRIPT.set_floor(floors, "dev", "claims.f1", old - 0.05, "the corpus gained harder documents")
    assert floors["dev"]["claims.f1"] == old - 0.05
    assert floors["_lowered"][-1]["why"] == "the corpus gained harder documents"
    assert SCRIPT.floors_digest(floors) != SCRIPT.floors_digest(FLOORS)


@pytest.mark.parametrize("corpus", SCRIPT.corpora(FLOORS))
def test_floors_were_measured_on_this_corpus(corpus: str) -> None:
    """A floor holds for the corpus it was measured on: a changed corpus is re-measured first."""
    recorded = FLOORS.get("_digests", {}).get(corpus)
    got = SCRIPT.corpus_digest(shared_path("corpus", corpus))
    assert recorded == got, (f"../shared/corpus/{corpus} changed since its floors were measured: re-run the gate, "
                             "check the figures, then `python scripts/quality-floors.py digests`")


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> dict[str, dict[str, Any]]:
    """Scorer output per floor key: ``dev`` (whole corpus) or ``dev-multilingual:ko`` (``--lang ko``)."""
    out: dict[str, dict[str, Any]] = {}
    keys = [k for k in FLOORS if not k.startswith("_")]
    for corpus in SCRIPT.corpora(FLOORS):
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
