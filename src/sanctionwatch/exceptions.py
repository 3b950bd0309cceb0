"""Exceptions raised by sanctionwatch.

One base class, so callers can catch everything the library raises on purpose::

    SanctionwatchError
    ├── ConfigError            a setting or option has a bad value
    │   └── RuleError          an alert rules file is invalid (names the file and line)
    ├── PackError              a domain pack file is missing or invalid (names file and line)
    ├── InputError             an input file or record cannot be read (names it and why)
    │   └── EmptyDocumentError the record holds no text after cleaning
    ├── StoreError             the database cannot be opened or written
    ├── NotFoundError          an id asked for is not in the database
    ├── MissingExtraError      an optional dependency is not installed (says how to install it)
    └── WatchError             the watch stage (feeds, fetching, alerts)
        ├── FetchError         a feed, page or webhook request failed (names the URL and why)
        │   └── UnsafeURLError the URL's host resolves to a private/loopback/link-local address
        └── FeedNotFoundError  no subscribed feed has that URL, name or id

Messages say what happened, to which input, and how to fix it.
"""
from __future__ import annotations

__all__ = [
    "ConfigError",
    "EmptyDocumentError",
    "FeedNotFoundError",
    "FetchError",
    "InputError",
    "MissingExtraError",
    "NotFoundError",
    "PackError",
    "RuleError",
    "SanctionwatchError",
    "StoreError",
    "UnsafeURLError",
    "WatchError",
]


class SanctionwatchError(Exception):
    """Base class of every error sanctionwatch raises on purpose."""


class ConfigError(SanctionwatchError):
    pass


class PackError(SanctionwatchError):
    pass


class InputError(SanctionwatchError):
    """An input could not be read. ``source`` names the file or record, ``reason`` says why,
    ``stage`` which pipeline stage gave up on it (``read`` unless another says so)."""

    def __init__(self, source: str, reason: str, stage: str = "read") -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.stage = stage


class EmptyDocumentError(InputError):
    pass


class StoreError(SanctionwatchError):
    pass


class NotFoundError(SanctionwatchError):
    pass


class MissingExtraError(SanctionwatchError):
    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"{module} is not installed; install it with: pip install 'sanctionwatch[{extra}]'"
        )
        self.module = module
        self.extra = extra


class RuleError(ConfigError):
    pass


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
