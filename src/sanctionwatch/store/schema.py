"""The database schema (SQLAlchemy 2 declarative), the same on SQLite and PostgreSQL.

Tables: ``documents`` (cleaned text, original kept), ``claims`` (one row per claim with
its structured fields as columns, evidence as JSON), ``events`` (claims of one
real-world event across documents), ``minhashes`` (persisted near-duplicate index),
``judgements`` (human decisions that re-runs never overwrite).
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "ClaimRow", "DocumentRow", "EventKeyRow", "EventRow", "FailureRow", "JudgementRow",
           "MinhashBandRow", "MinhashRow", "ShardRow", "SiteBlockRow"]


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    format: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    language: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text)
    removed: Mapped[list[Any]] = mapped_column(JSON, default=list)
    duplicate_of: Mapped[str | None] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(64), default="analysed")
    extractor: Mapped[str | None] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    actor_name: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(String(128), index=True)
    actor_country: Mapped[str | None] = mapped_column(String(8))
    target_name: Mapped[str | None] = mapped_column(Text)
    target_id: Mapped[str | None] = mapped_column(String(128))
    target_country: Mapped[str | None] = mapped_column(String(8))
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    location_name: Mapped[str | None] = mapped_column(Text, index=True)
    quantity_value: Mapped[float | None] = mapped_column(Float)
    quantity_max: Mapped[float | None] = mapped_column(Float)
    quantity_kind: Mapped[str | None] = mapped_column(String(64), index=True)  # the kind menus and filters
    qualifier: Mapped[str | None] = mapped_column(String(16))
    quantity_text: Mapped[str | None] = mapped_column(Text)
    date_start: Mapped[str | None] = mapped_column(String(24), index=True)
    date_end: Mapped[str | None] = mapped_column(String(24))
    date_text: Mapped[str | None] = mapped_column(Text)
    attributed_to_name: Mapped[str | None] = mapped_column(Text)
    attributed_to_id: Mapped[str | None] = mapped_column(String(128))
    via: Mapped[str | None] = mapped_column(Text)
    modality: Mapped[str] = mapped_column(String(24), index=True)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    extractor: Mapped[str] = mapped_column(String(64), default="")
    event_id: Mapped[str | None] = mapped_column(String(40), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order within the document
    # cluster/: the claim's event features hashed (``EventKeyRow.key``): claims of one event with
    # equal keys are placed as one, and move together (index ix_claims_event_key)
    event_key: Mapped[str | None] = mapped_column(String(40))


class EventRow(Base):
    """A real-world event: the claims of several documents that report it.

    ``summary`` holds the reconciled figures (per quantity kind: values with sources,
    consensus or range, independent-source count, conflict flag), rebuilt for this
    event only when one of its claims changes.
    """

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    actor_id: Mapped[str | None] = mapped_column(String(128))
    target_id: Mapped[str | None] = mapped_column(String(128))
    place: Mapped[str | None] = mapped_column(Text)
    date_start: Mapped[str | None] = mapped_column(String(24), index=True)
    date_end: Mapped[str | None] = mapped_column(String(24))
    first_reported: Mapped[str | None] = mapped_column(String(40))
    last_reported: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    # cluster/: the claim that founded the event (its id derives from it), and counts.
    founder: Mapped[str | None] = mapped_column(String(40))
    claims: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    # the claims changed since ``summary`` and the figures above were reconciled (an ingest
    # reconciles its stale events once, at its end: ``EventBuilder.summarise_stale``)
    stale: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


class MinhashRow(Base):
    """The persisted near-duplicate index: one MinHash signature per document.

    A candidate pair is confirmed by the exact Jaccard of the shingles of the documents'
    stored ``text`` (dedupe/), so no copy of the shingles is kept here.
    """

    __tablename__ = "minhashes"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    signature: Mapped[bytes] = mapped_column()
    published: Mapped[str | None] = mapped_column(String(40))
    # dedupe/: the settings the signature was made with ("w5-p128-b35r3-s1-h3"), the sortable
    # publication instant that decides which copy is the earliest, and the document this
    # one copies (the index's own record; documents.duplicate_of mirrors it).
    scheme: Mapped[str] = mapped_column(String(40), default="")
    sort_key: Mapped[str] = mapped_column(String(64), default="")
    duplicate_of: Mapped[str | None] = mapped_column(String(40), index=True)


class JudgementRow(Base):
    """A human decision (e.g. "this list entry is not that person"); never overwritten by re-runs."""

    __tablename__ = "judgements"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    left: Mapped[str] = mapped_column(Text)
    right: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


Index("ix_claims_type_date", ClaimRow.type, ClaimRow.date_start)
# The list pages' orders (serve/queries): a page of ids read off an index, never a sort of
# whole rows (an event row carries its summary, which can be large).
Index("ix_claims_date_id", ClaimRow.date_start.desc(), ClaimRow.id.desc())
# the events list's order, newest report first (an expression index: the list sorts by it)
Index("ix_events_recent", func.coalesce(EventRow.last_reported, EventRow.date_start).desc(), EventRow.id)
# Serves the filtered claims count and page of the API from the index alone (benchmarks/api.py).
Index("ix_claims_type_actor_date", ClaimRow.type, ClaimRow.actor_id, ClaimRow.date_start, ClaimRow.id)
# cluster/: a group of an event's claims moves to another event by one indexed update
Index("ix_claims_event_key", ClaimRow.event_id, ClaimRow.event_key)


# -- dedupe/ and cluster/ ---------------------------------------------------------------


class MinhashBandRow(Base):
    """LSH buckets of the near-duplicate index: one row per (band hash, document).

    Looking a new document up is one indexed ``bucket IN (...)`` query, so adding a
    document never loads or rebuilds the index (see ``dedupe/__init__.py``).
    """

    __tablename__ = "minhash_bands"
    # The primary key is the table (SQLite: WITHOUT ROWID) and the only index: a bulk ingest
    # writes ~35 rows per document, and a second B-tree on document_id doubled that cost.
    # Removing a document deletes its rows by primary key (its buckets come from its stored
    # signature), so nothing needs to find them by document.
    __table_args__ = {"sqlite_with_rowid": False}

    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("minhashes.document_id", ondelete="CASCADE"),
                                             primary_key=True)


class EventKeyRow(Base):
    """What event assignment compares, per event: one row per distinct set of claim features.

    Claims of one event whose features (``cluster.features.ClaimFeatures`` less their ids)
    are equal match every other claim alike, so the matcher compares a new claim with these
    rows, found by type and date window (``ix_event_keys_window``), never with an event's
    claims: the candidates grow with the distinct reports in a window, not with the store.
    ``founder`` is the smallest ``"<publication key> <claim id>"`` of the row's claims (the
    tie-break and founder of the claims it stands for), ``claims`` their count, ``best`` (vague
    rows) the best specific match among the stored claims, brought up to date whenever a new
    specific claim matches the row, so a vague claim is not compared with its window again.
    """

    __tablename__ = "event_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(32))
    date_lo: Mapped[int] = mapped_column(Integer)  # ordinal days of the claims' interval
    date_hi: Mapped[int] = mapped_column(Integer)
    specific: Mapped[bool] = mapped_column(Boolean, default=False)
    family: Mapped[str] = mapped_column(String(64), default="")  # the one kind family; "" none, "*" several
    features: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    founder: Mapped[str] = mapped_column(Text)
    claims: Mapped[int] = mapped_column(Integer, default=1)
    # a vague row's best specific match among the stored claims: [-score, gap, founder]
    best: Mapped[list[Any] | None] = mapped_column(JSON)


Index("ix_event_keys_event", EventKeyRow.event_id, EventKeyRow.key, unique=True)
# The candidates of a claim: its compatible types, specific or vague, a kind family it may share,
# ending no earlier than its window's start.
Index("ix_event_keys_window", EventKeyRow.type, EventKeyRow.specific, EventKeyRow.family, EventKeyRow.date_hi,
      EventKeyRow.date_lo)


# -- pipeline: records that failed, so `documents --failed` lists them and a re-run retries them --
class FailureRow(Base):
    """An input record that failed in one stage; deleted once the record is stored (or found stored)."""

    __tablename__ = "failures"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # hash of the record's source
    source: Mapped[str] = mapped_column(Text)  # file, "file.jsonl:3", "x.warc record at offset N"
    path: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(16))  # read | screen | clean | dedupe | extract | ...
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


# -- clean/: text blocks an outlet repeats on many pages (sidebars, teasers, footers) ----------
class SiteBlockRow(Base):
    """How many stored original documents of one outlet carry one paragraph (by its folded hash)."""

    __tablename__ = "site_blocks"

    outlet: Mapped[str] = mapped_column(String(200), primary_key=True)
    block: Mapped[str] = mapped_column(String(40), primary_key=True)
    documents: Mapped[int] = mapped_column(Integer, default=0)


# -- watch/ ------------------------------------------------------------------------------


class FeedRow(Base):
    """A subscribed feed and its polling state: validators, backoff, last outcome.

    ``etag``/``last_modified`` are saved only after every item of a fetch is processed,
    so a run stopped half-way fetches the same feed body again and misses nothing.
    """

    __tablename__ = "feeds"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    interval: Mapped[int | None] = mapped_column(Integer)  # seconds; None: the watch default
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive; drives the backoff
    next_poll_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class FeedItemRow(Base):
    """An item of a feed that the watcher has processed (so a restart skips it)."""

    __tablename__ = "feed_items"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # hash of feed id and item key
    feed_id: Mapped[str] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(Text)  # the item's link, else a hash of its title and text
    url: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[str | None] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AlertRow(Base):
    """An alert, written once: its id hashes the rule, the kind and what it is about.

    ``delivered`` lists the sinks that took it; ``pending`` stays true until every sink
    of the run did, so a failed webhook is retried on the next poll and after a restart.
    """

    __tablename__ = "alerts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    rule: Mapped[str] = mapped_column(String(128), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    document_id: Mapped[str | None] = mapped_column(String(40), index=True)
    claim_id: Mapped[str | None] = mapped_column(String(40))
    event_id: Mapped[str | None] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    delivered: Mapped[list[Any]] = mapped_column(JSON, default=list)
    pending: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


# -- resolve/ and assess/: sanctions lists, list matches, provision flags ------------------
class ListEntryRow(Base):
    """One sanctions-list entry (person or organisation) loaded by ``sanctionwatch lists load``."""

    __tablename__ = "list_entries"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    dataset: Mapped[str] = mapped_column(String(64), index=True)
    schema: Mapped[str] = mapped_column(String(32))
    caption: Mapped[str] = mapped_column(Text)
    names: Mapped[list[Any]] = mapped_column(JSON, default=list)
    weak_names: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reference: Mapped[str | None] = mapped_column(String(64), index=True)
    program: Mapped[str | None] = mapped_column(String(64))
    listed_on: Mapped[str | None] = mapped_column(String(24))
    countries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    birth_dates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    properties: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class MatchRow(Base):
    """A name in a document that may be a list entry; the analyst's verdict is a judgement."""

    __tablename__ = "matches"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str | None] = mapped_column(String(40), index=True)
    role: Mapped[str] = mapped_column(String(24))
    mention: Mapped[str] = mapped_column(Text)
    mention_key: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str] = mapped_column(String(128), index=True)
    score: Mapped[float] = mapped_column(Float)
    why: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class FlagRow(Base):
    """A claim that may be relevant to a UN Security Council provision (not a legal finding)."""

    __tablename__ = "flags"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(String(40), index=True)
    pack: Mapped[str] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(64))
    provision: Mapped[str] = mapped_column(String(64), index=True)
    resolution: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer)
    paragraph: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text)
    certainty: Mapped[str] = mapped_column(String(16))
    why: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ShardRow(Base):
    """One finished input shard of ``sanctionwatch batch`` and what it yielded."""

    __tablename__ = "batch_shards"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # hash of path, size and pack
    path: Mapped[str] = mapped_column(Text)
    pack: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
