"""Throughput of the whole pipeline against bare spaCy on the same texts, in one run.

    python benchmarks/throughput.py [--copies N] [--corpus DIR ...]

Reads the development corpora (../shared/corpus/dev and dev-multilingual; the bundled sample
when they are missing), makes N distinct copies of every document (a numbered line is added so
each copy is a new document), then measures
  (a) bare spaCy: ``nlp.pipe`` of the English model over the English texts;
  (b) the pipeline: clean → dedupe → extract → store (SQLite in a temp dir) → events, per language.
Prints documents/s and tokens/s (tokens as spaCy's English tokenizer counts them, for every
language, so the figures compare) for each and the ratio; models are loaded before timing.
The last line is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import spacy

from sanctionwatch import settings
from sanctionwatch.clean import clean
from sanctionwatch.ingest import iter_inputs
from sanctionwatch.model import RawDocument
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import Store

REPO = Path(__file__).resolve().parents[1]
DEFAULT = [REPO.parent / "shared" / "corpus" / "dev", REPO.parent / "shared" / "corpus" / "dev-multilingual"]


def load(corpora: list[Path], copies: int) -> list[RawDocument]:
    raws = [r for r in iter_inputs([str(c) for c in corpora if c.exists()] or [str(REPO / "examples" / "sample")])
            if isinstance(r, RawDocument)]
    out = []
    for i in range(copies):
        for j, r in enumerate(raws):
            out.append(RawDocument(**{**vars(r), "text": r.text + f"\n\nBenchmark copy {i}-{j}.",
                                      "source": f"{r.source}#{i}"}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--corpus", type=Path, action="append")
    args = ap.parse_args()
    raws = load(args.corpus or DEFAULT, args.copies)
    english = [clean(r).text for r in raws if r.language == "en"]

    nlp = spacy.load(settings.get("model"))
    t0 = time.perf_counter()
    tokens = sum(len(d) for d in nlp.pipe(english, batch_size=32))
    bare_s = time.perf_counter() - t0
    bare = {"documents": len(english), "seconds": round(bare_s, 3), "docs_per_s": round(len(english) / bare_s, 2),
            "tokens_per_s": round(tokens / bare_s, 1)}
    print(f"bare spaCy (en):      {bare['docs_per_s']:8.1f} docs/s {bare['tokens_per_s']:10.0f} tokens/s "
          f"({len(english)} documents, {tokens} tokens)")

    by_lang: dict[str, list[RawDocument]] = defaultdict(list)
    for r in raws:
        by_lang[r.language or "und"].append(r)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(Store(str(Path(tmp) / "bench.db")))
        for lang, docs in sorted(by_lang.items()):  # load every language's models before timing
            pipeline.extractor.extract_text(clean(docs[0]).text, published=None, language=lang)
        for lang, docs in sorted(by_lang.items()):
            lang_tokens = sum(len(t) for t in nlp.tokenizer.pipe(clean(r).text for r in docs))
            t0 = time.perf_counter()
            pipeline.run(docs)
            secs = time.perf_counter() - t0
            results[lang] = {"documents": len(docs), "seconds": round(secs, 3),
                             "docs_per_s": round(len(docs) / secs, 2), "tokens_per_s": round(lang_tokens / secs, 1)}
            print(f"pipeline ({lang}):        {results[lang]['docs_per_s']:8.1f} docs/s {results[lang]['tokens_per_s']:10.0f} tokens/s "
                  f"({len(docs)} documents)")
    en = results.get("en")
    ratio = round(en["docs_per_s"] / bare["docs_per_s"], 3) if en else None
    print(f"pipeline/bare spaCy on English: {ratio}")
    print(json.dumps({"benchmark": "throughput", "bare_spacy_en": bare, "pipeline_by_language": results,
                      "pipeline_over_bare_en": ratio}))


if __name__ == "__main__":
    main()
