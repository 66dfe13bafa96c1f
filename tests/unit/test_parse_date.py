"""The engine's plain date parser: what any flow that asks for a date gets back."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.questionnaire import ValidationError, parse_date

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23.11.2026", date(2026, 11, 23)),
        (" 1/9/2025 г. ", date(2025, 9, 1)),
        ("2025-09-01", date(2025, 9, 1)),
    ],
)
def test_readable_dates_are_read(text: str, expected: date) -> None:
    assert parse_date(text) == expected
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "завтра", "31.02.2026", "23.11", "2026-13-01"])
def test_unreadable_dates_say_so(text: str) -> None:
    result = parse_date(text, TODAY)
    assert isinstance(result, ValidationError) and result.key == "q-error-bad-date"


def test_today_refuses_the_future_and_bounds_give_their_limits() -> None:
    future = parse_date("24.11.2026", TODAY)
    assert isinstance(future, ValidationError) and future.key == "q-error-date-in-future"
    assert parse_date("24.11.2026") == date(2026, 11, 24)
    early = parse_date("31.12.1999", earliest=date(2000, 1, 1))
    assert isinstance(early, ValidationError)
    assert (early.key, dict(early.params)) == ("q-error-date-too-early", {"min": "01.01.2000"})
    late = parse_date("01.01.2101", latest=date(2100, 12, 31))
    assert isinstance(late, ValidationError)
    assert (late.key, dict(late.params)) == ("q-error-date-too-late", {"max": "31.12.2100"})
