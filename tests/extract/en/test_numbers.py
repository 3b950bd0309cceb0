from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.extract.en.numbers import find_numbers, format_number, parse_number


@pytest.mark.parametrize("text,value", [
    ("1,000", 1000), ("5K", 5000), ("12k", 12000), ("five thousand", 5000), ("a thousand", 1000),
    ("One thousand", 1000), ("Twelve thousand", 12000), ("12 million", 12_000_000),
    ("three million", 3_000_000), ("1.2 million", 1_200_000), ("fifteen thousand", 15000),
    ("two hundred and fifty", 250), ("a dozen", 12),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@given(st.integers(min_value=0, max_value=999_999_999))
def test_spelled_round_trip(n: int) -> None:
    assert parse_number(format_number(n)) == n


@given(st.integers(min_value=1, max_value=10**9))
def test_digits_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@pytest.mark.parametrize("text,value,maximum,qualifier", [
    ("about 6,000 personnel", 6000, None, "approx"),
    ("as many as 15,000 workers", 15000, None, "up_to"),
    ("more than 10 million shells", 10_000_000, None, "at_least"),
    ("an estimated 28,000 containers", 28000, None, "approx"),
    ("10,000 to 12,000 troops", 10000, 12000, None),
    ("between 200 and 250 missiles", 200, 250, None),
    ("roughly 5,000 to 6,000 workers", 5000, 6000, "approx"),
    ("3,000-4,000 more troops", 3000, 4000, None),
    ("an additional 1,000 sappers", 1000, None, None),
])
def test_find_numbers_hedges_and_ranges(text: str, value: float, maximum: float | None, qualifier: str | None) -> None:
    found = find_numbers(text)
    assert len(found) == 1
    assert (found[0].value, found[0].max, found[0].qualifier) == (value, maximum, qualifier)


@pytest.mark.parametrize("text", [
    "a stipend of $800 a month", "rose 21% in October", "in 2024", "152mm shells", "KN-23",
    "a 20-year treaty", "on June 17", "from 8 to 13 October",
])
def test_not_quantities(text: str) -> None:
    assert [n for n in find_numbers(text)
            if n.value is not None and n.value > 100 or "152" in text and n.value == 152] == []


def test_vague_numbers() -> None:
    found = find_numbers("Thousands of North Korean labourers")
    assert found and found[0].vague and found[0].value is None
