"""Where alerts go: a callback (the CLI prints it), a JSON Lines file, a webhook.

A sink has a ``name`` (recorded in ``alerts.delivered``) and ``send(payload)``, which
returns when the alert is delivered and raises :class:`FetchError`/``OSError`` when it is
not — the alert then stays pending and is offered again on the next poll.

* :class:`CallbackSink` hands the payload to a function (the library never prints).
* :class:`JsonlSink` appends one JSON object per line; it remembers the ids already in
  the file, so an alert is never written twice even after a crash between writing and
  recording the delivery.
* :class:`WebhookSink` POSTs the payload as JSON with an ``Idempotency-Key`` header (the
  alert id), retrying with exponential backoff on network errors and 5xx/429 answers.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..exceptions import FetchError
from .fetch import Fetcher, http_url

__all__ = ["CallbackSink", "JsonlSink", "Sink", "WebhookSink"]


class Sink(Protocol):
    name: str

    def send(self, payload: dict[str, Any]) -> None: ...


class CallbackSink:
    def __init__(self, callback: Callable[[dict[str, Any]], None], name: str = "terminal") -> None:
        self.callback = callback
        self.name = name

    def send(self, payload: dict[str, Any]) -> None:
        self.callback(payload)


class JsonlSink:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.name = f"jsonl:{self.path}"
        self._written: set[str] = set()
        if self.path.exists():
            with self.path.open(encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue  # a torn last line from a crash; the alert is written again
                    if isinstance(record, dict) and isinstance(record.get("id"), str):
                        self._written.add(record["id"])

    def send(self, payload: dict[str, Any]) -> None:
        if payload.get("id") in self._written:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self._written.add(str(payload.get("id")))


class WebhookSink:
    def __init__(self, url: str, fetcher: Fetcher, *, attempts: int = 3, backoff: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        http_url(url, "webhook URL (--webhook)")  # fail now, not at the first alert
        self.url = url
        self.name = f"webhook:{url}"
        self.fetcher = fetcher
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.sleep = sleep

    def send(self, payload: dict[str, Any]) -> None:
        headers = {"Idempotency-Key": str(payload.get("id")), "X-Sanctionwatch-Alert": str(payload.get("kind"))}
        for attempt in range(self.attempts):
            try:
                self.fetcher.post_json(self.url, payload, headers=headers)
                return
            except FetchError as exc:
                retryable = exc.status is None or exc.status >= 500 or exc.status == 429
                if not retryable or attempt == self.attempts - 1:
                    raise
                wait = self.backoff * (2 ** attempt)
                if exc.retry_after is not None:
                    wait = max(wait, min(exc.retry_after, 60.0))
                self.sleep(wait)
