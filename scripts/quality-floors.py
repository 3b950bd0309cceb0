#!/usr/bin/env python3
"""Digests of the corpora the quality gate measures (tests/quality_floors.json, key ``_digests``).

    python scripts/quality-digests.py           # print each corpus's digest and whether it matches
    python scripts/quality-digests.py --write   # record the current digests (after re-measuring floors)

A floor means something only for the corpus it was measured on: when a shared corpus changes,
the gate fails until someone re-runs it, checks the figures and records the new digest.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FLOORS = REPO / "tests" / "quality_floors.json"


def corpus_digest(folder: Path) -> str:
    """sha256 over the relative paths and bytes of every file in a corpus folder, in sorted order."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def main(argv: list[str]) -> int:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    corpora = sorted({k.split(":")[0] for k in floors if not k.startswith("_")})
    shared = REPO.parent / "shared" / "corpus"
    digests = {c: corpus_digest(shared / c) for c in corpora}
    recorded = floors.get("_digests", {})
    for c in corpora:
        print(f"{c}: {digests[c]} {'matches' if recorded.get(c) == digests[c] else 'CHANGED or new'}")
    if "--write" in argv:
        floors["_digests"] = digests
        FLOORS.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {FLOORS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
