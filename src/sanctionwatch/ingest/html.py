"""HTML pages: the article body and its metadata, extracted with trafilatura.

The body is trafilatura's main text (``favor_precision``, no comments, no tables; when that
finds nothing, trafilatura's default balance), one paragraph per blank-line-separated block.
Short label lines that trafilatura keeps in front of the first sentence (section kicker,
"By ...", "Published :") are dropped.
Metadata is read from the page itself, in this order:

* url: ``<link rel=canonical>``, ``og:url``, JSON-LD ``url``/``mainEntityOfPage``, the URL given
* title: ``og:title``, JSON-LD ``headline``, trafilatura's title
* outlet: JSON-LD ``publisher.name``, ``og:site_name``, trafilatura's sitename
* published: ``article:published_time``, the first ``<time datetime>``, JSON-LD
  ``datePublished``, ``itemprop=datePublished``, trafilatura's date
* language: ``<html lang>``, ``og:locale``
"""
from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
import trafilatura

from ..exceptions import InputError
from ..model import RawDocument
from ._common import decode_text, join_paragraphs, squash
from .language import normalise_language_tag

__all__ = ["parse_html", "read_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SENTENCE_END = tuple(".!?。…\"'”»)")
_MAX_LABEL_WORDS = 6


def _first(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            return squash(value)
    return None


def _meta(tree: Any, *names: str) -> str | None:
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            found = tree.xpath(f'//meta[@{attribute}="{name}"]/@content')
            if found and found[0].strip():
                return str(found[0]).strip()
    return None


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object whose ``@type`` looks like an article."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            if "@graph" in item and isinstance(item["@graph"], list):
                stack.extend(item["@graph"])
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return item
    return {}


def _ld_text(value: Any, key: str = "name") -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        inner = value.get(key) or value.get("@id")
        return inner if isinstance(inner, str) else None
    if isinstance(value, list) and value:
        return _ld_text(value[0], key)
    return None


def _body_paragraphs(text: str) -> list[str]:
    paragraphs = [squash(line) for line in text.split("\n") if squash(line)]
    # trafilatura may keep the kicker, byline and date labels above the first sentence.
    while len(paragraphs) > 1:
        head = paragraphs[0]
        if len(head.split()) <= _MAX_LABEL_WORDS and not head.endswith(_SENTENCE_END):
            paragraphs.pop(0)
        else:
            break
    return paragraphs


def parse_html(html: str, path: str, source: str, url: str | None = None, fmt: str = "html") -> RawDocument:
    try:
        tree = lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml raises ParserError/ValueError on junk
        raise InputError(source, f"not parseable as HTML ({exc})") from None
    meta: dict[str, Any] = {}
    body: list[str] = []
    # Precision first; a page it finds no text on (an old table layout) is read again without it.
    for precision in (True, False):
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=precision,
            with_metadata=True,
            deduplicate=False,
        )
        if extracted is not None:
            meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
        body = _body_paragraphs(meta.get("text") or "")
        if body:
            break
    if not body:
        raise InputError(source, "no main text found in the HTML page")
    ld = _json_ld(tree)
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    times = tree.xpath("//time/@datetime")
    item_date = tree.xpath('//*[@itemprop="datePublished"]/@datetime | //*[@itemprop="datePublished"]/@content')
    lang = tree.xpath("/html/@lang")
    return RawDocument(
        text=join_paragraphs(body),
        path=path,
        format=fmt,
        source=source,
        url=_first(canonical[0] if canonical else None, _meta(tree, "og:url"),
                   _ld_text(ld.get("url")), _ld_text(ld.get("mainEntityOfPage")), url, meta.get("url")),
        title=_first(_meta(tree, "og:title"), ld.get("headline"), meta.get("title")),
        # the publisher's name is the outlet; og:site_name is sometimes the site's brand ("X News")
        outlet=_first(_ld_text(ld.get("publisher")), _meta(tree, "og:site_name"), meta.get("sitename")),
        byline=_first(_ld_text(ld.get("author")), _meta(tree, "author"), meta.get("author")),
        published=_first(_meta(tree, "article:published_time"), times[0] if times else None,
                         ld.get("datePublished"), item_date[0] if item_date else None, meta.get("date")),
        language=normalise_language_tag(_first(lang[0] if lang else None, _meta(tree, "og:locale"))),
    )


def decode_html(data: bytes, source: str, charset: str | None = None) -> str:
    declared = _META_CHARSET.search(data[:4096])
    encoding = charset or (declared.group(1).decode("ascii") if declared else None)
    return decode_text(data, source, encoding)


def read_html(data: bytes, path: str, source: str, url: str | None = None,
              fmt: str = "html", charset: str | None = None) -> RawDocument:
    return parse_html(decode_html(data, source, charset), path, source, url=url, fmt=fmt)
