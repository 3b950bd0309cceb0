"""Docs tests: every command and setting is documented, and the references are current."""
from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

from sanctionwatch.settings import SETTINGS

REPO = Path(__file__).resolve().parents[2]


def test_every_setting_is_in_settings_md() -> None:
    text = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    for s in SETTINGS.values():
        assert f"`{s.env}`" in text, f"{s.name} is missing from docs/settings.md; run scripts/gen-settings-doc.py"
        assert s.help in text, f"docs/settings.md has an old description of {s.name}; run scripts/gen-settings-doc.py"


def test_cli_reference_is_current() -> None:
    gen = runpy.run_path(str(REPO / "scripts" / "gen-cli-doc.py"), run_name="docs")
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert gen["render"]() == current, "docs/cli.md is out of date; run scripts/gen-cli-doc.py"


def test_every_command_has_help_text() -> None:
    import typer.main

    from sanctionwatch.cli import app

    def walk(cmd, path):  # type: ignore[no-untyped-def]
        assert (cmd.help or "").strip(), f"`sanctionwatch {' '.join(path)}` has no help text"
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])


def test_readme_names_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_help_runs_without_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "sanctionwatch", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "ingest" in result.stdout and "export" in result.stdout
