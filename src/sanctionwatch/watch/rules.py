"""Alert rules: which new claims and event changes a monitor wants to hear about.

A rules file is YAML (see ``examples/alerts.yaml``)::

    rules:
      - name: troops-abroad                 # required, unique; names the alert
        on: [new_event, new_figure, conflict]   # default: [new_claim]
        claim_type: troop_deployment        # one or a list (model.CLAIM_TYPES)
        actor: [DPRK, North Korea]          # substring of actor name or id, any case
        place: Kursk                        # substring of place name, country or id
        quantity_kind: troops               # substring of the quantity kind
        min_quantity: 1000                  # the figure (or its upper bound) is at least this
        provision: "2397"                   # substring of a provision the event is flagged for
        min_confidence: 0.5
        include_negated: false              # denials and negated claims are left out by default

Kinds (``on``): ``new_claim`` — a stored claim matches; ``new_event`` — the claim starts
an event no earlier document reported; ``new_figure`` — the claim adds a figure
(quantity kind and value) that the event's earlier documents did not report;
``conflict`` — the event's figures now conflict.  Every listed condition must hold
(and); a list inside one condition matches any of its values (or).

A broken file fails when loaded, naming the file and line (:class:`RuleError`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import RuleError
from ..model import CLAIM_TYPES, Claim
from ..packs import _LineLoader, line_of

__all__ = ["KINDS", "Rule", "load_rules", "parse_rules"]

KINDS = ("new_claim", "new_event", "new_figure", "conflict")
_LIST_FIELDS = ("claim_type", "actor", "place", "quantity_kind", "provision")
_FIELDS = {"name", "on", "min_quantity", "max_quantity", "min_confidence", "include_negated", *_LIST_FIELDS}


@dataclass
class Rule:
    name: str
    on: tuple[str, ...] = ("new_claim",)
    claim_type: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    quantity_kind: tuple[str, ...] = ()
    provision: tuple[str, ...] = ()
    min_quantity: float | None = None
    max_quantity: float | None = None
    min_confidence: float = 0.0
    include_negated: bool = False
    line: int | None = field(default=None, compare=False)

    def matches(self, claim: Claim, provisions: list[str] | None = None) -> bool:
        """Whether ``claim`` passes every condition; ``provisions`` are its event's flags."""
        if self.claim_type and claim.type not in self.claim_type:
            return False
        if (claim.negated or claim.modality == "denied") and not self.include_negated:
            return False
        if claim.confidence < self.min_confidence:
            return False
        if self.actor and not _any_in(self.actor, claim.actor.name if claim.actor else None,
                                      claim.actor.id if claim.actor else None):
            return False
        if self.place:
            loc = claim.location
            if not _any_in(self.place, *((loc.name, loc.country, loc.id) if loc else ())):
                return False
        q = claim.quantity
        if self.quantity_kind and not _any_in(self.quantity_kind, q.kind if q else None):
            return False
        if self.min_quantity is not None or self.max_quantity is not None:
            if q is None or q.value is None:
                return False
            top = q.max if q.max is not None else q.value
            if self.min_quantity is not None and top < self.min_quantity:
                return False
            if self.max_quantity is not None and q.value > self.max_quantity:
                return False
        if self.provision and not _any_in(self.provision, *(provisions or [])):
            return False
        return True


def _any_in(needles: tuple[str, ...], *haystacks: str | None) -> bool:
    values = [h.lower() for h in haystacks if h]
    return any(n.lower() in v for n in needles for v in values)


def load_rules(path: str | Path) -> list[Rule]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"{path}: cannot read rules file ({exc.strerror or exc}); check --rules") from None
    return parse_rules(text, str(path))


def parse_rules(text: str, source: str = "<rules>") -> list[Rule]:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise RuleError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        return []
    if isinstance(data, list):
        entries, parent = data, None
    elif isinstance(data, dict) and isinstance(data.get("rules"), list):
        entries, parent = data["rules"], data
    else:
        raise RuleError(f"{source}: expected a top-level `rules:` list of rules")
    rules: list[Rule] = []
    names: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{source}:{line_of(entry) or line_of(parent, 'rules') or '?'}"
        if not isinstance(entry, dict):
            raise RuleError(f"{where}: rule {number} must be a mapping of conditions")
        rule = _rule(entry, where, number, source)
        if rule.name in names:
            raise RuleError(f"{where}: rule name {rule.name!r} is used twice; names identify alerts")
        names.add(rule.name)
        rules.append(rule)
    return rules


def _rule(entry: dict[Any, Any], where: str, number: int, source: str) -> Rule:
    def at(key: str) -> str:
        line = line_of(entry, key)
        return f"{source}:{line}" if line else where

    if True in entry and "on" not in entry:  # YAML 1.1 reads a bare `on:` key as true
        entry["on"] = entry.pop(True)
    unknown = sorted((str(k) for k in set(entry) - _FIELDS), key=str)
    if unknown:
        raise RuleError(f"{at(unknown[0])}: unknown condition {unknown[0]!r}; known: {', '.join(sorted(_FIELDS))}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuleError(f"{where}: rule {number} needs a `name:`")
    values: dict[str, Any] = {"name": name.strip(), "line": line_of(entry)}
    for key in ("on", *_LIST_FIELDS):
        if key not in entry or entry[key] is None:
            continue
        raw = entry[key]
        items = raw if isinstance(raw, list) else [raw]
        if not items or not all(isinstance(i, (str, int, float)) and str(i).strip() for i in items):
            raise RuleError(f"{at(key)}: `{key}` must be a string or a list of strings")
        values[key] = tuple(str(i).strip() for i in items)
    for kind in values.get("on", ()):
        if kind not in KINDS:
            raise RuleError(f"{at('on')}: unknown alert kind {kind!r}; use one of {', '.join(KINDS)}")
    for claim_type in values.get("claim_type", ()):
        if claim_type not in CLAIM_TYPES:
            raise RuleError(f"{at('claim_type')}: unknown claim type {claim_type!r}; "
                            f"use one of {', '.join(CLAIM_TYPES)}")
    for key in ("min_quantity", "max_quantity", "min_confidence"):
        if key in entry and entry[key] is not None:
            if isinstance(entry[key], bool) or not isinstance(entry[key], (int, float)):
                raise RuleError(f"{at(key)}: `{key}` must be a number, not {entry[key]!r}")
            values[key] = float(entry[key])
    if "include_negated" in entry:
        if not isinstance(entry["include_negated"], bool):
            raise RuleError(f"{at('include_negated')}: `include_negated` must be true or false")
        values["include_negated"] = entry["include_negated"]
    return Rule(**values)
