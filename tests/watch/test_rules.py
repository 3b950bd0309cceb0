"""Alert rules: loading with file:line errors, and matching claims (table-driven)."""
from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.model import Claim, Entity, Place, Quantity
from sanctionwatch.watch import Rule, RuleError, load_rules, parse_rules

REPO = Path(__file__).resolve().parents[2]


def test_example_rules_file_loads() -> None:
    rules = load_rules(REPO / "examples" / "alerts.yaml")
    assert rules and all(isinstance(r, Rule) for r in rules)
    assert {k for r in rules for k in r.on} == {"new_claim", "new_event", "new_figure", "conflict"}


@pytest.mark.parametrize("text, message", [
    ("rules:\n  - name: a\n    on: [new_thing]\n", r"<rules>:3: unknown alert kind 'new_thing'"),
    ("rules:\n  - name: a\n    colour: red\n", r"<rules>:3: unknown condition 'colour'"),
    ("rules:\n  - name: a\n    claim_type: parade\n", r"<rules>:3: unknown claim type 'parade'"),
    ("rules:\n  - name: a\n  - name: a\n", r"<rules>:3: rule name 'a' is used twice"),
    ("rules:\n  - on: [new_claim]\n", r"<rules>:2: rule 1 needs a `name:`"),
    ("rules:\n  - name: a\n    min_quantity: many\n", r"<rules>:3: `min_quantity` must be a number"),
    ("rules: [\n", r"<rules>:\d+: not valid YAML"),
    ("just: text\n", r"expected a top-level `rules:` list"),
])
def test_broken_rules_name_the_line(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rules(text)


def test_missing_file_says_which_flag() -> None:
    with pytest.raises(RuleError, match="--rules"):
        load_rules("/nonexistent/alerts.yaml")


def claim(**kw) -> Claim:  # type: ignore[no-untyped-def]
    base = dict(type="troop_deployment", actor=Entity("North Korea", "country:KP"),
                location=Place("Kursk Oblast", "RU", id="place:kursk-oblast"),
                quantity=Quantity(1500.0, "troops", "approx"), confidence=0.8)
    base.update(kw)
    return Claim(**base)


@pytest.mark.parametrize("conditions, c, provisions, expected", [
    ({}, claim(), None, True),
    ({"claim_type": ("troop_deployment",)}, claim(), None, True),
    ({"claim_type": ("labor_dispatch",)}, claim(), None, False),
    ({"actor": ("dprk", "north korea")}, claim(), None, True),
    ({"actor": ("country:KP",)}, claim(), None, True),
    ({"actor": ("Iran",)}, claim(), None, False),
    ({"place": ("kursk",)}, claim(), None, True),
    ({"place": ("RU",)}, claim(), None, True),
    ({"place": ("Kharkiv",)}, claim(), None, False),
    ({"place": ("Kursk",)}, claim(location=None), None, False),
    ({"min_quantity": 1000.0}, claim(), None, True),
    ({"min_quantity": 2000.0}, claim(), None, False),
    ({"min_quantity": 2000.0}, claim(quantity=Quantity(1500.0, "troops", max=2500.0)), None, True),
    ({"max_quantity": 1000.0}, claim(), None, False),
    ({"min_quantity": 1.0}, claim(quantity=None), None, False),
    ({"quantity_kind": ("troop",)}, claim(), None, True),
    ({"quantity_kind": ("workers",)}, claim(), None, False),
    ({"min_confidence": 0.9}, claim(), None, False),
    ({}, claim(negated=True), None, False),
    ({}, claim(modality="denied"), None, False),
    ({"include_negated": True}, claim(negated=True), None, True),
    ({"provision": ("2397",)}, claim(), ["UNSCR 2397 para 8"], True),
    ({"provision": ("2397",)}, claim(), ["UNSCR 2270 para 11"], False),
    ({"provision": ("2397",)}, claim(), None, False),
])
def test_rule_matches(conditions: dict, c: Claim, provisions: list[str] | None, expected: bool) -> None:  # type: ignore[type-arg]
    assert Rule(name="r", **conditions).matches(c, provisions) is expected
