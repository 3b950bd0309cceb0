"""What one Dask task does with one shard: screen → pipeline → database or Parquet.

Runs inside a worker process.  The pipeline (and its spaCy models, 1–2 s to load) is made
once per worker process and target, and reused for every shard that worker gets.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

__all__ = ["ShardResult", "process_shard", "shard_id"]

_PIPELINES: dict[tuple[str, str], Any] = {}
_LOCK = threading.Lock()  # one shard at a time per process: the pipeline is not thread-safe
MAX_FAILURES_KEPT = 50


@dataclass
class ShardResult:
    """What one shard yielded (picklable: it travels from the worker to the client)."""

    shard: str
    status: str  # done | skipped (finished earlier) | failed
    seen: int = 0
    screened_out: int = 0
    documents: int = 0
    already_stored: int = 0
    claims: int = 0
    failed_records: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason), first few
    reasons: dict[str, int] = field(default_factory=dict)  # screened-out reasons and counts
    seconds: float = 0.0
    error: str | None = None  # why the whole shard failed

    def counts(self) -> dict[str, Any]:
        """The counts a finished shard records (in the ledger or the Parquet metadata)."""
        return {k: v for k, v in asdict(self).items() if k in _COUNT_FIELDS}


#: Every field but the shard's identity, status and error: what a skipped shard restores.
_COUNT_FIELDS = {f.name for f in fields(ShardResult)} - {"shard", "status", "error"}


def shard_id(path: str, pack: str) -> str:
    """A shard's identity: its absolute path, size and the pack it was screened with."""
    size = os.path.getsize(path)
    digest = hashlib.sha256(json.dumps([os.path.abspath(path), size, pack]).encode()).hexdigest()
    return f"s_{digest[:16]}"


def process_shard(path: str, *, db: str | None = None, parquet_dir: str | None = None,
                  pack: str = "dprk") -> ShardResult:
    """Process one shard unless it is finished already; never raises for a bad shard."""
    started = time.perf_counter()
    try:
        with _LOCK:
            if parquet_dir:
                result = _to_parquet(path, parquet_dir, pack)
            else:
                result = _to_database(path, db or "sanctionwatch.db", pack)
    except Exception as exc:  # one broken shard must not end the batch; say what broke
        result = ShardResult(path, "failed", error=f"{type(exc).__name__}: {exc}")
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _pipeline(url: str, pack: str) -> Any:
    key = (url, pack)
    if key not in _PIPELINES:
        from ..pipeline import Pipeline
        from ..store import Store

        _PIPELINES[key] = Pipeline(Store(url), pack=pack)
    return _PIPELINES[key]


def _run(pipeline: Any, path: str) -> ShardResult:
    from ..screen import Screen

    report = pipeline.ingest([path], screen=Screen.for_pack(pipeline.pack))
    records = [o for o in report.outcomes if o.status != "skipped"]
    failed = [o for o in records if o.status == "failed"]
    reasons = Counter(o.reason or "" for o in records if o.status == "screened out")
    return ShardResult(
        path, "done", seen=len(records), screened_out=sum(reasons.values()), documents=report.stored,
        already_stored=report.already_stored, claims=report.claims, failed_records=len(failed),
        failures=[(o.source, f"({o.stage or 'read'}) {o.reason or ''}") for o in failed[:MAX_FAILURES_KEPT]],
        reasons=dict(reasons),
    )


# -- database target ------------------------------------------------------------------
def _to_database(path: str, url: str, pack: str) -> ShardResult:
    from .ledger import finished, mark_finished

    pipeline = _pipeline(url, pack)
    sid = shard_id(path, pipeline.pack.name)
    done = finished(pipeline.store, sid)
    if done is not None:
        return ShardResult(path, "skipped", **{k: v for k, v in done.items() if k in _COUNT_FIELDS})
    result = _run(pipeline, path)
    mark_finished(pipeline.store, sid, os.path.abspath(path), pipeline.pack.name, result.counts())
    return result


# -- Parquet target: one file per shard, written atomically ----------------------------
def parquet_path(parquet_dir: str, path: str, pack: str) -> Path:
    return Path(parquet_dir) / f"{Path(path).name}.{shard_id(path, pack)}.parquet"


def _to_parquet(path: str, parquet_dir: str, pack: str) -> ShardResult:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..packs import load_pack

    pack_name = load_pack(pack).name
    target = parquet_path(parquet_dir, path, pack_name)
    if target.exists():
        meta = pq.read_schema(target).metadata or {}
        counts = json.loads(meta.get(b"sanctionwatch.shard", b"{}"))
        return ShardResult(path, "skipped", **{k: v for k, v in counts.items() if k in _COUNT_FIELDS})
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sanctionwatch-shard-") as tmp:
        from ..pipeline import Pipeline
        from ..store import Store

        store = Store(os.path.join(tmp, "shard.db"))  # a scratch store: dedupe and events per shard
        cached = _PIPELINES.get(("parquet", pack))  # reuse the loaded models
        pipeline = Pipeline(store, pack=pack, extractor=cached.extractor if cached is not None else None)
        result = _run(pipeline, path)
        _PIPELINES[("parquet", pack)] = pipeline
        rows = []
        for doc in store.documents():
            claims = [c.to_dict() for c, _ in store.claims(document_id=doc.id)]
            rows.append({"id": doc.id, "url": doc.url, "title": doc.title, "outlet": doc.outlet,
                         "published": doc.published, "language": doc.language, "format": doc.format,
                         "path": doc.path, "status": doc.status, "duplicate_of": doc.duplicate_of,
                         "text": doc.text, "claims": json.dumps(claims, ensure_ascii=False)})
        store.close()
    schema = pa.schema([(name, pa.string()) for name in
                        ("id", "url", "title", "outlet", "published", "language", "format", "path", "status",
                         "duplicate_of", "text", "claims")],
                       metadata={"sanctionwatch.shard": json.dumps(result.counts())})
    table = pa.Table.from_pylist(rows, schema=schema)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    pq.write_table(table, partial)
    os.replace(partial, target)  # atomic: a killed batch leaves no half-written shard file
    return result

