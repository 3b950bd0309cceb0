"""Near-duplicate index benchmark: synthetic corpora of 10k and 100k documents (1M by hand).

    python benchmarks/dedupe.py                         # sizes 10000,100000
    python benchmarks/dedupe.py --sizes 2000,5000       # quicker
    python benchmarks/dedupe.py --sizes 1000000 --batch 100000   # by hand (not run yet); no brute force

Documents are drawn from a Zipf-distributed vocabulary; one in ten is a syndicated copy
of an earlier one (new headline, a paragraph trimmed, a sentence added: 5-word-shingle
Jaccard 0.6-0.85).  Documents arrive in random order, so copies often come before their
originals and the index has to re-point links.  Each measurement runs in its own process
(the SQLite-backed ``DedupeIndex`` the pipeline uses, in a temporary database, documents
added ``--batch`` at a time with ``add_many``, one commit each) so that peak memory
(ru_maxrss) is its own.  The batch is a bulk load's (10,000): band keys are random, so a
commit rewrites nearly every page of ``minhash_bands`` it touches, and at 100k documents
``--batch 1000`` spends most of its time writing the same pages again (~4x slower).
At 1M documents the band table (~1.3 GB) outgrows any batch: each commit would rewrite
most of it, hence ``--batch 100000`` there; a size-tiered band table (new rows in a small
table merged into the big one now and then) is the fix if 1M must ingest incrementally.
The brute-force baseline computes the exact Jaccard of every pair (a sparse
shingle-by-document product) for every size up to ``--brute-max``, in the same run: on a
shared machine only the ratio of the two is worth comparing.  ``cpu_seconds`` (process
time) is printed beside the wall-clock seconds for the same reason.

The signature section compares the MinHash implementations on the first 2,000 documents
(text in, signature out): datasketch one document at a time, rensa one document at a
time and in bulk, and the index's own vectorised ``fingerprints`` (shingle hashes,
signatures and band keys of a whole batch).  datasketch, rensa and scipy (the brute force)
come with ``pip install 'sanctionwatch[bench]'``.

Copy recall: injected copies whose final link names their original; false links: links
from a document that is no injected copy.  Printed per size; the last line is one JSON
object with every figure.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

VOCAB = 20_000


def corpus(n: int, seed: int = 7, copy_rate: float = 0.1) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """``n`` documents (id, text, published) and {copy id: original id}."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(VOCAB)]
    # Zipf-like, flattened at the head: news text repeats its common words, but its 5-word
    # shingles are mostly rare (a pure Zipf head would make "w0 w1 w0 w2 w0" a shingle of
    # every document, which no real corpus does)
    weights = [1 / (i + 200) for i in range(VOCAB)]
    docs: list[dict[str, Any]] = []
    copies: dict[str, str] = {}
    originals: list[dict[str, Any]] = []
    pool = rng.choices(words, weights, k=n * 260)  # one draw, sliced per paragraph
    at = 0
    for i in range(n):
        day = 1 + rng.randrange(3000)
        if originals and rng.random() < copy_rate:
            orig = rng.choice(originals)
            paras = list(orig["paras"])
            del paras[rng.randrange(1, len(paras))]  # a trimmed paragraph
            paras.insert(rng.randrange(len(paras)), " ".join(rng.choices(words, k=18)))  # an added sentence
            paras[0] = " ".join(rng.choices(words, k=8))  # a new headline
            doc = {"id": f"d{i:07d}", "paras": paras, "day": orig["day"] + 1 + rng.randrange(3)}
            copies[doc["id"]] = orig["id"]
        else:
            paras = [" ".join(rng.choices(words, k=8))]  # headline, then six paragraphs
            for _ in range(6):
                size = 30 + rng.randrange(20)
                if at + size > len(pool):
                    at = 0
                paras.append(" ".join(pool[at:at + size]))
                at += size
            doc = {"id": f"d{i:07d}", "paras": paras, "day": day}
            originals.append(doc)
        docs.append(doc)
    for d in docs:
        d["text"] = "\n\n".join(d.pop("paras"))
        d["published"] = f"{2017 + d['day'] // 366:04d}-{1 + (d['day'] % 366) // 31 % 12:02d}-{1 + d['day'] % 28:02d}"
    # copies must be published after their originals, whatever the calendar arithmetic says
    by_id = {d["id"]: d for d in docs}
    for c, o in copies.items():
        if by_id[c]["published"] <= by_id[o]["published"]:
            by_id[c]["published"] = by_id[o]["published"] + "T12:00:00"
    rng.shuffle(docs)  # arrival order
    return docs, copies


