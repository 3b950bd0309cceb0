"""The feeds registry: subscriptions and their polling state, in the ``feeds`` table.

``add_feed(store, url, name=..., interval=...)`` subscribes (adding the same URL again
updates its name and interval), ``list_feeds`` lists, ``remove_feed`` unsubscribes by URL,
name or id (its seen-items go with it).  ``schedule_success`` / ``schedule_failure``
record a poll's outcome; failures back off exponentially per feed —
``interval × 2^failures``, capped at :data:`MAX_BACKOFF` — or wait as long as the
server's ``Retry-After`` asks when that is longer.  The state lives in the database, so
a restarted watcher keeps each feed's validators and backoff.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import Table, delete, or_, select
from sqlalchemy.orm import Session

from ..exceptions import ConfigError, FeedNotFoundError
from ..model import hash_id
from ..settings import get as get_setting
from ..store import Store
from ..store.schema import AlertRow, Base, FeedItemRow, FeedRow
from .fetch import http_url

__all__ = [
    "MAX_BACKOFF",
    "Feed",
    "add_feed",
    "due_feeds",
    "ensure_tables",
    "feed_interval",
    "get_feed",
    "list_feeds",
    "remove_feed",
    "schedule_failure",
    "schedule_success",
]

MAX_BACKOFF = 6 * 3600.0  # seconds
MAX_RETRY_AFTER = 24 * 3600.0


def now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


@dataclass
class Feed:
    id: str
    url: str
    name: str | None
    interval: int | None
    etag: str | None
    last_modified: str | None
    failures: int
    next_poll_at: datetime | None
    last_polled_at: datetime | None
    last_status: str | None
    last_error: str | None
    items: int = 0

    @property
    def label(self) -> str:
        return self.name or httpx.URL(self.url).host or self.url


def _feed(row: FeedRow, items: int = 0) -> Feed:
    return Feed(row.id, row.url, row.name, row.interval, row.etag, row.last_modified, row.failures,
                _aware(row.next_poll_at), _aware(row.last_polled_at), row.last_status, row.last_error, items)


def ensure_tables(store: Store) -> None:
    """Create the watch tables where the schema migration has not made them yet."""
    tables: list[Table] = [FeedRow.__table__, FeedItemRow.__table__, AlertRow.__table__]  # type: ignore[list-item]
    Base.metadata.create_all(store.engine, tables=tables, checkfirst=True)


def add_feed(store: Store, url: str, *, name: str | None = None, interval: int | None = None) -> Feed:
    if interval is not None and interval < 1:
        raise ConfigError(f"--interval must be at least 1 second, not {interval}")
    url = http_url(url, "feed URL")
    ensure_tables(store)
    with store.session() as s:
        row = s.scalar(select(FeedRow).where(FeedRow.url == url))
        if row is None:
            row = FeedRow(id=hash_id("f", url), url=url, name=name, interval=interval, failures=0)
            s.add(row)
        else:
            row.name = name if name is not None else row.name
            row.interval = interval if interval is not None else row.interval
        s.flush()
        return _feed(row)


def _find(s: Session, ref: str) -> FeedRow:
    row = s.scalar(select(FeedRow).where(or_(FeedRow.url == ref, FeedRow.id == ref, FeedRow.name == ref)))
    if row is None:
        rows = s.scalars(select(FeedRow).where(FeedRow.id.startswith(ref))).all() if len(ref) >= 4 else []
        if len(rows) == 1:
            row = rows[0]
    if row is None:
        raise FeedNotFoundError(f"no subscribed feed {ref!r}; list them with `sanctionwatch feeds list`")
    return row


def get_feed(store: Store, ref: str) -> Feed:
    ensure_tables(store)
    with store.session() as s:
        return _feed(_find(s, ref))


def remove_feed(store: Store, ref: str) -> Feed:
    """Unsubscribe; the feed's seen-items go too (stored documents and alerts stay)."""
    ensure_tables(store)
    with store.session() as s:
        row = _find(s, ref)
        feed = _feed(row)
        s.execute(delete(FeedItemRow).where(FeedItemRow.feed_id == row.id))
        s.delete(row)
        return feed


def list_feeds(store: Store) -> list[Feed]:
    from sqlalchemy import func

    ensure_tables(store)
    with store.session() as s:
        per_feed = select(FeedItemRow.feed_id, func.count()).group_by(FeedItemRow.feed_id)
        counts = {fid: n for fid, n in s.execute(per_feed)}
        rows = s.scalars(select(FeedRow).order_by(FeedRow.added_at, FeedRow.url)).all()
        return [_feed(r, counts.get(r.id, 0)) for r in rows]


def feed_interval(feed: Feed, default: float | None = None) -> float:
    if feed.interval:
        return float(feed.interval)
    return float(default if default is not None else get_setting("watch_interval"))


def due_feeds(store: Store, at: datetime | None = None) -> list[Feed]:
    """Feeds whose next poll time has come (never-polled feeds first)."""
    at = at or now()
    return [f for f in list_feeds(store) if f.next_poll_at is None or f.next_poll_at <= at]


def backoff_seconds(interval: float, failures: int, retry_after: float | None = None) -> float:
    delay = min(interval * (2 ** min(failures, 16)), max(MAX_BACKOFF, interval))
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


def schedule_success(store: Store, feed_id: str, *, status: str, interval: float,
                     etag: str | None = None, last_modified: str | None = None) -> Feed:
    """Record a good poll: validators saved, failures cleared, next poll one interval on."""
    with store.session() as s:
        row = s.get(FeedRow, feed_id)
        if row is None:  # removed while we polled it
            raise FeedNotFoundError(f"feed {feed_id} was removed during the poll")
        moment = now()
        row.etag, row.last_modified = etag, last_modified
        row.failures = 0
        row.last_status, row.last_error = status, None
        row.last_polled_at = moment
        row.next_poll_at = moment + timedelta(seconds=interval)
        return _feed(row)


def schedule_failure(store: Store, feed_id: str, *, error: str, interval: float,
                     retry_after: float | None = None) -> Feed:
    """Record a failed poll and back off: the wait doubles with each consecutive failure."""
    with store.session() as s:
        row = s.get(FeedRow, feed_id)
        if row is None:
            raise FeedNotFoundError(f"feed {feed_id} was removed during the poll")
        moment = now()
        row.failures = (row.failures or 0) + 1
        row.last_status, row.last_error = "error", error
        row.last_polled_at = moment
        row.next_poll_at = moment + timedelta(seconds=backoff_seconds(interval, row.failures, retry_after))
        return _feed(row)
