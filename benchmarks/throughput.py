"""Throughput of the whole pipeline against bare spaCy on the same texts, in one run.

    python benchmarks/throughput.py [--copies N] [--corpus DIR ...]

Reads the development corpora (../shared/corpus/dev and dev-multilingual; the bundled sample
when they are missing), makes N distinct copies of every document (a numbered line is added so
each copy is a new document), then measures
  (a) bare spaCy: ``nlp.pipe`` of the English model over the English texts;
  (b) the pipeline: clean → dedupe → extract → store (SQLite in a temp dir) → events, per language.
Prints documents/s and tokens/s (tokens as spaCy's English tokenizer counts them, for every
language, so the figures compare) for each and the ratio; models are loaded before timing.

``--profile`` runs the English documents through the pipeline once more under cProfile and
prints the share of each stage (cumulative time of its entry point; cProfile inflates
Python-heavy stages such as the ORM more than spaCy's compiled code, so read the shares as
an upper bound for Python stages).

``--growth N`` (by hand: ~20 minutes for 10,000) then ingests N distinct English documents
in one run, in a child process, and reports documents/s for each thousand (does the
pipeline slow down as the store grows?), the last thousand's rate over the first's
(issue 16 asks for at least 0.8 at 10,000), the same per CPU second of the child (steadier
than the clock on a shared machine), the seconds the run spends after its last
record (the events it touched are reconciled once, there) and the child's peak RSS.  The documents are
built from the corpus's English sentences, 4 to 10 drawn at random per document, so that
they are distinct (not near-duplicates of each other) yet read like the corpus.
The last line is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout, not an installed copy

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


#: stage -> (file suffix, function) of its entry point, for the --profile summary
STAGES = {
    "spaCy parse (nlp.pipe)": ("spacy/language.py", "pipe"),
    "extraction rules": ("extract/en/rules.py", "extract"),
    "clean": ("clean/__init__.py", "clean"),
    "dedupe lookup (per batch)": ("sanctionwatch/pipeline.py", "_dedupe"),
    "dedupe add (per document)": ("dedupe/__init__.py", "add"),
    "resolve": ("sanctionwatch/pipeline.py", "_resolve"),
    "store.save": ("store/__init__.py", "save"),
    "events: add_document": ("cluster/__init__.py", "add_document"),
    "events: refresh_documents": ("cluster/__init__.py", "refresh_documents"),
    "assess": ("sanctionwatch/pipeline.py", "_assess"),
}


def profile(raws: list[RawDocument]) -> dict[str, float]:
    """Share of the English pipeline's time per stage, from one cProfile run."""
    import cProfile
    import pstats

    english = [r for r in raws if r.language == "en"]
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(Store(str(Path(tmp) / "profile.db")))
        pipeline.extractor.extract_text(clean(english[0]).text, published=None, language="en")
        prof = cProfile.Profile()
        prof.enable()
        pipeline.run(english)
        prof.disable()
    stats = pstats.Stats(prof)
    total = max(ct for (_f, _l, _n), (_cc, _nc, _tt, ct, _c) in stats.stats.items())  # type: ignore[attr-defined]
    shares: dict[str, float] = {}
    for label, (suffix, func) in STAGES.items():
        cum = max((ct for (f, _l, n), (_cc, _nc, _tt, ct, _c) in stats.stats.items()  # type: ignore[attr-defined]
                   if n == func and f.replace("\\", "/").endswith(suffix)), default=0.0)
        shares[label] = round(100 * cum / total, 1)
    return shares


def growth_documents(raws: list[RawDocument], n: int, seed: int = 5) -> list[RawDocument]:
    """``n`` distinct English documents, each 4-10 sentences drawn from the corpus's English texts."""
    sentences = sorted({s.strip() for r in raws if r.language == "en"
                        for s in re.split(r"(?<=[.!?])\s+", clean(r).text) if len(s.split()) >= 6})
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body = " ".join(rng.sample(sentences, min(len(sentences), rng.randint(4, 10))))
        day = 1 + i % 28
        out.append(RawDocument(text=body, title=f"Report {i}", path=f"growth/{i}.txt", format="txt",
                               source=f"growth/{i}.txt", published=f"2025-{1 + i % 12:02d}-{day:02d}", language="en"))
    return out


