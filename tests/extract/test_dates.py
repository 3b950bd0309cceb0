from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.extract.dates import find_dates


@pytest.mark.parametrize("text,published,start,end", [
    ("said on Tuesday", "2025-06-18", "2025-06-17", None),
    ("said on Wednesday", "2025-06-18", "2025-06-18", None),
    ("arrived last month", "2025-09-05", "2025-08", None),
    ("as of April", "2025-06-18", "2025-04", None),
    ("in June", "2025-06-18", "2025-06", None),
    ("since September", "2024-02-27", "2023-09", "2024-02"),
    ("between October 8 and 13", "2024-10-18", "2024-10-08", "2024-10-13"),
    ("from 8 to 13 October", "2024-10-18", "2024-10-08", "2024-10-13"),
    ("on June 19, 2024", "2025-04-29", "2024-06-19", None),
    ("in late 2024", "2025-04-29", "2024", None),
    ("last autumn", "2025-04-29", "2024", None),
    ("last year", "2025-02-10", "2024", None),
    ("in January and February", "2025-03-14", "2025-01", "2025-02"),
    ("met Putin last June", "2025-06-18", "2024-06", None),
    ("on Oct. 23", "2024-10-29", "2024-10-23", None),
])
def test_resolved(text: str, published: str, start: str, end: str | None) -> None:
    found = find_dates(text, published)
    assert found, text
    assert (found[0].start, found[0].end) == (start, end)


def test_no_publication_date_keeps_words() -> None:
    found = find_dates("Shoigu said on Tuesday", None)
    assert found[0].start is None and found[0].text == "Tuesday"


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_weekday_is_latest_on_or_before(published: dt.date, weekday: str) -> None:
    found = find_dates(f"on {weekday}", published.isoformat())
    day = dt.date.fromisoformat(found[0].start or "")
    assert day <= published and (published - day).days < 7 and day.strftime("%A") == weekday


@pytest.mark.parametrize("text,start,end", [
    ("shipped last week", "2025-03-03", "2025-03-09"),          # Monday to Sunday of the week before
    ("delivered since 2023", "2023", "2025-03"),                 # from the year to the publication month
    ("arrived between May and July", "2024-05", "2024-07"),      # months after publication: the year before
    ("from January to February", "2025-01", "2025-02"),
])
def test_week_year_and_month_spans(text: str, start: str, end: str) -> None:
    (d,) = find_dates(text, "2025-03-12")
    assert (d.start, d.end) == (start, end)
