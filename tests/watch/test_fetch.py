"""The fetcher against a loopback server: validators, errors, timeouts, size caps."""
from __future__ import annotations

import time

import pytest

from sanctionwatch.watch import Fetcher, FetchError


@pytest.fixture
def fetcher(allow_loopback):  # type: ignore[no-untyped-def]
    with Fetcher(timeout=1.0, max_bytes=50_000) as f:
        yield f


def test_conditional_get_gets_304(server, fetcher) -> None:  # type: ignore[no-untyped-def]
    server.route("/f.xml", "<rss/>", etag='"v1"', last_modified="Wed, 06 Nov 2024 10:00:00 GMT")
    first = fetcher.get(server.url("/f.xml"))
    assert (first.status, first.body, first.etag) == (200, b"<rss/>", '"v1"')
    second = fetcher.get(server.url("/f.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.etag == '"v1"'
    sent = server.hits("/f.xml")[-1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Wed, 06 Nov 2024 10:00:00 GMT"


def test_server_errors_carry_status_and_retry_after(server, fetcher) -> None:  # type: ignore[no-untyped-def]
    server.route("/500.xml", "", fail_first=5)
    with pytest.raises(FetchError, match="HTTP 500") as caught:
        fetcher.get(server.url("/500.xml"))
    assert caught.value.status == 500
    server.route("/busy.xml", "slow down", status=503, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/busy.xml"))
    assert (caught.value.status, caught.value.retry_after) == (503, 120.0)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(server.url("/missing.xml"))


def test_timeout_when_server_stalls(server, allow_loopback) -> None:  # type: ignore[no-untyped-def]
    server.route("/stall.xml", "<rss/>", delay=1.5)
    with Fetcher(timeout=0.3) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out"):
            fetcher.get(server.url("/stall.xml"))
        assert time.monotonic() - started < 1.2


def test_trickling_body_hits_the_overall_deadline(server, allow_loopback) -> None:  # type: ignore[no-untyped-def]
    server.route("/drip.xml", "<rss>" + "x" * 200 + "</rss>", trickle=0.02)  # each byte in time, the whole too slow
    with Fetcher(timeout=0.5) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out"):
            fetcher.get(server.url("/drip.xml"))
        assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("options", [{}, {"chunked": True}, {"gzip": True}],
                         ids=["declared length", "chunked, no length", "gzip bomb"])
def test_size_cap(server, fetcher, options) -> None:  # type: ignore[no-untyped-def]
    server.route("/big.xml", b"<rss>" + b"0" * 2_000_000 + b"</rss>", **options)
    with pytest.raises(FetchError, match="too large"):
        fetcher.get(server.url("/big.xml"))


def test_post_json(server, fetcher) -> None:  # type: ignore[no-untyped-def]
    server.route("/hook", "ok", content_type="text/plain")
    assert fetcher.post_json(server.url("/hook"), {"id": "a_1"}, headers={"Idempotency-Key": "a_1"}) == 200
    seen = server.hits("/hook", "POST")[0]
    assert seen.body == b'{"id":"a_1"}' and seen.headers["idempotency-key"] == "a_1"
