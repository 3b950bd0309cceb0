"""What is derived from an event row, kept per version of the row: the events list's
headline figures, a large event's record, the flags of its summary.

Shared by :mod:`.events` and :mod:`.flags`; it imports neither.
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Any

from ...store import EventRow, Store

__all__ = ["VersionCache", "version_cache", "version_cols", "version_key"]


class VersionCache:
    """Records derived from each event, computed once per version of its row (LRU, thread-safe).

    The key is the event id with ``updated_at`` and the counts the events stage rewrites
    with the summary, so a re-reconciled event is read again; an event without stored
    figures (a database from before reconciliation) is marked and always computed.
    """

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_CACHES: weakref.WeakKeyDictionary[Store, VersionCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def version_cache(store: Store) -> VersionCache:
    """The cache of ``store``'s events (one per store, for as long as the store lives)."""
    with _CACHES_LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = VersionCache()
        return cache


def version_cols() -> tuple[Any, ...]:
    """The columns that identify a version of an event row (see ``VersionCache``)."""
    return (EventRow.id, EventRow.updated_at, EventRow.claims, EventRow.documents, EventRow.sources,
            EventRow.conflict, EventRow.date_start)


def version_key(e: Any) -> tuple[Any, ...]:
    """A version of an event row (one with ``version_cols``) as a cache key."""
    return (e.id, e.updated_at, e.claims, e.documents, e.sources, e.conflict)
