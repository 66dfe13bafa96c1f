"""Validation of what curators type into the registry."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.registry import (
    clean_email,
    clean_event_text,
    clean_order_number,
    clean_phone,
    parse_past_date,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("01.09.2025", date(2025, 9, 1)), ("2025-09-01", date(2025, 9, 1)), ("23.11.2026", TODAY)],
)
def test_past_dates_are_accepted(text: str, expected: date) -> None:
    assert parse_past_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["24.11.2026", "31.02.2025", "вчера", None])
def test_future_impossible_or_missing_dates_are_refused(text: str | None) -> None:
    with pytest.raises(InvalidInput):
        parse_past_date(text, TODAY)


def test_order_number_drops_the_number_sign_and_keeps_the_rest() -> None:
    assert clean_order_number(" № 01-07/125 ") == "01-07/125"
    with pytest.raises(InvalidInput) as refused:
        clean_order_number("№")
    assert refused.value.key == "registry-number-empty"
    with pytest.raises(InvalidInput) as too_long:
        clean_order_number("1" * 41)
    assert too_long.value.key == "input-too-long" and too_long.value.params == {"max": 40}


def test_contacts() -> None:
    assert clean_email(" kurator@school4.ru ") == "kurator@school4.ru"
    assert clean_phone("+7 (818) 375-12-34") == "+7 (818) 375-12-34"
    for bad in ("kurator@", "a b@c.d", "school4.ru"):
        with pytest.raises(InvalidInput):
            clean_email(bad)
    for bad in ("12-34", "+7 818 ABC 12 34", "8" * 16):
        with pytest.raises(InvalidInput):
            clean_phone(bad)


def test_event_text_limits() -> None:
    assert clean_event_text("  Семинар   наставников ", 300) == "Семинар наставников"
    with pytest.raises(InvalidInput):
        clean_event_text("ок", 300)
    with pytest.raises(InvalidInput):
        clean_event_text("х" * 301, 300)
