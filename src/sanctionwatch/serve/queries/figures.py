"""Reconciled figures of an event: reports by source, consensus, range, conflict."""
from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

__all__ = ["CONFLICT_RATIO", "figures"]

#: Two figures of one kind conflict when the larger exceeds the smaller by this ratio.
CONFLICT_RATIO = 1.25


def _source_key(r: dict[str, Any]) -> str:
    return (r.get("outlet") or r.get("document_id") or "?").strip().lower()


def _independent(reports: Sequence[dict[str, Any]]) -> int:
    """Distinct outlets among documents that are not copies of another."""
    return len({_source_key(r) for r in reports if not r.get("duplicate_of")})


def figures(summary: dict[str, Any] | None, reports: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reconciled figures per quantity kind: reports by source, consensus, range, conflict.

    ``summary`` is ``EventRow.summary``; its values win where present.  ``reports`` are
    the event's claims (``_report`` records, with their document's outlet and date).
    """
    stored = _stored_figures(summary)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in reports:
        if r.get("value") is not None and not r.get("negated"):
            by_kind[r.get("kind") or "unspecified"].append(r)
    out = []
    for kind in sorted(set(by_kind) | set(stored), key=lambda k: (-len(by_kind.get(k, [])), k)):
        rs = sorted(by_kind.get(kind, []), key=lambda r: (r.get("published") or "", r["claim_id"]))
        given = stored.get(kind, {})
        independent = [r for r in rs if not r.get("duplicate_of")] or rs
        values = [float(r["value"]) for r in independent]
        bounds = values + [float(r["max"]) for r in independent if r.get("max") is not None]
        lo, hi = (min(bounds), max(bounds)) if bounds else (None, None)
        conflict = bool(lo is not None and hi is not None and lo > 0 and hi / lo > CONFLICT_RATIO)
        # a consensus only where the independent sources agree (the events stage's rule too)
        consensus = statistics.median(values) if values and not conflict else None
        figure = {
            "kind": kind,
            "consensus": _num(given.get("consensus", given.get("value", consensus))),
            "min": _num(given.get("min", lo)),
            "max": _num(given.get("max", hi)),
            "conflict": bool(given.get("conflict", conflict)),
            "sources": int(given.get("sources", given.get("independent_sources", _independent(rs))) or 0),
            "reports": rs,
            "why": given.get("why"),
        }
        c = figure["consensus"]
        if c is None and figure["conflict"] and values:  # mark the reports away from the median
            c = statistics.median(values)
        for r in rs:
            r["agrees"] = c is None or r["value"] is None or (
                min(c, r["value"]) > 0 and max(c, r["value"]) / min(c, r["value"]) <= CONFLICT_RATIO)
        out.append(figure)
    return out


def _num(value: Any) -> float | None:
    if isinstance(value, (list, tuple)):  # a stored range: [low, high]
        value = value[0] if value else None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _stored_figures(summary: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The events stage's reconciled figures by kind, whatever of two shapes it wrote."""
    if not isinstance(summary, dict):
        return {}
    raw = summary.get("figures", summary.get("quantities"))
    found: dict[str, dict[str, Any]] = {}
    if isinstance(raw, list):
        for f in raw:
            if isinstance(f, dict) and f.get("kind"):
                found[str(f["kind"])] = _figure_fields(f)
    elif isinstance(raw, dict):
        for kind, f in raw.items():
            if isinstance(f, dict):
                found[str(kind)] = _figure_fields(f)
    return found


def _figure_fields(f: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: f[k] for k in ("consensus", "value", "conflict", "sources", "independent_sources", "why")
                           if k in f}
    rng = f.get("range")
    if isinstance(rng, (list, tuple)) and len(rng) == 2:
        out["min"], out["max"] = rng
    elif isinstance(rng, dict):
        out.update({k: rng[k] for k in ("min", "max") if k in rng})
    for k in ("min", "max"):
        if k in f and not isinstance(f[k], (dict, list)):
            out[k] = f[k]
    return out

