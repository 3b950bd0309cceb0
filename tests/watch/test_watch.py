"""`watch` end to end against a loopback feed server, with the real pipeline.

The spaCy extractor loads once for this module (``extractor`` fixture); each test has
its own database.  Polls use short intervals and loops bounded by ``max_rounds`` or
``once``, so every test stops by itself.
"""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sanctionwatch.model import RawDocument
from sanctionwatch.pipeline import Pipeline
from sanctionwatch.store import Store
from sanctionwatch.store.schema import AlertRow, FeedItemRow
from sanctionwatch.watch import (
    CallbackSink,
    Fetcher,
    JsonlSink,
    WatchEvent,
    WebhookSink,
    add_feed,
    get_feed,
    load_rules,
    run,
)

from .conftest import FIXTURES, FeedServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = Store(str(tmp_path_factory.mktemp("model") / "warm.db"))
    return Pipeline(store).extractor


@pytest.fixture
def store(db_url: str) -> Store:
    return Store(db_url)


@pytest.fixture
def pipeline(store: Store, extractor: Any) -> Pipeline:
    return Pipeline(store, extractor=extractor)


@pytest.fixture
def rules() -> list[Any]:
    return load_rules(FIXTURES / "alerts.yaml")


@pytest.fixture
def fetcher(allow_loopback: None) -> Any:
    with Fetcher(timeout=1.0, max_bytes=200_000) as f:
        yield f


class Collect:
    def __init__(self) -> None:
        self.alerts: list[dict[str, Any]] = []

    def __call__(self, payload: dict[str, Any]) -> None:
        self.alerts.append(payload)


def watch_once(store: Store, pipeline: Pipeline, fetcher: Fetcher, rules: Any, sinks: Any, **kw: Any) -> Any:
    return run(store, processor=pipeline, rules=rules, sinks=sinks, fetcher=fetcher, once=True, **kw)


def alert_count(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(AlertRow)) or 0


def test_new_figure_alerts_once_and_syndicated_copy_is_silent(server: FeedServer, store: Store, pipeline: Pipeline,
                                                              fetcher: Fetcher, rules: Any, tmp_path: Path) -> None:
    server.fixture("/ledger.xml", "ledger-1.xml", etag='"l1"')
    server.route("/wire.xml",
                 "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Eastern Wire</title>"
                 "<id>x</id><updated>2024-11-01T00:00:00Z</updated></feed>", etag='"w0"')
    server.fixture("/world/workers-dispatch", "page-dispatch.html", content_type="text/html; charset=utf-8")
    add_feed(store, server.url("/ledger.xml"), name="ledger")
    add_feed(store, server.url("/wire.xml"), name="wire")
    terminal, jsonl = Collect(), tmp_path / "alerts.jsonl"
    sinks = [CallbackSink(terminal), JsonlSink(jsonl)]

    first = watch_once(store, pipeline, fetcher, rules, sinks)
    assert (first.stored, first.alerts) == (1, 1)
    assert [a["kind"] for a in terminal.alerts] == ["new_event"]

    # A poll later: the ledger has a new estimate (a new figure for the same event) and a
    # summary-only item; the wire carries a syndicated copy of the new estimate.
    server.fixture("/ledger.xml", "ledger-2.xml", etag='"l2"')
    server.fixture("/wire.xml", "wire.xml", etag='"w1"')
    second = watch_once(store, pipeline, fetcher, rules, sinks)
    kinds = sorted((a["rule"], a["kind"]) for a in terminal.alerts[1:])
    assert kinds == [("dprk-troops", "conflict"), ("dprk-troops", "new_figure"), ("dprk-workers", "new_claim")]
    figure = next(a for a in terminal.alerts if a["kind"] == "new_figure")
    assert figure["claim"]["quantity"]["value"] == 3000.0
    assert "3,000 troops" in figure["evidence"][0]["text"]
    assert figure["document"]["url"] == server.url("/world/estimate-raised")
    assert figure["event"]["earlier_figures"] == [{"kind": "troops", "value": 1500.0}]
    assert server.url("/ledger.xml") in figure["links"]
    # the summary-only item was read from its article page
    workers = next(a for a in terminal.alerts if a["kind"] == "new_claim")
    assert "400 construction workers" in workers["evidence"][0]["text"]
    assert server.hits("/world/workers-dispatch")
    # the syndicated copy was stored as a near-duplicate and raised nothing
    assert second.duplicates == 1
    assert second.alerts == 3
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert [x["id"] for x in lines] == [a["id"] for a in terminal.alerts]

    # Nothing changed: 304s, no new items, no alerts.
    third = watch_once(store, pipeline, fetcher, rules, sinks)
    assert (third.not_modified, third.new_items, third.alerts) == (2, 0, 0)
    assert len(terminal.alerts) == 4 and alert_count(store) == 4
    assert server.hits("/ledger.xml")[-1].headers["if-none-match"] == '"l2"'


