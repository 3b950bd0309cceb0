"""Fetching feeds, pages and webhooks over HTTP with httpx, defensively.

``Fetcher.get(url, etag=..., last_modified=...)`` sends a conditional GET and returns a
:class:`Fetched` (``not_modified`` on 304) or raises :class:`FetchError` saying why:
an HTTP error status (with the server's ``Retry-After`` when it sent one), a timeout,
a body over the size cap, an unsafe host.  Limits:

* timeouts: connect/read/write from ``fetch_timeout``, and the same figure as a deadline
  for the whole transfer, so a server that trickles bytes cannot hold a poll forever;
* size: the body is streamed and abandoned as soon as it passes ``fetch_max_bytes``
  (counted after decompression, so a gzip bomb stops at the cap too); a declared
  ``Content-Length`` over the cap is refused before reading;
* redirects: at most 5, each hop checked by :class:`~.safety.GuardedTransport`.

``transport`` replaces the network (tests pass an ``httpx.MockTransport``); it is still
wrapped in the host check.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from .._version import __version__
from ..exceptions import ConfigError, FetchError, UnsafeURLError
from ..settings import SETTINGS
from ..settings import get as get_setting
from .safety import GuardedTransport, Resolver, resolve

__all__ = ["Fetched", "Fetcher", "http_url", "setting_bool"]

MAX_REDIRECTS = 5
USER_AGENT = f"sanctionwatch/{__version__} (+https://github.com/sanctionwatch/sanctionwatch)"
ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


def setting_bool(name: str) -> bool:
    """A boolean setting, whether it came typed (env, default) or as a CLI string."""
    value = get_setting(name)
    if isinstance(value, str):
        return bool(SETTINGS[name].parse(value))
    return bool(value)


@dataclass
class Fetched:
    url: str  # the final URL, after redirects
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    charset: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    def __init__(self, *, timeout: float | None = None, max_bytes: int | None = None,
                 allow_private: bool | None = None, transport: httpx.BaseTransport | None = None,
                 resolver: Resolver = resolve) -> None:
        self.timeout = float(timeout if timeout is not None else get_setting("fetch_timeout"))
        self.max_bytes = int(max_bytes if max_bytes is not None else get_setting("fetch_max_bytes"))
        self.allow_private = setting_bool("allow_private_hosts") if allow_private is None else allow_private
        self.client = httpx.Client(
            transport=GuardedTransport(transport, allow_private=self.allow_private, resolver=resolver),
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- GET ---------------------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None) -> Fetched:
        headers = {"Accept": accept or ACCEPT_FEED}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + self.timeout
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(str(response.url), 304, b"", response.headers.get("ETag") or etag,
                                   response.headers.get("Last-Modified") or last_modified)
                if response.status_code >= 400:
                    raise _status_error(url, response)
                if response.status_code >= 300:
                    raise FetchError(url, f"HTTP {response.status_code} redirect without a usable Location",
                                     status=response.status_code)
                body = self._read_capped(url, response, deadline)
                return Fetched(
                    url=str(response.url), status=response.status_code, body=body,
                    etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
                    content_type=response.headers.get("Content-Type"), charset=response.charset_encoding,
                )
        except httpx.HTTPError as exc:
            raise self._request_error(url, exc) from None

    def _read_capped(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"body too large ({declared} bytes declared; limit {self.max_bytes}); "
                                  "raise SANCTIONWATCH_FETCH_MAX_BYTES if the feed is legitimate")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"body too large (over {self.max_bytes} bytes); "
                                      "raise SANCTIONWATCH_FETCH_MAX_BYTES if the feed is legitimate")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {self.timeout:g}s (body still arriving)")
            chunks.append(chunk)
        return b"".join(chunks)

    # -- POST --------------------------------------------------------------------------
    def post_json(self, url: str, payload: dict[str, Any], *, headers: dict[str, str] | None = None) -> int:
        """POST ``payload`` as JSON; the status on 2xx, FetchError otherwise."""
        try:
            response = self.client.post(url, json=payload, headers=headers or {}, follow_redirects=False)
        except httpx.HTTPError as exc:
            raise self._request_error(url, exc) from None
        if not 200 <= response.status_code < 300:
            raise _status_error(url, response)
        return response.status_code

    def _request_error(self, url: str, exc: httpx.HTTPError) -> FetchError:
        """The FetchError for a request httpx could not complete (the guard's own error kept)."""
        if isinstance(exc, httpx.TimeoutException):
            return FetchError(url, f"timed out after {self.timeout:g}s")
        if isinstance(exc, httpx.TooManyRedirects):
            return FetchError(url, f"more than {MAX_REDIRECTS} redirects")
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, UnsafeURLError):
            return cause
        return FetchError(url, f"request failed ({type(exc).__name__}: {exc})")


def _status_error(url: str, response: httpx.Response) -> FetchError:
    """The FetchError for an error status, with the server's Retry-After hint."""
    return FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip(),
                      status=response.status_code, retry_after=_retry_after(response.headers.get("Retry-After")))


def http_url(url: str, what: str = "URL") -> str:
    """``url`` normalised; ConfigError naming ``what`` when it is not an http(s) address."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigError(f"not a {what}: {url!r} ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigError(f"not a {what}: {url!r}; give an http:// or https:// address")
    return str(parsed)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
