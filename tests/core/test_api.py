"""The library API: ``from sanctionwatch import Pipeline, Store, …`` with an explicit ``__all__``."""
from __future__ import annotations

import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

import sanctionwatch

ROOT = Path(__file__).resolve().parents[2]

FRESH = """
import sys, sanctionwatch
print(sorted(n for n in dir(sanctionwatch) if not n.startswith("_")))
print(sorted(m for m in sys.modules if m.startswith(("sanctionwatch.", "sqlalchemy", "spacy"))
             and m != "sanctionwatch._version"))
"""


def _fresh() -> list[str]:
    """What a newly started interpreter sees after ``import sanctionwatch``."""
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", FRESH], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    return out.stdout.splitlines()


def test_all_equals_the_public_names_and_import_stays_cheap() -> None:
    public, loaded = _fresh()
    assert public == repr(sorted(n for n in sanctionwatch.__all__ if not n.startswith("_")))
    # no stage, database or language model loaded by the import itself (the version module is one constant)
    assert loaded == "[]"


def test_the_api_names_the_pipeline_the_store_and_the_records() -> None:
    assert {"Pipeline", "Store", "Extractor", "EventBuilder", "load_pack", "Claim", "Document", "Entity",
            "EventRow", "claim_records", "event_records", "settings"} <= set(sanctionwatch.__all__)
    assert sanctionwatch.__all__ == sorted(sanctionwatch.__all__)


@pytest.mark.parametrize("name", sanctionwatch.__all__)
def test_each_name_imports_from_the_package(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from sanctionwatch import {name}", namespace)
    value = namespace[name]
    assert value is getattr(sanctionwatch, name)
    if isinstance(value, types.ModuleType):
        assert value is importlib.import_module(f"sanctionwatch.{name}")
    elif not isinstance(value, str):  # a class or function: the one its stage defines
        assert value.__module__.startswith("sanctionwatch.")


def test_an_unknown_name_says_what_the_api_is() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Pipline'.*Pipeline"):
        sanctionwatch.Pipline  # noqa: B018