def test_failures_back_off_and_other_feeds_go_on(server: FeedServer, store: Store, pipeline: Pipeline,
                                                 fetcher: Fetcher, rules: Any) -> None:
    server.route("/down.xml", "", fail_first=99)
    server.route("/slow.xml", "<rss/>", delay=2.0)
    server.route("/huge.xml", b"<rss>" + b"x" * 300_000 + b"</rss>")
    server.fixture("/bomb.xml", "bomb.xml")
    server.fixture("/malformed.xml", "malformed.xml")
    server.fixture("/ledger.xml", "ledger-1.xml")
    for name in ("down", "slow", "huge", "bomb", "malformed", "ledger"):
        add_feed(store, server.url(f"/{name}.xml"), name=name, interval=1)
    started = time.monotonic()
    summary = watch_once(store, pipeline, fetcher, rules, [])
    assert time.monotonic() - started < 20
    assert (summary.errors, summary.stored) == (5, 1)
    errors = {name: get_feed(store, name) for name in ("down", "slow", "huge", "bomb", "malformed")}
    assert "HTTP 500" in (errors["down"].last_error or "")
    assert "timed out" in (errors["slow"].last_error or "")
    assert "too large" in (errors["huge"].last_error or "")
    assert "entity" in (errors["bomb"].last_error or "")
    assert errors["malformed"].last_error
    assert all(f.failures == 1 for f in errors.values())
    down = errors["down"]
    assert down.next_poll_at is not None and down.last_polled_at is not None
    assert (down.next_poll_at - down.last_polled_at).total_seconds() == pytest.approx(2, abs=0.1)
    assert get_feed(store, "ledger").failures == 0


def test_stop_mid_feed_then_restart_resumes(server: FeedServer, store: Store, extractor: Any,
                                            fetcher: Fetcher, rules: Any) -> None:
    server.fixture("/ledger.xml", "ledger-2.xml", etag='"l2"')
    server.fixture("/world/workers-dispatch", "page-dispatch.html", content_type="text/html")
    add_feed(store, server.url("/ledger.xml"), name="ledger")
    stop = threading.Event()
    processed: list[str] = []

    class Counting(Pipeline):
        def process_raw(self, raw: RawDocument) -> Any:
            processed.append(raw.url or "")
            return super().process_raw(raw)

    def stop_after_first(event: WatchEvent) -> None:
        if event.kind == "item":
            stop.set()  # as Ctrl-C would, between two items

    terminal = Collect()
    first = run(store, processor=Counting(store, extractor=extractor), rules=rules, sinks=[CallbackSink(terminal)],
                fetcher=fetcher, stop_event=stop, on_event=stop_after_first)
    assert first.reports[0].status == "stopped" and len(processed) == 1
    feed = get_feed(store, "ledger")
    assert feed.etag is None  # validators not advanced past unprocessed items

    second = run(store, processor=Counting(store, extractor=extractor), rules=rules, sinks=[CallbackSink(terminal)],
                 fetcher=fetcher, once=True)
    assert len(processed) == 3 and len(set(processed)) == 3  # the first item was not processed again
    assert second.new_items == 2
    assert get_feed(store, "ledger").etag == '"l2"'
    assert len({a["id"] for a in terminal.alerts}) == len(terminal.alerts) == alert_count(store)


def test_stored_but_not_recorded_item_still_alerts_once(server: FeedServer, store: Store, pipeline: Pipeline,
                                                        fetcher: Fetcher, rules: Any) -> None:
    """A crash after the pipeline stored an item but before the watcher recorded it."""
    server.fixture("/ledger.xml", "ledger-1.xml")
    add_feed(store, server.url("/ledger.xml"), name="ledger")
    from sanctionwatch.ingest.feed import read_feed

    body = (FIXTURES / "ledger-1.xml").read_text().replace("{base}", server.base).encode()
    raw = next(r for r in read_feed(body, "x", "ledger") if isinstance(r, RawDocument))
    raw.language = "en"
    assert pipeline.process_raw(raw).status == "stored"
    terminal = Collect()
    summary = watch_once(store, pipeline, fetcher, rules, [CallbackSink(terminal)])
    assert summary.alerts == 1 and [a["kind"] for a in terminal.alerts] == ["new_event"]
    with store.session() as s:
        assert s.scalar(select(FeedItemRow.status)) == "already stored"
    assert watch_once(store, pipeline, fetcher, rules, [CallbackSink(terminal)]).alerts == 0


