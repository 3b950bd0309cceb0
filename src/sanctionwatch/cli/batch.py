"""`sanctionwatch batch PATH... [--scheduler tcp://host:8786] [--output-parquet DIR]`"""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..batch import ShardResult, run_batch
from ..settings import get as get_setting
from ._common import EXIT_INPUTS_FAILED, app, console, err, handle_errors, safe


@app.command()
@handle_errors
def batch(
    paths: list[Path] = typer.Argument(...,
                                       help="Shards or folders of shards: .warc(.gz), .jsonl, .txt, .html, feeds."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Address of an existing Dask scheduler "
                                         "(tcp://host:8786); default: a local cluster on this machine."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1,
                                       help="Worker processes of the local cluster (default: one per core)."),
    output_parquet: Path | None = typer.Option(None, "--output-parquet", help="Write one Parquet file per shard "
                                               "into this folder instead of writing to the database (--db)."),
    json_report: bool = typer.Option(False, "--json", help="Print the final report as one JSON object."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, only the report."),
) -> None:
    """Process many shards on a Dask cluster: screen, extract, store; resumable by shard.

    Each shard is one task. Records are screened for the pack's terms before any HTML
    extraction or NLP. A finished shard is skipped when the batch runs again, so re-run a
    killed batch to resume it. Writes to the database (--db, e.g. postgresql://...) or, with
    --output-parquet, one Parquet file per shard. Exit code 1 when a shard or record failed.
    """
    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TextColumn("{task.fields[stats]}"), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("starting the cluster", total=None, stats="")
        totals = {"seen": 0, "documents": 0, "claims": 0}

        def on_start(address: str, total: int) -> None:
            progress.update(task, total=total, description=f"batch on {address}")

        def on_shard(result: ShardResult, finished: int, total: int) -> None:
            for key in totals:
                totals[key] += getattr(result, key) if result.status == "done" else 0
            progress.update(task, completed=finished, stats=(
                f"{totals['seen']} records, {totals['documents']} documents, {totals['claims']} claims"))
            if result.status == "failed":
                progress.console.print(f"[red]failed[/red] {safe(result.shard)}: {safe(result.error)}", highlight=False)

        report = run_batch(
            [str(p) for p in paths], db=None if output_parquet else get_setting("db"),
            parquet_dir=str(output_parquet) if output_parquet else None, scheduler=scheduler, workers=workers,
            pack=get_setting("pack"), on_shard=on_shard, on_start=on_start)
    if json_report:
        console.print_json(json.dumps(report.as_dict()))
    else:
        table = Table(title="batch", show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        for label, value in [
            ("shards processed", len(report.done)), ("shards skipped (finished earlier)", len(report.skipped)),
            ("shards failed", len(report.failed_shards)), ("records seen", report.seen),
            ("screened out", report.screened_out), ("documents stored", report.documents),
            ("already stored", report.already_stored), ("claims", report.claims),
            ("records failed", report.failed_records),
        ]:
            table.add_row(label, str(value))
        console.print(table)
        for reason, n in report.reasons.most_common(5):
            console.print(f"  screened out {n}: {safe(reason)}", highlight=False)
        if report.failures:
            err.print(f"[red]{len(report.failures)} failures:[/red]")
            for source, reason in report.failures[:50]:
                err.print(f"  {safe(source)}: {safe(reason)}", highlight=False)
    if report.failures:
        raise typer.Exit(EXIT_INPUTS_FAILED)
