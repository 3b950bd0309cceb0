"""The package type-checks: ``mypy src/sanctionwatch`` (config: ``[tool.mypy]`` in pyproject.toml) is clean.

House style says "type hints throughout, mypy in CI"; this keeps it so.  The whole package is
checked, every stage included.  Skipped only where mypy is not installed.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed (pip install mypy)")
def test_package_type_checks() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "src/sanctionwatch"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"mypy src/sanctionwatch found errors:\n{result.stdout}{result.stderr}"
