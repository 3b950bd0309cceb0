"""Russian claim extractor: natasha's segmenter (razdel) and pymorphy3 lemmas.

Case-inflected names and places resolve through lemmas ("в Курскую область" ->
``курский область``, "из КНДР", "Шойгу заявил"); numbers are read in digits, words and
abbreviations ("тысячу", "5 тыс.", "около 12 тысяч", "1,5 тыс.", "13 221", "от 10 до 12
тыс."); perfective future verbs ("направит", "составит") mark an announcement.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .engine import Num, Tok
from .extractor import RuleExtractor

__all__ = ["RussianExtractor", "parse_ru_number"]

UNITS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16,
    "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
    "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    "полтора": 1.5,
}
SCALES = {"тысяча": 1000, "тыс": 1000, "миллион": 1_000_000, "млн": 1_000_000, "миллиард": 1e9, "млрд": 1e9}
VAGUE_HEADS = {"тысяча", "сотня", "десяток"}
NOT_A_COUNT = {"год", "процент", "%", "раз", "километр", "км", "рубль", "доллар", "евро", "час", "день",
               "месяц", "неделя", "статья", "тонна", "единица", "метр", "мм", "миллиметр", "минута",
               "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
               "октябрь", "ноябрь", "декабрь", "место", "балл", "градус"}
BEFORE_NOT_COUNT = {"статья", "резолюция", "пункт", "номер", "№"}
HEDGES = {"около": "approx", "примерно": "approx", "порядка": "approx", "почти": "approx",
          "приблизительно": "approx", "свыше": "at_least", "более": "at_least", "больше": "at_least",
          "до": "up_to"}
CLAIM_VERBS = ("dispatch", "fight", "presence", "arms_transfer", "deploy", "help")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def _parse(word: str) -> tuple[str, str, tuple[str, ...]]:
    try:
        parses = _morph().parse(word)
    except ValueError:  # pymorphy3 asks unicodedata for the name of a character it has none for
        return word.lower(), "UNKN", ()
    lemma = parses[0].normal_form.replace("ё", "е")
    alts = tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in parses[1:4] if p.score >= 0.1))
    return lemma, str(parses[0].tag), tuple(a for a in alts if a != lemma)


def parse_ru_number(words: list[str]) -> float | None:
    """Value of lemmatised Russian number words: ["шесть", "тысяча"] -> 6000."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current, seen = 0.0, True
        else:
            return None
    return total + current if seen else None