def run_index(n: int, batch: int = 10_000) -> dict[str, Any]:
    from sqlalchemy import create_engine, event, insert, select
    from sqlalchemy.orm import Session

    from sanctionwatch.dedupe import DedupeIndex
    from sanctionwatch.store.schema import Base, DocumentRow, MinhashBandRow, MinhashRow

    docs, copies = corpus(n)
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{os.path.join(tmp, 'bench.db')}")

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:  # what a tuned deployment would set
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA cache_size=-262144")  # 256 MiB page cache
            cur.close()

        Base.metadata.create_all(engine, tables=[DocumentRow.__table__, MinhashRow.__table__,
                                                 MinhashBandRow.__table__])
        with engine.begin() as conn:  # the store has every document before the index sees it
            conn.execute(insert(DocumentRow), [{"id": d["id"], "path": d["id"], "format": "txt", "text": d["text"],
                                                "raw_text": "", "removed": [], "published": d["published"]}
                                               for d in docs])
        start, cpu = time.perf_counter(), time.process_time()
        with Session(engine) as s:
            for at in range(0, len(docs), batch):
                index.add_many(s, [(d["id"], d["text"], d["published"]) for d in docs[at:at + batch]])
                s.commit()
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            links = dict(s.execute(select(MinhashRow.document_id, MinhashRow.duplicate_of)).all())
        with engine.connect() as conn:  # the index's own tables, not the documents
            pages = conn.exec_driver_sql("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'minhash%'").scalar()
        db_mb = (pages or 0) / 2**20
        engine.dispose()
    found = sum(1 for c, o in copies.items() if links.get(c) == (links.get(o) or o))
    false_links = sum(1 for d, o in links.items() if o and d not in copies)
    return {"docs": n, "copies": len(copies), "batch": batch, "bands": index.bands, "rows": index.rows,
            "seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2), "docs_per_second": round(n / elapsed, 1),
            "peak_rss_mb": round(_rss_mb(), 1), "db_mb": round(db_mb, 1),
            "copy_recall": round(found / max(1, len(copies)), 4), "false_links": false_links}


def run_brute(n: int) -> dict[str, Any]:
    import numpy as np
    from scipy import sparse

    from sanctionwatch.dedupe import shingles

    docs, copies = corpus(n)
    start, cpu = time.perf_counter(), time.process_time()
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, d in enumerate(docs):
        for s in shingles(d["text"], 5):
            rows.append(r)
            cols.append(vocab.setdefault(s, len(vocab)))
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(docs), len(vocab)))
    x.data[:] = 1
    sizes = np.asarray(x.sum(axis=1)).ravel()
    inter = (x @ x.T).tocoo()  # every pair's shingle intersection: the all-pairs comparison
    mask = inter.row < inter.col
    i, j, k = inter.row[mask], inter.col[mask], inter.data[mask]
    jac = k / (sizes[i] + sizes[j] - k)
    pairs = {(docs[a]["id"], docs[b]["id"]) for a, b in zip(i[jac >= 0.5], j[jac >= 0.5], strict=True)}
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    found = sum(1 for c, o in copies.items() if (c, o) in pairs or (o, c) in pairs)
    return {"docs": n, "pairs_compared": n * (n - 1) // 2, "seconds": round(elapsed, 2),
            "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(_rss_mb(), 1),
            "copy_recall": round(found / max(1, len(copies)), 4)}


