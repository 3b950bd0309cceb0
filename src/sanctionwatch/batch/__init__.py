"""Batch processing of many shards (WARC, JSONL, text files) on a Dask cluster.

::

    report = run_batch(["cc-news/2025-06-17/"], db="postgresql://…")            # local cluster
    report = run_batch(paths, parquet_dir="out/", scheduler="tcp://host:8786")   # existing cluster

One Dask task per shard.  Each task screens the shard's records (``sanctionwatch.screen``),
runs the hits through the pipeline and writes them to the database or to one Parquet file
per shard (written atomically).  Finished shards are recorded (the ``batch_shards`` ledger
table, or the Parquet file itself) and skipped on a re-run, so a killed batch is resumed by
running it again; documents already stored are skipped by the store, so a re-run is
idempotent.  :func:`run_batch` never prints: pass ``on_shard`` to hear about each shard.

Dask (``pip install 'sanctionwatch[dask]'``) is imported only here, when a batch runs.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..exceptions import ConfigError, InputError, MissingExtraError
from ..ingest import detect_format
from .worker import ShardResult, process_shard

__all__ = ["BatchReport", "ShardResult", "list_shards", "process_shard", "run_batch"]


@dataclass
class BatchReport:
    shards: list[ShardResult] = field(default_factory=list)
    missing: list[InputError] = field(default_factory=list)

    def _sum(self, name: str, statuses: tuple[str, ...] = ("done",)) -> int:
        return sum(getattr(r, name) for r in self.shards if r.status in statuses)

    @property
    def done(self) -> list[ShardResult]:
        return [r for r in self.shards if r.status == "done"]

    @property
    def skipped(self) -> list[ShardResult]:
        return [r for r in self.shards if r.status == "skipped"]

    @property
    def failed_shards(self) -> list[ShardResult]:
        return [r for r in self.shards if r.status == "failed"]

    @property
    def seen(self) -> int:
        return self._sum("seen")

    @property
    def screened_out(self) -> int:
        return self._sum("screened_out")

    @property
    def documents(self) -> int:
        return self._sum("documents")

    @property
    def already_stored(self) -> int:
        return self._sum("already_stored")

    @property
    def claims(self) -> int:
        return self._sum("claims")

    @property
    def failed_records(self) -> int:
        return self._sum("failed_records")

    @property
    def reasons(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for r in self.done:
            total.update(r.reasons)
        return total

    @property
    def failures(self) -> list[tuple[str, str]]:
        """(source, reason) of failed records and failed shards."""
        out = [(r.shard, r.error or "failed") for r in self.failed_shards]
        for r in self.done:
            out.extend((str(s), str(why)) for s, why in r.failures)
        out.extend((m.source, m.reason) for m in self.missing)
        return out

    def as_dict(self) -> dict[str, object]:
        return {"shards": len(self.shards), "shards_done": len(self.done), "shards_skipped": len(self.skipped),
                "shards_failed": len(self.failed_shards), "records_seen": self.seen,
                "screened_out": self.screened_out, "documents": self.documents,
                "already_stored": self.already_stored, "claims": self.claims,
                "failed_records": self.failed_records, "failures": [list(f) for f in self.failures[:100]]}


def list_shards(paths: Iterable[str]) -> tuple[list[str], list[InputError]]:
    """The input files named or found (recursively, sorted) under ``paths``; missing ones as errors."""
    shards: list[str] = []
    missing: list[InputError] = []
    for given in paths:
        if os.path.isdir(given):
            for current, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                shards.extend(os.path.join(current, f) for f in sorted(files)
                              if not f.startswith(".") and detect_format(f, b"") is not None)
        elif os.path.isfile(given):
            shards.append(given)
        else:
            missing.append(InputError(given, "no such file or directory"))
    return shards, missing


def run_batch(paths: Iterable[str], *, db: str | None = None, parquet_dir: str | None = None,
              scheduler: str | None = None, workers: int | None = None, pack: str = "dprk",
              on_shard: Callable[[ShardResult, int, int], None] | None = None,
              on_start: Callable[[str, int], None] | None = None) -> BatchReport:
    """Process every shard under ``paths`` on a Dask cluster; see the module docstring.

    ``scheduler``: address of an existing scheduler (``tcp://host:8786``); without it a
    local cluster of ``workers`` processes (default: one per core) is started and stopped.
    ``on_start(dashboard_or_address, total)`` is called once the cluster is up;
    ``on_shard(result, finished, total)`` as each shard finishes, in completion order.
    """
    if bool(db) == bool(parquet_dir):
        raise ConfigError("give exactly one output: a database (--db) or a Parquet folder (--output-parquet)")
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise MissingExtraError("dask.distributed", "dask") from None
    if db:
        from ..store import Store

        Store(db).close()  # migrate once here, not in every worker at once
        db = _absolute_sqlite(db)
    shards, missing = list_shards(paths)
    report = BatchReport(missing=missing)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        if on_start:
            on_start(scheduler or cluster.scheduler_address, len(shards))  # type: ignore[union-attr]
        futures = [client.submit(process_shard, os.path.abspath(s), db=db, parquet_dir=_abs(parquet_dir),
                                 pack=pack, key=f"sanctionwatch-shard-{i}-{os.path.basename(s)}", pure=False)
                   for i, s in enumerate(shards)]
        for count, future in enumerate(as_completed(futures), 1):
            try:
                result = future.result()
            except Exception as exc:  # the worker died (KilledWorker) or the task was lost
                index = futures.index(future)
                result = ShardResult(shards[index], "failed", error=f"{type(exc).__name__}: {exc}")
            report.shards.append(result)
            if on_shard:
                on_shard(result, count, len(shards))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return report


def _abs(path: str | None) -> str | None:
    return os.path.abspath(path) if path else None


def _absolute_sqlite(db: str) -> str:
    """Workers may run elsewhere; a relative SQLite path is made absolute for them."""
    return db if "://" in db else os.path.abspath(db)
