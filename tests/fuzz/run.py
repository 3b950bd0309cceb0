"""Run the mutation fuzzer through the whole ingest pipeline; report what escaped.

    PYTHONPATH=src python -m tests.fuzz.run --per-format 2000 --seed 15 [--keep DIR]

Each mutated input is written to a file and ingested alone (one pipeline, one scratch
database), so an exception that escapes ``Pipeline.ingest`` is pinned to its input. The
last line is one JSON object: cases run, outcomes by status, and the inputs that escaped
(kept under ``--keep`` when given).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from .mutate import FORMATS, cases

#: A failure whose reason names a Python exception is a bug of ours reported as bad input.
BUG = re.compile(r"\b(?:AttributeError|TypeError|KeyError|IndexError|OverflowError|UnicodeEncodeError|"
                 r"ZeroDivisionError|AssertionError|NameError|RecursionError|UnboundLocalError)\b")


def run(seed: int, per_format: int, keep: Path | None = None, formats: tuple[str, ...] = FORMATS,
        pipeline: Any = None) -> dict[str, Any]:
    from sanctionwatch.pipeline import Pipeline
    from sanctionwatch.store import Store

    statuses: Counter[str] = Counter()
    escaped: list[dict[str, str]] = []
    bugs: list[dict[str, str]] = []
    slowest: tuple[float, str] = (0.0, "")
    with tempfile.TemporaryDirectory(prefix="sanctionwatch-fuzz-") as tmp:
        folder = Path(tmp)
        if pipeline is None:
            pipeline = Pipeline(Store(str(folder / "fuzz.db")))
        count = 0
        for fmt, name, data in cases(seed, per_format, formats):
            count += 1
            path = folder / name
            path.write_bytes(data)
            started = time.perf_counter()
            try:
                report = pipeline.ingest([str(path)])
                statuses.update(o.status for o in report.outcomes)
                for o in report.failed:
                    if BUG.search(o.reason or ""):  # a Python exception reported as bad input: our bug
                        bugs.append({"format": fmt, "input": name, "stage": o.stage or "",
                                     "error": (o.reason or "")[:300]})
                        if keep is not None:
                            keep.mkdir(parents=True, exist_ok=True)
                            (keep / name).write_bytes(data)
            except BaseException as exc:  # noqa: BLE001 - what the fuzzer is here to find
                if isinstance(exc, KeyboardInterrupt):
                    raise
                escaped.append({"format": fmt, "input": name, "error": f"{type(exc).__name__}: {exc}"[:300],
                                "where": traceback.format_exc(limit=-1).strip().splitlines()[-3][:200]})
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / name).write_bytes(data)
            finally:
                path.unlink(missing_ok=True)
                seconds = time.perf_counter() - started
                if seconds > slowest[0]:
                    slowest = (round(seconds, 2), name)
    return {"seed": seed, "cases": count, "outcomes": dict(statuses), "escaped": len(escaped),
            "bugs": len(bugs), "slowest": {"seconds": slowest[0], "input": slowest[1]},
            "failures": escaped[:50], "bug_reports": bugs[:50]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--per-format", type=int, default=200)
    parser.add_argument("--format", action="append", choices=FORMATS, help="only this format (repeatable)")
    parser.add_argument("--keep", type=Path, help="write the inputs that escaped into this folder")
    args = parser.parse_args(argv)
    result = run(args.seed, args.per_format, args.keep, tuple(args.format or FORMATS))
    print(json.dumps(result, ensure_ascii=True))
    return 1 if result["escaped"] or result["bugs"] else 0


if __name__ == "__main__":
    sys.exit(main())
