"""RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``), parsed with feedparser.

Each item becomes one record: text from ``content:encoded``/Atom content when present,
else the summary, HTML turned into blank-line-separated paragraphs; ``link`` is the url;
``published`` is ISO 8601 UTC; ``author`` is the byline; the outlet is the item's source
title, else the channel title without a trailing section (``"Northgate Review - World"``
-> ``"Northgate Review"``).  A feed that feedparser flags as broken (bozo) is one
InputError; so is a feed that declares XML entities (entity-expansion bombs are refused
before parsing).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from ..exceptions import InputError
from ..model import RawDocument
from ._common import html_fragment_paragraphs, iso_utc, join_paragraphs, squash
from .language import normalise_language_tag

__all__ = ["outlet_from_feed_title", "read_feed"]

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SECTION_SUFFIX = re.compile(r"^(.+?)\s+(?:-|–|—|\|)\s+[^-–—|]+$")
# feedparser sets bozo for these although the feed parsed fine.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def outlet_from_feed_title(title: str | None) -> str | None:
    if not title or not title.strip():
        return None
    match = _SECTION_SUFFIX.match(title.strip())
    return squash(match.group(1) if match else title)


def _published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            return iso_utc(moment)
    return entry.get("published") or entry.get("updated") or None


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    html_parts = [c.get("value", "") for c in contents if c.get("value", "").strip()]
    if not html_parts:
        html_parts = [entry.get("summary", "")]
    paragraphs: list[str] = []
    for part in html_parts:
        paragraphs.extend(html_fragment_paragraphs(part))
    return join_paragraphs(paragraphs)


def read_feed(data: bytes, path: str, name: str) -> Iterator[RawDocument | InputError]:
    if not data.strip():
        yield InputError(name, "empty file")
        return
    if _ENTITY_DECLARATION.search(data):
        yield InputError(name, "feed declares XML entities; refused (entity-expansion risk)")
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # feedparser is defensive, but never let a feed crash a run
        yield InputError(name, f"feed could not be parsed ({exc})")
        return
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _BENIGN_BOZO):
        yield InputError(name, f"broken feed: {parsed.get('bozo_exception')}")
        return
    if not parsed.get("version") and not parsed.entries:
        yield InputError(name, "not an RSS or Atom feed")
        return
    channel = parsed.get("feed", {})
    channel_outlet = outlet_from_feed_title(channel.get("title"))
    channel_language = normalise_language_tag(channel.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        source = f"{name} item {number}"
        text = _entry_text(entry)
        if not text:
            yield InputError(source, "feed item has no content or summary text")
            continue
        item_source = entry.get("source") or {}
        yield RawDocument(
            text=text,
            path=path,
            format="rss" if str(parsed.get("version", "")).startswith("rss") else "atom",
            source=source,
            url=entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else None),
            title=squash(entry["title"]) if entry.get("title") else None,
            outlet=outlet_from_feed_title(item_source.get("title")) or channel_outlet,
            byline=squash(entry["author"]) if entry.get("author") else None,
            published=_published(entry),
            language=normalise_language_tag(entry.get("language")) or channel_language,
        )
