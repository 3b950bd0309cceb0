"""Date expressions of Russian, Korean, Spanish, French and German news text.

``find_dates(lang, text, published)`` finds weekdays ("во вторник", "este martes", "am
Dienstag"), day-month dates ("17 июня", "10 de octubre", "le 17 juin", "am 10. Oktober",
"17일", "이달 4일", "2024년 12월 4일"), day and month ranges ("с 8 по 13 октября", "с июля по
сентябрь"), months ("в апреле", "지난 6월", "Anfang Oktober"), relative months and years ("в
прошлом месяце", "지난달", "지난해", "el pasado otoño", "в начале года") and "since" intervals
("지난해 8월 이후"), and resolves them against the publication date with the English
extractor's rules (``extract/dates.py``): ISO dates of reduced precision, a weekday is the
latest such day on or before publication, a month without a year the latest such month.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from ...model import DateRef
from ..dates import DateMatch, parse_published
from .engine import KO_TAGS, Language, Sentence

__all__ = ["claim_date", "find_dates", "sentence_dates"]

_RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
_ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre"]
_FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
_DE_MONTHS = ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
              "november", "dezember"]
_WEEKDAYS = {
    "ru": ["понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
    "ko": ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"],
}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_SEASONS = {
    "ru": {"весн": "spring", "лет": "summer", "осен": "autumn", "зим": "winter"},
    "es": {"primavera": "spring", "verano": "summer", "otoño": "autumn", "invierno": "winter"},
    "fr": {"printemps": "spring", "été": "summer", "automne": "autumn", "hiver": "winter"},
    "de": {"frühling": "spring", "frühjahr": "spring", "sommer": "summer", "herbst": "autumn", "winter": "winter"},
    "ko": {"봄": "spring", "여름": "summer", "가을": "autumn", "겨울": "winter"},
}


def _alt(words: list[str], suffix: str = r"\w*") -> str:
    return "(?:" + "|".join(re.escape(w) + suffix for w in sorted(words, key=len, reverse=True)) + ")"


def _month_of(lang: str, word: str) -> int:
    word = word.lower().rstrip(".")
    table = {"ru": _RU_MONTHS, "es": _ES_MONTHS, "fr": _FR_MONTHS, "de": _DE_MONTHS}[lang]
    if lang == "ru":
        if word.startswith("мая") or word in ("май", "мае", "маю"):
            return 5
        for k, stem in enumerate(table):
            if stem != "ма" and word.startswith(stem):
                return k + 1
        return 0
    for k, name in enumerate(table):
        if word == name or len(word) >= 3 and name.startswith(word):
            return k + 1
    return 0


class _Ctx:
    def __init__(self, pub: dt.date | None) -> None:
        self.pub = pub

    def month_year(self, month: int, strict: bool = False) -> int | None:
        """The year of the latest ``month`` on or before (strictly before) publication."""
        if self.pub is None:
            return None
        return self.pub.year if month < self.pub.month or month == self.pub.month and not strict else self.pub.year - 1

    def day(self, month: int | None, day: int, year: int | None = None) -> str | None:
        pub = self.pub
        if month is None:
            if pub is None:
                return None
            month, year = (pub.month, pub.year) if day <= pub.day else \
                ((pub.month - 1 or 12), pub.year - (pub.month == 1))
        if year is None:
            if pub is None:
                return None
            year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None

    def month(self, month: int, year: int | None = None, strict: bool = False) -> str | None:
        y = year or self.month_year(month, strict)
        return f"{y:04d}-{month:02d}" if y else None

    def pub_month(self) -> str | None:
        return f"{self.pub.year:04d}-{self.pub.month:02d}" if self.pub else None

    def last_month(self) -> str | None:
        if self.pub is None:
            return None
        prev = self.pub.replace(day=1) - dt.timedelta(days=1)
        return f"{prev.year:04d}-{prev.month:02d}"

    def year(self, delta: int) -> str | None:
        return f"{self.pub.year + delta:04d}" if self.pub else None

    def weekday(self, wd: int, last: bool = False) -> str | None:
        if self.pub is None:
            return None
        back = (self.pub.weekday() - wd) % 7 or (7 if last else 0)
        return (self.pub - dt.timedelta(days=back)).isoformat()

    def rel_day(self, back: int) -> str | None:
        return (self.pub - dt.timedelta(days=back)).isoformat() if self.pub else None

    def season(self, season: str, last: bool) -> str | None:
        if self.pub is None:
            return None
        if not last:
            return f"{self.pub.year:04d}"
        start = _SEASON_START[season]
        return f"{self.pub.year - 1 if self.pub.month <= start + 2 else self.pub.year:04d}"


Resolver = Callable[[re.Match[str], _Ctx], tuple[str | None, str | None]]


def _y(m: re.Match[str], name: str = "year") -> int | None:
    return int(m.group(name)) if m.groupdict().get(name) else None


Spec = list[tuple[str, Resolver]]


def _patterns(lang: str) -> list[tuple[re.Pattern[str], Resolver]]:
    """Every date pattern of ``lang`` with its resolver, most specific first."""
    if lang == "ko":
        return [(re.compile(p), r) for p, r in _korean_patterns()]
    return [(re.compile(p, re.IGNORECASE), r) for p, r in _european_patterns(lang)]


def _weekday_index(wd: list[str], text: str) -> int:
    """The weekday ``text`` names (``wd`` lists the language's seven, Monday first)."""
    return next(k for k, w in enumerate(wd) if w in text)


def _korean_patterns() -> Spec:
    """Full and partial dates ("2024년 12월 4일", "이달 4일", "17일"), "since" intervals ("지난해 8월
    이후"), relative months, years and days ("지난달", "지난해", "어제") and weekdays ("지난주 화요일")."""
    wd = _WEEKDAYS["ko"]
    mon = r"(?P<mon>1[0-2]|[1-9])월"
    return [
        (r"(?P<year>(?:19|20)\d\d)년\s?(?P<mon>1[0-2]|[1-9])월\s?(?P<day>[1-3]?\d)일",
         lambda m, c: (c.day(int(m["mon"]), int(m["day"]), _y(m)), None)),
        (r"(?:지난해|작년)\s?(?P<mon>1[0-2]|[1-9])월\s?(?:이후|부터)",
         lambda m, c: (c.month(int(m["mon"]), c.pub.year - 1 if c.pub else None), c.pub_month())),
        (rf"(?:지난\s)?{mon}\s?(?:이후|부터)",
         lambda m, c: (c.month(int(m["mon"]), strict=True), c.pub_month())),
        (r"(?:지난해|작년)\s?(?P<mon>1[0-2]|[1-9])월",
         lambda m, c: (c.month(int(m["mon"]), c.pub.year - 1 if c.pub else None), None)),
        (r"(?:올해|올)\s?(?P<mon>1[0-2]|[1-9])월",
         lambda m, c: (c.month(int(m["mon"]), c.pub.year if c.pub else None), None)),
        (r"(?P<year>(?:19|20)\d\d)년\s?(?P<mon>1[0-2]|[1-9])월",
         lambda m, c: (c.month(int(m["mon"]), _y(m)), None)),
        (r"(?P<mon>1[0-2]|[1-9])월\s?(?P<day>[1-3]?\d)일",
         lambda m, c: (c.day(int(m["mon"]), int(m["day"])), None)),
        (r"(?:이달|이번\s?달)\s?(?P<day>[1-3]?\d)일",
         lambda m, c: (c.day(c.pub.month, int(m["day"]), c.pub.year) if c.pub else None, None)),
        (r"(?:지난달|지난\s달)\s?(?P<day>[1-3]?\d)일",
         lambda m, c: (c.day(int(lm[5:]), int(m["day"]), int(lm[:4]))
                       if (lm := c.last_month()) else None, None)),
        (r"(?<![\d년월])(?:지난\s)?(?P<day>[1-3]?\d)일(?!\s?(?:간|동안|째))",
         lambda m, c: (c.day(None, int(m["day"])), None)),
        (r"(?:지난\s)?" + mon + r"(?!\s?\d)",
         lambda m, c: (c.month(int(m["mon"]), strict=m.group(0).startswith("지난")), None)),
        (r"(?P<year>(?:19|20)\d\d)년", lambda m, c: (str(_y(m)), None)),
        (r"(?:지난해|작년)\s?(?P<season>봄|여름|가을|겨울)",
         lambda m, c: (c.year(-1), None)),
        (r"지난달|지난\s달", lambda m, c: (c.last_month(), None)),
        (r"이달|이번\s?달", lambda m, c: (c.pub_month(), None)),
        (r"지난해|작년", lambda m, c: (c.year(-1), None)),
        (r"올해|올\s?초", lambda m, c: (c.year(0), None)),
        (r"어제", lambda m, c: (c.rel_day(1), None)),
        (r"오늘", lambda m, c: (c.rel_day(0), None)),
        (r"지난\s?주\s?" + _alt(wd, ""),
         lambda m, c: (c.weekday(_weekday_index(wd, m.group(0)), last=True), None)),
        (_alt(wd, ""), lambda m, c: (c.weekday(_weekday_index(wd, m.group(0))), None)),
    ]


# the words around a day or month range ("с 8 по 13 октября", "entre el 10 y el 12 de octubre"),
# before a "since" month ("с июля", "desde julio") and before a month or a part of it ("в
# начале октября", "a finales de octubre", "fin octobre", "Anfang Oktober")
_RANGE_OPEN = {"ru": r"(?:с|со)\s+", "es": r"(?:desde|entre)\s+(?:el\s+)?", "fr": r"(?:du|entre\s+le)\s+",
               "de": r"(?:vom|zwischen\s+dem)\s+"}
_RANGE_MID = {"ru": r"\s+по\s+", "es": r"\s+(?:y|al|hasta)\s+(?:el\s+)?", "fr": r"\s+(?:au|et\s+le)\s+",
              "de": r"\.?\s+(?:bis(?:\s+zum)?|und\s+dem)\s+"}
_SINCE = {"ru": r"\bс\s+", "es": r"\bdesde\s+", "fr": r"\bdepuis\s+", "de": r"\bseit\s+"}
_MONTH_PART = {"ru": r"(?:(?:в\s+)?(?:конце|начале|середине)\s+|в\s+)",
               "es": r"(?:(?:a\s+)?(?:finales|principios|mediados)\s+de\s+|en\s+)",
               "fr": r"(?:(?:à\s+la\s+)?(?:fin|début|mi-)\s*(?:d'|de\s+)?|en\s+)",
               "de": r"(?:(?:Anfang|Ende|Mitte)\s+|im\s+)"}
_YEAR = r"(?:\s+(?:de\s+|del\s+)?(?P<year>(?:19|20)\d\d)(?:\s*(?:года|г\.))?)?"


def _month_names(lang: str) -> str:
    """The named group ``mon`` of a month name (ru: any ending of its stem; es, fr, de: the
    name or its abbreviation with a dot)."""
    months = {"ru": _RU_MONTHS, "es": _ES_MONTHS, "fr": _FR_MONTHS, "de": _DE_MONTHS}[lang]
    if lang == "ru":
        return rf"(?P<mon>{_alt([m for m in months if m != 'ма'], '[а-я]*')}|ма[йяею](?!\w))"
    return rf"(?P<mon>{_alt(months, '')}|{_alt([m[:3] for m in months], '')}\.)"


def _european_patterns(lang: str) -> Spec:
    """Day and month ranges, day-month dates, "since" months, months, years, weekdays and the
    relative expressions of ru, es, fr and de."""
    wd = _WEEKDAYS[lang]
    mon = _month_names(lang)
    mon2 = mon.replace("?P<mon>", "?P<mon2>")
    dot = r"\.?" if lang == "de" else ""
    de = r"(?:de\s+)?" if lang == "es" else ""
    lead, mid = _RANGE_OPEN[lang], _RANGE_MID[lang]
    year = (r"\b(?P<year>(?:19|20)\d\d)\s*(?:года|году|год|г\.)" if lang == "ru" else
            r"\b(?:en|in|im|de|del|dans|seit|desde|depuis)\s+(?:l'an\s+|el\s+año\s+|dem\s+Jahr\s+)?"
            r"(?P<year>(?:19|20)\d\d)\b")
    return [
        (rf"\b{lead}(?P<d1>[1-3]?\d){dot}{mid}(?P<d2>[1-3]?\d){dot}\s+{de}{mon}\b{_YEAR}", partial(_day_range, lang)),
        (rf"\b{lead}{mon}{mid}{mon2}\b{_YEAR}", partial(_month_range, lang)),
        (rf"\b(?P<day>[1-3]?\d){dot}\s+{de}{mon}(?!\w){_YEAR}", partial(_month_day, lang)),
        (rf"{_SINCE[lang]}{mon}(?!\w){_YEAR}", partial(_since, lang)),
        (rf"\b{_MONTH_PART[lang]}{mon}(?!\w){_YEAR}", partial(_month, lang)),
        (year, lambda m, c: (str(_y(m)), None)),
        (_past_weekday(lang, wd),
         lambda m, c: (c.weekday(_weekday_index(wd, m.group(0).lower()), last=True), None)),
        ((r"\b(?:в|во)\s+" if lang == "ru" else r"\b") + rf"(?P<wd>{_alt(wd)})",
         lambda m, c: (c.weekday(next(k for k, w in enumerate(wd) if m["wd"].lower().startswith(w))), None)),
        *_relative_patterns(lang),
    ]


def _month_day(lang: str, m: re.Match[str], c: _Ctx) -> tuple[str | None, str | None]:
    return c.day(_month_of(lang, m["mon"]), int(m["day"]), _y(m)), None


def _day_range(lang: str, m: re.Match[str], c: _Ctx) -> tuple[str | None, str | None]:
    month = _month_of(lang, m["mon"])
    a, b = c.day(month, int(m["d1"]), _y(m)), c.day(month, int(m["d2"]), _y(m))
    return (a, b) if a and b else (None, None)


def _month_range(lang: str, m: re.Match[str], c: _Ctx) -> tuple[str | None, str | None]:
    m1, m2 = _month_of(lang, m["mon"]), _month_of(lang, m["mon2"])
    y = _y(m) or c.month_year(m2)
    return (f"{y:04d}-{m1:02d}", f"{y:04d}-{m2:02d}") if y else (None, None)


def _month(lang: str, m: re.Match[str], c: _Ctx) -> tuple[str | None, str | None]:
    return c.month(_month_of(lang, m["mon"]), _y(m)), None


def _since(lang: str, m: re.Match[str], c: _Ctx) -> tuple[str | None, str | None]:
    return c.month(_month_of(lang, m["mon"]), _y(m), strict=True), c.pub_month()


def _past_weekday(lang: str, wd: list[str]) -> str:
    """"в прошлую пятницу", "el pasado viernes", "vendredi dernier", "letzten Freitag": the week before."""
    return {"ru": rf"\b(?:в|во)\s+(?:прошл|минувш)\w*\s+(?P<wd>{_alt(wd)})",
            "es": rf"\bel\s+pasado\s+{_alt(wd, '')}\b|\b(?:el\s+)?{_alt(wd, '')}\s+pasado\b",
            "fr": rf"\b(?P<wd>{_alt(wd, '')})\s+dernier\b",
            "de": rf"\b(?:am\s+)?(?:vergangenen|letzten|vorigen)\s+(?P<wd>{_alt(wd)})"}[lang]


def _relative_patterns(lang: str) -> Spec:
    """Last month, this month, last year, this year, yesterday, today and last season."""
    seasons = _SEASONS[lang]

    def season_of(word: str) -> str:
        return next(v for k, v in seasons.items() if word.lower().startswith(k))

    table: dict[str, Spec] = {
        "ru": [(r"\bв\s+прошлом\s+месяце\b", lambda m, c: (c.last_month(), None)),
               (r"\bв\s+этом\s+месяце\b|\bв\s+начале\s+месяца\b", lambda m, c: (c.pub_month(), None)),
               (r"\b(?:в\s+прошлом|в\s+минувшем)\s+году\b|\bв\s+(?:конце|начале)\s+прошлого\s+года\b",
                lambda m, c: (c.year(-1), None)),
               (r"\b(?:в\s+этом\s+году|в\s+начале\s+(?:этого\s+)?года|с\s+начала\s+(?:этого\s+)?года)\b",
                lambda m, c: (c.year(0), None)),
               (r"\bнакануне\b|\bвчера\b", lambda m, c: (c.rel_day(1), None)),
               (r"\bсегодня\b", lambda m, c: (c.rel_day(0), None)),
               (r"\b(?:прошлой|минувшей)\s+(?P<s>осенью|весной|зимой|летом)\b|\b(?P<s2>осенью|весной|зимой|летом)\s+прошлого\s+года\b",
                lambda m, c: (c.season(season_of(m["s"] or m["s2"]), True), None))],
        "es": [(r"\b(?:el\s+)?mes\s+pasado\b|\bel\s+pasado\s+mes\b", lambda m, c: (c.last_month(), None)),
               (r"\b(?:el\s+)?año\s+pasado\b|\bel\s+pasado\s+año\b", lambda m, c: (c.year(-1), None)),
               (r"\b(?:este\s+año|a\s+principios\s+de\s+año)\b", lambda m, c: (c.year(0), None)),
               (r"\bayer\b", lambda m, c: (c.rel_day(1), None)),
               (r"\bel\s+pasado\s+(?P<s>otoño|verano|invierno|primavera)\b|\b(?:el|la)\s+(?P<s2>otoño|verano|invierno|primavera)\s+pasad[oa]\b",
                lambda m, c: (c.season(season_of(m["s"] or m["s2"]), True), None))],
        "fr": [(r"\ble\s+mois\s+dernier\b", lambda m, c: (c.last_month(), None)),
               (r"\bl'année\s+dernière\b|\bl’année\s+dernière\b", lambda m, c: (c.year(-1), None)),
               (r"\bhier\b", lambda m, c: (c.rel_day(1), None)),
               (r"\b(?:l'|l’|le\s+)(?P<s>automne|été|hiver|printemps)\s+derni[eè]re?\b",
                lambda m, c: (c.season(season_of(m["s"]), True), None))],
        "de": [(r"\b(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+Monat\b", lambda m, c: (c.last_month(), None)),
               (r"\b(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+Jahr\b", lambda m, c: (c.year(-1), None)),
               (r"\bgestern\b", lambda m, c: (c.rel_day(1), None)),
               (r"\b(?:im\s+)?(?:vergangenen|letzten)\s+(?P<s>Herbst|Sommer|Winter|Frühling|Frühjahr)\b",
                lambda m, c: (c.season(season_of(m["s"]), True), None))],
    }
    return table[lang]


_CACHE: dict[str, list[tuple[re.Pattern[str], Resolver]]] = {}


def find_dates(lang: str, text: str, published: str | None, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Date expressions of ``text[start:end]`` (spans in ``text``'s offsets), earliest pattern first."""
    if lang not in _WEEKDAYS:
        return []
    patterns = _CACHE.setdefault(lang, _patterns(lang))
    ctx = _Ctx(parse_published(published))
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for rx, resolve in patterns:
        for m in rx.finditer(text, start, end):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            if s == e or any(s < te and ts < e for ts, te in taken):
                continue
            try:
                a, b = resolve(m, ctx)
            except (ValueError, TypeError, StopIteration, OverflowError):
                a, b = None, None
            if a is None and ctx.pub is not None:
                continue  # not a date after all ("1일" in a count, a month number out of range)
            taken.append((s, e))
            out.append(DateMatch(s, e, text[s:e], a, b, "ml"))
    out.sort(key=lambda d: d.start_char)
    return out


# -- which date a claim takes ---------------------------------------------------------
STATEMENT_GROUPS = ("say", "according", "denial", "estimate")


def sentence_dates(ext: Language, text: str, sent: Sentence, state: dict[str, Any]) -> list[tuple[DateMatch, bool]]:
    """The sentence's dates, each flagged when it dates the statement rather than the event
    ("заявил во вторник", "anunció este martes", "쇼이구 서기가 17일 밝혔다", "국정원은 17일 …
    밝혔다"); a statement date, or a dateline ("ПХЕНЬЯН, 17 июня."), becomes the document's
    date of announcement for later sentences."""
    found = find_dates(ext.language, text, state.get("published"), sent.start, sent.end)
    cues = [h for g in STATEMENT_GROUPS for h in sent.cues.get(g, [])]
    out: list[tuple[DateMatch, bool]] = []
    for d in found:
        i, j = sent.tok_at(d.start_char), sent.tok_at(d.end_char - 1) + 1
        statement = any(h.i == j or 0 <= i - h.j <= 2 for h in cues)
        if ext.language == "ko" and i > 0 and sent.toks[i - 1].tag in KO_TAGS["topic_marker"] and cues:
            statement = True  # "쇼이구 서기는 17일(현지시간) … 밝혔다"
        dateline = not state.get("seen_text") and d.start_char - sent.start < 40 and d.start
        if d.start and (statement or dateline):
            state["date"] = d
        out.append((d, statement and not dateline))
    state["seen_text"] = True
    return out


def claim_date(dates: list[tuple[DateMatch, bool]], modality: str, ctype: str,
               state: dict[str, Any]) -> DateRef | None:
    """The date a claim is about, by its modality (``../shared/cases/README.md``, "Dates"):
    the event's date for what happened, the statement's for what is announced, asserted as
    ongoing or denied; a planned time ("в июле", "встретятся в сентябре", "다음 달") is never
    the date of an announcement, a planned meeting's included."""
    resolved = [(d, st) for d, st in dates if d.start]
    pick: DateMatch | None = None
    if ctype in ("meeting", "agreement") and modality != "announced_planned":
        pick = resolved[0][0] if resolved else None
    elif modality in ("completed", "reported_estimate"):
        pick = next((d for d, st in resolved if not st), None)
    elif modality in ("announced_planned", "denied"):
        pick = next((d for d, st in resolved if st), None) or (
            next((d for d, _ in resolved), None) if modality == "denied" else state.get("date"))
    elif modality == "ongoing":
        pick = next((d for d, st in resolved if st), None) or next((d for d, _ in resolved), None)
    if pick is None:
        return None
    return DateRef(pick.start, pick.end, pick.text)
