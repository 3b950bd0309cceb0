"""Site boilerplate across documents: blocks an outlet repeats on many of its pages.

A news site puts the same "latest news" sidebar, teasers, "read more" lines and footer on
every page; the HTML reader keeps some of it as text.  Inside one document
``boilerplate.yaml`` and the repeat check cannot see it: only across documents of one
outlet does it show.  The ``site_blocks`` table counts, per outlet, how many stored
documents carry each paragraph (by the hash of its folded form; each document is
counted once, when it is stored).  A paragraph carried by ``SITE_BLOCK_DOCUMENTS`` or
more of them is site boilerplate: the pipeline drops it from the document's text before near-duplicate
signatures and extraction (``{"reason": "site boilerplate", "documents": n, "text": ...}``
in ``Document.removed``), so it neither makes two stories look alike nor serves as claim
evidence.  The document's id is taken before, from the whole cleaned text, so a page read
again gets the same id however the counts have grown since.

The outlet key is the outlet's name folded, else the URL's host; a document with neither
has no site and is left alone.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..model import Document
from ..store.schema import SiteBlockRow
from . import MIN_REPEAT_WORDS, split_paragraphs
from .normalize import normalize_key

__all__ = ["SITE_BLOCK_DOCUMENTS", "block_keys", "count_blocks", "drop_site_blocks", "site_key"]

SITE_BLOCK_DOCUMENTS = 3  # original documents of one outlet that must carry a block
_MAX_SITE = 200


def site_key(outlet: str | None, url: str | None) -> str | None:
    """The outlet's folded name, else the URL's host without ``www.``; None when neither is known."""
    if outlet and outlet.strip():
        return " ".join(outlet.casefold().split())[:_MAX_SITE]
    if url:
        try:
            host = urlsplit(url.strip()).hostname or ""
        except ValueError:
            host = ""
        host = host.removeprefix("www.")
        if host:
            return host[:_MAX_SITE]
    return None


def _block(paragraph: str) -> str | None:
    key = normalize_key(paragraph)
    if len(key.split()) < MIN_REPEAT_WORDS:
        return None  # "Share", "Photo": too short to tell a sidebar from a reply
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()


def block_keys(text: str) -> list[str | None]:
    """One block key per paragraph of ``text`` (None for paragraphs too short to count)."""
    return [_block(p) for p in split_paragraphs(text)]


def drop_site_blocks(session: Session, doc: Document, threshold: int = SITE_BLOCK_DOCUMENTS) -> Document:
    """``doc`` without the paragraphs its outlet repeats on ``threshold`` or more stored documents.

    A document whose every paragraph is frequent is left whole (it is a copy of a story the
    outlet ran before, not a page of boilerplate; the near-duplicate stage links it).
    """
    site = site_key(doc.outlet, doc.url)
    if site is None:
        return doc
    paragraphs = split_paragraphs(doc.text)
    keys = [_block(p) for p in paragraphs]
    wanted = sorted({k for k in keys if k})
    if not wanted:
        return doc
    counts: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        for block, documents in session.execute(select(SiteBlockRow.block, SiteBlockRow.documents).where(
                SiteBlockRow.outlet == site, SiteBlockRow.block.in_(wanted[start:start + 500]))):
            counts[block] = documents
    frequent = [k is not None and counts.get(k, 0) >= threshold for k in keys]
    if not any(frequent) or all(frequent):
        return doc
    kept = [p for p, f in zip(paragraphs, frequent, strict=True) if not f]
    doc.removed = [*doc.removed, *({"reason": "site boilerplate", "documents": counts[k], "text": p}
                                   for p, k, f in zip(paragraphs, keys, frequent, strict=True) if f and k)]
    doc.text = "\n\n".join(kept)
    return doc


def count_blocks(session: Session, doc: Document, paragraphs: Iterable[str] | None = None) -> None:
    """Count ``doc``'s paragraphs for its outlet (call once, when the document is stored)."""
    site = site_key(doc.outlet, doc.url)
    if site is None:
        return
    keys = sorted({k for k in (block_keys(doc.text) if paragraphs is None else (_block(p) for p in paragraphs)) if k})
    if not keys:
        return
    known: set[str] = set()
    for start in range(0, len(keys), 500):
        known.update(session.scalars(select(SiteBlockRow.block).where(
            SiteBlockRow.outlet == site, SiteBlockRow.block.in_(keys[start:start + 500]))))
    for start in range(0, len(keys), 500):
        chunk = [k for k in keys[start:start + 500] if k in known]
        if chunk:
            session.execute(update(SiteBlockRow).where(SiteBlockRow.outlet == site, SiteBlockRow.block.in_(chunk))
                            .values(documents=SiteBlockRow.documents + 1))
    session.add_all(SiteBlockRow(outlet=site, block=k, documents=1) for k in keys if k not in known)
    session.flush()

