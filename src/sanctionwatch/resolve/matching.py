"""Transliteration-aware fuzzy name matching with explained scores.

``NameIndex`` holds the names of sanctions-list entries (primary names and aliases),
indexed by blocking keys (phonetic token keys and their 3-letter prefixes), so a query
only meets the entries that share a key: no scan over the whole list.

``compare(query, candidate)`` returns ``{"score": .., "why": {...}}``: the features are
``exact`` (same normalised name), ``translit`` (same phonetic keys, any order), ``tokens``
(token-aligned similarity of the keys), ``joined`` (similarity with the tokens run
together: Jongun = Jong Un), ``weakest`` (the least similar aligned token: Kim Jong *Il*
vs Kim Jong *Un*), ``script`` (the query was Hangul or Cyrillic) and ``weak_alias``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .normalize import NameRules, key_tokens, normalize, script_of

__all__ = ["Candidate", "NameForm", "NameIndex", "THRESHOLD", "compare"]

THRESHOLD = 0.88  # a match at or above this is reported for review


@dataclass(frozen=True)
class NameForm:
    """A name prepared for comparison."""

    text: str
    norm: str
    keys: tuple[str, ...]
    script: str
    person: bool

    @classmethod
    def of(cls, text: str, rules: NameRules | None = None, *, person: bool = True) -> NameForm:
        return cls(text, normalize(text, rules), tuple(key_tokens(text, rules, person=person)),
                   script_of(text), person)


def _sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _aligned(q: tuple[str, ...], c: tuple[str, ...]) -> tuple[float, float]:
    """Greedy one-to-one token alignment: (mean similarity over the longer name, weakest pair)."""
    pairs = sorted(((_sim(a, b), i, j) for i, a in enumerate(q) for j, b in enumerate(c)), reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    total = 0.0
    weakest = 1.0
    for s, i, j in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        total += s
        weakest = min(weakest, s)
    n = max(len(q), len(c))
    if len(used_q) < n:
        weakest = 0.0
    return (total / n if n else 0.0), weakest


def _joined(q: tuple[str, ...], c: tuple[str, ...]) -> float:
    """Similarity of the keys run together, allowing surname-last order in the query."""
    target = "".join(c)
    best = _sim("".join(q), target)
    if len(q) > 1:
        best = max(best, _sim("".join(q[-1:] + q[:-1]), target), _sim("".join(q[1:] + q[:1]), target))
    return best


def compare(query: NameForm, candidate: NameForm, *, weak_alias: bool = False) -> dict[str, Any]:
    """Score a query name against one candidate name: ``{"score": .., "why": {...}}``."""
    why: dict[str, Any] = {}
    if query.script != "latin":
        why["script"] = query.script
    if query.norm == candidate.norm:
        why["exact"] = 1.0
        score = 1.0
    elif sorted(query.keys) == sorted(candidate.keys):
        why["translit"] = 1.0
        score = 0.95 + 0.04 * _sim(query.norm.replace(" ", ""), candidate.norm.replace(" ", ""))
    else:
        tokens, weakest = _aligned(query.keys, candidate.keys)
        joined = _joined(query.keys, candidate.keys)
        why["tokens"] = round(tokens, 3)
        why["joined"] = round(joined, 3)
        why["weakest"] = round(weakest, 3)
        score = max(tokens, joined * 0.96)
        # one token that does not match at all (Kim Jong Il vs Kim Jong Un) caps the score
        if weakest < 0.5 and joined < 0.9:
            score = min(score, 0.8)
        elif weakest < 0.7 and joined < 0.9:
            score = min(score, 0.86)
    if weak_alias:
        why["weak_alias"] = True
        score -= 0.03
    return {"score": round(max(score, 0.0), 3), "why": why}


@dataclass
class Candidate:
    entry_id: str
    name: str
    form: NameForm
    weak: bool = False


@dataclass
class NameIndex:
    """Names of list entries, blocked by phonetic token keys."""

    rules: NameRules | None = None
    names: list[Candidate] = field(default_factory=list)
    blocks: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    kinds: dict[str, str] = field(default_factory=dict)  # entry id -> person | organisation

    def add(self, entry_id: str, name: str, *, person: bool, weak: bool = False) -> None:
        if not name or not name.strip():
            return
        form = NameForm.of(name, self.rules, person=person)
        if not form.keys:
            return
        self.kinds[entry_id] = "person" if person else "organisation"
        idx = len(self.names)
        self.names.append(Candidate(entry_id, name, form, weak))
        for key in self._block_keys(form):
            self.blocks[key].add(idx)

    @staticmethod
    def _block_keys(form: NameForm) -> set[str]:
        keys: set[str] = set()
        for k in form.keys:
            keys.add("t:" + k)
            if len(k) >= 3:
                keys.add("p:" + k[:3])
        joined = "".join(form.keys)
        keys.add("j:" + joined[:4])
        return keys

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, form: NameForm) -> set[int]:
        found: set[int] = set()
        for key in self._block_keys(form):
            found |= self.blocks.get(key, set())
        return found

    def search(self, name: str, *, person: bool | None = None, threshold: float = THRESHOLD,
               limit: int = 5) -> list[dict[str, Any]]:
        """Best-scoring entries for a name: ``[{"entry_id", "name", "score", "why"}]``, best first."""
        results: dict[str, dict[str, Any]] = {}
        forms = [NameForm.of(name, self.rules, person=True), NameForm.of(name, self.rules, person=False)]
        for form in forms:
            if not form.keys:
                continue
            for idx in self.candidates(form):
                cand = self.names[idx]
                if cand.form.person != form.person:
                    continue
                if person is not None and cand.form.person != person:
                    continue
                scored = compare(form, cand.form, weak_alias=cand.weak)
                if scored["score"] < threshold:
                    continue
                best = results.get(cand.entry_id)
                if best is None or scored["score"] > best["score"]:
                    scored["why"]["alias"] = cand.name
                    results[cand.entry_id] = {"entry_id": cand.entry_id, "name": cand.name, **scored}
        return sorted(results.values(), key=lambda r: (-r["score"], r["entry_id"]))[:limit]

    @classmethod
    def build(cls, entries: Iterable[tuple[str, bool, list[str], list[str]]],
              rules: NameRules | None = None) -> NameIndex:
        """From ``(entry_id, is_person, names, weak_names)`` tuples."""
        index = cls(rules)
        for entry_id, person, names, weak in entries:
            for n in names:
                index.add(entry_id, n, person=person)
            for n in weak:
                index.add(entry_id, n, person=person, weak=True)
        return index
