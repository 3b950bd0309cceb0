"""Screened inputs: the records of files and folders, with the screen applied as early as it can be.

``ScreenedInputs`` is :class:`sanctionwatch.ingest.Inputs` with the screen as its prefilter
(records and InputErrors, ``skipped`` for files passed over in folders), so:

* a WARC response or an HTML file is screened on its **raw payload bytes**, before the HTML
  reader (trafilatura) runs; only hits are parsed;
* a JSONL, feed or text record is screened on its title and text right after reading;
* a rejected record is yielded as :class:`ScreenedOut` (source + reason) and counted in
  ``screened_out`` and ``reasons``; ``seen`` counts every record looked at.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator

from ..ingest import Inputs, ReadResult, Rejected
from . import Screen, ScreenedOut

__all__ = ["ScreenedInputs"]

_UTF8 = {"utf-8", "utf8", "us-ascii", "ascii"}


class ScreenedInputs(Inputs):
    def __init__(self, paths: Iterable[str | os.PathLike[str]], screen: Screen) -> None:
        super().__init__(paths, prefilter=self._screen)
        self.screen = screen
        self.seen = 0
        self.screened_out = 0
        self.reasons: Counter[str] = Counter()

    def __iter__(self) -> Iterator[ReadResult]:
        for item in super().__iter__():
            if type(item) is Rejected:
                self.screened_out += 1
                self.reasons[item.reason] += 1
                item = ScreenedOut(item.source, item.reason)
            yield item

    def _screen(self, payload: bytes, source: str, charset: str | None) -> str | None:
        """The ingest prefilter: why the record is not relevant, or None to read it."""
        self.seen += 1
        verdict = self.screen.check(_as_utf8(payload, charset))
        return None if verdict.relevant else verdict.reason or "not relevant"


def _as_utf8(payload: bytes, charset: str | None) -> bytes:
    """The payload in UTF-8 for the byte scan: transcoded only when another charset is declared."""
    if charset is None:
        head = payload[:2048].lower()
        marker = head.find(b"charset=")
        if marker < 0:
            return payload
        charset = head[marker + 8:marker + 40].strip(b"\"' ").split(b'"')[0].split(b"'")[0].split(b";")[0] \
            .split(b">")[0].split(b" ")[0].decode("ascii", "replace").strip("/")
    charset = charset.lower()
    if charset in _UTF8 or not charset:
        return payload
    try:
        return payload.decode(charset, "replace").encode("utf-8")
    except LookupError:
        return payload
