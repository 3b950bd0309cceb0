"""Hashing for the near-duplicate index: words, word shingles, mixing, exact set similarity.

Every function here is part of the stored fingerprint scheme (``h3`` in ``DedupeIndex.scheme``):
changing what it returns for the same text changes every stored bucket, and must come with a
new hashing version.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_M64 = np.uint64(0x9E3779B97F4A7C15)
_P = 0x100000001B3  # FNV's 64-bit prime: odd, so invertible mod 2**64
_P_INV = pow(_P, -1, 2**64)
_TEXT_CHUNK = 1 << 20
# the bytes of a word once words are separated by spaces: ASCII \w, and every byte of a
# multi-byte UTF-8 character (only non-ASCII texts have them, already split by the regex)
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[list(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")] = True
_WORD_BYTE[128:] = True


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


def _text_word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The 64-bit hash of every word of every text, in one flat array, and each text's word count.

    A word is what ``_words`` finds (``\\w+`` of the NFKC, case-folded text); its hash is a
    function of its UTF-8 bytes alone: a polynomial hash computed for all words at once from
    prefix sums (``Σ b_j·P^(j-s)``, made position-free with ``P``'s inverse mod 2⁶⁴), then
    mixed.  An ASCII text is lower-cased and split into words by a byte table, with no regex
    and no Python object per word; other texts go through the regex first.
    """
    parts = [(t.lower() if t.isascii() else " ".join(_words(t))).encode("utf-8") for t in texts]
    lengths = np.zeros(len(parts), dtype=np.int64)
    out: list[np.ndarray] = []
    i = 0
    while i < len(parts):  # about 1 MB of text at a time: a few uint64 arrays of its size
        j, size = i, 0
        while j < len(parts) and (j == i or size + len(parts[j]) < _TEXT_CHUNK):
            size += len(parts[j]) + 1
            j += 1
        data = np.frombuffer(b" ".join(parts[i:j]) + b" ", dtype=np.uint8)
        edges = np.diff(_WORD_BYTE[data].astype(np.int8), prepend=np.int8(0))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)  # every word ends before a space
        with np.errstate(over="ignore"):
            powers = np.full(len(data), _P, dtype=np.uint64)
            powers[0] = 1
            np.multiply.accumulate(powers, out=powers)
            inverse = np.full(len(data), _P_INV, dtype=np.uint64)
            inverse[0] = 1
            np.multiply.accumulate(inverse, out=inverse)
            prefix = np.zeros(len(data) + 1, dtype=np.uint64)
            np.cumsum(data.astype(np.uint64) * powers, out=prefix[1:])
            poly = (prefix[ends] - prefix[starts]) * inverse[starts]
            out.append(_mix64(poly ^ ((ends - starts).astype(np.uint64) * _M64)))
        bounds = np.concatenate(([0], np.cumsum([len(p) + 1 for p in parts[i:j]])))
        lengths[i:j] = np.diff(np.searchsorted(starts, bounds))
        i = j
    return (np.concatenate(out) if out else np.empty(0, dtype=np.uint64)), lengths


def _shingle_hashes(texts: Sequence[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """The 64-bit hashes of each text's shingles, in one flat array (text after text), and their counts.

    A shingle's hash is a function of its string (the same words in the same order), so the
    Jaccard of two hash sets is the Jaccard of the shingle sets (up to 64-bit collisions).
    """
    w, lengths = _text_word_hashes(texts)
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
