"""Several processes writing one database at once lose and duplicate nothing.

Each worker process saves an overlapping slice of the same documents (half of them through
a caller's session, as the pipeline does), all released at the same moment by a barrier,
on a database none of them has opened before (so they also race on the migration).
"""
from __future__ import annotations

import multiprocessing as mp
from collections import Counter

from sanctionwatch.model import Claim, Document, Entity, Evidence, Quantity
from sanctionwatch.store import Store

WORKERS = 4
DOCS = 60


def _doc(n: int) -> Document:
    text = f"Report {n}: North Korea sent {n} workers to Russia."
    return Document(id=f"d_{n:05d}", text=text, raw_text=text, path=f"f{n}.txt", format="txt")


def _claims(n: int) -> list[Claim]:
    return [Claim(type="labor_dispatch", actor=Entity("DPRK"), quantity=Quantity(float(n), "workers"),
                  evidence=[Evidence(f"{n} workers", 10, 20)]),
            Claim(type="workers_present", actor=Entity("DPRK"), quantity=Quantity(float(n), "workers"),
                  evidence=[Evidence(f"{n} workers", 30, 40)])]


def _writer(url: str, worker: int, barrier: mp.synchronize.Barrier, results: mp.Queue) -> None:  # type: ignore[name-defined]
    barrier.wait()
    store = Store(url)  # every worker migrates (or finds migrated) the fresh database
    stored = []
    # worker w takes documents [w*DOCS/8, w*DOCS/8 + DOCS*3/4): large overlaps, different orders
    start = worker * DOCS // 8
    numbers = list(range(start, start + DOCS * 3 // 4))
    if worker % 2:
        numbers.reverse()
    for n in numbers:
        if n % 2:
            with store.session() as s:
                ok = store.save(_doc(n), _claims(n), session=s)
        else:
            ok = store.save(_doc(n), _claims(n))
        if ok:
            stored.append(n)
    store.close()
    results.put(stored)


def test_concurrent_writers_lose_and_duplicate_nothing(store_url: str) -> None:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(store_url, w, barrier, results)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    stored = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    wins = Counter(n for per_worker in stored for n in per_worker)
    expected = set()
    for w in range(WORKERS):
        start = w * DOCS // 8
        expected |= set(range(start, start + DOCS * 3 // 4))
    assert set(wins) == expected  # nothing lost
    assert all(count == 1 for count in wins.values())  # each stored by exactly one writer
    store = Store(store_url)
    assert store.counts()["documents"] == len(expected)
    assert store.counts()["claims"] == 2 * len(expected)
    assert sorted(d.id for d in store.documents()) == sorted(f"d_{n:05d}" for n in expected)
