"""`sanctionwatch batch` on a local Dask cluster: totals, resume after a kill, Parquet output."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, func, select

from sanctionwatch.batch import list_shards, run_batch
from sanctionwatch.batch.ledger import ShardRow
from sanctionwatch.store import Store, database_url

from .batch_shards import make_shards

pytestmark = pytest.mark.slow
CLI = [str(Path(sys.executable).parent / "sanctionwatch")]


def _urls(url: str) -> Counter[str]:
    """How often each relevant record's marker occurs among the stored documents."""
    store = Store(url)
    try:
        return Counter(m for d in store.documents() for m in re.findall(r"Update (\d+):", d.text))
    finally:
        store.close()


def test_batch_reports_totals_and_a_rerun_skips_every_shard(tmp_path: Path) -> None:
    relevant = make_shards(tmp_path / "in", shards=3)
    db = str(tmp_path / "batch.db")
    report = run_batch([str(tmp_path / "in")], db=db, workers=1)
    assert len(report.done) == 3 and not report.failures
    assert report.seen == 3 * 22 and report.screened_out == 3 * 20
    assert report.documents == len(relevant) and report.claims > 0
    assert set(report.reasons) == {"not relevant to pack dprk: no term of the screen"}
    assert _urls(db) == Counter({u: 1 for u in relevant})
    again = run_batch([str(tmp_path / "in")], db=db, workers=1)
    assert len(again.skipped) == 3 and again.documents == 0
    assert _urls(db) == Counter({u: 1 for u in relevant})


def _finished_shards(url: str) -> int:
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(ShardRow)) or 0
    except Exception:  # the table is not there yet
        return 0
    finally:
        engine.dispose()


def _killed_midway_then_rerun(url: str, shard_dir: Path, shards: int) -> None:
    command = [*CLI, "--db", url, "batch", str(shard_dir), "--workers", "1", "--quiet"]
    proc = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while _finished_shards(url) < 1:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "no shard finished in 180 s"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the client, the scheduler and the workers, mid-shard
    proc.wait()
    finished = _finished_shards(url)
    assert 1 <= finished < shards, "the batch finished before it could be killed; give it more shards"
    rerun = subprocess.run([*command[:-1], "--json"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["shards_skipped"] == finished
    assert report["shards_done"] == shards - finished


def test_killed_midway_and_rerun_ends_with_each_document_once_sqlite(tmp_path: Path) -> None:
    relevant = make_shards(tmp_path / "in", shards=6, relevant_per_shard=3)
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    _killed_midway_then_rerun(url, tmp_path / "in", 6)
    assert _urls(url) == Counter({u: 1 for u in relevant})
    assert _finished_shards(url) == 6


@pytest.mark.postgres
def test_killed_midway_and_rerun_ends_with_each_document_once_postgresql(tmp_path: Path, pg_url: str) -> None:
    relevant = make_shards(tmp_path / "in", shards=6, relevant_per_shard=3)
    _killed_midway_then_rerun(pg_url, tmp_path / "in", 6)
    assert _urls(pg_url) == Counter({u: 1 for u in relevant})
    assert _finished_shards(pg_url) == 6


def test_parquet_output_is_one_file_per_shard_and_resumable(tmp_path: Path) -> None:
    relevant = make_shards(tmp_path / "in", shards=2)
    out = tmp_path / "out"
    report = run_batch([str(tmp_path / "in")], parquet_dir=str(out), workers=1)
    files = sorted(out.glob("*.parquet"))
    assert len(files) == 2 and len(report.done) == 2
    rows = [row for f in files for row in pq.read_table(f).to_pylist()]
    assert sorted(m for r in rows for m in re.findall(r"Update (\d+):", r["text"])) == sorted(relevant)
    assert all(isinstance(json.loads(r["claims"]), list) for r in rows)
    assert sum(len(json.loads(r["claims"])) for r in rows) == report.claims
    again = run_batch([str(tmp_path / "in")], parquet_dir=str(out), workers=1)
    assert len(again.skipped) == 2 and again.skipped[0].seen == 22
    assert sorted(out.glob("*")) == files  # no partial files left


def test_bad_shards_are_reported_with_their_reason(tmp_path: Path) -> None:
    make_shards(tmp_path / "in", shards=1)
    (tmp_path / "in" / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    report = run_batch([str(tmp_path / "in"), str(tmp_path / "missing.warc")], db=str(tmp_path / "b.db"), workers=1)
    reasons = dict(report.failures)
    assert any("broken.warc.gz" in source for source in reasons)
    assert reasons[str(tmp_path / "missing.warc")] == "no such file or directory"
    assert len(report.done) == 2


def test_shards_are_listed_sorted_and_filtered(tmp_path: Path) -> None:
    for name in ("b.warc.gz", "a.jsonl", "notes.md", ".hidden.txt", "c.txt"):
        (tmp_path / name).write_text("x")
    shards, missing = list_shards([str(tmp_path)])
    assert [Path(s).name for s in shards] == ["a.jsonl", "b.warc.gz", "c.txt"]
    assert not missing


def test_exactly_one_output_is_required(tmp_path: Path) -> None:
    from sanctionwatch.exceptions import ConfigError

    with pytest.raises(ConfigError, match="--output-parquet"):
        run_batch([str(tmp_path)], db="x.db", parquet_dir=str(tmp_path))
