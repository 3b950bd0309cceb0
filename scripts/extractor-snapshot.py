#!/usr/bin/env python3
"""The extractor registry's snapshot (tests/extract/extractor_versions.json): each extractor's
version beside a digest of what it extracts from the shared development corpora and cases.

    python scripts/extractor-snapshot.py           # which extractors' output changed
    python scripts/extractor-snapshot.py --write   # record versions and digests (after bumping)

An extractor whose output changed keeps failing tests/extract/test_registry.py until its
version in src/sanctionwatch/extract/registry.py is bumped and the snapshot re-written, so one
``name@version`` always means one output.  Claims are compared whole (every field but the label).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SNAPSHOT = REPO / "tests" / "extract" / "extractor_versions.json"
SHARED = REPO.parent / "shared"
CORPORA = ("corpus/dev", "corpus/dev-multilingual")
CASES = ("cases/en.jsonl", "cases/ru.jsonl", "cases/ko.jsonl")


def _documents() -> Iterator[Any]:
    """The documents the digests are taken over: the corpora as the pipeline reads them, then each case."""
    from sanctionwatch.clean import clean
    from sanctionwatch.exceptions import InputError
    from sanctionwatch.ingest import iter_inputs, prepare
    from sanctionwatch.model import Document, hash_id

    for corpus in CORPORA:
        for raw in iter_inputs([str(SHARED / corpus)]):
            if isinstance(raw, InputError):
                continue
            prepare(raw)
            try:
                yield clean(raw)
            except InputError:
                continue
    for cases in CASES:
        language = Path(cases).stem
        for line in (SHARED / cases).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            text = case["text"]
            yield Document(id=hash_id("case", case["id"]), text=text, raw_text=text, path="", format="txt",
                           published=case.get("published"), language=language)


def _canonical(claim: Any) -> str:
    fields = dataclasses.asdict(claim)
    fields.pop("extractor", None)  # the label holds the version, which is what the digest is compared with
    return json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)


def digests() -> dict[str, str]:
    """Extractor name -> sha256 of the claims it extracts from every document routed to it."""
    from sanctionwatch.extract import Extractor

    extractor = Extractor()
    per_name: dict[str, Any] = defaultdict(hashlib.sha256)
    docs = list(_documents())
    for doc, claims in zip(docs, extractor.extract_many(docs), strict=True):
        label = extractor.name_for(doc.language)
        if label is None:
            continue
        h = per_name[label.partition("@")[0]]
        h.update(doc.id.encode("utf-8") + b"\0")
        for claim in claims:
            h.update(_canonical(claim).encode("utf-8") + b"\n")
    return {name: h.hexdigest() for name, h in sorted(per_name.items())}


def snapshot() -> dict[str, dict[str, str]]:
    """What ``--write`` records: version and output digest per extractor."""
    from sanctionwatch.extract.registry import VERSIONS

    output = digests()
    return {name: {"version": version, "output": output.get(name, "")} for name, version in sorted(VERSIONS.items())}


def main(argv: list[str]) -> int:
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {}
    now = snapshot()
    for name, entry in now.items():
        old = recorded.get(name, {})
        old = old if isinstance(old, dict) else {"version": old}  # the snapshot of versions alone, before digests
        state = "unchanged" if old == entry else (
            "output changed: bump its version in registry.py" if old.get("version") == entry["version"]
            else "version and output changed")
        print(f"{name}@{entry['version']}: {state}")
    if "--write" in argv:
        SNAPSHOT.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
