"""A learned sentence classifier: which claim types a sentence states, with a probability.

The rules find a claim's arguments (who, whom, how many, where, when, says who); the
classifier says how likely the sentence is to state a claim of that type at all.  Its
probability becomes the claim's ``confidence``, and a claim whose sentence scores below the
``classifier_floor`` setting is dropped (a greeting message that names two leaders, a
war report that counts casualties of a third party).

The model is a spaCy ``textcat_multilabel`` (bag of words and bigrams), trained on CPU with
fixed seeds by ``scripts/train-classifier.py`` (``make train``) from:

- sentences of real state-media articles annotated by ``../shared/corpus/kcna/ANNOTATION.md``,
  stored as labels that point into the shared text (``training/annotations/*.jsonl``:
  document id and character offsets, never the text);
- sentences of the same archive's articles that name no side of the pack (negatives by the
  corpus's construction);
- the shared sentence cases (``../shared/cases/en.jsonl``);
- the English documents of the shared development corpus (``../shared/corpus/dev``): a sentence
  holding a gold claim's evidence is labelled with its type, the others are negatives.

Real documents are split into train / dev / test by a hash of their id before anything is
tuned (``split_of``); the model ships in the package (``data/sentence-types``) with its
version in ``meta.json``.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import CLAIM_TYPES

__all__ = ["MODEL_DIR", "Example", "SentenceClassifier", "load_classifier", "split_of", "training_examples"]

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "sentence-types"
LABELS = tuple(CLAIM_TYPES)
#: the words that name a side in the archive's articles; an article with none of them is a negative
_SIDE_WORDS = re.compile(r"Russia|Russian|Putin|Moscow|Shoigu|Lavrov|Kursk|Soviet", re.IGNORECASE)


def split_of(key: str) -> str:
    """train / dev / test for a document id: 60 / 20 / 20 by a hash, stable across runs."""
    bucket = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


@dataclass(frozen=True)
class Example:
    text: str
    labels: frozenset[str]
    split: str
    source: str  # "kcna:<doc id>", "kcna-negative:<doc id>", "case:<id>"


def _sentences(text: str) -> Iterator[str]:
    for line in text.splitlines():
        for part in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", line):
            part = part.strip()
            if len(part) > 20:
                yield part


def training_examples(shared: Path, annotations: Path, train_negatives: int = 600,
                      held_out_negatives: int = 1500) -> list[Example]:
    """Every labelled sentence, with its split.  ``shared`` is the repository's ``../shared``."""
    docs: dict[str, dict[str, Any]] = {}
    with (shared / "corpus" / "kcna" / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs[d["id"]] = d
    out: list[Example] = []
    for path in sorted(annotations.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                row = json.loads(line)
                doc = docs.get(row["doc_id"])
                if doc is None:
                    raise ValueError(f"{path.name} line {n}: unknown document {row['doc_id']!r}")
                source = doc["title"] if row.get("field") == "title" else doc["text"]
                text = source[row["start"]:row["end"]].strip()
                labels = frozenset(row.get("labels") or [])
                unknown = labels - set(LABELS)
                if unknown:
                    raise ValueError(f"{path.name} line {n}: unknown labels {sorted(unknown)}")
                if text:
                    out.append(Example(text, labels, split_of(row["doc_id"]), f"kcna:{row['doc_id']}"))
    # negatives by construction: articles that name no side of the pack state no claim
    counts = {"train": 0, "dev": 0, "test": 0}
    limit = {"train": train_negatives, "dev": held_out_negatives, "test": held_out_negatives}
    for doc_id in sorted(docs, key=lambda k: hashlib.sha256(k.encode()).hexdigest()):
        d = docs[doc_id]
        if _SIDE_WORDS.search(d["title"] + " " + d["text"]):
            continue
        split = split_of(doc_id)
        for sentence in [d["title"], *_sentences(d["text"])]:
            if counts[split] >= limit[split]:
                break
            out.append(Example(sentence, frozenset(), split, f"kcna-negative:{doc_id}"))
            counts[split] += 1
    out.extend(_corpus_examples(shared / "corpus" / "dev"))
    cases = shared / "cases" / "en.jsonl"
    if cases.exists():
        with cases.open(encoding="utf-8") as fh:
            for line in fh:
                case = json.loads(line)
                labels = frozenset(c["type"] for c in case.get("claims") or [] if c.get("type") in LABELS)
                out.append(Example(case["text"], labels, "train", f"case:{case['id']}"))
    return out


def _corpus_examples(folder: Path) -> list[Example]:
    """Sentences of a gold corpus's English documents, labelled by the gold claims' evidence."""
    from ..ingest import iter_inputs
    from ..model import RawDocument

    gold_path = folder / "gold.json"
    if not gold_path.exists():
        return []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["documents"]
    by_key: dict[str, dict[str, Any]] = {}
    for d in gold:
        if d.get("url"):
            by_key["url:" + d["url"]] = d
        if d.get("file"):
            by_key["file:" + Path(d["file"]).name] = d
    out: list[Example] = []
    seen: set[str] = set()
    for item in iter_inputs([folder]):
        if not isinstance(item, RawDocument) or (item.language or "en")[:2] != "en":
            continue
        d = by_key.get(f"url:{item.url}") if item.url else None
        d = d or by_key.get("file:" + Path(item.path).name)
        if d is None or d["id"] in seen:
            continue
        seen.add(d["id"])
        evidence = [(re.sub(r"\s+", " ", c.get("evidence") or "").strip(), c["type"]) for c in d.get("claims") or []]
        for sentence in _sentences(item.text):
            flat = re.sub(r"\s+", " ", sentence)
            labels = frozenset(t for ev, t in evidence if ev and t in LABELS and ev in flat)
            out.append(Example(sentence, labels, split_of(d["id"]), f"dev:{d['id']}"))
    return out


class SentenceClassifier:
    """Probabilities of each claim type for sentences."""

    def __init__(self, nlp: Any, meta: dict[str, Any]) -> None:
        self.nlp = nlp
        self.meta = meta
        self.version = str(meta.get("version", "0"))

    @property
    def label(self) -> str:
        return f"sentence-types@{self.version}"

    def scores(self, texts: Iterable[str]) -> list[dict[str, float]]:
        return [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=256)]


@functools.lru_cache(maxsize=2)
def load_classifier(path: str | None = None) -> SentenceClassifier | None:
    """The shipped classifier, or None when the package has none (it is optional)."""
    import spacy

    folder = Path(path) if path else MODEL_DIR
    if not (folder / "meta.json").exists():
        return None
    nlp = spacy.load(folder)
    meta = json.loads((folder / "sentence-types.json").read_text(encoding="utf-8")) \
        if (folder / "sentence-types.json").exists() else {}
    return SentenceClassifier(nlp, meta)
