"""Corpus-level floors of who-says-it and how-sure on the multilingual development corpus.

The corpus goes through the whole pipeline and the shared scorer; the ``attributes`` block
(attribution by word overlap, modality equal) must stay above the ``corpus_*`` floors of
``floors.json``, overall and per language. Lowering one is a deliberate, explained commit.
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
from sanctionwatch.packs import load_pack
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import Store

from ..conftest import shared_path

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
KEYS = sorted(k for k in FLOORS if k.startswith("corpus_"))  # corpus_[<lang>_]attribution|modality


@pytest.fixture(scope="module")
def attributes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    """The scorer's ``attributes`` block: "" for the whole corpus, else per language."""
    folder = shared_path("corpus", "dev-multilingual")
    tmp = tmp_path_factory.mktemp("ml-corpus")
    store = Store(str(tmp / "ml.db"))
    report = Pipeline(store, extractor=Extractor(pack=load_pack("dprk"))).ingest([str(folder)])
    assert not report.failed, report.failed
    export = tmp / "claims.jsonl"
    with export.open("w", encoding="utf-8") as fh:
        write_jsonl(claim_records(store), fh)
    out: dict[str, dict[str, float]] = {}
    for lang in {k.split("_")[1] if k.count("_") == 2 else "" for k in KEYS}:
        result = subprocess.run([sys.executable, str(shared_path("eval", "score.py")), str(folder / "gold.json"),
                                 str(export), "--json", *(["--lang", lang] if lang else [])],
                                capture_output=True, text=True, check=True)
        out[lang] = json.loads(result.stdout)["attributes"]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("key", KEYS)
def test_corpus_attribute_floor(attributes: dict[str, dict[str, Any]], key: str) -> None:
    parts = key.split("_")
    lang, figure = (parts[1], parts[2]) if len(parts) == 3 else ("", parts[1])
    got = attributes[lang][figure]
    assert got >= FLOORS[key], f"{key}: {got:.3f} fell below its floor {FLOORS[key]} ({attributes[lang]})"
