"""What the event matcher compares: a claim's normalised features, and the pairwise match.

``ClaimFeatures.of(claim, published, original)`` turns a claim into what matters for
events: type, the actor's and destination's countries (``country:KP`` -> ``KP``; people
and organisations of the pack map to their country), the place, the quantity's canonical
kind and family, and the date interval (reduced precision widened: ``2024-10`` is the
whole month; a claim without a date is dated by its document's publication day).

A claim is **specific** when it can found an event: an undenied claim with a known actor
and either a figure of one known kind, or (meetings, agreements) both parties known.
Other claims are **vague** ("North Korean troops are in Kursk", a denial): they join the
best-matching event but never link two events together, so one vague sentence cannot
chain the shells event to the missiles event.

``compare(a, b, rules)`` returns a ``Match`` (a score with the features that made it,
nomenklatura style) or None when the claims cannot be one event.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..model import Claim, is_personal_name
from ..packs import Pack

__all__ = ["ClaimFeatures", "Match", "Rules", "compare", "day_interval", "same_figure"]

RULES_FILE = Path(__file__).with_name("rules.yaml")
SYMMETRIC_TYPES = frozenset({"meeting", "agreement"})
_FOLD = re.compile(r"[\s_]+")


def fold(text: str | None) -> str:
    return _FOLD.sub(" ", (text or "").strip().lower())


@dataclass(frozen=True)
class Rules:
    compatible: frozenset[frozenset[str]]
    windows: dict[str, int]
    family_of: dict[str, str]
    canonical: dict[str, str]
    totals: dict[str, tuple[str, ...]]
    tolerance: dict[str, float]
    conflict_days: int = 31
    countries: dict[str, str] = field(default_factory=dict)  # folded name/id -> ISO code

    @classmethod
    def load(cls, pack: Pack | None = None) -> Rules:
        data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
        if pack is not None and isinstance(pack.sections.get("events"), dict):
            data.update(pack.sections["events"])
        canonical: dict[str, str] = {}
        for canon, spellings in (data.get("synonyms") or {}).items():
            for s in spellings:
                canonical[fold(s)] = fold(canon)
        family_of: dict[str, str] = {}
        for family, kinds in (data.get("families") or {}).items():
            for k in kinds:
                family_of[fold(k)] = family
                family_of.setdefault(canonical.get(fold(k), fold(k)), family)
        return cls(
            compatible=frozenset(frozenset(p) for p in data.get("compatible_types") or []),
            windows={k: int(v) for k, v in (data.get("window_days") or {}).items()},
            family_of=family_of,
            canonical=canonical,
            totals={fold(k): tuple(fold(p) for p in v) for k, v in (data.get("totals") or {}).items()},
            tolerance={k: float(v) for k, v in (data.get("tolerance") or {}).items()},
            conflict_days=int(data.get("conflict_days", 31)),
            countries=_country_lookup(pack),
        )

    def window(self, *types: str) -> int:
        return min(self.windows.get(t, self.windows.get("default", 30)) for t in types)

    def kind(self, kind: str | None) -> str | None:
        k = fold(kind)
        return self.canonical.get(k, k) or None

    def family(self, kind: str | None) -> str | None:
        k = fold(kind)
        if not k:
            return None
        return self.family_of.get(k) or self.family_of.get(self.canonical.get(k, k)) or self.canonical.get(k, k)

    def country(self, entity_id: str | None, name: str | None) -> str | None:
        for key in (entity_id, name):
            k = fold(key)
            if not k:
                continue
            if k.startswith("country:"):
                return k.split(":", 1)[1].upper()
            if k in self.countries:
                return self.countries[k]
        return None


def _country_lookup(pack: Pack | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if pack is None:
        return out
    actors = pack.sections.get("actors") or {}
    for c in actors.get("countries") or []:
        code = str(c.get("code") or str(c.get("id", "")).split(":")[-1]).upper()
        for n in [c.get("id"), c.get("name"), code, *(c.get("aliases") or []), *(c.get("adjectives") or [])]:
            if n:
                out.setdefault(fold(str(n)), code)
    for group in ("people", "organisations"):
        for p in actors.get(group) or []:
            code = p.get("country")
            if not code:
                continue
            for n in [p.get("id"), p.get("name"), *(p.get("aliases") or [])]:
                if n:
                    out.setdefault(fold(str(n)), str(code).upper())
    for p in (pack.sections.get("places") or {}).get("places") or []:
        if p.get("country"):
            for n in [p.get("id"), p.get("name"), *(p.get("aliases") or [])]:
                if n:
                    out.setdefault(fold(str(n)), str(p["country"]).upper())
    return out


@functools.lru_cache(maxsize=4096)
def day_interval(value: str | None, end: str | None = None) -> tuple[int, int] | None:
    """Ordinal days [first, last] of an ISO date of any precision (``2024``, ``2024-10``,
    ``2024-10-08``, ``2024-10-08/2024-10-13``, a date-time); None when unreadable."""
    if not value:
        return None
    value = value.strip()
    if "/" in value and end is None:
        value, end = value.split("/", 1)
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            first = last = date(y, int(mo), int(d)).toordinal()
        elif mo:
            first = date(y, int(mo), 1).toordinal()
            last = date(y, int(mo), calendar.monthrange(y, int(mo))[1]).toordinal()
        else:
            first, last = date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
    except ValueError:
        return None
    if end:
        other = day_interval(end)
        if other is not None:
            last = max(last, other[1])
    return first, last


@dataclass(frozen=True)
class ClaimFeatures:
    claim_id: str
    document_id: str
    original: str  # the document's original (itself unless it is a near-duplicate copy)
    published: str  # sortable publication key of the document
    type: str
    actor: str | None
    target: str | None
    place: str | None
    kind: str | None
    families: frozenset[str]
    value: float | None
    max: float | None
    qualifier: str | None
    interval: tuple[int, int] | None
    dated: bool
    attributed_to: str | None
    denied: bool
    specific: bool
    #: the people taking part, for meetings and visits ("kim jong un", "sergei shoigu")
    people: frozenset[str] = frozenset()

    @classmethod
    def of(cls, claim: Claim, published: str | None, original: str | None, rules: Rules,
           published_key: str = "") -> ClaimFeatures:
        q = claim.quantity
        loc = claim.location
        actor = (claim.actor.country if claim.actor else None) or \
            rules.country(claim.actor.id if claim.actor else None, claim.actor.name if claim.actor else None)
        target = (claim.target.country if claim.target else None) or \
            rules.country(claim.target.id if claim.target else None, claim.target.name if claim.target else None)
        if loc is not None:
            target = target or (loc.country.upper() if loc.country else rules.country(loc.id, loc.name))
        kinds = [k for k in re.split(r"\s*;\s*", q.kind)] if q and q.kind else []
        families = frozenset(f for f in (rules.family(k) for k in kinds) if f)
        interval = None
        dated = False
        if claim.date and claim.date.start:
            interval = day_interval(claim.date.start, claim.date.end)
            dated = interval is not None
        if interval is None:
            interval = day_interval(published)
        denied = claim.negated or claim.modality == "denied"
        value = q.value if q else None
        if claim.type in SYMMETRIC_TYPES:
            specific = not denied and actor is not None and target is not None
        else:
            specific = not denied and actor is not None and value is not None and len(families) == 1
        specific = specific and interval is not None
        return cls(
            claim_id=claim.id or claim.identity(), document_id=claim.document_id or "",
            original=original or claim.document_id or "", published=published_key,
            type=claim.type, actor=actor, target=target,
            place=fold(loc.id or loc.name) if loc and (loc.id or loc.name) else None,
            kind=rules.kind(kinds[0]) if len(kinds) == 1 else None, families=families,
            value=value, max=q.max if q else None, qualifier=q.qualifier if q else None,
            interval=interval, dated=dated,
            attributed_to=fold(claim.attributed_to.id or claim.attributed_to.name) if claim.attributed_to else None,
            denied=denied, specific=specific,
            people=frozenset(_person(e) for e in (claim.actor, claim.target) if _person(e))
            if claim.type in PARTICIPANT_TYPES else frozenset(),
        )

    @property
    def founder_key(self) -> tuple[str, str]:
        """Order of founding: the earliest-published claim, then the smaller id."""
        return (self.published, self.claim_id)


@dataclass
class Match:
    score: float
    why: dict[str, float]
    gap: int

    def as_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 3), "why": {k: round(v, 3) for k, v in self.why.items()}}


def gap_days(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int | None:
    return None if a is None or b is None else _gap(a, b)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def figure_range(value: float, vmax: float | None, qualifier: str | None, rules: Rules) -> tuple[float, float]:
    if vmax is not None and vmax >= value:
        return value, vmax
    if qualifier == "up_to":
        return value * (1 - rules.tolerance.get("approx", 0.1)), value
    if qualifier == "at_least":
        return value, value * (1 + rules.tolerance.get("approx", 0.1))
    tol = rules.tolerance.get("approx" if qualifier == "approx" else "exact", 0.02)
    return value * (1 - tol), value * (1 + tol)


def same_figure(a: ClaimFeatures, b: ClaimFeatures, rules: Rules) -> bool:
    """Two figures agree: their ranges (qualifier and rounding allowed for) overlap."""
    if a.value is None or b.value is None:
        return False
    lo1, hi1 = figure_range(a.value, a.max, a.qualifier, rules)
    lo2, hi2 = figure_range(b.value, b.max, b.qualifier, rules)
    return lo1 <= hi2 and lo2 <= hi1


#: types whose events are told apart by who takes part (two meetings of one week are two events)
PARTICIPANT_TYPES = frozenset({"meeting", "visit"})


def _person(e: Any) -> str:
    """A participant's folded name when it names a person: a pack person, or a personal name
    ("Roman Chekushov"); bodies and countries give ''."""
    if e is None:
        return ""
    if e.id and str(e.id).startswith("person:"):
        return str(e.id)
    if e.id and not str(e.id).startswith("person:") and ":" in str(e.id):
        return ""
    return fold(e.name) if is_personal_name(e.name) else ""


def _parties(f: ClaimFeatures) -> frozenset[str]:
    return frozenset(x for x in (f.actor, f.target) if x)


def compare(a: ClaimFeatures, b: ClaimFeatures, rules: Rules, *, strict: bool = False) -> Match | None:
    """Whether two claims can report one event, with a score and its reasons.

    ``strict`` (vague claims grouping among themselves) asks for equal parties and kinds,
    unknown equal to unknown only, so that no chain of vague claims bridges unrelated ones.
    """
    why: dict[str, float] = {}
    if a.type == b.type:
        why["type"] = 1.0
    elif frozenset((a.type, b.type)) in rules.compatible:
        why["type"] = 0.8
    else:
        return None
    if a.type in SYMMETRIC_TYPES and b.type in SYMMETRIC_TYPES:
        pa, pb = _parties(a), _parties(b)
        if strict and pa != pb:
            return None
        if len(pa) == 2 and len(pb) == 2 and pa != pb:
            return None
        if not (pa & pb) and pa and pb:
            return None
        why["parties"] = 1.0 if pa == pb and len(pa) == 2 else 0.5
    else:
        for name, x, y in (("actor", a.actor, b.actor), ("target", a.target, b.target)):
            if strict and x != y:
                return None
            if x and y and x != y:
                return None
            why[name] = 1.0 if x and x == y else 0.5
    if a.type in PARTICIPANT_TYPES or b.type in PARTICIPANT_TYPES:
        if a.people and b.people and not (a.people & b.people):
            return None  # different people: different meetings
        if (not a.dated or not b.dated) and not (a.people & b.people):
            return None  # an undated mention joins only the meeting of the same people
        if a.people & b.people:
            why["people"] = 1.0
    if strict and a.families != b.families:
        return None
    if a.families and b.families and not (a.families & b.families):
        return None
    if a.interval is None or b.interval is None:
        return None
    gap = _gap(a.interval, b.interval)
    window = rules.window(a.type, b.type)
    if gap > window:
        return None
    why["date"] = 1.0 - gap / (window + 1)
    why["place"] = 1.0 if a.place and a.place == b.place else (0.5 if not (a.place and b.place) else 0.2)
    if a.value is not None and b.value is not None and a.kind and b.kind:
        if a.kind == b.kind:
            why["quantity"] = 1.0 if same_figure(a, b, rules) else 0.4
        elif b.kind in rules.totals.get(a.kind, ()) or a.kind in rules.totals.get(b.kind, ()):
            why["quantity"] = 0.9  # a total and one of its parts
        else:
            why["quantity"] = 0.6  # sibling kinds of one family (sappers, builders)
    else:
        why["quantity"] = 0.5
    if a.attributed_to and b.attributed_to:
        why["attribution"] = 1.0 if a.attributed_to == b.attributed_to else 0.5
    score = sum(why.values()) / len(why)
    return Match(score, why, gap)
