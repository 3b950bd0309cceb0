"""Hashing for the near-duplicate index: words, word shingles, mixing, exact set similarity.

Every function here is part of the stored fingerprint scheme (``h2`` in ``DedupeIndex.scheme``):
changing what it returns for the same text changes every stored bucket, and must come with a
new hashing version.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from itertools import chain, repeat

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_M64 = np.uint64(0x9E3779B97F4A7C15)
_WORD_CACHE_MAX = 200_000  # ~20 MB; a cleared cache costs one BLAKE2b per word again

_word_hashes: dict[str, int] = {}


def _unique(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique, without its overhead on short arrays)."""
    a = np.sort(a)
    return a[np.concatenate(([True], a[1:] != a[:-1]))] if len(a) else a


def _exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard of two sorted sets of distinct hashes."""
    if not len(a) and not len(b):
        return 1.0
    inter = int(np.count_nonzero(b[np.minimum(np.searchsorted(b, a), len(b) - 1)] == a)) if len(b) else 0
    return inter / (len(a) + len(b) - inter)


def _words(text: str) -> list[str]:
    if text.isascii():  # NFKC changes no ASCII text, and case-folds it as lower() does
        return _WORD.findall(text.lower())
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _shingle_hashes(word_lists: list[list[str]], size: int) -> tuple[np.ndarray, np.ndarray]:
    """The 64-bit hashes of each text's shingles, in one flat array (text after text), and their counts.

    A shingle's hash is a function of its string (the same words in the same order), so the
    Jaccard of two hash sets is the Jaccard of the shingle sets (up to 64-bit collisions).
    """
    lengths = np.array([len(ws) for ws in word_lists], dtype=np.int64)
    flat_words = list(chain.from_iterable(word_lists))
    if len(_word_hashes) > _WORD_CACHE_MAX:  # bounded memory (news vocabularies are large but not unbounded)
        _word_hashes.clear()
    w = np.fromiter(map(_word_hashes.get, flat_words, repeat(0)), dtype=np.uint64, count=len(flat_words))
    unknown = np.flatnonzero(w == 0)  # a word not seen yet (no BLAKE2b hash is 0 in practice)
    if len(unknown):
        for i in unknown.tolist():
            word = flat_words[i]
            h = _word_hashes.get(word)
            if h is None:
                h = _word_hashes[word] = int.from_bytes(
                    hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
            w[i] = h
    counts = np.maximum(lengths - size + 1, 0)
    n = len(w) - size + 1
    with np.errstate(over="ignore"):
        if n > 0:
            rolled = w[:n].copy()
            for j in range(1, size):
                rolled *= _M64
                rolled += w[j:j + n]
            starts = np.cumsum(lengths) - lengths
            text_of = np.repeat(np.arange(len(lengths)), lengths)[:n]
            flat = _mix64(rolled)[np.arange(n) - starts[text_of] <= lengths[text_of] - size]
        else:
            flat = np.empty(0, dtype=np.uint64)
        short = np.flatnonzero((lengths > 0) & (lengths < size)).tolist()
        if short:  # fewer words than a shingle: the whole text is one shingle
            at = (np.cumsum(counts) - counts)[short]
            values = []
            for i in short:
                acc = np.uint64(lengths[i])
                for x in w[int(np.sum(lengths[:i])):int(np.sum(lengths[:i + 1]))]:
                    acc = acc * _M64 + x
                values.append(acc ^ np.uint64(0xA5A5A5A5A5A5A5A5))
            flat = np.insert(flat, at, _mix64(np.array(values, dtype=np.uint64)))
            counts[short] = 1
    return flat, counts


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, element-wise (wrapping uint64 arithmetic)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return x


def _splitmix64(seed: int, n: int) -> list[int]:
    """``n`` pseudo-random 64-bit integers from ``seed`` (fixed forever: part of the stored scheme)."""
    out, state, mask = [], seed & 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        out.append(z ^ (z >> 31))
    return out
