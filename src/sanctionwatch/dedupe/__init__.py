"""Near-duplicate documents: exact Jaccard of word shingles, found through MinHash LSH buckets kept in the database.

::

    from sanctionwatch.dedupe import DedupeIndex
    index = DedupeIndex()                       # settings: dedupe_threshold, shingle_size, minhash_perm
    link = index.add(session, doc.id, doc.text, doc.published)
    link.duplicate_of                           # the earliest document this one copies, or None
    link.repointed                              # {document id: new original} for older links it moved
    links = index.add_many(session, [(doc.id, doc.text, doc.published), ...])   # a batch at once

A syndicated copy (new headline, a trimmed paragraph, an added sentence) keeps most of
its word shingles, so its Jaccard similarity to the original stays high (0.7-0.9) while
two independent write-ups of one event share almost none (< 0.05).

**Fingerprints, in bulk.**  Each document's ``shingle_size``-word shingles (NFKC,
case-folded words; punctuation and layout do not matter) are hashed to 64-bit integers
(every word of the batch hashed at once from prefix sums over its bytes, a shingle's
words combined and mixed, all with numpy), and its MinHash signature of ``minhash_perm`` values is the
minimum of ``a·x + b`` (mod 2⁶⁴, top 32 bits) over its shingle hashes, for fixed
multipliers derived from the seed — one vectorised pass over a batch of documents.  The
signature is cut into ``b`` bands of ``r`` rows and each band hashed to one bucket key.

**Candidates are confirmed exactly.**  MinHash only proposes candidates: ``b`` and ``r``
are chosen so that a pair whose Jaccard is *at* the threshold shares a bucket with
probability >= 0.99 (``_lsh_params``), and every candidate is then confirmed by the exact
Jaccard of the two sets of shingle hashes (a stored document's shingles are hashed again
from its text in ``documents``: candidates are few, and keeping ~2 KB of hashes per
document would triple what a bulk ingest writes).  So no link rests on the estimate's
noise: there are no false links, and only pairs that no band catches (< 1 % at the
threshold, < 0.02 % at Jaccard 0.6) are missed.  An index used without a ``documents``
table falls back on the signature's estimate for the stored side.

**Why the LSH buckets live in a table.**  Rebuilding an in-memory LSH from stored
signatures whenever a process starts costs O(N) per ``ingest`` call, which a CLI that
adds a few documents at a time cannot afford at 100k documents.  Instead each band key
is a row of ``minhash_bands`` (bucket, document_id) with the bucket in the primary key,
so looking up a batch is a few indexed ``bucket IN (...)`` queries, adding a batch is one
multi-row insert, and the index works the same on SQLite and PostgreSQL and under
concurrent writers.

**Which document is the original.**  Near-duplicates form groups (connected by
similarity at or above the threshold); every copy links to the group's earliest-published
document (ties broken by document id), wherever it arrived in the stream.  When an
original arrives after its copies, or a document bridges two groups, the older links are
re-pointed and reported in ``DuplicateLink.repointed``; the result does not depend on the
order documents arrive in, nor on how they are batched (property tests check both).

The fingerprint scheme (shingle size, permutations, bands, hashing version) is stored
with every row; an index built with other settings is refused with a message naming
them, because its buckets would never match.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import Connection, delete, or_, select, update
from sqlalchemy.orm import Session

from ..exceptions import ConfigError
from ..settings import get as get_setting
from ..store.schema import DocumentRow, MinhashBandRow, MinhashRow
from .hashing import _M64, _exact_jaccard, _mix64, _shingle_hashes, _splitmix64, _unique, _words

__all__ = ["DedupeIndex", "DuplicateLink", "Fingerprints", "jaccard", "publication_key", "shingles"]

_SEED = 1  # seeds the permutation multipliers; part of the stored scheme
_HASHING = 3  # version of the shingle hashing and signature (dedupe/hashing.py); part of the stored scheme
_RECALL_AT_THRESHOLD = 0.99  # probability that a pair exactly at the threshold becomes a candidate
_CHUNK = 4096  # shingles per vectorised MinHash step (a ~100 x 4096 uint64 buffer)

T = TypeVar("T")
Item = tuple[str, str, "str | None"]  # (document id, text, published)


def shingles(text: str, size: int) -> set[str]:
    """The ``size``-word shingles of a text (NFKC, case-folded words; punctuation ignored)."""
    words = _words(text)
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
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    except (ValueError, OverflowError):  # unparseable, or year 1 east of UTC: after every real date, stable
        return "9998-" + published


@dataclass
class DuplicateLink:
    """What the index decided for one document. ``why`` says how similar it is to what."""

    document_id: str
    duplicate_of: str | None
    similarity: float | None = None
    matches: dict[str, float] = field(default_factory=dict)  # matching document id -> exact Jaccard
    repointed: dict[str, str] = field(default_factory=dict)  # earlier document id -> its new original

    @property
    def reason(self) -> str | None:
        if self.duplicate_of is None:
            return None
        return f"near duplicate of {self.duplicate_of} (Jaccard {self.similarity:.2f})"


@dataclass
class Fingerprints:
    """The fingerprints of a batch of texts: shingle hashes, MinHash signatures, band keys.

    ``shingles[i]`` is text i's uint64 shingle hashes, in text order; ``signatures`` is an
    ``(n, b·r)`` uint32 matrix and ``bands`` an ``(n, b)`` int64 matrix of bucket keys
    (a text without words has no bands: it is nobody's near-duplicate).
    """

    shingles: list[np.ndarray]
    signatures: np.ndarray
    bands: np.ndarray

    def __len__(self) -> int:
        return len(self.shingles)

    def band_rows(self, ids: Sequence[str]) -> list[tuple[int, str]]:
        """``(bucket, id)`` for every band of every text with words, in bucket order (for a fast insert)."""
        texts = np.array([i for i, s in enumerate(self.shingles) if len(s)], dtype=np.intp)
        keys = self.bands[texts].ravel()
        owners = np.repeat(texts, self.bands.shape[1])
        order = np.lexsort((owners, keys))
        keys, owners = keys[order], owners[order]
        keep = np.ones(len(keys), dtype=bool)
        keep[1:] = (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])  # a band key repeated in one text
        return list(zip(keys[keep].tolist(), [ids[o] for o in owners[keep].tolist()], strict=True))

    def take(self, positions: Sequence[int]) -> Fingerprints:
        pos = list(positions)
        return Fingerprints([self.shingles[i] for i in pos], self.signatures[pos], self.bands[pos])

    def keys(self, i: int) -> list[int]:
        """Text i's distinct bucket keys (none for a text without words)."""
        return [] if not len(self.shingles[i]) else sorted(set(self.bands[i].tolist()))


class DedupeIndex:
    """The persisted near-duplicate index. Methods take the caller's session (one transaction)."""

    def __init__(self, threshold: float | None = None, shingle_size: int | None = None,
                 num_perm: int | None = None) -> None:
        self.threshold = float(get_setting("dedupe_threshold") if threshold is None else threshold)
        self.shingle_size = int(get_setting("shingle_size") if shingle_size is None else shingle_size)
        self.num_perm = int(get_setting("minhash_perm") if num_perm is None else num_perm)
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"dedupe_threshold must be between 0 and 1, not {self.threshold} "
                              "(--dedupe-threshold / SANCTIONWATCH_DEDUPE_THRESHOLD)")
        if self.shingle_size < 1 or self.num_perm < 16:
            raise ConfigError("shingle_size must be >= 1 and minhash_perm >= 16 "
                              "(--shingle-size, --minhash-perm)")
        self.bands, self.rows = _lsh_params(self.threshold, self.num_perm)
        self.scheme = f"w{self.shingle_size}-p{self.num_perm}-b{self.bands}r{self.rows}-s{_SEED}-h{_HASHING}"
        mults = _splitmix64(_SEED, 2 * self.num_perm)
        self._a = (np.array(mults[:self.num_perm], dtype=np.uint64) | np.uint64(1))[:, None]  # odd multipliers
        self._b = np.array(mults[self.num_perm:], dtype=np.uint64)[:, None]
        self._band_salt = np.array(_splitmix64(_SEED + 1, self.bands), dtype=np.uint64)
        self._checked: set[int] = set()

    # -- fingerprints ----------------------------------------------------------------
    def fingerprints(self, texts: Sequence[str]) -> Fingerprints:
        """Shingle hashes, signatures and band keys of a batch of texts, computed together."""
        flat, counts = _shingle_hashes(texts, self.shingle_size)
        sigs = self._signatures(flat, counts)
        sets = np.split(flat, np.cumsum(counts)[:-1]) if len(texts) else []
        return Fingerprints(sets, sigs, self._band_keys(sigs))

    def signature(self, text: str) -> np.ndarray:
        """The MinHash signature of a text: ``bands x rows`` uint32 values (the permutations LSH uses)."""
        return self.fingerprints([text]).signatures[0]

    def _signatures(self, flat: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Each text's minimum of ``a·x + b`` (top 32 bits) over its shingle hashes, for every permutation."""
        perms = self.bands * self.rows
        sigs = np.full((len(counts), perms), np.iinfo(np.uint32).max, dtype=np.uint32)
        a, b = self._a[:perms], self._b[:perms]
        ends = np.cumsum(counts).tolist()
        docs = [i for i, c in enumerate(counts.tolist()) if c]  # a text without words keeps the maximum
        at = 0
        with np.errstate(over="ignore"):
            while at < len(docs):  # a group of texts whose shingles fill one buffer
                first, last = docs[at], docs[at]
                lo = ends[first] - int(counts[first])
                while at < len(docs) and (docs[at] == first or ends[docs[at]] - lo <= _CHUNK):
                    last = docs[at]
                    at += 1
                group = [i for i in range(first, last + 1) if counts[i]]
                buf = np.multiply(a, flat[None, lo:ends[last]])
                buf += b
                offsets = np.array([ends[i] - int(counts[i]) - lo for i in group], dtype=np.intp)
                sigs[group] = (np.minimum.reduceat(buf, offsets, axis=1).T >> np.uint64(32)).astype(np.uint32)
        return sigs

    def _band_keys(self, sigs: np.ndarray) -> np.ndarray:
        """One signed 64-bit bucket key per band (band number mixed in)."""
        rows = sigs[:, :self.bands * self.rows].reshape(len(sigs), self.bands, self.rows).astype(np.uint64)
        key = np.broadcast_to(self._band_salt, (len(sigs), self.bands)).copy()
        with np.errstate(over="ignore"):
            for r in range(self.rows):
                key = _mix64((key ^ rows[:, :, r]) * _M64)
        return key.view(np.int64)

    # -- lookup and insert -----------------------------------------------------------
    def _check_scheme(self, session: Session) -> None:
        # Once per database, not per session: the pipeline opens a session per document, and
        # the check reads every row of minhashes (no index on scheme), so per session it grew
        # with the store.
        bind = id(session.get_bind())
        if bind in self._checked:
            return
        stored = session.scalar(select(MinhashRow.scheme).where(MinhashRow.scheme != self.scheme).limit(1))
        if stored is not None:
            raise ConfigError(
                f"the near-duplicate index in this database was built with {stored} "
                f"(w=shingle_size, p=minhash_perm, b/r from dedupe_threshold, h=hashing version) but the "
                f"settings now give {self.scheme}; use the settings it was built with, or ingest into a "
                "new database")
        self._checked.add(bind)

    def _confirmed(self, conn: Connection, fp: Fingerprints, ids: Sequence[str], positions: Sequence[int],
                   within: bool) -> dict[int, dict[str | int, float]]:
        """For each of ``positions``: the stored documents (by id) and, when ``within``, the other
        texts of this batch (by position) whose exact Jaccard reaches the threshold."""
        candidates: dict[int, set[str | int]] = {i: set() for i in positions}
        rows = np.array([i for i in positions if len(fp.shingles[i])], dtype=np.int64)
        keys = fp.bands[rows].ravel()
        owners = np.repeat(rows, self.bands)
        order = np.argsort(keys, kind="stable")
        keys, owners = keys[order], owners[order]
        stored: dict[int, list[str]] = defaultdict(list)
        for chunk in _chunks(np.unique(keys).tolist(), 50_000):
            for bucket, doc_id in _bucket_members(conn, chunk):
                stored[bucket].append(doc_id)
        if stored:
            hit = np.array(sorted(stored), dtype=np.int64)
            lo, hi = np.searchsorted(keys, hit, "left"), np.searchsorted(keys, hit, "right")
            for k, a, b in zip(hit.tolist(), lo.tolist(), hi.tolist(), strict=True):
                for i in owners[a:b].tolist():
                    candidates[i].update(stored[k])
        if within and len(keys) > 1:
            same = np.flatnonzero(keys[1:] == keys[:-1])  # a bucket shared by texts of this batch
            groups: dict[int, set[int]] = defaultdict(set)
            for at in same.tolist():
                groups[int(keys[at])].update((int(owners[at]), int(owners[at + 1])))
            for members in groups.values():
                for i in members:
                    candidates[i].update(members - {i})
        wanted = sorted({c for cs in candidates.values() for c in cs if isinstance(c, str)})
        sets, estimated = self._stored_shingles(conn, wanted)
        found: dict[int, dict[str | int, float]] = {}
        unique: dict[int, np.ndarray] = {}

        def shingle_set(i: int) -> np.ndarray:
            if i not in unique:
                unique[i] = _unique(fp.shingles[i])
            return unique[i]

        for i in positions:
            hits: dict[str | int, float] = {}
            for c in candidates[i]:
                if c == ids[i]:
                    continue
                if isinstance(c, str) and c in estimated:  # no stored text: the MinHash estimate
                    sim = float(np.count_nonzero(estimated[c] == fp.signatures[i])) / len(estimated[c])
                else:
                    other = shingle_set(c) if isinstance(c, int) else sets.get(c)
                    if other is None:
                        continue
                    sim = _exact_jaccard(shingle_set(i), other)
                if sim >= self.threshold:
                    hits[c] = sim
            found[i] = hits
        return found

    def _stored_shingles(self, conn: Connection, doc_ids: Sequence[str]
                         ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """The shingle hash sets of stored documents, from their text in ``documents``; for an
        indexed document without a stored text (an index used on its own), its signature."""
        if not doc_ids:
            return {}, {}
        sets: dict[str, np.ndarray] = {}
        for chunk in _chunks(doc_ids, 500):
            rows = [(doc_id, text) for doc_id, text in conn.execute(
                select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(chunk))) if text]
            if not rows:
                continue
            flat, counts = _shingle_hashes([text for _, text in rows], self.shingle_size)
            for (doc_id, _), hashes in zip(rows, np.split(flat, np.cumsum(counts)[:-1]), strict=True):
                sets[doc_id] = _unique(hashes)
        estimated: dict[str, np.ndarray] = {}
        for chunk in _chunks([d for d in doc_ids if d not in sets], 500):
            for doc_id, blob in conn.execute(select(MinhashRow.document_id, MinhashRow.signature)
                                             .where(MinhashRow.document_id.in_(chunk))):
                estimated[doc_id] = np.frombuffer(blob, dtype=np.uint32)
        return sets, estimated

    def _groups(self, conn: Connection, doc_ids: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
        """The stored documents' originals (id -> root id) and the roots' publication keys."""
        root_of: dict[str, str] = {}
        for chunk in _chunks(sorted(set(doc_ids)), 500):
            for doc, dup in conn.execute(select(MinhashRow.document_id, MinhashRow.duplicate_of)
                                         .where(MinhashRow.document_id.in_(chunk))):
                root_of[doc] = dup or doc
        keys: dict[str, str] = {}
        for chunk in _chunks(sorted(set(root_of.values())), 500):
            keys.update(conn.execute(select(MinhashRow.document_id, MinhashRow.sort_key)
                                     .where(MinhashRow.document_id.in_(chunk))).all())  # type: ignore[arg-type]
        return root_of, keys

    def lookup_many(self, session: Session, items: Sequence[Item],
                    fingerprints: Fingerprints | None = None) -> list[DuplicateLink]:
        """What ``add`` would decide for each text against the stored index, without writing anything."""
        self._check_scheme(session)
        conn = session.connection()
        fp = self.fingerprints([t for _, t, _ in items]) if fingerprints is None else fingerprints
        ids = [doc_id or "" for doc_id, _, _ in items]
        found = self._confirmed(conn, fp, ids, range(len(items)), within=False)
        root_of, keys = self._groups(conn, (str(d) for hits in found.values() for d in hits))
        links = []
        for i, (doc_id, _, published) in enumerate(items):
            hits = {str(d): s for d, s in found[i].items()}
            link = DuplicateLink(doc_id or "", None, matches=hits)
            roots = {root_of[d] for d in hits if d in root_of}
            if roots:
                earliest = min((keys.get(r, "9999"), r) for r in roots)
                if earliest < (publication_key(published), doc_id or ""):
                    link.duplicate_of, link.similarity = earliest[1], max(hits.values())
            links.append(link)
        return links

    def lookup(self, session: Session, text: str, published: str | None, document_id: str | None = None,
               fingerprints: Fingerprints | None = None) -> DuplicateLink:
        """What ``add`` would decide for this text, without writing anything."""
        return self.lookup_many(session, [(document_id or "", text, published)], fingerprints)[0]

    def add(self, session: Session, document_id: str, text: str, published: str | None,
            fingerprints: Fingerprints | None = None) -> DuplicateLink:
        """Index a document; link it (and re-point older links) to its group's earliest document.

        Adding a document already in the index returns its current link unchanged.
        """
        return self.add_many(session, [(document_id, text, published)], fingerprints)[0]

    def add_many(self, session: Session, items: Sequence[Item],
                 fingerprints: Fingerprints | None = None) -> list[DuplicateLink]:
        """Index a batch of documents together: one lookup, one insert, links settled as a whole.

        The links are those that adding the documents one by one would give (in any order).
        A document's ``repointed`` lists the stored documents its group took over (reported
        once per batch, on the first document of the group).
        """
        self._check_scheme(session)
        conn = session.connection()  # Core statements: the ORM adds nothing on this hot path
        ids = [doc_id for doc_id, _, _ in items]
        existing: dict[str, str | None] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            existing.update(conn.execute(select(MinhashRow.document_id, MinhashRow.duplicate_of)
                                         .where(MinhashRow.document_id.in_(chunk))).all())  # type: ignore[arg-type]
        first: dict[str, int] = {}
        for i, doc_id in enumerate(ids):
            if doc_id not in existing:
                first.setdefault(doc_id, i)
        new = sorted(first.values())
        if new:
            fp = self.fingerprints([items[i][1] for i in new]) if fingerprints is None else fingerprints.take(new)
            local = [ids[i] for i in new]  # position in fp -> id
            final, sims, repointed = self._settle(conn, fp, local, [items[i][2] for i in new])
            _insert_many(conn, MinhashRow.__tablename__,
                         ("document_id", "signature", "published", "scheme", "sort_key", "duplicate_of"),
                         [(local[j], fp.signatures[j].tobytes(), items[i][2], self.scheme,
                           publication_key(items[i][2]), final[j]) for j, i in enumerate(new)])
            _insert_many(conn, MinhashBandRow.__tablename__, ("bucket", "document_id"), fp.band_rows(local))
            made = {local[j]: DuplicateLink(local[j], final[j], _similarity(sims[j], final[j]), sims[j],
                                            repointed.get(j, {})) for j in range(len(new))}
        else:
            made = {}
        links: list[DuplicateLink] = []
        for doc_id in ids:
            link = made.pop(doc_id, None)  # a repeated id gets its link once, then the stored answer
            links.append(link if link is not None else
                         DuplicateLink(doc_id, existing.get(doc_id, _final_of(links, doc_id))))
        return links

    def _settle(self, conn: Connection, fp: Fingerprints, ids: list[str], published: list[str | None]
                ) -> tuple[list[str | None], list[dict[str, float]], dict[int, dict[str, str]]]:
        """Links of a batch of new documents: each group's earliest document wins, stored
        groups that a new document bridges are re-pointed (updated here)."""
        found = self._confirmed(conn, fp, ids, range(len(ids)), within=True)
        root_of, keys = self._groups(conn, (d for hits in found.values() for d in hits if isinstance(d, str)))
        parent: dict[str | int, str | int] = {}

        def find(x: str | int) -> str | int:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]  # type: ignore[index]
                x = parent[x]
            return x

        for i, hits in found.items():
            for d in hits:
                a, b = find(i), find(root_of.get(d, d) if isinstance(d, str) else d)
                if a != b:
                    parent[a] = b
        members: dict[str | int, list[str | int]] = defaultdict(list)
        for node in list(parent):
            members[find(node)].append(node)
        final: list[str | None] = [None] * len(ids)
        repointed: dict[int, dict[str, str]] = {}

        def order(node: str | int) -> tuple[str, str]:
            if isinstance(node, int):
                return publication_key(published[node]), ids[node]
            return keys.get(node, "9999"), node

        for group in members.values():
            winner = ids[w] if isinstance(w := min(group, key=order), int) else w
            moved: dict[str, str] = {}
            for node in sorted(n for n in group if isinstance(n, str) and n != winner):
                rows = conn.scalars(select(MinhashRow.document_id).where(
                    or_(MinhashRow.document_id == node, MinhashRow.duplicate_of == node))).all()
                conn.execute(update(MinhashRow).where(MinhashRow.document_id.in_(rows)).values(duplicate_of=winner))
                moved.update(dict.fromkeys(rows, winner))
            news = sorted(n for n in group if isinstance(n, int))
            for j in news:
                final[j] = None if ids[j] == winner else winner
            if moved and news:
                repointed[news[0]] = moved
        sims = [{(ids[d] if isinstance(d, int) else d): s for d, s in found[i].items()} for i in range(len(ids))]
        return final, sims, repointed

    def remove(self, session: Session, document_id: str) -> None:
        """Take a document out of the index (its band rows by primary key: buckets from its signature)."""
        blob = session.scalar(select(MinhashRow.signature).where(MinhashRow.document_id == document_id))
        if blob is None:
            return
        sig = np.frombuffer(blob, dtype=np.uint32)
        if len(sig) == self.num_perm:
            keys = sorted(set(self._band_keys(sig[None, :])[0].tolist()))
            session.execute(delete(MinhashBandRow).where(MinhashBandRow.bucket.in_(keys),
                                                         MinhashBandRow.document_id == document_id))
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


def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands ``b`` and rows ``r`` (``b·r <= num_perm``): the most rows per band (fewest chance
    candidates) for which a pair at the threshold shares a bucket with probability >= 0.99."""
    best = (num_perm, 1)
    for r in range(1, num_perm + 1):
        p = threshold ** r
        if p <= 0.0:
            break
        b = 1 if p >= 1.0 else math.ceil(math.log(1 - _RECALL_AT_THRESHOLD) / math.log1p(-p))
        if b * r > num_perm:
            break
        best = (b, r)
    return best


def _bucket_members(conn: Connection, keys: Sequence[int]) -> Iterable[tuple[int, str]]:
    """``(bucket, document id)`` rows of ``minhash_bands`` for a long list of bucket keys.

    One array parameter rather than an ``IN`` list of thousands of values (SQLite parses
    and sorts such a list for every query, which cost 4x the index probes themselves):
    ``json_each`` on SQLite, ``= ANY(array)`` on PostgreSQL.
    """
    table = MinhashBandRow.__tablename__
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql(f"SELECT b.bucket, b.document_id FROM json_each(?) AS j "
                                    f"JOIN {table} AS b ON b.bucket = j.value", (json.dumps(list(keys)),))
    if conn.dialect.name == "postgresql":
        return conn.exec_driver_sql(f"SELECT bucket, document_id FROM {table} WHERE bucket = ANY(CAST(%s AS BIGINT[]))",
                                    (list(keys),))
    return conn.execute(select(MinhashBandRow.bucket, MinhashBandRow.document_id)  # type: ignore[return-value]
                        .where(MinhashBandRow.bucket.in_(keys)))


def _insert_many(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """A multi-row insert through the driver's own executemany (the hot path of a bulk ingest:
    SQLAlchemy's per-row parameter processing would cost more than SQLite's insert)."""
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})",
                         rows)


def _similarity(hits: dict[str, float], winner: str | None) -> float | None:
    if winner is None or not hits:
        return None
    return hits.get(winner, max(hits.values()))


def _final_of(links: list[DuplicateLink], doc_id: str) -> str | None:
    return next((link.duplicate_of for link in links if link.document_id == doc_id), None)


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
