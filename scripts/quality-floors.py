#!/usr/bin/env python3
"""The quality gate's floors (tests/quality_floors.json): the only way to change them.

    python scripts/quality-floors.py                       # each corpus's digest and whether it matches
    python scripts/quality-floors.py digests               # record the corpora's digests (after re-measuring)
    python scripts/quality-floors.py set kcna claims.f1 0.93
    python scripts/quality-floors.py set kcna claims.f1 0.85 --lower "why the figure may fall"

A floor means something only for the corpus it was measured on: ``_digests`` holds a sha256
of each corpus folder, and the gate fails on a changed corpus until it is re-measured.  A floor
is raised freely; lowering one needs ``--lower`` with the reason, which is kept in ``_lowered``.
``_floors`` is a sha256 of the floors themselves, so a floor edited by hand (past this script's
check) fails the gate too.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FLOORS = REPO / "tests" / "quality_floors.json"
SHARED = REPO.parent / "shared" / "corpus"


def corpus_digest(folder: Path) -> str:
    """sha256 over the relative paths and bytes of every file in a corpus folder, in sorted order."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def floors_digest(floors: dict[str, Any]) -> str:
    """sha256 of the floors (every key not starting with ``_``) in a canonical JSON form."""
    figures = {k: v for k, v in floors.items() if not k.startswith("_")}
    return hashlib.sha256(json.dumps(figures, sort_keys=True).encode("utf-8")).hexdigest()


def corpora(floors: dict[str, Any]) -> list[str]:
    """The corpus folders the floors are for (``dev-multilingual:ko`` is measured on ``dev-multilingual``)."""
    return sorted({k.split(":")[0] for k in floors if not k.startswith("_")})


def _write(floors: dict[str, Any]) -> None:
    floors["_floors"] = floors_digest(floors)
    FLOORS.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS}")


def set_floor(floors: dict[str, Any], key: str, figure: str, value: float, lower: str | None) -> str:
    """Set one floor; the message to print.  Raises ValueError when it would fall without a reason."""
    if key.startswith("_") or ":" in key and key.split(":")[0] not in corpora(floors):
        raise ValueError(f"no corpus {key!r}: floors exist for {', '.join(corpora(floors))}")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"a floor is a figure between 0 and 1, not {value}")
    old = floors.get(key, {}).get(figure)
    if old is not None and value < old:
        if not lower:
            raise ValueError(f"{key} {figure} would fall from {old} to {value}: lowering a floor needs "
                             "--lower \"the reason\"")
        floors.setdefault("_lowered", []).append(
            {"date": date.today().isoformat(), "corpus": key, "figure": figure, "from": old, "to": value,
             "why": lower})
    floors.setdefault(key, {})[figure] = value
    return f"{key} {figure}: {old} -> {value}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("digests", help="record the digests of the corpora as they are now")
    one = sub.add_parser("set", help="set one floor")
    one.add_argument("corpus", help="a key of the floors file, e.g. kcna or dev-multilingual:ko")
    one.add_argument("figure", help="a dotted path into the scorer's JSON, e.g. claims.f1")
    one.add_argument("value", type=float)
    one.add_argument("--lower", metavar="REASON", help="allow the floor to fall, for this reason")
    args = parser.parse_args(argv)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    if args.command == "set":
        try:
            print(set_floor(floors, args.corpus, args.figure, args.value, args.lower))
        except ValueError as exc:
            print(f"quality-floors: {exc}", file=sys.stderr)
            return 2
        _write(floors)
        return 0
    digests = {c: corpus_digest(SHARED / c) for c in corpora(floors)}
    recorded = floors.get("_digests", {})
    for c, digest in digests.items():
        print(f"{c}: {digest} {'matches' if recorded.get(c) == digest else 'CHANGED or new'}")
    if args.command == "digests":
        floors["_digests"] = digests
        _write(floors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
