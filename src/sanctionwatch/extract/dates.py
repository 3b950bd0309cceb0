"""Date expressions of English news text, resolved against the publication date.

``find_dates(text, published)`` returns every expression it knows ("on Tuesday",
"last month", "as of April", "since September", "between October 8 and 13",
"June 19, 2024", "in late 2024", "last autumn") with ISO start/end of reduced precision.
Without a publication date only expressions that carry their own year resolve; the
others keep their words with ``start=None``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMatch", "find_dates", "parse_published"]

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_PART = r"(?:(?P<part>early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)?"

PATTERNS: list[tuple[str, str]] = [
    ("range_days", (rf"\b(?:between\s+)?{_MON}\s+(?P<d1>\d{{1,2}})\s+(?:and|to|-|–)\s+(?P<d2>\d{{1,2}})\b"
                    rf"(?:,?\s+(?P<year>\d{{4}}))?")),
    ("range_days_dm", (rf"\b(?:from|between)?\s*(?P<d1>\d{{1,2}})\s+(?:and|to|-|–)\s+(?P<d2>\d{{1,2}})"
                       rf"\s+{_MON}\b(?:\s+(?P<year>\d{{4}}))?")),
    ("month_day", rf"\b{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?"),
    ("day_month", rf"\b(?P<day>\d{{1,2}})\s+{_MON}\b(?:\s+(?P<year>\d{{4}}))?"),
    ("two_months", (rf"\b(?:in|between|from)\s+{_MON}\s+(?:and|to|through|until)\s+{_MON2}\b"
                    rf"(?:,?\s+(?P<year>\d{{4}}))?")),
    ("since_month", rf"\bsince\s+{_MON}\b(?:\s+(?P<year>\d{{4}}))?"),
    ("as_of", rf"\bas of\s+{_MON}\b(?:\s+(?P<year>\d{{4}}))?"),
    ("last_month_name", rf"\blast\s+{_MON}\b"),
    ("month_year", rf"\b(?:in\s+)?{_PART}{_MON}\s+(?P<year>\d{{4}})\b"),
    ("month", rf"\b(?:in|during|by|until|as of|of)\s+{_PART}{_MON}\b"),
    ("since_year", r"\bsince\s+(?:early\s+|late\s+|mid-?)?(?P<year>(?:19|20)\d\d)\b"),
    ("year", rf"\b(?:in|since|during|of|by)\s+{_PART}(?P<year>(?:19|20)\d\d)\b"),
    ("weekday", r"\b(?:on\s+|last\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    ("rel_day", r"\b(?P<rel>yesterday|today|a day earlier|the day before)\b"),
    ("rel_week", r"\b(?P<rel>last week|this week|earlier this week)\b"),
    ("rel_month", r"\b(?P<rel>last month|this month|earlier this month|earlier in the month)\b"),
    ("rel_year", r"\b(?P<rel>last year|this year|earlier this year|late last year|early last year|a year ago)\b"),
    ("season", r"\b(?P<rel>last|this)\s+(?P<season>autumn|fall|spring|summer|winter)\b"),
]
_COMPILED = [(name, re.compile(p, re.IGNORECASE)) for name, p in PATTERNS]


@dataclass
class DateMatch:
    start_char: int
    end_char: int
    text: str
    start: str | None
    end: str | None = None
    kind: str = ""


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.get(name, MONTHS.get(name[:3], 0))


def _last_month_on_or_before(pub: dt.date, month: int, strict: bool = False) -> int:
    """The year of the latest ``month`` on or before (strictly before) the publication month."""
    if month < pub.month or month == pub.month and not strict:
        return pub.year
    return pub.year - 1


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str | None]:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if kind in ("range_days", "range_days_dm"):
        month = _month(g["mon"])
        y = year or (_last_month_on_or_before(pub, month) if pub else None)
        if y is None:
            return None, None
        return f"{y:04d}-{month:02d}-{int(g['d1']):02d}", f"{y:04d}-{month:02d}-{int(g['d2']):02d}"
    if kind in ("month_day", "day_month"):
        month, day = _month(g["mon"]), int(g["day"])
        if not 1 <= day <= 31:
            return None, None
        if year is None:
            if pub is None:
                return None, None
            year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        try:
            return dt.date(year, month, day).isoformat(), None
        except ValueError:
            return None, None
    if kind == "two_months":
        m1, m2 = _month(g["mon"]), _month(g["mon2"])
        y = year or (_last_month_on_or_before(pub, m2) if pub else None)
        return (f"{y:04d}-{m1:02d}", f"{y:04d}-{m2:02d}") if y else (None, None)
    if kind == "since_month":
        month = _month(g["mon"])
        y = year or (_last_month_on_or_before(pub, month, strict=True) if pub else None)
        if y is None:
            return None, None
        return f"{y:04d}-{month:02d}", (f"{pub.year:04d}-{pub.month:02d}" if pub else None)
    if kind in ("as_of", "month", "month_year", "last_month_name"):
        month = _month(g["mon"])
        y = year or (_last_month_on_or_before(pub, month, strict=kind == "last_month_name") if pub else None)
        return (f"{y:04d}-{month:02d}", None) if y else (None, None)
    if kind == "year":
        return f"{year:04d}", None
    if kind == "since_year":  # "since 2023": from that year to the publication month
        return f"{year:04d}", (f"{pub.year:04d}-{pub.month:02d}" if pub else None)
    if pub is None:
        return None, None
    if kind == "weekday":
        wd = WEEKDAYS.index(g["wd"].lower())
        back = (pub.weekday() - wd) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        return (pub - dt.timedelta(days=back)).isoformat(), None
    rel = (g.get("rel") or "").lower()
    if kind == "rel_week":  # "last week": Monday to Sunday of the week before publication
        monday = pub - dt.timedelta(days=pub.weekday())
        if rel == "last week":
            monday -= dt.timedelta(days=7)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        return monday.isoformat(), pub.isoformat()
    if kind == "rel_day":
        return (pub if rel == "today" else pub - dt.timedelta(days=1)).isoformat(), None
    if kind == "rel_month":
        if rel == "last month":
            first = pub.replace(day=1) - dt.timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}", None
        return f"{pub.year:04d}-{pub.month:02d}", None
    if kind == "rel_year":
        return (f"{pub.year - 1:04d}" if "last" in rel or "ago" in rel else f"{pub.year:04d}"), None
    if kind == "season":
        season = g["season"].lower()
        if g["rel"].lower() == "this":
            return f"{pub.year:04d}", None
        start_month = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[season]
        return f"{pub.year - 1 if pub.month <= start_month + 2 else pub.year:04d}", None
    return None, None


def find_dates(text: str, published: str | None) -> list[DateMatch]:
    """All date expressions of ``text``; overlapping matches keep the earliest pattern."""
    pub = parse_published(published)
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if (kind == "month" and m.group("mon").lower() == "may"
                    and not m.group(0).lower().startswith(("in", "as of"))):
                continue
            try:
                start, end = _resolve(kind, m, pub)
            except (OverflowError, ValueError):  # a publication date at the ends of the calendar (year 1, 9999)
                start, end = None, None
            taken.append((s, e))
            words = re.sub(r"^(?:on|in|as of|since|during|by|of|until)\s+", "", m.group(0), flags=re.IGNORECASE) \
                if kind in ("weekday", "month", "year", "month_year") else m.group(0)
            out.append(DateMatch(s, e, words, start, end, kind))
    out.sort(key=lambda d: d.start_char)
    return out
