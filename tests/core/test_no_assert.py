"""Library code checks its invariants with explicit errors: ``python -O`` strips ``assert``."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "sanctionwatch"


def test_no_bare_assert_in_src() -> None:
    found = [f"{path.relative_to(SRC.parent)}:{node.lineno}"
             for path in sorted(SRC.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
             if isinstance(node, ast.Assert)]
    assert SRC.is_dir() and not found, f"replace these with an explicit check raising from exceptions.py: {found}"
