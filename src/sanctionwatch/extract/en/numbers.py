"""English number expressions: digits, "5K", "five thousand", "12 million", ranges, hedges.

``parse_number("five thousand") == 5000``; ``find_numbers(text)`` yields every number
expression of a text with its hedge qualifier and range bound, skipping money,
percentages, calibres ("152mm") and model designations ("KN-23").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NumberMatch", "find_numbers", "format_number", "parse_number"]

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "|".join(sorted([*UNITS, *SCALES, "dozen"], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?[kK]\b|\s+(?:thousand|million|billion)\b)?"
_WORDNUM = rf"(?:\b(?:an?\s+)?(?:{_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}))*\b)"
NUMBER = (rf"(?:(?<![\w$€£.,])(?<![A-Za-z]-)(?:{_DIGITS}){_SCALE}(?![\w%])"
          rf"(?!-\w*(?:year|month|day|word|mm)\b)|{_WORDNUM})")
_NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)

QUALIFIER_WORDS: dict[str, list[str]] = {
    "approx": ["about", "around", "some", "roughly", "approximately", "an estimated", "estimated",
               "nearly", "close to", "almost", "circa"],
    "up_to": ["up to", "as many as", "as high as", "as much as"],
    "at_least": ["more than", "at least", "over", "upwards of", "in excess of", "no fewer than",
                 "no less than"],
}
VAGUE = ["tens of thousands", "hundreds of thousands", "a few thousand", "several thousand",
         "a few hundred", "several hundred", "thousands", "hundreds", "dozens", "millions", "scores"]
_VAGUE_RE = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in VAGUE) + r")\b(?:\s+of\b)?", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"^\s*(?:%|per\s?cent|percent|years?\b|-year|year-old|months?\b|days?\b|hours?\b|weeks?\b|km\b|kilomet|miles?\b|"
    r"euros?\b|dollars?\b|roubles?\b|rubles?\b|won\b|yuan\b|barrels?\b|times\b|mm\b|-mm|-word|words\b|"
    r"a month\b|a year\b|o'clock|am\b|pm\b|st\b|nd\b|rd\b|th\b|crew\b)", re.IGNORECASE)
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_BEFORE = re.compile(_MONTHS + r"\s*$|\b(?:from|to|and|between)\s*$", re.IGNORECASE)


@dataclass
class NumberMatch:
    start: int  # span of the whole expression, hedge included
    end: int
    value: float | None
    max: float | None = None
    qualifier: str | None = None
    vague: bool = False
    num_start: int = 0  # span of the number itself
    num_end: int = 0

    @property
    def text(self) -> str:  # pragma: no cover - convenience
        return f"{self.value}"


def parse_number(text: str) -> float | None:
    """Value of one number expression, or None when it is not one."""
    t = text.strip().lower().replace("\u00a0", " ")
    m = re.fullmatch(rf"({_DIGITS})\s*(k|thousand|million|billion)?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        scale = m.group(2)
        if scale == "k":
            value *= 1000
        elif scale:
            value *= SCALES[scale]
        return value
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words:
        return None
    if words[0] in ("a", "an"):
        if len(words) < 2 or words[1] not in SCALES and words[1] != "dozen":
            return None
        words[0] = "one"
    total, current, seen = 0, 0, False
    for w in words:
        if w in UNITS:
            current += UNITS[w]
            seen = True
        elif w == "dozen":
            current = (current or 1) * 12
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def format_number(n: int) -> str:
    """Spell out a non-negative integer below a billion ("five thousand two hundred")."""
    if n == 0:
        return "zero"
    names = {v: k for k, v in UNITS.items()}
    parts: list[str] = []
    for scale, word in ((1_000_000, "million"), (1000, "thousand")):
        if n >= scale:
            parts.append(f"{format_number(n // scale)} {word}")
            n %= scale
    if n >= 100:
        parts.append(f"{names[n // 100]} hundred")
        n %= 100
    if n:
        if n in names:
            parts.append(names[n])
        else:
            parts.append(f"{names[n - n % 10]}-{names[n % 10]}")
    return " ".join(parts)


def _qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    before = text[max(0, start - 30):start].lower()
    for qual, words in QUALIFIER_WORDS.items():
        for w in sorted(words, key=len, reverse=True):
            m = re.search(r"\b" + re.escape(w) + r"\s+$", before)
            if m is not None:
                return qual, start - (len(before) - m.start())
    return None, start


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number expression of ``text``, left to right, ranges joined."""
    raw: list[tuple[int, int, float]] = []
    for m in _NUMBER_RE.finditer(text):
        value = parse_number(m.group(0))
        if value is None:
            continue
        s, e = m.start(), m.end()
        if re.fullmatch(r"(?:an?\s+)?(?:one|a)", m.group(0).strip(), re.IGNORECASE):
            continue
        if re.search(r"\b(?:a\s+few|few|several|many|some\s+few)\s+$", text[max(0, s - 12):s], re.IGNORECASE) and \
                re.fullmatch(r"(?:hundreds?|thousands?|millions?)", m.group(0).strip(), re.IGNORECASE):
            continue  # "a few thousand" is vague, not 1,000
        if text[e:e + 1] == "-" and re.match(r"-(?:strong)\b", text[e:]) is None and \
                re.match(r"-\d", text[e:]) is None:
            continue
        if _UNIT_AFTER.match(text[e:]) or text[max(0, s - 1):s] in ("$", "€", "£"):
            continue
        if re.fullmatch(r"(?:1[89]|20)\d\d", m.group(0)):  # a year
            continue
        if _DATE_BEFORE.search(text[max(0, s - 12):s]) and value <= 31 and "," not in m.group(0):
            continue  # "June 17", "from 8 to 13 October"
        if re.match(r"\s*" + _MONTHS + r"\b", text[e:], re.IGNORECASE) and value <= 31:
            continue
        raw.append((s, e, value))
    out: list[NumberMatch] = []
    i = 0
    while i < len(raw):
        s, e, value = raw[i]
        qual, qstart = _qualifier_before(text, s)
        nm = NumberMatch(qstart, e, value, None, qual, num_start=s, num_end=e)
        if i + 1 < len(raw):
            s2, e2, v2 = raw[i + 1]
            gap = text[e:s2]
            if re.fullmatch(r"\s*(?:to|-|–|and)\s*", gap) and v2 > value:
                between = re.search(r"\bbetween\s+$", text[max(0, qstart - 10):qstart].lower())
                if gap.strip() != "and" or between:
                    nm.max, nm.end, nm.num_end = v2, e2, e2
                    if between:
                        nm.start -= len(between.group(0))
                    i += 1
        out.append(nm)
        i += 1
    for m in _VAGUE_RE.finditer(text):
        if any(n.num_start <= m.start() < n.num_end for n in out):
            continue
        out.append(NumberMatch(m.start(), m.end(), None, None, None, True, m.start(), m.end()))
    out.sort(key=lambda n: n.start)
    return out
