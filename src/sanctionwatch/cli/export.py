"""`sanctionwatch export --format jsonl|csv|parquet|ftm|events-jsonl --output FILE`"""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from .. import export as exporters
from ..exceptions import ConfigError
from ._common import app, err, handle_errors, open_store


@app.command("export")
@handle_errors
def export_cmd(
    format: str = typer.Option("jsonl", "--format", "-f",
                               help="jsonl (schema sanctionwatch.claim/1), csv, "
                               "parquet (one row a claim; needs --output), "
                               "events-jsonl (one reconciled event a line) or ftm (FollowTheMoney entities)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write; standard output when omitted."),
) -> None:
    """Export claims (JSON Lines exactly as shared/spec/claims-export.md, CSV, Parquet, FtM), or events."""
    writers = {"jsonl": exporters.write_jsonl, "csv": exporters.write_csv, "events-jsonl": exporters.write_jsonl,
               "ftm": exporters.write_ftm}
    if format not in writers and format != "parquet":
        raise typer.BadParameter(f"unknown format {format!r}; one of {', '.join([*writers, 'parquet'])}",
                                 param_hint="--format")
    store = open_store()
    if format == "parquet":  # a binary file: never standard output
        if output is None:
            raise ConfigError("parquet is a binary format: give the file to write with --output claims.parquet")
        n = exporters.write_parquet(exporters.claim_records(store), output)
        err.print(f"exported {n} claims to {output}")
        return
    records = exporters.event_records(store) if format == "events-jsonl" else exporters.claim_records(store)
    if format == "ftm":  # FollowTheMoney entities for Aleph / OpenSanctions tooling
        records = exporters.ftm_records(store)
    noun = {"events-jsonl": "events", "ftm": "entities"}.get(format, "claims")
    if output is None:
        n = writers[format](records, sys.stdout)
    else:
        try:
            fh = output.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise ConfigError(f"cannot write {output}: {exc.strerror}; give a writable file with --output") from None
        with fh:
            n = writers[format](records, fh)
    err.print(f"exported {n} {noun}" + (f" to {output}" if output else ""))
