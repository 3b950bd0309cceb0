"""The CLI end to end, as a user runs it (subprocesses: no shared state with the tests)."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample"


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SANCTIONWATCH_DB": str(db), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "sanctionwatch", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_ingest_claims_show_export(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    r = run(db, "ingest", "--quiet", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    assert "5 documents stored" in r.stdout
    r = run(db, "claims", "--type", "labor_dispatch")
    assert r.returncode == 0 and "sappers" in r.stdout
    r = run(db, "claims", "--type", "nonsense")
    assert r.returncode != 0 and "unknown type" in r.stderr and "Traceback" not in r.stderr
    out = tmp_path / "c.jsonl"
    r = run(db, "export", "--format", "jsonl", "--output", str(out))
    assert r.returncode == 0, r.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and all(rec["schema"] == "sanctionwatch.claim/1" for rec in records)
    doc_id = records[0]["document"]["id"]
    r = run(db, "show", doc_id[:10])
    assert r.returncode == 0 and records[0]["evidence"][0]["text"][:30] in r.stdout.replace("\n", " ")
    r = run(db, "show", "d_nonexistent")
    assert r.returncode == 3 and "no document" in r.stderr and "Traceback" not in r.stderr
    r = run(db, "export", "--format", "csv", "--output", str(tmp_path / "c.csv"))
    assert r.returncode == 0
    with (tmp_path / "c.csv").open(newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == len(records)


def test_bad_input_exit_code_and_message(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    (tmp_path / "empty.txt").write_text("")
    r = run(db, "ingest", "--quiet", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"))
    assert r.returncode == 1
    assert "empty.txt" in r.stderr and "missing.txt" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
