"""Errors of the watch stage (all under :class:`~sanctionwatch.exceptions.SanctionwatchError`)::

    SanctionwatchError
    ├── ConfigError
    │   └── RuleError        an alert rules file is invalid (names the file and line)
    └── WatchError
        ├── FetchError       a feed, page or webhook request failed (names the URL and why)
        │   └── UnsafeURLError  the URL's host resolves to a private/loopback/link-local address
        └── FeedNotFoundError   no subscribed feed has that URL, name or id
"""
from __future__ import annotations

from ..exceptions import ConfigError, SanctionwatchError

__all__ = ["FeedNotFoundError", "FetchError", "RuleError", "UnsafeURLError", "WatchError"]


class WatchError(SanctionwatchError):
    pass


class FetchError(WatchError):
    """``url`` could not be fetched; ``reason`` says why, ``retry_after`` is the server's hint."""

    def __init__(self, url: str, reason: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


class UnsafeURLError(FetchError):
    pass


class FeedNotFoundError(WatchError):
    pass


class RuleError(ConfigError):
    pass
