"""The feeds registry and its CLI: add, list, remove, backoff."""
from __future__ import annotations

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from sanctionwatch.cli import app
from sanctionwatch.exceptions import ConfigError
from sanctionwatch.store import Store
from sanctionwatch.watch import FeedNotFoundError, add_feed, get_feed, list_feeds, remove_feed
from sanctionwatch.watch.feeds import MAX_BACKOFF, backoff_seconds, schedule_failure, schedule_success


@pytest.fixture
def store(db_url: str) -> Store:
    return Store(db_url)


def test_add_list_remove(store: Store) -> None:
    feed = add_feed(store, "https://ledger.example/world.rss", name="ledger", interval=60)
    assert feed.id.startswith("f_") and feed.label == "ledger"
    again = add_feed(store, "https://ledger.example/world.rss", interval=120)
    assert (again.id, again.name, again.interval) == (feed.id, "ledger", 120)
    add_feed(store, "https://wire.example/atom.xml")
    assert [f.label for f in list_feeds(store)] == ["ledger", "wire.example"]
    assert get_feed(store, feed.id[:8]).url == "https://ledger.example/world.rss"
    assert remove_feed(store, "ledger").id == feed.id
    with pytest.raises(FeedNotFoundError, match="feeds list"):
        remove_feed(store, "ledger")
    assert [f.url for f in list_feeds(store)] == ["https://wire.example/atom.xml"]


@pytest.mark.parametrize("url", ["ftp://x.example/f", "not a url", "file:///etc/passwd"])
def test_add_refuses_non_http(store: Store, url: str) -> None:
    with pytest.raises(ConfigError, match="http"):
        add_feed(store, url)


def test_backoff_doubles_and_resets(store: Store) -> None:
    feed = add_feed(store, "https://ledger.example/world.rss")
    waits = []
    for _ in range(3):
        f = schedule_failure(store, feed.id, error="HTTP 500", interval=60)
        assert f.next_poll_at is not None and f.last_polled_at is not None
        waits.append(round((f.next_poll_at - f.last_polled_at).total_seconds()))
    assert waits == [120, 240, 480] and f.failures == 3 and f.last_error == "HTTP 500"
    f = schedule_success(store, feed.id, status="200 ok", interval=60, etag='"e"')
    assert (f.failures, f.last_error, f.etag) == (0, None, '"e"')
    assert f.next_poll_at - f.last_polled_at == timedelta(seconds=60)  # type: ignore[operator]


def test_backoff_is_capped_and_honours_retry_after() -> None:
    assert backoff_seconds(300, 40) == MAX_BACKOFF
    assert backoff_seconds(10, 1, retry_after=3600) == 3600
    assert backoff_seconds(10, 1, retry_after=5) == 20


def test_feeds_cli(db_url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db_url, "feeds", "add", "https://ledger.example/world.rss",
                                 "--name", "ledger", "--interval", "90"])
    assert result.exit_code == 0, result.output
    assert "subscribed ledger" in result.output
    result = runner.invoke(app, ["--db", db_url, "feeds", "list"])
    assert result.exit_code == 0 and "ledger" in result.output and "never polled" in result.output
    result = runner.invoke(app, ["--db", db_url, "feeds", "remove", "ledger"])
    assert result.exit_code == 0 and "removed ledger" in result.output
    result = runner.invoke(app, ["--db", db_url, "feeds", "remove", "ledger"])
    assert result.exit_code == 3 and "no subscribed feed" in result.output
