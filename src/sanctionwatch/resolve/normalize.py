"""Name normalisation and transliteration: one spelling-independent form per name.

``NameRules`` holds the data (from the pack's ``aliases.yaml``: Hangul surname spellings,
Cyrillic spellings of Korean syllables, phonetic key rules, surname groups); the functions
here are the engine:

* :func:`latinize` turns Hangul into DPRK-style McCune–Reischauer ASCII (김정은 → kim jong un)
  and Cyrillic into Latin (Шойгу → shoygu; Ким Чен Ын → kim jong un through the syllable
  table), and strips diacritics everywhere (Chŏng → chong).
* :func:`normalize` lower-cases, splits hyphens, drops apostrophes and possessive 's, and
  collapses spaces: ``normalize(normalize(x)) == normalize(x)``.
* :func:`key_tokens` applies the phonetic key rules per token (Shoygu → shoigu, Jeong →
  cong, Lee → ri), so romanisation variants meet on one key.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

__all__ = ["NameRules", "latinize", "normalize", "key_tokens", "script_of", "DEFAULT_RULES"]

# -- Hangul (DPRK McCune–Reischauer variant, ASCII: breves and apostrophes dropped) ---------
_INITIALS = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"]
_VOWELS = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "u", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
           "t", "ng", "t", "t", "k", "t", "p", "h"]

# -- Cyrillic → Latin (BGN/PCGN-like, ASCII) --------------------------------------------------
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "w"],
    strict=True))

_SPLIT = re.compile(r"[\s\-‐‑‒–—_/,;:.()\[\]\"“”«»]+")
_APOS = re.compile(r"['’ʼ`´‘]")


def script_of(text: str) -> str:
    """The non-Latin script a name is written in: hangul | cyrillic | latin."""
    for ch in text:
        if "\uac00" <= ch <= "\ud7a3":
            return "hangul"
        if "\u0400" <= ch <= "\u04ff":
            return "cyrillic"
    return "latin"


@dataclass
class NameRules:
    """Transliteration and key data; the pack's ``aliases.yaml`` overrides the defaults."""

    hangul_surnames: dict[str, str] = field(default_factory=dict)
    cyrillic_korean: dict[str, str] = field(default_factory=dict)
    key_rules: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    surname_groups: dict[str, str] = field(default_factory=dict)
    stopwords: set[str] = field(default_factory=set)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> NameRules:
        groups: dict[str, str] = {}
        bare = cls()
        for group in data.get("surname_groups") or []:
            canon = normalize(str(group[0]), bare)
            for spelling in group:
                groups[normalize(str(spelling), bare)] = canon
        return cls(
            hangul_surnames={str(k): str(v) for k, v in (data.get("hangul_surnames") or {}).items()},
            cyrillic_korean={str(k).lower(): str(v) for k, v in (data.get("cyrillic_korean") or {}).items()},
            key_rules=[(re.compile(str(r["from"])), str(r["to"])) for r in data.get("key_rules") or []],
            surname_groups=groups,
            stopwords={str(w).lower() for w in data.get("org_stopwords") or []},
        )


def _hangul_syllable(ch: str) -> str:
    code = ord(ch) - 0xAC00
    return _INITIALS[code // 588] + _VOWELS[(code % 588) // 28] + _FINALS[code % 28]


def _hangul_word(word: str, rules: NameRules) -> list[str]:
    """One run of Hangul syllables; a 2–4 syllable run is read as a name, surname first."""
    out: list[str] = []
    for i, ch in enumerate(word):
        if i == 0 and 2 <= len(word) <= 4 and ch in rules.hangul_surnames:
            out.append(rules.hangul_surnames[ch])
        else:
            out.append(_hangul_syllable(ch))
    return out


def _cyrillic_word(word: str, rules: NameRules) -> str:
    low = word.lower()
    if low in rules.cyrillic_korean:
        return rules.cyrillic_korean[low]
    out = []
    for i, ch in enumerate(low):
        latin = _CYRILLIC.get(ch)
        if latin is None:
            out.append(ch)
        elif ch == "е" and (i == 0 or low[i - 1] in "аеёиоуыэюяьъ"):
            out.append("ye")
        elif ch == "э" and i > 0 and low[i - 1] not in "аеёиоуыэюяьъ":
            out.append("ae")  # Korean names: Пэк = Paek, Тэ = Tae
        else:
            out.append(latin)
    return "".join(out)


_RUN = re.compile(r"[\uac00-\ud7a3]+|[\u0400-\u04ff]+|[^\uac00-\ud7a3\u0400-\u04ff]+")


def latinize(text: str, rules: NameRules | None = None) -> str:
    """Hangul and Cyrillic to Latin ASCII, diacritics stripped elsewhere."""
    rules = rules or DEFAULT_RULES
    parts: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFC", text)):
        first = run[0]
        if "\uac00" <= first <= "\ud7a3":
            parts.append(" " + " ".join(_hangul_word(run, rules)) + " ")
        elif "\u0400" <= first <= "\u04ff":
            parts.append(_cyrillic_word(run, rules))
        else:
            decomposed = unicodedata.normalize("NFKD", run)
            parts.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(parts)


def normalize(text: str, rules: NameRules | None = None) -> str:
    """Latin, lower-case, hyphens split, apostrophes and possessives dropped, spaces collapsed."""
    text = latinize(text, rules).lower()
    text = re.sub(r"['’ʼ]s\b", "", text)
    text = _APOS.sub("", text)
    text = re.sub(r"[^\w\s]", " ", _SPLIT.sub(" ", text))
    return " ".join(text.split())


def key_tokens(text: str, rules: NameRules | None = None, *, person: bool = True) -> list[str]:
    """Phonetic keys of a name's tokens: romanisation variants share one key."""
    rules = rules or DEFAULT_RULES
    tokens = normalize(text, rules).split()
    if not person and rules.stopwords:
        tokens = [t for t in tokens if not _is_stopword(t, rules.stopwords)] or tokens
    keys = []
    for i, token in enumerate(tokens):
        if person and (i == 0 or i == len(tokens) - 1) and token in rules.surname_groups:
            token = rules.surname_groups[token]
        for pattern, repl in rules.key_rules:
            token = pattern.sub(repl, token)
        keys.append(token)
    return keys


def _is_stopword(token: str, stopwords: set[str]) -> bool:
    """A legal-form word, also when misspelt (Corproation)."""
    if token in stopwords:
        return True
    if len(token) < 6:
        return False
    from rapidfuzz import fuzz

    return any(len(w) >= 6 and fuzz.ratio(token, w) >= 85 for w in stopwords)


def _default_rules() -> NameRules:
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[1] / "packs" / "dprk" / "aliases.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError:
        data = {}
    return NameRules.from_data(data.get("transliteration") or {})


DEFAULT_RULES = _default_rules()
