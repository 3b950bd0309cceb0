"""Watch: subscribe to outlets' feeds, process new items as they appear, alert on rules.

::

    from sanctionwatch.watch import add_feed, load_rules, run, JsonlSink
    add_feed(store, "https://news.example/world.rss", name="Example World")
    summary = run(store, rules=load_rules("alerts.yaml"), sinks=[JsonlSink("alerts.jsonl")],
                  stop_event=stop)        # polls until stop.set(); once=True: one round

Modules: :mod:`.feeds` (the registry and per-feed backoff, table ``feeds``),
:mod:`.fetch` (httpx: conditional GET, timeouts, size cap), :mod:`.safety` (refuses
private, loopback and link-local hosts unless ``allow_private_hosts``), :mod:`.poll`
(one feed → pipeline → alerts; seen items in ``feed_items``), :mod:`.rules` (the YAML
rules), :mod:`.alerts` (evaluation, the ``alerts`` table, delivery), :mod:`.sinks`
(callback, JSON Lines, webhook).  Errors: ``WatchError`` and its subclasses in
:mod:`sanctionwatch.exceptions`.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..exceptions import FeedNotFoundError, FetchError, RuleError, UnsafeURLError, WatchError
from ..store import Store
from .alerts import Alert, Delivery, deliver_pending, describe, evaluate
from .feeds import Feed, add_feed, ensure_tables, get_feed, list_feeds, remove_feed
from .fetch import Fetched, Fetcher
from .poll import FeedReport, Processor, Watcher, WatchEvent
from .rules import KINDS, Rule, load_rules, parse_rules
from .sinks import CallbackSink, JsonlSink, Sink, WebhookSink

__all__ = [
    "KINDS",
    "Alert",
    "CallbackSink",
    "Delivery",
    "Feed",
    "FeedNotFoundError",
    "FeedReport",
    "FetchError",
    "Fetched",
    "Fetcher",
    "JsonlSink",
    "Processor",
    "Rule",
    "RuleError",
    "Sink",
    "UnsafeURLError",
    "WatchError",
    "WatchEvent",
    "WatchSummary",
    "Watcher",
    "WebhookSink",
    "add_feed",
    "deliver_pending",
    "describe",
    "evaluate",
    "get_feed",
    "list_feeds",
    "load_rules",
    "parse_rules",
    "remove_feed",
    "run",
]

MAX_SLEEP = 60.0  # wake at least this often, so new subscriptions are noticed


@dataclass
class WatchSummary:
    rounds: int = 0
    polls: int = 0
    not_modified: int = 0
    errors: int = 0
    new_items: int = 0
    stored: int = 0
    duplicates: int = 0
    alerts: int = 0
    delivery_failures: int = 0
    reports: list[FeedReport] = field(default_factory=list, repr=False)

    def add(self, report: FeedReport) -> None:
        self.polls += 1
        self.not_modified += report.status == "not modified"
        self.errors += report.status == "error"
        self.new_items += report.new
        self.stored += report.stored
        self.duplicates += report.duplicates
        self.alerts += len(report.alerts)
        self.reports.append(report)


def run(store: Store, *, processor: Processor | None = None, rules: Sequence[Rule] = (),
        sinks: Sequence[Sink] = (), fetcher: Fetcher | None = None, interval: float | None = None,
        once: bool = False, stop_event: threading.Event | None = None, max_rounds: int | None = None,
        on_event: Callable[[WatchEvent], None] | None = None) -> WatchSummary:
    """Poll the subscribed feeds until ``stop_event`` is set (or one round with ``once``).

    ``processor`` defaults to ``Pipeline(store)``; ``interval`` overrides the
    ``watch_interval`` setting for feeds without their own; ``max_rounds`` bounds the loop
    (tests).  Pending alerts from an earlier run are delivered first.  Stopping is clean:
    the current item finishes, the feed's validators are not advanced past unprocessed
    items, and nothing is half-written.
    """
    ensure_tables(store)
    stop = stop_event or threading.Event()
    summary = WatchSummary()

    def note(event: WatchEvent) -> None:
        if event.kind == "delivery" and event.delivery is not None and not event.delivery.ok:
            summary.delivery_failures += 1
        if on_event:
            on_event(event)

    if processor is None:
        from ..pipeline import Pipeline

        processor = Pipeline(store)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    watcher = Watcher(store, processor, rules=rules, sinks=sinks, fetcher=fetcher, interval=interval, on_event=note)
    try:
        watcher.deliver()
        while not stop.is_set():
            for report in watcher.poll_due(stop, force=once):
                summary.add(report)
            summary.rounds += 1
            if once or (max_rounds is not None and summary.rounds >= max_rounds):
                break
            watcher.deliver()  # retry sinks that failed during the round
            stop.wait(min(max(watcher.next_due_in(), 0.01), MAX_SLEEP))
    finally:
        if own_fetcher:
            fetcher.close()
    return summary

