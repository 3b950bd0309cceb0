"""Claim-by-claim comparison for the table tests of the English extractor."""
from __future__ import annotations

from types import ModuleType
from typing import Any


def _date(claim: Any) -> str | None:
    d = claim.date
    if d is None or d.start is None:
        return None
    return f"{d.start}/{d.end}" if d.end and d.end != d.start else d.start


def claim_problems(score: ModuleType, wanted: list[dict[str, Any]], got: list[Any], *, full: bool = True) -> list[str]:
    """Why ``got`` differs from the ``wanted`` claims; [] when they agree.

    Claims pair as the scorer pairs them; each pair must agree on actor and destination country,
    attribution (word overlap), modality, negation and qualifier, and with ``full`` also on
    meeting/agreement parties, the range's upper bound and the event date.
    """
    preds = [score.pred_fields(x.to_dict()) for x in got]
    golds = [score.gold_fields(w) for w in wanted]
    pairs = score.max_matching(golds, preds)
    out = []
    if not (len(pairs) == len(golds) == len(preds)):
        out.append(f"{len(preds)} claims for {len(golds)} expected, {len(pairs)} matched: "
                   + "; ".join(f"{x.type} {x.quantity}" for x in got))
    for i, j in pairs:
        g, p, want, have = golds[i], preds[j], wanted[i], got[j]
        party = want["type"] in ("meeting", "agreement")
        if party and full:
            names = {score.country_of(n) or n for n in (score.norm(want["actor"]),
                                                        score.norm(want["target_or_destination"]))}
            have_names = {score.country_of(e.name) or score.norm(e.name) for e in (have.actor, have.target) if e}
            if names != have_names:
                out.append(f"parties {names} != {have_names}")
        if not party and g["actor"] and g["actor"] != p["actor"]:
            out.append(f"actor {want['actor']} != {have.actor}")
        if not party and g["dest_country"] and g["dest_country"] != p["dest_country"]:
            out.append(f"destination {want['target_or_destination']} != {have.target}")
        if not score.same_attribution(g["attributed_to"], p["attributed_to"]):
            out.append(f"attributed_to {want['attributed_to']} != {have.attributed_to}")
        if want["modality"] != have.modality or want["negated"] != have.negated:
            out.append(f"modality {want['modality']}/{want['negated']} != {have.modality}/{have.negated}")
        if (want["qualifier"] or None) != (have.quantity.qualifier if have.quantity else None):
            out.append(f"qualifier {want['qualifier']} != {have.quantity}")
        if full and want.get("quantity_max") != (int(have.quantity.max) if have.quantity and have.quantity.max
                                                 else None):
            out.append(f"range max {want.get('quantity_max')} != {have.quantity}")
        if full and want["date_of_event"] != _date(have):
            out.append(f"date {want['date_of_event']} != {_date(have)}")
    return out
