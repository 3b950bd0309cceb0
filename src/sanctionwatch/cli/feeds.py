"""`sanctionwatch feeds add|list|remove`: the feeds `watch` polls."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import typer
from rich.table import Table

from ..watch import add_feed, list_feeds, remove_feed
from ._common import app, console, handle_errors, open_store

feeds_app = typer.Typer(help="Subscribe to RSS/Atom feeds for `sanctionwatch watch`.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


@feeds_app.command("add")
@handle_errors
def add(
    url: str = typer.Argument(..., help="The feed's http(s) URL."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="A short name to show and to remove it by."),
    interval: Optional[int] = typer.Option(None, "--interval", "-i",
                                           help="Seconds between polls of this feed (default: the watch interval)."),
) -> None:
    """Subscribe to a feed (adding it again updates its name and interval)."""
    store = open_store()
    feed = add_feed(store, url, name=name, interval=interval)
    console.print(f"subscribed {feed.label} [dim]{feed.id}[/dim] {feed.url}", highlight=False)


@feeds_app.command("list")
@handle_errors
def list_() -> None:
    """List subscribed feeds with their last poll, errors and next poll."""
    feeds = list_feeds(open_store())
    if not feeds:
        console.print("no feeds; add one with `sanctionwatch feeds add URL`")
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("name", "url", "every", "items", "last status", "failures", "next poll (UTC)"):
        table.add_column(column)
    for f in feeds:
        status = f.last_status or "never polled"
        if f.last_error:
            status = f"[red]{f.last_error[:60]}[/red]"
        table.add_row(f.label, f.url, f"{f.interval}s" if f.interval else "default", str(f.items), status,
                      str(f.failures), _when(f.next_poll_at))
    console.print(table)


@feeds_app.command("remove")
@handle_errors
def remove(ref: str = typer.Argument(..., help="The feed's URL, name or id.")) -> None:
    """Unsubscribe from a feed (documents and alerts already stored stay)."""
    feed = remove_feed(open_store(), ref)
    console.print(f"removed {feed.label} {feed.url}", highlight=False)
