"""Reconciliation: what an event's sources say, figure by figure.

``reconcile(members, rules)`` takes the event's claims (``Member``: claim, features and
document) and returns the ``events.summary`` mapping::

    {"figures": {"troops": {"values": [{"value": 12000, "qualifier": "exact", "sources": [...],
                                        "attributed_to": ["South Korea's NIS"], ...}],
                            "consensus": 12000 | None, "range": [10000, 12000],
                            "independent_sources": 3, "first_reported": ..., "last_reported": ...,
                            "attributed_to": [...], "conflict": true}},
     "totals": [{"total": "workers", "value": 6000, "parts": {"sappers": 1000, ...},
                 "parts_sum": 6000, "consistent": true}],
     "conflict": true, "conflicts": ["troops"], "independent_sources": 5, ...}

*Independent* sources are original documents: a near-duplicate copy counts with the
document it copies.  A conflict is raised for a kind when two independent sources give
figures of about the same time (``conflict_days``) whose ranges (qualifier and rounding
allowed for, see ``features.same_figure``) do not overlap; a later cumulative estimate is
an update, not a conflict.  A total and its parts are different kinds, so they never conflict;
``totals`` checks instead that the parts add up to the total.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from ..model import Claim
from ..store.schema import DocumentRow
from .features import ClaimFeatures, Rules, figure_range, gap_days, same_figure

__all__ = ["Member", "reconcile"]


@dataclass
class Member:
    claim: Claim
    features: ClaimFeatures
    document: DocumentRow


def _source(m: Member) -> dict[str, Any]:
    d = m.document
    return {"document_id": d.id, "original": m.features.original, "outlet": d.outlet,
            "published": d.published, "ref": d.url or d.path, "claim_id": m.claim.id}


def _consensus(values: list[tuple[float, ClaimFeatures]], rules: Rules) -> float | None:
    """The figure most independent sources agree with, when every figure agrees with it."""
    best: tuple[int, float] | None = None
    for v, f in values:
        agree = {g.original for _, g in values if same_figure(f, g, rules)}
        if best is None or (len(agree), -v) > (best[0], -best[1]):
            best = (len(agree), v)
    if best is None:
        return None
    anchor = next(f for v, f in values if v == best[1])
    return best[1] if all(same_figure(anchor, g, rules) for _, g in values) else None


def reconcile(members: list[Member], rules: Rules) -> dict[str, Any]:
    by_kind: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        if m.features.value is not None and m.features.kind and not m.features.denied:
            by_kind[m.features.kind].append(m)
    figures: dict[str, Any] = {}
    for kind in sorted(by_kind):
        ms = sorted(by_kind[kind], key=lambda m: (m.features.published, m.claim.id or ""))
        grouped: dict[tuple[float, float | None, str | None], list[Member]] = defaultdict(list)
        for m in ms:
            if m.features.value is not None:  # always true (filtered above); narrows the type
                grouped[(m.features.value, m.features.max, m.features.qualifier)].append(m)
        values = []
        for (value, vmax, qualifier), group in sorted(grouped.items(), key=lambda kv: kv[0][0]):
            values.append({
                "value": value, "max": vmax, "qualifier": qualifier,
                "independent_sources": len({m.features.original for m in group}),
                "attributed_to": sorted({m.claim.attributed_to.name for m in group if m.claim.attributed_to}),
                "sources": [_source(m) for m in group],
            })
        conflict = False
        pairs = [(m.features.value, m.features) for m in ms if m.features.value is not None]
        for i, m in enumerate(ms):
            for n in ms[i + 1:]:
                gap = gap_days(m.features.interval, n.features.interval)
                if (m.features.original != n.features.original and gap is not None
                        and gap <= rules.conflict_days and not same_figure(m.features, n.features, rules)):
                    conflict = True
        lows = [figure_range(v, f.max, f.qualifier, rules)[0] for v, f in pairs]
        all_values = [v for v, _ in pairs] + [f.max for _, f in pairs if f.max is not None]
        figures[kind] = {
            "values": values,
            "consensus": _consensus(pairs, rules),
            "range": [min(all_values), max(all_values)] if lows else None,
            "independent_sources": len({m.features.original for m in ms}),
            "first_reported": ms[0].document.published,
            "last_reported": ms[-1].document.published,
            "attributed_to": sorted({m.claim.attributed_to.name for m in ms if m.claim.attributed_to}),
            "conflict": conflict,
        }
    totals = []
    for total, parts in rules.totals.items():
        if total in figures and all(p in figures for p in parts):
            t = figures[total]["consensus"] or figures[total]["range"][1]
            part_values = {p: figures[p]["consensus"] or figures[p]["range"][1] for p in parts}
            s = sum(part_values.values())
            tol = rules.tolerance.get("approx", 0.1)
            totals.append({"total": total, "value": t, "parts": part_values, "parts_sum": s,
                           "consistent": abs(s - t) <= tol * max(t, s)})
    conflicts = [k for k, v in figures.items() if v["conflict"]]
    attributions = Counter(m.claim.attributed_to.name for m in members if m.claim.attributed_to)
    return {
        "figures": figures,
        "totals": totals,
        "conflict": bool(conflicts),
        "conflicts": conflicts,
        "independent_sources": len({m.features.original for m in members}),
        "documents": len({m.document.id for m in members}),
        "outlets": sorted({m.document.outlet for m in members if m.document.outlet}),
        "attributed_to": [name for name, _ in attributions.most_common()],
        "denied_by": sorted({m.claim.attributed_to.name for m in members
                             if m.features.denied and m.claim.attributed_to}),
    }
