#!/usr/bin/env python3
"""Train the sentence classifier (extract/classifier.py) and write it into the package.

    python scripts/train-classifier.py            # train on the train split, report dev figures
    python scripts/train-classifier.py --test     # also report the test split (do this once)

CPU only, deterministic (fixed seeds, fixed order), a few seconds.  Reads ../shared (the
annotated archive, its negatives by construction, the shared cases) and
training/annotations/*.jsonl; writes src/sanctionwatch/data/sentence-types/ and prints one
JSON object with per-type precision / recall on dev (and test).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sanctionwatch import __version__  # noqa: E402
from sanctionwatch.extract.classifier import LABELS, MODEL_DIR, Example, training_examples  # noqa: E402

VERSION = "1"
SEED = 0
EPOCHS = 25
THRESHOLD = 0.5


def build(train: list[Example]):  # type: ignore[no-untyped-def]
    import spacy
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
        "no_output_layer": False, "length": 2 ** 16}})
    for label in LABELS:
        textcat.add_label(label)

    def to_spacy(ex: Example) -> SpacyExample:
        return SpacyExample.from_dict(nlp.make_doc(ex.text), {"cats": {lab: float(lab in ex.labels) for lab in LABELS}})

    data = [to_spacy(e) for e in train]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=32):
            nlp.update(batch, sgd=optimizer, losses=losses)
    return nlp


def evaluate(nlp, examples: list[Example]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    counts = {lab: {"tp": 0, "fp": 0, "fn": 0} for lab in LABELS}
    any_counts = {"tp": 0, "fp": 0, "fn": 0}
    for ex, doc in zip(examples, nlp.pipe(e.text for e in examples), strict=True):
        predicted = {lab for lab, p in doc.cats.items() if p >= THRESHOLD}
        for lab in LABELS:
            if lab in predicted and lab in ex.labels:
                counts[lab]["tp"] += 1
            elif lab in predicted:
                counts[lab]["fp"] += 1
            elif lab in ex.labels:
                counts[lab]["fn"] += 1
        claimed, gold = bool(predicted), bool(ex.labels)
        if claimed or gold:
            any_counts["tp" if claimed and gold else "fp" if claimed else "fn"] += 1

    def prf(c: dict[str, int]) -> dict[str, float | int]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "support": c["tp"] + c["fn"], **c}

    return {"sentences": len(examples), "positive": sum(1 for e in examples if e.labels),
            "claim_any": prf(any_counts), "by_type": {lab: prf(c) for lab, c in counts.items() if sum(c.values())}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--annotations", type=Path, default=REPO / "training" / "annotations")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--test", action="store_true", help="also score the held-out test split")
    args = parser.parse_args()

    examples = training_examples(args.shared, args.annotations)
    by_split = {s: [e for e in examples if e.split == s] for s in ("train", "dev", "test")}
    nlp = build(by_split["train"])
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.meta["name"] = "sentence_types"
    nlp.meta["version"] = VERSION
    nlp.meta["description"] = (f"sanctionwatch {__version__} sentence classifier (claim types), "
                               "scripts/train-classifier.py")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)  # before scoring: scoring adds the held-out sentences' strings to the vocabulary
    report: dict[str, object] = {"version": VERSION, "seed": SEED, "epochs": EPOCHS, "threshold": THRESHOLD,
                                 "train": {"sentences": len(by_split["train"]),
                                           "positive": sum(1 for e in by_split["train"] if e.labels)},
                                 "dev": evaluate(nlp, by_split["dev"])}
    if args.test:
        report["test"] = evaluate(nlp, by_split["test"])
    (args.out / "sentence-types.json").write_text(json.dumps({"version": VERSION, "labels": list(LABELS),
                                                              "dev": report["dev"]}, indent=1) + "\n")
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    report["size_bytes"] = size
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
