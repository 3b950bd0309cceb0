"""`sanctionwatch ingest PATH...`"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ._common import EXIT_INPUTS_FAILED, app, console, err, handle_errors, open_store, safe

SHOW_SKIPPED = 20  # skipped files and records named one per line; the rest counted by reason

if TYPE_CHECKING:
    from ..pipeline import Outcome


@app.command()
@handle_errors
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .txt, .html, .jsonl, RSS/Atom .xml, .warc(.gz); "
                                       "folders are read recursively."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, only the summary."),
) -> None:
    """Read news files, extract claims and store them.

    Re-running the same ingest is a no-op: documents already stored are skipped. A bad file
    or record, or one that breaks a stage, is reported with the stage and its reason and the
    others are still ingested; the exit code is 1 when any failed, and a re-run retries
    those (`sanctionwatch documents --failed` lists them). Gzipped files (.html.gz,
    .jsonl.gz, ...) are read as their inner format.
    """
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        err.print(f"[red]error:[/red] {safe(p)}: no such file or folder", highlight=False)
    from ..pipeline import Pipeline  # imports spaCy: only when ingesting

    store = open_store()
    pipeline = Pipeline(store)
    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_record(o: Outcome) -> None:
            progress.update(task, advance=1, description=f"ingesting {safe(o.source[-50:])}")
            if o.status == "failed":
                progress.console.print(f"[red]failed[/red] ({safe(o.stage)}) {safe(o.source)}: {safe(o.reason)}",
                                       highlight=False)
            for warning in o.warnings:
                progress.console.print(f"[yellow]warning:[/yellow] {safe(o.source)}: {safe(warning)}", highlight=False)

        report = pipeline.ingest([str(p) for p in paths if p.exists()], on_record=on_record)
    table = Table(title="ingest", show_header=True, header_style="bold")
    table.add_column("format")
    table.add_column("stored", justify="right")
    for fmt, n in sorted(report.by_format.items()):
        table.add_row(safe(fmt), str(n))
    table.add_row("[bold]total[/bold]", f"[bold]{report.stored}[/bold]")
    console.print(table)
    console.print(
        f"{report.stored} documents stored ({report.duplicates} near-duplicates), {report.claims} claims; "
        f"{report.already_stored} already stored, {len(report.skipped)} skipped, {len(report.failed)} failed"
    )
    not_analysed = [o for o in report.outcomes if o.status == "stored" and o.reason]
    for o in not_analysed:
        console.print(f"[yellow]{safe(o.reason)}[/yellow]: {safe(o.source)}", highlight=False)
    for o in report.skipped[:SHOW_SKIPPED]:
        err.print(f"[dim]skipped[/dim] {safe(o.source)}: {safe(o.reason)}", highlight=False)
    if len(report.skipped) > SHOW_SKIPPED:
        rest = Counter(o.reason or "" for o in report.skipped[SHOW_SKIPPED:])
        err.print(f"[dim]skipped {len(report.skipped) - SHOW_SKIPPED} more:[/dim] "
                  + "; ".join(f"{n} {safe(why)}" for why, n in rest.most_common(5)), highlight=False)
    if report.failed:
        err.print(f"[red]{len(report.failed)} failed:[/red]")
        for o in report.failed:
            err.print(f"  {safe(o.source)} ({safe(o.stage)}): {safe(o.reason)}", highlight=False)
        err.print("re-run the same command to retry them; `sanctionwatch documents --failed` lists them")
    nonempty = [p for p in paths if p.is_dir() and any(f.is_file() for f in p.rglob("*"))]
    if not report.stored and not report.already_stored and nonempty:
        err.print(f"[yellow]warning:[/yellow] 0 documents stored from {', '.join(safe(p) for p in nonempty)}: "
                  "nothing in it was read as a document (see the skipped and failed files above)", highlight=False)
    if report.failed or missing:
        raise typer.Exit(EXIT_INPUTS_FAILED)
