"""Field-by-field comparison for the generalisation tables (``test_generalisation_*.py``).

The sentences of those tables were written for this project after the extractors were built,
to test whether their rules carry over to wording they were not developed on. A case passes
when its claims pair one to one with the expected ones (type, value, canonical kind) and every
compared field agrees: actor, destination, qualifier, range end, date, source, modality and
negation. Meeting and agreement parties compare as an unordered pair of names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PUB = "2025-06-18"  # a Wednesday: "last Friday" is 2025-06-13, "지난 17일" is 2025-06-17


@dataclass(frozen=True)
class W:
    """One expected claim. ``actor``/``dest`` are ISO codes ("KP", "RU", "RU/Kursk",
    "RU/Far East", "RU/Alabuga", "UA", "IR") or, for meetings and agreements, person names."""

    type: str
    actor: str | None
    dest: str | None = None
    q: float | None = None
    kind: str | None = None
    qual: str | None = None
    attr: str | None = None
    mod: str = "completed"
    date: str | None = None
    neg: bool = False
    qmax: float | None = None


Case = tuple[str, list[W]]

_KIND_ALIASES = {"military workers": "workers", "labourers": "workers", "builders": "construction workers"}
_STOP = {"the", "of", "and", "a", "an", "news", "agency"}


def _kind(kind: str | None) -> str | None:
    return _KIND_ALIASES.get(kind, kind) if kind else None


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if len(w) > 1} - _STOP


def _country(ent: Any) -> str | None:
    if ent is None:
        return None
    ident = ent.get("id") or ""
    return ident.split(":", 1)[1] if ident.startswith("country:") else ent.get("country")


def _dest(claim: dict[str, Any]) -> str | None:
    loc, target = claim.get("location"), claim.get("target")
    country = (loc or {}).get("country") or _country(target)
    if not country:
        return None
    place = ((loc or {}).get("id") or "").lower()
    for key, name in (("kursk", "Kursk"), ("alabuga", "Alabuga"), ("vladivostok", "Far East"),
                      ("far-east", "Far East"), ("primorsk", "Far East"), ("khabarovsk", "Far East")):
        if key in place:
            return f"{country}/{name}"
    return str(country)


def _matches(w: W, c: dict[str, Any]) -> bool:
    if c["type"] != w.type:
        return False
    q = c.get("quantity") or {}
    if w.q is None:
        if q.get("value") is not None:
            return False
        if w.actor and len(w.actor) <= 2:
            return _country(c.get("actor")) == w.actor
        return True
    return q.get("value") is not None and abs(q["value"] - w.q) < 1e-6 and _kind(q.get("kind")) == w.kind


def _diff(w: W, c: dict[str, Any]) -> list[str]:
    out = []
    q = c.get("quantity") or {}
    if w.type in ("meeting", "agreement") and w.actor and len(w.actor) <= 2:
        have_c = {_country(c.get("actor")), _country(c.get("target"))}
        if have_c != {w.actor, w.dest}:
            out.append(f"parties {sorted(map(str, have_c))}")
    elif w.type in ("meeting", "agreement") and w.actor:
        want = {frozenset(_words(w.actor)), frozenset(_words(w.dest))}
        have = [_words((c.get(k) or {}).get("name")) for k in ("actor", "target")]
        if not all(any(x & h for h in have) for x in want):
            out.append(f"parties {[(c.get(k) or {}).get('name') for k in ('actor', 'target')]}")
    else:
        if w.actor and _country(c.get("actor")) != w.actor:
            out.append(f"actor {(c.get('actor') or {}).get('id')}")
        if w.dest and _dest(c) != w.dest:
            out.append(f"dest {_dest(c)}")
    if w.q is not None and q.get("qualifier") != w.qual:
        out.append(f"qualifier {q.get('qualifier')}")
    if w.qmax is not None and q.get("max") != w.qmax:
        out.append(f"max {q.get('max')}")
    if w.q is None and w.kind and _kind(q.get("kind")) != w.kind:
        out.append(f"kind {q.get('kind')}")
    d = c.get("date") or {}
    date = d.get("start") and d["start"] + ("/" + d["end"] if d.get("end") else "")
    if date != w.date:
        out.append(f"date {date}")
    src = (c.get("attributed_to") or {}).get("name")
    if bool(w.attr) != bool(src) or (w.attr and not _words(w.attr) & _words(src)):
        out.append(f"attributed_to {src}")
    if c.get("modality") != w.mod:
        out.append(f"modality {c.get('modality')}")
    if bool(c.get("negated")) != w.neg:
        out.append(f"negated {c.get('negated')}")
    return out


def compare(claims: list[Any], wants: list[W]) -> list[str]:
    """Problems found ([] when the case passes)."""
    got = [c.to_dict() for c in claims]
    problems: list[str] = []
    free = list(range(len(got)))
    for w in wants:
        hit = next((j for j in free if _matches(w, got[j])), None)
        if hit is None:
            problems.append(f"missing {w.type} {w.q} {w.kind}")
            continue
        free.remove(hit)
        problems += [f"{w.type} {w.q}: {d}" for d in _diff(w, got[hit])]
    for j in free:
        q = got[j].get("quantity") or {}
        problems.append(f"extra {got[j]['type']} {q.get('value')} {q.get('kind')}")
    return problems


def pass_rate(extract: Any, cases: list[Case], published: str = PUB) -> tuple[float, dict[str, list[str]]]:
    """Share of passing cases, and the problems of each failing one."""
    failures = {}
    for text, wants in cases:
        problems = compare(extract(text, published), wants)
        if problems:
            failures[text] = problems
    return 1 - len(failures) / len(cases), failures
