"""`sanctionwatch report EVENT_ID` and `sanctionwatch report --type … --actor … --since …`"""
from __future__ import annotations

from pathlib import Path

import typer

from ..export.brief import build_brief, write_brief
from ..model import CLAIM_TYPES
from ..settings import get as get_setting
from ._common import app, err, handle_errors, open_store


@app.command("report")
@handle_errors
def report_cmd(
    event_id: str | None = typer.Argument(None, help="An event id or unique prefix (see `sanctionwatch events`); "
                                          "omit it to brief every event matching the filters."),
    type: str | None = typer.Option(None, "--type", "-t", help=f"Only events of this type: {', '.join(CLAIM_TYPES)}."),
    actor: str | None = typer.Option(None, "--actor", "-a", help="Only events whose actor or target (name or id) "
                                     "contains this."),
    since: str | None = typer.Option(None, "--since", help="Only events that run on/after this ISO date."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="At most this many events in one brief."),
    format: str = typer.Option("html", "--format", "-f", help="html (one self-contained file) or pdf (printed by "
                               "the Chromium of the `chromium` setting)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: brief-EVENT.html "
                                       "or brief.html, .pdf for PDF, in the current folder)."),
) -> None:
    """Write an evidence brief: figures by source, independent sources, timeline, quotations, flagged provisions."""
    if format not in ("html", "pdf"):
        raise typer.BadParameter(f"unknown format {format!r}; one of html, pdf", param_hint="--format")
    if type and type not in CLAIM_TYPES:
        raise typer.BadParameter(f"unknown type {type!r}; one of {', '.join(CLAIM_TYPES)}", param_hint="--type")
    if event_id and (type or actor or since):
        raise typer.BadParameter("give an EVENT_ID or filters (--type, --actor, --since), not both")
    brief = build_brief(open_store(), event_id, type=type, actor=actor, since=since, limit=limit)
    if output is None:
        output = Path(f"brief-{brief.events[0]['id']}.{format}" if event_id else f"brief.{format}")
    path = write_brief(brief, output, format, get_setting("chromium"))
    n = len(brief.events)
    err.print(f"wrote a brief of {n} event{'s' if n != 1 else ''} to {path}", highlight=False)
