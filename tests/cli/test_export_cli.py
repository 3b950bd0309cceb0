"""`sanctionwatch export` on the bundled sample: Parquet one row a claim, FtM that followthemoney loads."""
from __future__ import annotations

import json
from pathlib import Path

from .conftest import run


def test_parquet_export_has_one_row_per_claim(sample_db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    claims = [json.loads(x) for x in run(sample_db, 80, "export", "--format", "jsonl").stdout.splitlines()]
    out = tmp_path / "claims.parquet"
    r = run(sample_db, 80, "export", "--format", "parquet", "--output", str(out))
    assert f"exported {len(claims)} claims" in r.stderr
    table = pq.read_table(out)
    assert table.num_rows == len(claims) >= 10
    assert sorted(table.column("claim_id").to_pylist()) == sorted(c["claim_id"] for c in claims)
    assert set(table.column("actor_country").to_pylist()) >= {"KP"}


def test_parquet_without_output_says_to_give_one(sample_db: Path) -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "sanctionwatch", "--db", str(sample_db), "export", "-f", "parquet"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "--output" in r.stderr and "Traceback" not in r.stderr


def test_ftm_export_loads_with_followthemoney(sample_db: Path, tmp_path: Path) -> None:
    from followthemoney import model

    out = tmp_path / "entities.ftm.json"
    run(sample_db, 80, "export", "--format", "ftm", "--output", str(out))
    entities = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert entities
    for data in entities:
        model.get(data["schema"]).validate(data)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.id == data["id"]
    events = [e for e in entities if e["schema"] == "Event"]
    assert events and all(e["properties"]["proof"] for e in events)


def test_csv_carries_countries(sample_db: Path) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run(sample_db, 80, "export", "--format", "csv").stdout)))
    assert {"actor_country", "target_country", "cameo"} <= set(rows[0])
    assert any(r["actor_country"] == "KP" and r["target_country"] == "RU" for r in rows)
