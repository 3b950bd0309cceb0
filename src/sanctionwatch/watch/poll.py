"""The poller: fetch due feeds, run new items through the pipeline, raise alerts.

One poll of one feed (:meth:`Watcher.poll_feed`):

1. conditional GET with the feed's saved ``ETag``/``Last-Modified``; 304 → nothing to do;
2. parse with the RSS/Atom reader (:func:`sanctionwatch.ingest.feed.read_feed`, which
   refuses entity declarations before feedparser sees them);
3. for each item not in ``feed_items``: when its text is short (a summary, not the
   article), fetch the linked page and read it with the HTML reader
   (:func:`sanctionwatch.ingest.html.read_html`), keeping the feed text if that fails;
   run it through the pipeline (``process_raw``: clean, near-duplicates, extraction,
   storage, events); evaluate the alert rules; then, in one transaction, record the
   alerts and mark the item seen;
4. save the validators and schedule the next poll — only now, so a run stopped in
   step 3 fetches the full feed again and processes the items it had not reached.

A failure (HTTP error, timeout, oversized or broken feed, unsafe host) is recorded on
the feed and backs it off (see :mod:`.feeds`); the other feeds go on.  Pending alerts
are delivered after each feed.  The library reports through ``on_event`` callbacks and
never prints.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import httpx
from sqlalchemy import select

from ..exceptions import FetchError, InputError
from ..model import RawDocument, hash_id
from ..settings import get as get_setting
from ..store import Store
from ..store.schema import FeedItemRow
from .alerts import Alert, Delivery, deliver_pending, evaluate
from .alerts import record as record_alerts
from .feeds import (
    Feed,
    due_feeds,
    feed_interval,
    list_feeds,
    now,
    schedule_failure,
    schedule_success,
)
from .fetch import Fetcher
from .rules import Rule
from .sinks import Sink

__all__ = ["FeedReport", "Processor", "WatchEvent", "Watcher"]

FULL_TEXT_WORDS = 60  # a feed item with fewer words is a summary: fetch the article page
ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


class Processor(Protocol):
    def process_raw(self, raw: RawDocument) -> Any: ...  # -> pipeline.Outcome


@dataclass
class FeedReport:
    """What one poll of one feed did."""

    feed: Feed
    status: str  # fetched | not modified | error
    items: int = 0  # items in the feed body
    new: int = 0  # items processed this poll
    stored: int = 0
    duplicates: int = 0  # near-duplicate copies (no alerts)
    failed: int = 0
    alerts: list[Alert] = field(default_factory=list)
    error: str | None = None
    next_poll_at: datetime | None = None


@dataclass
class WatchEvent:
    """A progress note for the caller: ``kind`` is item | feed | delivery."""

    kind: str
    feed: Feed | None = None
    report: FeedReport | None = None
    item: dict[str, Any] | None = None
    delivery: Delivery | None = None


class Watcher:
    def __init__(self, store: Store, processor: Processor, *, rules: Sequence[Rule] = (),
                 sinks: Sequence[Sink] = (), fetcher: Fetcher | None = None,
                 interval: float | None = None, full_text_words: int = FULL_TEXT_WORDS,
                 on_event: Callable[[WatchEvent], None] | None = None) -> None:
        self.store = store
        self.processor = processor
        self.rules = list(rules)
        self.sinks = list(sinks)
        self.fetcher = fetcher or Fetcher()
        self.interval = interval
        self.full_text_words = full_text_words
        self.on_event = on_event or (lambda event: None)

    # -- scheduling --------------------------------------------------------------------
    def poll_due(self, stop: threading.Event | None = None, *, force: bool = False) -> list[FeedReport]:
        """Poll every feed whose time has come (every feed with ``force``)."""
        feeds = list_feeds(self.store) if force else due_feeds(self.store)
        reports = []
        for feed in feeds:
            if stop is not None and stop.is_set():
                break
            reports.append(self.poll_feed(feed, stop))
            self.deliver()
        return reports

    def next_due_in(self) -> float:
        """Seconds until the next feed is due (0 when one is due now)."""
        feeds = list_feeds(self.store)
        if not feeds:
            return feed_interval_default(self.interval)
        moments = [f.next_poll_at for f in feeds]
        if any(m is None for m in moments):
            return 0.0
        soonest = min(m for m in moments if m is not None)
        return max(0.0, (soonest - now()).total_seconds())

    def deliver(self) -> list[Delivery]:
        deliveries = deliver_pending(self.store, self.sinks)
        for d in deliveries:
            self.on_event(WatchEvent("delivery", delivery=d))
        return deliveries

    # -- one feed ----------------------------------------------------------------------
    def poll_feed(self, feed: Feed, stop: threading.Event | None = None) -> FeedReport:
        interval = feed_interval(feed, self.interval)
        try:
            fetched = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        except FetchError as exc:
            return self._failed(feed, exc.reason, interval, exc.retry_after)
        if fetched.not_modified:
            updated = schedule_success(self.store, feed.id, status="304 not modified", interval=interval,
                                       etag=fetched.etag, last_modified=fetched.last_modified)
            return self._done(FeedReport(updated, "not modified", next_poll_at=updated.next_poll_at))
        records = list(_read_feed(fetched.body, feed))
        broken = [r for r in records if isinstance(r, InputError) and r.source == feed.label]
        if broken:
            return self._failed(feed, broken[0].reason, interval)
        report = FeedReport(feed, "fetched", items=len(records))
        feed_info = {"id": feed.id, "url": feed.url, "name": feed.name}
        for record in records:
            if stop is not None and stop.is_set():
                report.status = "stopped"
                return self._done(report)  # validators not saved: the next run sees these items again
            if isinstance(record, InputError):
                report.failed += 1
                self.on_event(WatchEvent("item", feed, item={"source": record.source, "status": "failed",
                                                             "reason": record.reason}))
                continue
            try:
                self._process_item(feed, record, report, feed_info)
            except Exception as exc:  # one item's bug must not stop the feed; it is retried next poll
                report.failed += 1
                self.on_event(WatchEvent("item", feed, item={"source": record.source, "status": "failed",
                                                             "reason": f"{type(exc).__name__}: {exc}",
                                                             "url": record.url}))
        updated = schedule_success(self.store, feed.id, status=f"{fetched.status} ok", interval=interval,
                                   etag=fetched.etag, last_modified=fetched.last_modified)
        report.feed, report.next_poll_at = updated, updated.next_poll_at
        return self._done(report)

    def _process_item(self, feed: Feed, raw: RawDocument, report: FeedReport, feed_info: dict[str, Any]) -> None:
        key = raw.url or hash_id("k", raw.title, raw.text)
        item_id = hash_id("i", feed.id, key)
        with self.store.session() as s:
            if s.get(FeedItemRow, item_id) is not None:
                return
        report.new += 1
        raw = self._full_text(raw)
        if not raw.language:
            from ..ingest import detect_language

            raw.language = detect_language(raw.text)
        try:
            outcome = self.processor.process_raw(raw)
        except Exception as exc:  # one bad item must not stop the feed; it is retried next poll
            report.failed += 1
            self.on_event(WatchEvent("item", feed, item={"source": raw.source, "status": "failed",
                                                         "reason": f"{type(exc).__name__}: {exc}", "url": raw.url}))
            return
        document_id = getattr(outcome, "document_id", None)
        status = str(getattr(outcome, "status", "stored"))
        duplicate_of = getattr(outcome, "duplicate_of", None)
        with self.store.session() as s:
            fresh: list[Alert] = []
            if document_id and not duplicate_of and self._alertable(s, status, document_id):
                fresh = record_alerts(s, evaluate(s, document_id, self.rules, feed=feed_info))
            s.add(FeedItemRow(id=item_id, feed_id=feed.id, key=key, url=raw.url, document_id=document_id,
                              status=status, reason=getattr(outcome, "reason", None)))
        report.stored += status == "stored"
        report.duplicates += bool(duplicate_of)
        report.failed += status == "failed"
        report.alerts.extend(fresh)
        self.on_event(WatchEvent("item", feed, item={
            "source": raw.source, "status": status, "url": raw.url, "title": raw.title,
            "document_id": document_id, "duplicate_of": duplicate_of, "claims": getattr(outcome, "claims", 0),
            "alerts": len(fresh), "reason": getattr(outcome, "reason", None)}))

    @staticmethod
    def _alertable(s: Any, status: str, document_id: str) -> bool:
        """Stored now, or stored by a run that stopped before recording its feed item."""
        if status == "stored":
            return True
        if status != "already stored":
            return False
        seen = s.scalar(select(FeedItemRow.id).where(FeedItemRow.document_id == document_id).limit(1))
        return seen is None

    def _full_text(self, raw: RawDocument) -> RawDocument:
        """The article page's text when the feed item carries only a summary."""
        if not raw.url or len(raw.text.split()) >= self.full_text_words:
            return raw
        try:
            fetched = self.fetcher.get(raw.url, accept=ACCEPT_HTML)
            from ..ingest.html import read_html

            page = read_html(fetched.body, raw.url, f"{raw.source} page", url=fetched.url, charset=fetched.charset)
        except Exception:  # any failure of the page (fetch, reader bug): the summary is still worth processing
            return raw
        if len(page.text.split()) <= len(raw.text.split()):
            return raw
        page.source = f"{raw.source} (page {raw.url})"
        page.path = raw.path
        page.url = raw.url if not page.url or not _same_site(page.url, raw.url) else page.url
        page.title = page.title or raw.title
        page.outlet = raw.outlet or page.outlet
        page.byline = page.byline or raw.byline
        page.published = raw.published or page.published
        page.language = page.language or raw.language
        return page

    # -- reporting ---------------------------------------------------------------------
    def _failed(self, feed: Feed, reason: str, interval: float, retry_after: float | None = None) -> FeedReport:
        updated = schedule_failure(self.store, feed.id, error=reason, interval=interval, retry_after=retry_after)
        return self._done(FeedReport(updated, "error", error=reason, next_poll_at=updated.next_poll_at))

    def _done(self, report: FeedReport) -> FeedReport:
        self.on_event(WatchEvent("feed", report.feed, report=report))
        return report


def feed_interval_default(interval: float | None) -> float:
    return float(interval if interval is not None else get_setting("watch_interval"))


def _same_site(a: str, b: str) -> bool:
    try:
        return httpx.URL(a).host == httpx.URL(b).host
    except httpx.InvalidURL:
        return False


def _read_feed(body: bytes, feed: Feed) -> list[RawDocument | InputError]:
    """Records of a feed body, through the ingest stage's RSS/Atom reader."""
    from ..ingest.feed import read_feed

    out: list[RawDocument | InputError] = []
    try:
        out.extend(read_feed(body, feed.url, feed.label))
    except RecursionError:
        out.append(InputError(feed.label, "feed nested too deeply to parse"))
    except Exception as exc:  # a reader bug must not end the watch
        out.append(InputError(feed.label, f"feed could not be read ({type(exc).__name__}: {exc})"))
    return out
