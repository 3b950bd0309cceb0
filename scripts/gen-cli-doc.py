"""Write docs/cli.md from the command tree (run after adding or changing a command).

A test re-generates the text and compares, so the reference never drifts from the code.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main

from sanctionwatch.cli import app
from sanctionwatch.cli._common import EXIT_CODES


def render() -> str:
    root = typer.main.get_command(app)
    out = [
        "# Command reference",
        "",
        "Generated from the code by `scripts/gen-cli-doc.py`; `sanctionwatch COMMAND --help` prints the same.",
        "Global options (every setting in [settings.md](settings.md)) go before the command:",
        "`sanctionwatch --db team.db claims`.",
        "",
    ]

    def params(cmd: Any, path: list[str]) -> None:
        ctx = cmd.context_class(cmd, info_name=" ".join(["sanctionwatch", *path]))
        out.append("```")
        out.append(" ".join(["sanctionwatch", *path, *cmd.collect_usage_pieces(ctx)]))
        for param in cmd.get_params(ctx):
            record = param.get_help_record(ctx)
            if record and "--help" not in record[0]:
                out.append(f"  {record[0]:<32} {record[1]}")
            elif param.param_type_name == "argument":
                out.append(f"  {param.human_readable_name:<32} (argument)")
        out.append("```")
        out.append("")

    def walk(cmd: Any, path: list[str]) -> None:
        out.extend([f"## `sanctionwatch {' '.join(path)}`".replace(" `", " `", 1) if path else "## Global options",
                    "", (cmd.help or "").strip(), ""])
        if hasattr(cmd, "commands"):  # a group (typer vendors its own click)
            if not path:
                params(cmd, path)
            for name in sorted(cmd.commands):
                walk(cmd.commands[name], [*path, name])
            return
        params(cmd, path)

    walk(root, [])
    out.extend(["## Exit codes", "", "Every command exits with one of:", ""])
    out.extend(f"- `{code}`: {meaning}" for code, meaning in sorted(EXIT_CODES.items()))
    out.append("")
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    target = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    text = render()
    if "--check" in sys.argv:
        return 0 if target.exists() and target.read_text(encoding="utf-8") == text else 1
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
