"""Which hosts ``watch`` may contact: public addresses only, unless a setting allows more.

Fetched URLs come from untrusted feeds (item links, redirects), so a feed could point the
watcher at a service on the machine or the internal network (``http://127.0.0.1:…``,
``http://169.254.169.254/…``).  :class:`GuardedTransport` checks every request — the
first one and every redirect hop — by resolving the host and refusing private,
loopback, link-local, multicast, reserved and unspecified addresses, then connects to
the address it checked (the ``Host`` header and TLS server name stay the original
host), so a DNS answer that changes between check and connect cannot slip through.
``allow_private_hosts`` (setting ``SANCTIONWATCH_ALLOW_PRIVATE_HOSTS``) turns the check
off; the tests use it to talk to their server on 127.0.0.1.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import httpx

from ..exceptions import UnsafeURLError

__all__ = ["GuardedTransport", "check_url", "is_public_address", "resolve"]

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (literal addresses resolve to themselves)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def check_url(url: str | httpx.URL, *, allow_private: bool = False,
              resolver: Resolver = resolve) -> list[str]:
    """The addresses ``url`` may be fetched from; UnsafeURLError when it may not be."""
    parsed = httpx.URL(str(url)) if not isinstance(url, httpx.URL) else url
    text = str(parsed)
    if parsed.scheme not in ("http", "https"):
        raise UnsafeURLError(text, f"scheme {parsed.scheme!r} is not allowed; use http or https")
    if not parsed.host:
        raise UnsafeURLError(text, "no host in URL")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = resolver(parsed.host, port)
    except (OSError, UnicodeError) as exc:
        raise UnsafeURLError(text, f"cannot resolve host {parsed.host!r} ({exc})") from None
    if not addresses:
        raise UnsafeURLError(text, f"host {parsed.host!r} has no address")
    if allow_private:
        return addresses
    refused = [a for a in addresses if not is_public_address(a)]
    if refused:
        raise UnsafeURLError(
            text, f"host {parsed.host!r} resolves to a non-public address ({refused[0]}); refused. "
                  "Set SANCTIONWATCH_ALLOW_PRIVATE_HOSTS=1 (or --allow-private-hosts true) to allow it")
    return addresses


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that refuses unsafe hosts and connects to the address it checked."""

    def __init__(self, inner: httpx.BaseTransport | None = None, *, allow_private: bool = False,
                 resolver: Resolver = resolve) -> None:
        self.inner = inner or httpx.HTTPTransport(retries=0)
        self.allow_private = allow_private
        self.resolver = resolver
        self._pin = isinstance(self.inner, httpx.HTTPTransport)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        addresses = check_url(request.url, allow_private=self.allow_private, resolver=self.resolver)
        if self._pin and request.url.host not in addresses:
            # a copy, so redirects and messages keep the original URL; Host stays as sent
            extensions = dict(request.extensions)
            if request.url.scheme == "https":
                extensions["sni_hostname"] = request.url.host
            request = httpx.Request(request.method, request.url.copy_with(host=addresses[0]),
                                    headers=request.headers, stream=request.stream, extensions=extensions)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
