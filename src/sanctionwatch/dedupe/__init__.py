"""Near-duplicate documents: MinHash over word shingles, LSH buckets kept in the database.

::

    from sanctionwatch.dedupe import DedupeIndex
    index = DedupeIndex()                       # settings: dedupe_threshold, shingle_size, minhash_perm
    link = index.add(session, doc.id, doc.text, doc.published)
    link.duplicate_of                           # the earliest document this one copies, or None
    link.repointed                              # {document id: new original} for older links it moved

A syndicated copy (new headline, a trimmed paragraph, an added sentence) keeps most of
its word shingles, so its Jaccard similarity to the original stays high (0.7-0.9) while
two independent write-ups of one event share almost none (< 0.05).  Each document gets a
datasketch ``MinHash`` of its ``shingle_size``-word shingles (lower-cased words, so
punctuation and layout do not matter); its signature is cut into ``b`` bands of ``r``
rows, with ``b`` and ``r`` chosen by datasketch's ``MinHashLSH`` for the threshold.

**Why the LSH buckets live in a table.**  datasketch's own LSH keeps its buckets in
memory (or Redis/Cassandra).  Rebuilding it from the stored signatures whenever a
process starts costs O(N) per ``ingest`` call, which a CLI that adds one document at a
time cannot afford at 100k documents.  Instead each band hash is a row of
``minhash_bands`` (bucket, document_id) with the bucket in the primary key, so a lookup
is one indexed ``bucket IN (...)`` query, adding a document inserts ``b`` rows, and the
index works the same on SQLite and PostgreSQL and under concurrent writers.  Candidates
from the buckets are confirmed by the Jaccard estimate of the full signatures
(``minhashes.signature``) against ``dedupe_threshold``.

**Which document is the original.**  Near-duplicates form groups (connected by
similarity at or above the threshold); every copy links to the group's earliest-published
document (ties broken by document id), wherever it arrived in the stream.  When an
original arrives after its copies, or a document bridges two groups, the older links are
re-pointed and reported in ``DuplicateLink.repointed``; the result does not depend on the
order documents arrive in (a property test checks it).

The signature scheme (shingle size, permutations, bands) is stored with every row; an
index built with other settings is refused with a message naming them, because its
buckets would never match.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from .. import settings
from ..exceptions import ConfigError
from ..store.schema import MinhashBandRow, MinhashRow

__all__ = ["DedupeIndex", "DuplicateLink", "jaccard", "publication_key", "shingles"]

_WORD = re.compile(r"\w+", re.UNICODE)
_SEED = 1  # datasketch's default permutation seed; part of the stored scheme


def shingles(text: str, size: int) -> set[str]:
    """The ``size``-word shingles of a text (NFKC, case-folded words; punctuation ignored)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (the benchmarks' ground truth)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def publication_key(published: str | None) -> str:
    """A sortable UTC instant for a publication date; unknown dates sort last.

    ``2025-06-17`` (a bare date) counts as midnight UTC; offsets are honoured, so
    ``2025-06-18T08:45:00+09:00`` sorts before ``2025-06-17T23:59:00Z`` + 1 minute.
    """
    if not published:
        return "9999"
    try:
        when = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    except (ValueError, OverflowError):  # unparseable, or year 1 east of UTC: after every real date, stable
        return "9998-" + published


@dataclass
class DuplicateLink:
    """What the index decided for one document. ``why`` says how similar it is to what."""

    document_id: str
    duplicate_of: str | None
    similarity: float | None = None
    matches: dict[str, float] = field(default_factory=dict)  # candidate id -> estimated Jaccard
    repointed: dict[str, str] = field(default_factory=dict)  # earlier document id -> its new original

    @property
    def reason(self) -> str | None:
        if self.duplicate_of is None:
            return None
        return f"near duplicate of {self.duplicate_of} (Jaccard ≈ {self.similarity:.2f})"


class DedupeIndex:
    """The persisted near-duplicate index. Methods take the caller's session (one transaction)."""

    def __init__(self, threshold: float | None = None, shingle_size: int | None = None,
                 num_perm: int | None = None) -> None:
        self.threshold = float(settings.get("dedupe_threshold") if threshold is None else threshold)
        self.shingle_size = int(settings.get("shingle_size") if shingle_size is None else shingle_size)
        self.num_perm = int(settings.get("minhash_perm") if num_perm is None else num_perm)
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"dedupe_threshold must be between 0 and 1, not {self.threshold} "
                              "(--dedupe-threshold / SANCTIONWATCH_DEDUPE_THRESHOLD)")
        if self.shingle_size < 1 or self.num_perm < 16:
            raise ConfigError("shingle_size must be >= 1 and minhash_perm >= 16 "
                              "(--shingle-size, --minhash-perm)")
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self.bands, self.rows = lsh.b, lsh.r
        self.scheme = f"w{self.shingle_size}-p{self.num_perm}-b{self.bands}r{self.rows}-s{_SEED}"
        self._checked: set[int] = set()

    # -- signatures ----------------------------------------------------------------
    def signature(self, text: str) -> np.ndarray:
        """The MinHash signature (uint64 array of ``num_perm`` values) of a text."""
        m = MinHash(num_perm=self.num_perm, seed=_SEED)
        m.update_batch(s.encode("utf-8") for s in shingles(text, self.shingle_size))
        return m.hashvalues.astype(np.uint64)

    def buckets(self, sig: np.ndarray) -> list[int]:
        """One signed 64-bit bucket key per band (band number mixed in)."""
        keys = []
        for band in range(self.bands):
            chunk = sig[band * self.rows:(band + 1) * self.rows].tobytes()
            digest = hashlib.blake2b(band.to_bytes(2, "big") + chunk, digest_size=8).digest()
            keys.append(int.from_bytes(digest, "big", signed=True))
        return keys

    @staticmethod
    def _similarity(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.count_nonzero(a == b)) / len(a)

    # -- lookup and insert -----------------------------------------------------------
    def _check_scheme(self, session: Session) -> None:
        if id(session) in self._checked:
            return
        stored = session.scalar(select(MinhashRow.scheme).where(MinhashRow.scheme != self.scheme).limit(1))
        if stored is not None:
            raise ConfigError(
                f"the near-duplicate index in this database was built with {stored} "
                f"(w=shingle_size, p=minhash_perm, b/r from dedupe_threshold) but the settings now give "
                f"{self.scheme}; use the settings it was built with, or ingest into a new database")
        self._checked.add(id(session))

    def matches(self, session: Session, sig: np.ndarray, exclude: str | None = None) -> dict[str, float]:
        """Stored documents whose estimated Jaccard with ``sig`` reaches the threshold."""
        self._check_scheme(session)
        keys = self.buckets(sig)
        conn = session.connection()
        candidates = set(conn.scalars(select(MinhashBandRow.document_id).where(MinhashBandRow.bucket.in_(keys))))
        candidates.discard(exclude)  # type: ignore[arg-type]
        found: dict[str, float] = {}
        for chunk in _chunks(sorted(candidates), 500):
            for doc_id, blob in conn.execute(
                    select(MinhashRow.document_id, MinhashRow.signature).where(MinhashRow.document_id.in_(chunk))):
                sim = self._similarity(sig, np.frombuffer(blob, dtype=np.uint64))
                if sim >= self.threshold:
                    found[doc_id] = sim
        return found

    def lookup(self, session: Session, text: str, published: str | None, document_id: str | None = None,
               sig: np.ndarray | None = None) -> DuplicateLink:
        """What ``add`` would decide for this text, without writing anything."""
        sig = self.signature(text) if sig is None else sig
        found = self.matches(session, sig, exclude=document_id)
        link = DuplicateLink(document_id or "", None, matches=found)
        if not found:
            return link
        roots = self._roots(session, found)
        key = (publication_key(published), document_id or "")
        earliest = min(roots.items(), key=lambda kv: (kv[1], kv[0]))
        if (earliest[1], earliest[0]) < key:
            link.duplicate_of = earliest[0]
            link.similarity = max(found.values())
        return link

    def add(self, session: Session, document_id: str, text: str, published: str | None,
            sig: np.ndarray | None = None) -> DuplicateLink:
        """Index a document; link it (and re-point older links) to its group's earliest document.

        Adding a document already in the index returns its current link unchanged.
        """
        conn = session.connection()  # Core statements: the ORM adds nothing on this hot path
        existing = conn.execute(select(MinhashRow.duplicate_of).where(MinhashRow.document_id == document_id)).first()
        if existing is not None:
            return DuplicateLink(document_id, existing[0])
        sig = self.signature(text) if sig is None else sig
        found = self.matches(session, sig, exclude=document_id)
        own_key = publication_key(published)
        link = DuplicateLink(document_id, None, matches=found)
        if found:
            roots = self._roots(session, found)
            roots[document_id] = own_key
            winner = min(roots.items(), key=lambda kv: (kv[1], kv[0]))[0]
            for root in sorted(roots):
                if root in (winner, document_id):
                    continue
                moved = session.scalars(select(MinhashRow.document_id).where(
                    or_(MinhashRow.document_id == root, MinhashRow.duplicate_of == root))).all()
                session.execute(update(MinhashRow).where(MinhashRow.document_id.in_(moved))
                                .values(duplicate_of=winner))
                link.repointed.update(dict.fromkeys(moved, winner))
            if winner != document_id:
                link.duplicate_of = winner
                link.similarity = found.get(winner, max(found.values()))
        conn.execute(insert(MinhashRow).values(
            document_id=document_id, signature=sig.tobytes(), published=published, scheme=self.scheme,
            sort_key=own_key, duplicate_of=link.duplicate_of))
        conn.execute(insert(MinhashBandRow), [{"bucket": b, "document_id": document_id}
                                              for b in sorted(set(self.buckets(sig)))])
        return link

    def remove(self, session: Session, document_id: str) -> None:
        session.execute(delete(MinhashBandRow).where(MinhashBandRow.document_id == document_id))
        session.execute(delete(MinhashRow).where(MinhashRow.document_id == document_id))

    def originals(self, session: Session, document_ids: Iterable[str] | None = None) -> dict[str, str | None]:
        """document id -> the id of the original it copies (None for originals)."""
        q = select(MinhashRow.document_id, MinhashRow.duplicate_of)
        if document_ids is not None:
            ids = list(document_ids)
            out: dict[str, str | None] = {}
            for chunk in _chunks(ids, 500):
                out.update(dict(session.execute(q.where(MinhashRow.document_id.in_(chunk))).all()))
            return out
        return dict(session.execute(q).all())  # type: ignore[arg-type]

    def _roots(self, session: Session, found: dict[str, float]) -> dict[str, str]:
        """The originals of the matched documents' groups, with their publication keys."""
        rows = session.execute(select(MinhashRow.document_id, MinhashRow.duplicate_of)
                               .where(MinhashRow.document_id.in_(list(found)))).all()
        root_ids = {dup or doc for doc, dup in rows}
        return dict(session.execute(select(MinhashRow.document_id, MinhashRow.sort_key)
                                    .where(MinhashRow.document_id.in_(sorted(root_ids)))).all())  # type: ignore[arg-type]


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