class RussianExtractor(RuleExtractor):
    language = "ru"
    name = "ru-rules"
    reads_title = True

    def sentences(self, text: str) -> list[tuple[int, int]]:
        from razdel import sentenize

        spans: list[tuple[int, int]] = []
        for para in re.finditer(r"[^\n]+", text):
            for s in sentenize(para.group(0)):
                spans.append((para.start() + s.start, para.start() + s.stop))
        return spans

    def tokenize(self, text: str, start: int, end: int) -> list[Tok]:
        from razdel import tokenize

        toks = []
        for t in tokenize(text[start:end]):
            lemma, tag, alts = _parse(t.text) if t.text[:1].isalpha() else (t.text.lower(), "", ())
            toks.append(Tok(t.text, lemma, start + t.start, start + t.stop, tag, alts))
        return toks

    def lemmatise(self, word: str) -> list[str]:
        return [_parse(w)[0] if w[:1].isalpha() else w.lower() for w in re.findall(r"\w+(?:-\w+)*|[^\w\s]", word)]

    def is_future(self, tok: Tok) -> bool:
        return "futr" in tok.tag

    def tense(self, sent: Any) -> str | None:
        """The tense of the claim's finite verbs: perfective non-past ("получит", "направит") is an
        announcement, imperfective present ("воюют", "поставляет", "трудятся") an ongoing state."""
        said = {k for g in ("say", "estimate", "denial") for h in sent.cues.get(g, []) for k in range(h.i, h.j)}
        trig = {k for g in CLAIM_VERBS for h in sent.cues.get(g, []) for k in range(h.i, h.j)}
        verbs = [(k, t) for k, t in enumerate(sent.toks) if t.tag.startswith("VERB") and k not in said]
        if any("futr" in t.tag for _, t in verbs):
            return "future"
        if (any("pres" in t.tag and k in trig for k, t in verbs)
                and not any("past" in t.tag for k, t in verbs if k in trig)):
            return "present"
        return None

    def is_oblique(self, tok: Tok) -> bool:
        """No reading of the word is nominative ("Путину"; but "Песков" may be a surname)."""
        return tok.text[:1].isalpha() and not any(
            "nomn" in p.tag or "Fixd" in p.tag for p in _morph().parse(tok.text)[:4])

    def is_modifier(self, tok: Tok) -> bool:
        return tok.tag.startswith(("PRTF", "ADJF"))

    def numbers(self, text: str, toks: list[Tok]) -> list[Num]:
        out: list[Num] = []
        i = 0
        while i < len(toks):
            value, j = self._number_at(text, toks, i)
            if value is None:
                if toks[i].lemma in VAGUE_HEADS and "plur" in toks[i].tag or toks[i].lemma == "несколько" and \
                        i + 1 < len(toks) and toks[i + 1].lemma in VAGUE_HEADS:
                    j = i + (2 if toks[i].lemma == "несколько" else 1)
                    out.append(Num(toks[i].start, toks[j - 1].end, None, text=text[toks[i].start:toks[j - 1].end]))
                    i = j
                    continue
                i += 1
                continue
            start, qual, maxv = toks[i].start, None, None
            prev = toks[i - 1].lemma if i else ""
            if prev == "от":  # "от 10 до 12 тыс."
                value2, j2 = (self._number_at(text, toks, j + 1) if j < len(toks) and toks[j].lemma == "до"
                              else (None, j))
                if value2 is not None:
                    scales = [SCALES[t.lemma] for t in toks[j + 1:j2] if t.lemma in SCALES]
                    if scales and not any(t.lemma in SCALES for t in toks[i:j]):
                        value *= scales[-1]
                    maxv, j, start = value2, j2, toks[i - 1].start
            elif j + 1 < len(toks) and toks[j].text in "-–—" and toks[j].text:
                value2, j2 = self._number_at(text, toks, j + 1)
                if value2 is not None and value2 > value:
                    maxv, j = value2, j2
            if maxv is None and i:
                if prev in HEDGES and not (prev == "до" and i > 1 and toks[i - 2].lemma == "от"):
                    qual, start = HEDGES[prev], toks[i - 1].start
                elif prev == "менее" and i > 1 and toks[i - 2].lemma == "не":
                    qual, start = "at_least", toks[i - 2].start
            if self._not_a_count(toks, i, j, value):
                i = j
                continue
            end = toks[j - 1].end
            out.append(Num(start, end, value, maxv, qual or ("exact" if maxv is None else None), text[start:end]))
            i = j
        return out

    def _number_at(self, text: str, toks: list[Tok], i: int) -> tuple[float | None, int]:
        """A number starting at token i: its value and the index after it."""
        if i >= len(toks):
            return None, i
        t = toks[i]
        if _DIGITS.fullmatch(t.text):
            digits, j = t.text.replace(",", "."), i + 1
            # "13 221" (space or no-break space between groups of three)
            while j < len(toks) and re.fullmatch(r"\d{3}", toks[j].text) and \
                    re.fullmatch(r"[ \u00a0\u202f]", text[toks[j - 1].end:toks[j].start]) and "." not in digits:
                digits += toks[j].text
                j += 1
            value = float(digits)
            if j < len(toks) and toks[j].lemma in SCALES:
                value *= SCALES[toks[j].lemma]
                j += 1
                if j < len(toks) and toks[j].text == "." and toks[j - 1].lemma in ("тыс", "млн", "млрд"):
                    j += 1
            return value, j
        words, j = [], i
        while j < len(toks) and (toks[j].lemma in UNITS or toks[j].lemma in SCALES and toks[j].lemma != "тыс"):
            words.append(toks[j].lemma)
            j += 1
        if not words or words == ["тысяча"] and "plur" in toks[i].tag:
            return None, i
        return parse_ru_number(words), j

    def _not_a_count(self, toks: list[Tok], i: int, j: int, value: float) -> bool:
        after = toks[j].lemma if j < len(toks) else ""
        before = toks[i - 1].lemma if i else ""
        if after in NOT_A_COUNT or before in BEFORE_NOT_COUNT:
            return True
        return bool(re.fullmatch(r"(?:19|20)\d\d", toks[i].text)) and j == i + 1
