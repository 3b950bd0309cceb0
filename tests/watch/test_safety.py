"""The host check: private, loopback and link-local addresses are refused unless allowed."""
from __future__ import annotations

import httpx
import pytest

from sanctionwatch.watch import Fetcher, UnsafeURLError
from sanctionwatch.watch.safety import check_url, is_public_address


@pytest.mark.parametrize("address, public", [
    ("93.184.215.14", True),
    ("2606:4700:4700::1111", True),
    ("127.0.0.1", False),
    ("127.8.9.10", False),
    ("10.1.2.3", False),
    ("172.16.0.1", False),
    ("192.168.1.1", False),
    ("169.254.169.254", False),  # cloud metadata service
    ("100.64.0.1", False),  # carrier-grade NAT
    ("0.0.0.0", False),
    ("224.0.0.1", False),
    ("::1", False),
    ("fe80::1", False),
    ("fc00::1", False),
    ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
    ("::ffff:10.0.0.1", False),
])
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def fake_dns(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def resolver(host: str, port: int) -> list[str]:
        if host in table:
            return table[host]
        raise OSError("Name or service not known")
    return resolver


def test_check_url_resolves_and_refuses() -> None:
    dns = fake_dns({"news.example": ["93.184.215.14"], "intranet.example": ["10.0.0.5"],
                    "mixed.example": ["93.184.215.14", "127.0.0.1"]})
    assert check_url("https://news.example/feed", resolver=dns) == ["93.184.215.14"]
    with pytest.raises(UnsafeURLError, match="non-public address"):
        check_url("http://intranet.example/", resolver=dns)
    with pytest.raises(UnsafeURLError, match="127.0.0.1"):
        check_url("http://mixed.example/", resolver=dns)  # one bad answer is enough
    with pytest.raises(UnsafeURLError, match="cannot resolve"):
        check_url("http://nowhere.example/", resolver=dns)
    with pytest.raises(UnsafeURLError, match="scheme 'file'"):
        check_url("file:///etc/passwd", resolver=dns)
    assert check_url("http://intranet.example/", allow_private=True, resolver=dns) == ["10.0.0.5"]


def test_literal_loopback_refused_by_default() -> None:
    with pytest.raises(UnsafeURLError, match="ALLOW_PRIVATE_HOSTS"):
        check_url("http://127.0.0.1:9/feed.xml")
    with pytest.raises(UnsafeURLError):
        check_url("http://[::1]:9/feed.xml")


def test_fetcher_refuses_loopback_before_connecting() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, content=b"<rss/>")

    with Fetcher(allow_private=False, transport=httpx.MockTransport(handler)) as fetcher:
        with pytest.raises(UnsafeURLError):
            fetcher.get("http://127.0.0.1/feed.xml")
        with pytest.raises(UnsafeURLError):
            fetcher.post_json("http://169.254.169.254/hook", {"x": 1})
    assert calls == []


def test_redirect_to_private_address_is_refused() -> None:
    dns = fake_dns({"news.example": ["93.184.215.14"], "metadata.example": ["169.254.169.254"]})
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://metadata.example/latest/"})
        return httpx.Response(200, content=b"secret")

    with Fetcher(allow_private=False, transport=httpx.MockTransport(handler), resolver=dns) as fetcher:
        with pytest.raises(UnsafeURLError, match="169.254.169.254"):
            fetcher.get("http://news.example/feed.xml")
    assert seen == ["http://news.example/feed.xml"]


def test_real_transport_connects_to_the_checked_address(server, allow_loopback) -> None:  # type: ignore[no-untyped-def]
    """A name is resolved once and the connection goes to that address, Host unchanged."""
    server.route("/feed.xml", b"<rss version='2.0'><channel><title>x</title></channel></rss>")
    port = server.httpd.server_address[1]
    dns = fake_dns({"feeds.example": ["127.0.0.1"]})
    with Fetcher(allow_private=True, resolver=dns) as fetcher:
        fetched = fetcher.get(f"http://feeds.example:{port}/feed.xml")
    assert fetched.status == 200
    assert server.requests[-1].headers["host"] == f"feeds.example:{port}"
    assert fetched.url == f"http://feeds.example:{port}/feed.xml"
