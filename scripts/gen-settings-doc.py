"""Write docs/settings.md from the settings table (run after adding a setting)."""
from __future__ import annotations

from pathlib import Path

from sanctionwatch.settings import SETTINGS

lines = [
    "# Settings",
    "",
    "Every setting is a global flag (`sanctionwatch --db x.db ingest ...`), an environment",
    "variable, and has a default. A flag wins over the variable, the variable over the default.",
    "This page is generated from `src/sanctionwatch/settings.py` by `scripts/gen-settings-doc.py`.",
    "",
    "| setting | flag | environment variable | default | what it does |",
    "|---|---|---|---|---|",
]
for s in SETTINGS.values():
    lines.append(f"| `{s.name}` | `--{s.name.replace('_', '-')}` | `{s.env}` | `{s.default}` | {s.help} |")
target = Path(__file__).resolve().parents[1].joinpath("docs", "settings.md")
target.write_text("\n".join(lines) + "\n", encoding="utf-8")
