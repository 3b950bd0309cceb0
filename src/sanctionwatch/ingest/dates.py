"""Publication dates as found on pages and in feeds, normalised when a record is read.

``normalise_published(value)`` answers ``(iso, warning)``: ``iso`` is ISO 8601 or None,
``warning`` says why a value was dropped (None when nothing was).

* ISO 8601 as given: a bare date stays a date (``2019-11-20``); a time with an offset
  keeps its offset (``2025-06-18T08:45:00+09:00``: the local date is the one "yesterday"
  in the text counts from); a ``Z`` becomes ``+00:00``; a time without an offset is UTC.
* Other common forms are parsed and written in UTC: JavaScript's ``Date.toString()``
  ("Wed Nov 20 2019 08:00:58 GMT+0000 (Coordinated Universal Time)"), RFC 2822
  ("Wed, 20 Nov 2019 08:00:58 +0000"), "November 20, 2019 12:32", epoch seconds or
  milliseconds, and what dateutil or dateparser read without guessing from the clock
  (relative phrases such as "2 hours ago" are refused: they depend on when we read them).
* Placeholders and impossible values (before 1900, later than two days after now,
  ``0001-01-01T00:00:00Z``) and unreadable ones become None with a warning.
"""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

__all__ = ["EARLIEST_YEAR", "normalise_published"]

EARLIEST_YEAR = 1900
FUTURE_SLACK = timedelta(days=2)
MAX_LENGTH = 120  # longer "dates" are text that landed in the wrong field

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_EPOCH = re.compile(r"^-?\d{9,13}(?:\.\d+)?$")
_JS_ZONE_NAME = re.compile(r"\s*\([^)]*\)\s*$")  # "(Coordinated Universal Time)"
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-]\d{2}:?\d{2})\b")


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _iso(value: str) -> str | None:
    """ISO 8601 text in our canonical form, or None when it is not ISO 8601."""
    if _ISO_DATE.match(value):
        return date.fromisoformat(value).isoformat()
    if _ISO_TIME.match(value):
        moment = datetime.fromisoformat(value.replace("z", "Z"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.isoformat()
    return None


def _parsed(value: str) -> datetime | None:
    """A datetime for a non-ISO form, or None."""
    if _EPOCH.match(value):
        number = float(value)
        return datetime.fromtimestamp(number / 1000 if abs(number) >= 1e11 else number, tz=UTC)
    text = _GMT_OFFSET.sub(r"\1", _JS_ZONE_NAME.sub("", value))
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser as dateutil_parser

    try:
        return dateutil_parser.parse(text, default=datetime(1, 1, 1))  # a missing year stays 1: refused below
    except (ValueError, OverflowError, TypeError):
        pass
    import dateparser

    return dateparser.parse(text, settings={"PARSERS": ["timestamp", "absolute-time"],
                                            "RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC",
                                            "REQUIRE_PARTS": ["day", "month", "year"]})


def normalise_published(value: object, now: datetime | None = None) -> tuple[str | None, str | None]:
    """``(ISO 8601 or None, warning or None)`` for a publication date as found (see the module docstring)."""
    if value is None:
        return None, None
    text = " ".join(str(value).split())
    if not text:
        return None, None
    shown = text if len(text) <= 60 else text[:57] + "..."
    if len(text) > MAX_LENGTH:
        return None, f"publication date {shown!r} is not a date; ignored"
    now = now or datetime.now(UTC)
    try:
        iso = _iso(text)
    except (ValueError, OverflowError):  # ISO-looking but not ISO ("2019-11-19 02:24:00 UTC")
        iso = None
    try:
        moment = datetime.fromisoformat(iso) if iso else _parsed(text)
    except (ValueError, OverflowError, TypeError, OSError):
        moment = None
    if moment is None:
        return None, f"publication date {shown!r} could not be read; ignored"
    try:
        instant = _utc(moment) if isinstance(moment, datetime) and moment.tzinfo else moment.replace(tzinfo=UTC)
    except (OverflowError, ValueError):  # year 1 with an offset east of UTC
        instant = None
    if instant is None or instant.year < EARLIEST_YEAR or instant > now + FUTURE_SLACK:
        return None, (f"publication date {shown!r} is a placeholder or impossible "
                      f"(before {EARLIEST_YEAR} or in the future); ignored")
    if iso is not None:
        return iso, None
    return instant.isoformat(), None