def growth(corpora: list[Path], n: int) -> dict[str, object]:
    """One ingest of ``n`` documents (in this process): documents/s per thousand and peak RSS."""
    raws = load(corpora, 1)
    docs = growth_documents(raws, n)
    stamps: list[float] = []
    cpu: list[float] = []  # this process's CPU seconds: on a shared machine, steadier than the clock
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(Store(str(Path(tmp) / "growth.db")))
        pipeline.extractor.extract_text(docs[0].text, published=None, language="en")  # models first
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        cpu_start = time.process_time()

        def on_record(_outcome: object) -> None:
            stamps.append(time.perf_counter())
            cpu.append(time.process_time())
            if len(stamps) % 1000 == 0:  # progress on stderr: a run stopped early still says something
                begin = start if len(stamps) == 1000 else stamps[-1001]
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                cpu_begin = cpu_start if len(cpu) == 1000 else cpu[-1001]
                print(f"  thousand {len(stamps) // 1000}: {1000 / (stamps[-1] - begin):.2f} docs/s, "
                      f"{1000 / (cpu[-1] - cpu_begin):.2f} docs/CPU-s, "
                      f"peak RSS {rss:.0f} MB", file=sys.stderr, flush=True)

        report = pipeline.run(docs, on_record=on_record)
        total = time.perf_counter() - start
    per_thousand, per_cpu = [], []
    for k in range(0, len(stamps) // 1000):
        begin = start if k == 0 else stamps[k * 1000 - 1]
        per_thousand.append(round(1000 / (stamps[k * 1000 + 999] - begin), 2))
        per_cpu.append(round(1000 / (cpu[k * 1000 + 999] - (cpu_start if k == 0 else cpu[k * 1000 - 1])), 2))
    return {"documents": n, "stored": report.stored, "seconds": round(total, 1),
            "docs_per_s": round(n / total, 2), "docs_per_s_by_thousand": per_thousand,
            "first_thousand": per_thousand[0] if per_thousand else None,
            "last_thousand": per_thousand[-1] if per_thousand else None,
            "last_over_first": round(per_thousand[-1] / per_thousand[0], 3) if per_thousand else None,
            "docs_per_cpu_s_by_thousand": per_cpu,
            "cpu_last_over_first": round(per_cpu[-1] / per_cpu[0], 3) if per_cpu else None,
            # after the last record: the run's end (events reconciled once, duplicate links)
            "end_of_run_s": round(total - (stamps[-1] - start), 1) if stamps else None,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "rss_after_model_load_mb": round(rss_before, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--corpus", type=Path, action="append")
    ap.add_argument("--growth", type=int, default=0, metavar="N",
                    help="also ingest N distinct documents in one run (by hand: 10000 takes ~20 minutes)")
    ap.add_argument("--growth-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--profile", action="store_true", help="print each stage's share of the English pipeline")
    args = ap.parse_args()
    if args.growth_child:
        print(json.dumps(growth(args.corpus or DEFAULT, args.growth_child)))
        return
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
            figures = results[lang]
            print(f"pipeline ({lang}):        {figures['docs_per_s']:8.1f} docs/s "
                  f"{figures['tokens_per_s']:10.0f} tokens/s ({len(docs)} documents)")
    en = results.get("en")
    ratio = round(en["docs_per_s"] / bare["docs_per_s"], 3) if en else None
    print(f"pipeline/bare spaCy on English: {ratio}")
    result: dict[str, object] = {"benchmark": "throughput", "bare_spacy_en": bare, "pipeline_by_language": results,
                                 "pipeline_over_bare_en": ratio}
    if args.profile:
        shares = profile(raws)
        result["profile_percent_en"] = shares
        print("profile (cProfile, share of the English pipeline's time; stages nest: events are inside the store "
              "transaction):")
        for label, share in sorted(shares.items(), key=lambda kv: -kv[1]):
            print(f"  {label:28s} {share:5.1f} %")
    if args.growth:
        cmd = [sys.executable, __file__, "--growth-child", str(args.growth)]
        for c in args.corpus or []:
            cmd += ["--corpus", str(c)]
        out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)  # progress goes to stderr
        g = json.loads(out.stdout.strip().splitlines()[-1])
        result["growth"] = g
        print(f"growth: {g['documents']} documents in one ingest, {g['docs_per_s']} docs/s; first thousand "
              f"{g['first_thousand']} docs/s, last {g['last_thousand']} docs/s (x{g['last_over_first']}); "
              f"end of run {g['end_of_run_s']} s; peak RSS {g['peak_rss_mb']} MB")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