def test_webhook_gets_each_alert_once_even_after_a_failure(server: FeedServer, store: Store, pipeline: Pipeline,
                                                           fetcher: Fetcher, rules: Any) -> None:
    server.fixture("/ledger.xml", "ledger-2.xml")
    server.fixture("/world/workers-dispatch", "page-dispatch.html", content_type="text/html")
    hook = server.route("/hook", "ok", content_type="text/plain", fail_first=1)
    add_feed(store, server.url("/ledger.xml"), name="ledger")
    sink = WebhookSink(server.url("/hook"), fetcher, attempts=3, backoff=0.01)
    summary = watch_once(store, pipeline, fetcher, rules, [sink])
    posts = server.hits("/hook", "POST")
    delivered = [p for i, p in enumerate(posts, start=1) if i > hook.fail_first]
    keys = [p.headers["idempotency-key"] for p in delivered]
    assert summary.alerts >= 2 and len(keys) == summary.alerts == len(set(keys))
    assert len(posts) == summary.alerts + 1  # one failed attempt, retried
    assert json.loads(delivered[0].body)["id"] == keys[0]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(AlertRow).where(AlertRow.pending.is_(True))) == 0


def test_webhook_down_for_a_whole_run_is_delivered_after_restart(server: FeedServer, store: Store,
                                                                 pipeline: Pipeline, fetcher: Fetcher,
                                                                 rules: Any) -> None:
    server.fixture("/ledger.xml", "ledger-1.xml")
    server.route("/hook", "ok", content_type="text/plain", fail_first=2)
    add_feed(store, server.url("/ledger.xml"), name="ledger")
    events: list[WatchEvent] = []
    sink = WebhookSink(server.url("/hook"), fetcher, attempts=2, backoff=0.01)
    first = watch_once(store, pipeline, fetcher, rules, [sink], on_event=events.append)
    assert first.alerts == 1 and first.delivery_failures >= 1
    with store.session() as s:
        assert s.scalar(select(AlertRow.pending)) is True
    second = watch_once(store, pipeline, fetcher, rules, [sink])  # a restarted watcher
    assert second.alerts == 0
    ok = server.hits("/hook", "POST")[2:]
    assert len(ok) == 1


def test_run_loop_polls_on_schedule_and_stops_cleanly(server: FeedServer, store: Store, pipeline: Pipeline,
                                                      fetcher: Fetcher, rules: Any) -> None:
    route = server.fixture("/ledger.xml", "ledger-1.xml", etag='"l1"')
    add_feed(store, server.url("/ledger.xml"), name="ledger", interval=1)
    stop = threading.Event()
    result: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: result.update(summary=run(
        store, processor=pipeline, rules=rules, fetcher=fetcher, stop_event=stop, max_rounds=50)))
    thread.start()
    deadline = time.monotonic() + 10
    while route.hits < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    summary = result["summary"]
    assert summary.polls >= 3 and summary.not_modified >= 2 and summary.stored == 1


def test_watch_cli_once(server: FeedServer, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        extractor: Any) -> None:
    server.fixture("/ledger.xml", "ledger-1.xml")
    monkeypatch.setattr(Pipeline, "extractor", property(lambda self: extractor))
    runner = CliRunner()
    env = {"SANCTIONWATCH_ALLOW_PRIVATE_HOSTS": "1"}
    assert runner.invoke(app_(), ["--db", db_url, "feeds", "add", server.url("/ledger.xml"), "--name", "ledger"],
                         env=env).exit_code == 0
    out = tmp_path / "alerts.jsonl"
    result = runner.invoke(app_(), ["--db", db_url, "watch", "--once", "--rules", str(FIXTURES / "alerts.yaml"),
                                    "--alerts-jsonl", str(out)], env=env)
    assert result.exit_code == 0, result.output
    assert "ALERT" in result.output and "new event" in result.output and "1 alerts" in result.output
    assert len(out.read_text().splitlines()) == 1
    refused = runner.invoke(app_(), ["--db", db_url, "watch", "--once"], env={"SANCTIONWATCH_ALLOW_PRIVATE_HOSTS": "0"})
    assert "non-public address" in refused.output


def app_() -> Any:
    from sanctionwatch.cli import app

    return app


def test_hostile_article_page_is_not_expanded(server: FeedServer, store: Store, pipeline: Pipeline,
                                              fetcher: Fetcher, rules: Any) -> None:
    server.fixture("/ports.xml", "ports.xml")
    server.fixture("/ports/welders", "page-bomb.html", content_type="text/html; charset=utf-8")
    add_feed(store, server.url("/ports.xml"), name="ports")
    started = time.monotonic()
    summary = watch_once(store, pipeline, fetcher, rules, [])
    assert time.monotonic() - started < 10
    assert summary.stored == 1 and server.hits("/ports/welders")
    doc = store.documents()[0]
    assert len(doc.text) < 2000 and "lollol" not in doc.text
