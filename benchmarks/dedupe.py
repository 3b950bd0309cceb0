"""Near-duplicate index benchmark: synthetic corpora of 10k, 30k and 100k documents.

    python benchmarks/dedupe.py                    # sizes 10000,30000,100000
    python benchmarks/dedupe.py --sizes 2000,5000  # quicker

Documents are drawn from a Zipf-distributed vocabulary; one in ten is a syndicated copy
of an earlier one (new headline, a paragraph trimmed, a sentence added: 5-word-shingle
Jaccard 0.6-0.85).  Documents arrive in random order, so copies often come before their
originals and the index has to re-point links.  Each size runs in its own process (the
SQLite-backed ``DedupeIndex`` the pipeline uses, in a temporary database) so that peak
memory (ru_maxrss) is per size.  The brute-force baseline computes the exact Jaccard of
every pair of the 10k set (a sparse shingle-by-document product) in the same run.

Copy recall: injected copies whose final link names their original.  Printed per size;
the last line is one JSON object with every figure.
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


def run_index(n: int) -> dict[str, Any]:
    from sqlalchemy import create_engine, event, select
    from sqlalchemy.orm import Session

    from sanctionwatch.dedupe import DedupeIndex
    from sanctionwatch.store.schema import Base, MinhashBandRow, MinhashRow

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

        Base.metadata.create_all(engine, tables=[MinhashRow.__table__, MinhashBandRow.__table__])
        start = time.perf_counter()
        with Session(engine) as s:
            for i, d in enumerate(docs):
                index.add(s, d["id"], d["text"], d["published"])
                if i % 1000 == 999:
                    s.commit()
            s.commit()
            elapsed = time.perf_counter() - start
            links = dict(s.execute(select(MinhashRow.document_id, MinhashRow.duplicate_of)).all())
        engine.dispose()
    found = sum(1 for c, o in copies.items() if links.get(c) == (links.get(o) or o))
    false_links = sum(1 for d, o in links.items() if o and d not in copies)
    return {"docs": n, "copies": len(copies), "seconds": round(elapsed, 2),
            "docs_per_second": round(n / elapsed, 1), "peak_rss_mb": round(_rss_mb(), 1),
            "copy_recall": round(found / max(1, len(copies)), 4), "false_links": false_links}


def run_brute(n: int) -> dict[str, Any]:
    import numpy as np
    from scipy import sparse

    from sanctionwatch.dedupe import shingles

    docs, copies = corpus(n)
    start = time.perf_counter()
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
    pairs = {(docs[a]["id"], docs[b]["id"]) for a, b in zip(i[jac >= 0.5], j[jac >= 0.5])}
    elapsed = time.perf_counter() - start
    found = sum(1 for c, o in copies.items() if (c, o) in pairs or (o, c) in pairs)
    return {"docs": n, "pairs_compared": n * (n - 1) // 2, "seconds": round(elapsed, 2),
            "peak_rss_mb": round(_rss_mb(), 1), "copy_recall": round(found / max(1, len(copies)), 4)}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--one", choices=["index", "brute"], help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_index(args.n) if args.one == "index" else run_brute(args.n)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, Any] = {"index": [], "brute_force": None}

    def child(kind: str, n: int) -> dict[str, Any]:
        out = subprocess.run([sys.executable, __file__, "--one", kind, "--n", str(n)],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    for n in sizes:
        r = child("index", n)
        results["index"].append(r)
        print(f"lsh index   {n:>7} docs: {r['seconds']:7.1f} s  {r['docs_per_second']:8.0f} docs/s  "
              f"peak {r['peak_rss_mb']:6.0f} MB  copy recall {r['copy_recall']:.4f}  false links {r['false_links']}")
    b = child("brute", sizes[0])
    results["brute_force"] = b
    print(f"brute force {b['docs']:>7} docs: {b['seconds']:7.1f} s  ({b['pairs_compared']:,} pairs)  "
          f"peak {b['peak_rss_mb']:6.0f} MB  copy recall {b['copy_recall']:.4f}")
    first, last = results["index"][0], results["index"][-1]
    growth = (last["seconds"] / first["seconds"]) / (last["docs"] / first["docs"])
    results["time_growth_vs_linear"] = round(growth, 2)  # 1.0 = exactly linear
    print(f"time grows {growth:.2f}x linear from {first['docs']} to {last['docs']} documents")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
