"""`sanctionwatch watch`: poll the subscribed feeds and print alerts as they fire."""
from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import typer
from rich.markup import escape

from ..exceptions import ConfigError
from ..settings import get as get_setting
from ..watch import CallbackSink, Fetcher, JsonlSink, Sink, WatchEvent, WebhookSink, load_rules, run
from ._common import app, console, err, handle_errors, open_store, short


def _render_alert(payload: dict[str, Any]) -> None:
    doc = payload.get("document") or {}
    rule = escape(f"[{payload.get('rule')}]")
    console.print(f"[bold magenta]ALERT[/bold magenta] {rule} "
                  f"{escape(str(payload.get('message')))}",
                  highlight=False)
    for ev in payload.get("evidence") or []:
        console.print(f"    “{escape(str(ev.get('text')))}”", highlight=False)
    source = " · ".join(str(x) for x in (doc.get("outlet"), doc.get("published"), doc.get("url")) if x)
    console.print(f"    [dim]{escape(source)}  {payload.get('id')}[/dim]", highlight=False)


def _progress(quiet: bool) -> Any:
    def on_event(event: WatchEvent) -> None:
        if event.kind == "feed" and event.report is not None:
            r = event.report
            label = escape(r.feed.label)
            if r.status == "error":
                err.print(f"[red]{label}: {escape(r.error or '')}[/red] (failure {r.feed.failures}, "
                          f"next try {r.next_poll_at:%H:%M:%S} UTC)", highlight=False)
            elif not quiet:
                detail = (f"{r.items} items, {r.new} new, {r.stored} stored, {r.duplicates} copies, "
                          f"{len(r.alerts)} alerts"
                          if r.status != "not modified" else "not modified")
                console.print(f"[dim]{label}: {detail}[/dim]", highlight=False)
        elif event.kind == "item" and event.item is not None and not quiet:
            i = event.item
            if i.get("status") == "failed":
                err.print(f"[yellow]  failed[/yellow] {escape(str(i.get('source')))}: {escape(str(i.get('reason')))}",
                          highlight=False)
            else:
                copy = f" copy of {short(i.get('duplicate_of'))}" if i.get("duplicate_of") else ""
                console.print(f"[dim]  {i.get('status')} {short(i.get('document_id'))}{copy} "
                              f"{i.get('claims', 0)} claims: {escape(str(i.get('title') or i.get('url') or ''))}[/dim]",
                              highlight=False)
        elif event.kind == "delivery" and event.delivery is not None and not event.delivery.ok:
            d = event.delivery
            err.print(f"[yellow]alert {d.alert_id} not delivered to {escape(d.sink)}: {escape(d.error or '')}; "
                      "will retry[/yellow]", highlight=False)

    return on_event


@app.command()
@handle_errors
def watch(
    once: bool = typer.Option(False, "--once", help="Poll every feed once, deliver alerts, and exit."),
    interval: float | None = typer.Option(None, "--interval", "-i",
                                          help="Seconds between polls of feeds without their own interval "
                                               "[default: the watch_interval setting, 300]."),
    rules: Path | None = typer.Option(None, "--rules", "-r", help="Alert rules (YAML); see examples/alerts.yaml."),
    alerts_jsonl: Path | None = typer.Option(None, "--alerts-jsonl", help="Append each alert to this JSON Lines file."),
    webhook: str | None = typer.Option(None, "--webhook", help="POST each alert as JSON to this URL (retried)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only alerts and errors, no per-feed lines."),
) -> None:
    """Poll the subscribed feeds, process new items, and alert on matching claims.

    Runs until Ctrl-C (the current item finishes; nothing is half-written), then prints
    a summary. Restarting resumes: seen items are skipped, undelivered alerts are retried.
    """
    if interval is not None and interval <= 0:
        raise ConfigError(f"--interval must be more than 0 seconds, not {interval:g}")
    rule_list = load_rules(rules) if rules else []
    store = open_store()
    fetcher = Fetcher()
    sinks: list[Sink] = [CallbackSink(_render_alert)]
    if alerts_jsonl:
        sinks.append(JsonlSink(alerts_jsonl))
    if webhook:
        sinks.append(WebhookSink(webhook, fetcher))
    if not rule_list:
        err.print("[yellow]no --rules given: feeds are processed but no alerts fire[/yellow]")
    stop = threading.Event()

    def on_sigint(_signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second Ctrl-C: stop now
        err.print("[yellow]stopping after the current item… (Ctrl-C again to abort)[/yellow]")
        stop.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    if not once:
        every = f"{interval:g}s" if interval else f"{get_setting('watch_interval')}s"
        console.print(f"watching feeds (every {every} unless a feed sets its own interval); Ctrl-C to stop",
                      highlight=False)
    try:
        summary = run(store, rules=rule_list, sinks=sinks, fetcher=fetcher, interval=interval, once=once,
                      stop_event=stop, on_event=_progress(quiet))
    finally:
        signal.signal(signal.SIGINT, previous)
        fetcher.close()
    console.print(
        f"{summary.rounds} rounds, {summary.polls} polls "
        f"({summary.not_modified} not modified, {summary.errors} errors); "
        f"{summary.new_items} new items, {summary.stored} stored, {summary.duplicates} near-duplicate copies; "
        f"{summary.alerts} alerts"
        + (f", {summary.delivery_failures} delivery failures" if summary.delivery_failures else ""),
        highlight=False,
    )
