"""docs/python-api.md is a session that runs: its examples are checked as a doctest."""
from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # ingests the sample: loads the spaCy model
def test_python_api_doc_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the session names examples/sample relative to the repository root
    for name in ("SANCTIONWATCH_DB", "SANCTIONWATCH_PACK"):
        monkeypatch.delenv(name, raising=False)
    result = doctest.testfile(str(ROOT / "docs" / "python-api.md"), module_relative=False, verbose=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, report=True)
    assert result.attempted >= 20
    assert result.failed == 0, "docs/python-api.md: see the doctest report above"
