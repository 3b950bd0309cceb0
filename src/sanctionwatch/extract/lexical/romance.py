"""Spanish, French and German claim extractors: pattern rules over spaCy's blank tokenizers.

No statistical model is needed: ``spacy.blank(lang)`` splits the words, the pack's
``lexicon_es/fr/de.yaml`` lists the word forms (or ``prefix*`` entries for inflection and
German compounds), and the number readers below know each language's separators
("5.000", "1 000" with a no-break space), scale words ("un millar", "mille", "Tausend"),
hedges and ranges ("entre 10.000 y 12.000", "zwischen … und …").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .engine import Num, Tok
from .extractor import RuleExtractor

__all__ = ["FrenchExtractor", "GermanExtractor", "SpanishExtractor"]


@lru_cache(maxsize=4)
def _blank(lang: str) -> Any:
    import spacy

    return spacy.blank(lang)


class _PatternExtractor(RuleExtractor):
    thousands = r"\."  # group separator between digit groups
    scale_words: dict[str, float] = {}
    word_numbers: dict[str, float] = {}
    hedges: dict[str, str] = {}  # phrase before the number -> qualifier
    range_words: tuple[str, str] = ("", "")  # "entre" … "y"
    units_after = (r"%|por ciento|pour cent|prozent|años?|ans?|jahren?"
                   r"|euros?|dólares|dollars?|rublos?|roubles?|rubel"
                   r"|km|kilómetros?|kilomètres?|kilometern?|toneladas?|tonnes?|tonnen|-tonnen"
                   r"|horas?|heures?|stunden|mm")

    vague: tuple[str, ...] = ()  # "Hunderte", "miles de", "des centaines de": a count without a value
    future = r"(?!)"  # a simple-future ending ("enviará", "enverra")

    def tokenize(self, text: str, start: int, end: int) -> list[Tok]:
        doc = _blank(self.language)(text[start:end])
        # a hyphenated compound also reads as its head ("Schahed-Drohnen" -> "drohnen")
        return [Tok(t.text, t.text.lower(), start + t.idx, start + t.idx + len(t.text),
                    alts=(t.text.lower().rsplit("-", 1)[1],) if re.fullmatch(r"\w{2,}-\w{3,}", t.text) else ())
                for t in doc if not t.is_space]

    def is_future(self, tok: Tok) -> bool:
        return len(tok.text) > 5 and re.search(self.future, tok.text.lower()) is not None

    def lemmatise(self, word: str) -> list[str]:
        return [t.text.lower() for t in _blank(self.language)(word) if not t.is_space]

    def numbers(self, text: str, toks: list[Tok]) -> list[Num]:
        if not toks:
            return []
        start, end = toks[0].start, toks[-1].end
        chunk = text[start:end]
        words = "|".join(sorted(map(re.escape, self.word_numbers), key=len, reverse=True))
        scales = "|".join(sorted(map(re.escape, self.scale_words), key=len, reverse=True))
        digits = rf"\d{{1,3}}(?:{self.thousands}\d{{3}})+|\d+(?:,\d+)?"
        pattern = re.compile(rf"(?<![\w.,])(?:(?P<d>{digits})(?:\s(?P<s>{scales})\b)?|(?P<w>{words})\b)",
                             re.IGNORECASE)
        found: list[tuple[int, int, float]] = []
        for m in pattern.finditer(chunk):
            if m.group("d"):
                value = float(re.sub(self.thousands, "", m.group("d")).replace(",", "."))
                if m.group("s"):
                    value *= self.scale_words[m.group("s").lower()]
                elif re.fullmatch(r"(?:19|20)\d\d", m.group("d")):
                    continue  # a year
            else:
                value = self.word_numbers[m.group("w").lower()]
            after = chunk[m.end():m.end() + 14].lower()
            if (re.match(rf"\s?(?:{self.units_after})\b|-\w", after)
                    or (re.match(r"\.\s?(?:[A-ZÄÖÜ]\w+)", chunk[m.end():m.end() + 12]) and value < 32)):
                continue
            found.append((m.start(), m.end(), value))
        out: list[Num] = []
        k = 0
        while k < len(found):
            s, e, value = found[k]
            maxv = None
            lo, hi = self.range_words
            if k + 1 < len(found) and re.fullmatch(rf"\s*(?:{hi}|-|–|bis)\s*", chunk[e:found[k + 1][0]], re.IGNORECASE):
                opener = re.search(rf"\b{lo}\s+$", chunk[max(0, s - 12):s].lower())
                if found[k + 1][2] > value and (opener or hi == "-"):
                    maxv, e = found[k + 1][2], found[k + 1][1]
                    s -= len(opener.group(0)) if opener else 0
                    k += 1
            qual = None
            before = chunk[max(0, s - 25):s].lower()
            for phrase, q in sorted(self.hedges.items(), key=lambda x: -len(x[0])):
                hm = re.search(rf"(?:^|\W){re.escape(phrase)}\s+$", before)
                if hm and maxv is None:
                    qual, s = q, s - (len(before) - hm.start() - (1 if hm.group(0)[:1] in " ,(" else 0))
                    break
            out.append(Num(start + s, start + e, value, maxv, qual or ("exact" if maxv is None else None), chunk[s:e]))
            k += 1
        if self.vague:
            alt = "|".join(sorted(map(re.escape, self.vague), key=len, reverse=True))
            for m in re.finditer(rf"(?<!\w)(?:{alt})(?!\w)", chunk, re.IGNORECASE):
                out.append(Num(start + m.start(), start + m.end(), None, text=m.group(0)))
        return sorted(out, key=lambda n: n.start)


def _thousands(units: dict[str, int], scale: str, joiner: str = " ", size: float = 1000) -> dict[str, float]:
    """Spelled thousands: {"cinco mil": 5000, …} from the unit words and the scale word
    (``size`` 1e6 for millions: "drei Millionen", "tres millones", "trois millions")."""
    return {f"{word}{joiner}{scale}": float(n * size) for word, n in units.items()}


ES_UNITS = {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
            "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "cien": 100}
FR_UNITS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
            "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "cent": 100}
DE_UNITS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
            "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "hundert": 100}


class SpanishExtractor(_PatternExtractor):
    language = "es"
    name = "es-rules"
    scale_words = {"mil": 1000, "millones": 1e6, "millón": 1e6}
    word_numbers = {"un millar": 1000, "mil": 1000, "un millón": 1e6, **_thousands(ES_UNITS, "mil"),
                    **_thousands(ES_UNITS, "millones", size=1e6)}
    vague = ("cientos de", "centenares de", "miles de", "decenas de miles de")
    future = r"(?:ar|er|ir)(?:á|án|emos)$"  # "enviará", "suministrarán"
    hedges = {"unos": "approx", "unas": "approx", "alrededor de": "approx", "cerca de": "approx",
              "aproximadamente": "approx", "casi": "approx", "rondará los": "approx", "ronda los": "approx",
              "más de": "at_least", "al menos": "at_least", "hasta": "up_to", "unos de": "approx"}
    range_words = ("entre", "y")


class FrenchExtractor(_PatternExtractor):
    language = "fr"
    name = "fr-rules"
    thousands = r"[\u00a0\u202f ]"
    scale_words = {"mille": 1000, "millions": 1e6, "million": 1e6}
    word_numbers = {"un millier": 1000, "mille": 1000, "un million": 1e6, **_thousands(FR_UNITS, "mille"),
                    **_thousands(FR_UNITS, "millions", size=1e6)}
    vague = ("des centaines de", "des milliers de", "des dizaines de milliers de", "plusieurs milliers de")
    future = r"(?:er|r)(?:a|ont)$"  # "enverra", "livreront", "fournira"
    hedges = {"quelque": "approx", "environ": "approx", "près de": "approx", "presque": "approx",
              "plus de": "at_least", "au moins": "at_least", "jusqu'à": "up_to", "d'environ": "approx"}
    range_words = ("entre", "et")


class GermanExtractor(_PatternExtractor):
    language = "de"
    name = "de-rules"
    scale_words = {"tausend": 1000, "millionen": 1e6, "million": 1e6, "mio.": 1e6}
    word_numbers = {"tausend": 1000, "eintausend": 1000, "eine million": 1e6, **_thousands(DE_UNITS, "tausend", ""),
                    **_thousands(DE_UNITS, "millionen", size=1e6)}
    vague = ("hunderte", "tausende", "zehntausende", "mehrere tausend")
    hedges = {"rund": "approx", "etwa": "approx", "ungefähr": "approx", "knapp": "approx", "circa": "approx",
              "mehr als": "at_least", "über": "at_least", "mindestens": "at_least", "bis zu": "up_to"}
    range_words = ("zwischen", "und")

    def tense(self, sent: Any) -> str | None:
        """"werden" with an infinitive closing its clause is the future ("wird … schicken"); with
        a participle it is the passive ("werden … ausgebildet"), which says nothing of time."""
        toks = sent.toks
        for k, t in enumerate(toks):
            if t.text.lower() not in ("werde", "wirst", "wird", "werden", "werdet"):
                continue
            end = next((m for m in range(k + 1, len(toks)) if toks[m].text in (",", ";", ".", ":", "–")), len(toks))
            last = toks[end - 1].text.lower() if end - 1 > k else ""
            participle = "ge" in last[:6] or last.endswith(("t", "iert"))
            if last.endswith(("en", "ern", "eln")) and not participle:
                return "future"
        return None
