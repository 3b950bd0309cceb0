"""The sentence classifier: shipped, deterministic, trained from data that points into real text."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from sanctionwatch import settings
from sanctionwatch.extract import Extractor
from sanctionwatch.extract.classifier import LABELS, MODEL_DIR, load_classifier, split_of, training_examples

from ..conftest import REPO, shared_path

ANNOTATIONS = REPO / "training" / "annotations"


def test_the_model_ships_with_its_version_and_every_label() -> None:
    model = load_classifier()
    assert model is not None and model.label == "sentence-types@1"
    scores = model.scores(["Kim Jong Un held talks with the Russian defence minister in Pyongyang."])[0]
    assert set(scores) == set(LABELS) and all(0.0 <= p <= 1.0 for p in scores.values())
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size < 20 * 1024 * 1024


def test_a_meeting_scores_above_a_greeting() -> None:
    model = load_classifier()
    assert model is not None
    meeting, greeting = model.scores([
        "The premier met the visiting Russian delegation and had a talk with its head on Tuesday.",
        "The chairman sent a congratulatory message to the Russian president on the occasion of the holiday.",
    ])
    assert meeting["meeting"] > 0.5 > greeting["meeting"]


def test_split_is_stable_and_about_sixty_twenty_twenty() -> None:
    assert split_of("kcna-0001") == split_of("kcna-0001")
    counts = Counter(split_of(f"doc-{i}") for i in range(3000))
    assert 0.55 < counts["train"] / 3000 < 0.65 and 0.15 < counts["test"] / 3000 < 0.25


def test_annotations_point_into_the_shared_text_and_hold_no_copied_text() -> None:
    docs = {}
    with shared_path("corpus", "kcna", "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs[d["id"]] = d
    rows = [json.loads(line) for f in sorted(ANNOTATIONS.glob("*.jsonl")) for line in f.open(encoding="utf-8")]
    assert len(rows) > 700
    for row in rows:
        assert "text" not in row
        source = docs[row["doc_id"]]["title" if row.get("field") == "title" else "text"]
        assert 0 <= row["start"] < row["end"] <= len(source) and source[row["start"]:row["end"]].strip()
        assert set(row["labels"]) <= set(LABELS)
    assert sum(1 for r in rows if r["labels"]) > 40


@pytest.mark.slow
def test_training_is_deterministic_and_reproduces_the_shipped_model(tmp_path: Path) -> None:
    shared_path("corpus", "kcna")
    out = tmp_path / "model"
    subprocess.run([sys.executable, str(REPO / "scripts" / "train-classifier.py"), "--out", str(out)], check=True,
                   capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    shipped = (MODEL_DIR / "textcat_multilabel" / "model").read_bytes()
    assert (out / "textcat_multilabel" / "model").read_bytes() == shipped, \
        "the shipped classifier is not what scripts/train-classifier.py makes from the data: run `make train`"


def test_training_data_has_every_split() -> None:
    examples = training_examples(shared_path(), ANNOTATIONS)
    by = Counter(e.split for e in examples)
    assert min(by["train"], by["dev"], by["test"]) > 0
    assert any(e.source.startswith("kcna:") and e.labels for e in examples if e.split == "test")


@pytest.mark.slow
def test_confidence_is_the_classifier_probability_and_the_floor_drops_co_occurrence_claims() -> None:
    text = "The chairman's letter to Vladimir Putin thanked Russia, and 300 North Korean workers were mentioned."
    settings.configure(classifier_floor=0.0)
    kept = Extractor().extract_text(text, published="2025-03-12")
    assert kept and all(0.0 <= c.confidence <= 1.0 for c in kept)
    settings.configure(classifier_floor=1.0)
    assert Extractor().extract_text(text, published="2025-03-12") == []
    settings.configure(classifier=False)
    unscored = Extractor().extract_text(text, published="2025-03-12")
    assert [c.type for c in unscored] == [c.type for c in kept]
