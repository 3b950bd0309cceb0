"""`sanctionwatch feeds add|list|remove`: the feeds `watch` polls."""
from __future__ import annotations

from datetime import datetime

import typer

from ..watch import add_feed, list_feeds, remove_feed
from ._common import app, console, handle_errors, open_store
from ._table import Col, emit, format_option, limit_option, sort_option, wide_option

feeds_app = typer.Typer(help="Subscribe to RSS/Atom feeds for `sanctionwatch watch`.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


@feeds_app.command("add")
@handle_errors
def add(
    url: str = typer.Argument(..., help="The feed's http(s) URL."),
    name: str | None = typer.Option(None, "--name", "-n", help="A short name to show and to remove it by."),
    interval: int | None = typer.Option(None, "--interval", "-i",
                                        help="Seconds between polls of this feed (default: the watch interval)."),
) -> None:
    """Subscribe to a feed (adding it again updates its name and interval)."""
    store = open_store()
    feed = add_feed(store, url, name=name, interval=interval)
    console.print(f"subscribed {feed.label} [dim]{feed.id}[/dim] {feed.url}", highlight=False)


COLUMNS = [
    Col("name", "name", 1, min=8, max=24),
    Col("status", "last status", 1, min=12, max=40),
    Col("next_poll", "next poll (UTC)", 2, min=16, max=19),
    Col("url", "url", 3, min=16, max=60),
    Col("items", "items", 4, min=5, max=6, justify="right"),
    Col("failures", "failures", 5, min=5, max=8, justify="right"),
    Col("every", "every", 6, min=5, max=8),
    Col("id", "id", 7, min=10, max=20),
]


@feeds_app.command("list")
@handle_errors
def list_(
    limit: int | None = limit_option("feeds"),
    sort: str | None = sort_option([c.key for c in COLUMNS]),
    format: str = format_option(),
    wide: bool = wide_option(),
) -> None:
    """List subscribed feeds with their last poll, errors and next poll."""
    feeds = list_feeds(open_store())
    if not feeds and format == "table":
        console.print("no feeds; add one with `sanctionwatch feeds add URL`")
        return
    rows = [{"name": f.label, "url": f.url, "every": f"{f.interval}s" if f.interval else "default", "items": f.items,
             "status": (f"error: {f.last_error}" if f.last_error else (f.last_status or "never polled")),
             "failures": f.failures, "next_poll": _when(f.next_poll_at), "id": f.id} for f in feeds]
    emit(console, rows, COLUMNS, format=format, wide=wide, limit=limit, sort=sort, noun="feeds")


@feeds_app.command("remove")
@handle_errors
def remove(ref: str = typer.Argument(..., help="The feed's URL, name or id.")) -> None:
    """Unsubscribe from a feed (documents and alerts already stored stay)."""
    feed = remove_feed(open_store(), ref)
    console.print(f"removed {feed.label} {feed.url}", highlight=False)