def run_signatures(n: int = 2000) -> dict[str, Any]:
    """Documents per second, text in, MinHash signature out, for each implementation."""
    from sanctionwatch.dedupe import DedupeIndex, _shingle_hashes, shingles

    texts = [d["text"] for d in corpus(n)[0]]
    index = DedupeIndex(threshold=0.5, shingle_size=5, num_perm=128)
    out: dict[str, Any] = {"docs": n, "num_perm": 128}

    def timed(name: str, fn: Any) -> None:
        start = time.perf_counter()
        fn()
        out[name] = round(n / (time.perf_counter() - start), 1)

    try:
        from datasketch import MinHash
    except ImportError:
        out["datasketch"] = "not installed (pip install 'sanctionwatch[bench]')"
    else:
        def datasketch_each() -> None:
            for t in texts:
                m = MinHash(num_perm=128, seed=1)
                m.update_batch(s.encode("utf-8") for s in shingles(t, 5))
                _ = m.hashvalues  # the signature out, as the other implementations hand it back

        timed("datasketch_per_doc", datasketch_each)
    try:
        from rensa import RMinHash
    except ImportError:
        out["rensa"] = "not installed (pip install 'sanctionwatch[bench]')"
    else:
        def rensa_each() -> None:
            for t in texts:
                m = RMinHash(num_perm=128, seed=1)
                m.update(list(shingles(t, 5)))
                m.digest()

        def rensa_bulk() -> None:  # our shingle hashes, rensa's permutations over the whole batch
            import numpy as np
            flat, counts = _shingle_hashes(texts, 5)
            offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.uint64)
            RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, 128, 1)

        timed("rensa_per_doc", rensa_each)
        timed("rensa_bulk", rensa_bulk)
    timed("index_fingerprints_bulk", lambda: index.fingerprints(texts))
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--batch", type=int, default=10_000, help="documents per add_many call (and commit)")
    ap.add_argument("--brute-max", type=int, default=100_000, help="largest size with a brute-force baseline")
    ap.add_argument("--one", choices=["index", "brute", "signatures"], help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        result = (run_index(args.n, args.batch) if args.one == "index" else
                  run_brute(args.n) if args.one == "brute" else run_signatures())
        print(json.dumps(result))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, Any] = {"index": [], "brute_force": [], "signatures": None}

    def child(kind: str, n: int) -> dict[str, Any]:
        out = subprocess.run([sys.executable, __file__, "--one", kind, "--n", str(n), "--batch", str(args.batch)],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    for n in sizes:
        r = child("index", n)
        results["index"].append(r)
        print(f"lsh index   {n:>7} docs: {r['seconds']:7.1f} s (cpu {r['cpu_seconds']:6.1f})  "
              f"{r['docs_per_second']:8.0f} docs/s  peak {r['peak_rss_mb']:6.0f} MB  "
              f"copy recall {r['copy_recall']:.4f}  false links {r['false_links']}")
        if n <= args.brute_max:
            b = child("brute", n)
            results["brute_force"].append(b)
            r["brute_force_seconds"] = b["seconds"]
            r["speed_vs_brute_force"] = round(b["seconds"] / r["seconds"], 2)  # > 1: the index is faster
            print(f"brute force {n:>7} docs: {b['seconds']:7.1f} s (cpu {b['cpu_seconds']:6.1f})  "
                  f"({b['pairs_compared']:,} pairs)  peak {b['peak_rss_mb']:6.0f} MB  "
                  f"copy recall {b['copy_recall']:.4f}  -> index {r['speed_vs_brute_force']:.2f}x brute force")
    sig = child("signatures", 0)
    results["signatures"] = sig
    print("signatures, documents/s: " + "  ".join(f"{k} {v}" for k, v in sig.items() if k not in ("docs", "num_perm")))
    first, last = results["index"][0], results["index"][-1]
    if last["docs"] > first["docs"]:
        growth = (last["seconds"] / first["seconds"]) / (last["docs"] / first["docs"])
        results["time_growth_vs_linear"] = round(growth, 2)  # 1.0 = exactly linear
        print(f"time grows {growth:.2f}x linear from {first['docs']} to {last['docs']} documents")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
