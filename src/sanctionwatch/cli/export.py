"""`sanctionwatch export --format jsonl|csv --output FILE`"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .. import export as exporters
from ._common import app, err, handle_errors, open_store


@app.command("export")
@handle_errors
def export_cmd(
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (schema sanctionwatch.claim/1) or csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write; standard output when omitted."),
) -> None:
    """Export claims (JSON Lines exactly as shared/spec/claims-export.md, or CSV)."""
    writers = {"jsonl": exporters.write_jsonl, "csv": exporters.write_csv}
    if format not in writers:
        raise typer.BadParameter(f"unknown format {format!r}; one of {', '.join(writers)}", param_hint="--format")
    records = exporters.claim_records(open_store())
    if output is None:
        n = writers[format](records, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as fh:
            n = writers[format](records, fh)
    err.print(f"exported {n} claims" + (f" to {output}" if output else ""))
