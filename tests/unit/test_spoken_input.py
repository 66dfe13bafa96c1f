"""Dates and durations as teachers write them (bot.domain.spoken_input), in both languages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.errors import InvalidInput
from bot.domain.meetings import parse_held_on
from bot.domain.spoken_input import read_minutes, read_past_date

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("позавчера", date(2026, 11, 21)),
        ("Вчера", date(2026, 11, 22)),
        ("сегодня", MONDAY),
        ("в прошлый четверг", date(2026, 11, 19)),
        ("в прошлую пятницу", date(2026, 11, 20)),
        ("в среду на прошлой неделе", date(2026, 11, 18)),
        ("в четверг", date(2026, 11, 19)),
        ("3 дня назад", date(2026, 11, 20)),
        ("три дня назад", date(2026, 11, 20)),
        ("неделю назад", date(2026, 11, 16)),
        ("12 ноября", date(2026, 11, 12)),
        ("12 ноября 2025 г.", date(2025, 11, 12)),
        ("20.11", date(2026, 11, 20)),
        ("20.11.25", date(2025, 11, 20)),
        ("1/9/2026", date(2026, 9, 1)),
        ("2026-09-01", date(2026, 9, 1)),
        ("day before yesterday", date(2026, 11, 21)),
        ("last Thursday", date(2026, 11, 19)),
        ("3 days ago", date(2026, 11, 20)),
        ("November 12", date(2026, 11, 12)),
        ("12 Nov", date(2026, 11, 12)),
    ],
)
def test_ordinary_forms_are_read_from_the_schools_today(text: str, expected: date) -> None:
    assert read_past_date(text, MONDAY) == expected
    assert parse_held_on(text, MONDAY) == expected


@pytest.mark.parametrize("text", ["", "blah", "12", "31.02.2026", "в 15:30", "много", "7 Б"])
def test_what_is_no_date_is_refused(text: str) -> None:
    assert read_past_date(text, MONDAY) is None
    with pytest.raises(InvalidInput) as refused:
        parse_held_on(text, MONDAY)
    assert refused.value.key == "meeting-held-on-unreadable"


def test_a_date_without_a_year_is_the_nearer_of_this_and_last_year() -> None:
    january = date(2027, 1, 5)
    assert read_past_date("28.12", january) == date(2026, 12, 28)
    assert read_past_date("28 декабря", january) == date(2026, 12, 28)
    assert read_past_date("в прошлый четверг", date(2027, 1, 2)) == date(2026, 12, 31)
    # two days ahead stays this year's (and the flow refuses it as not come yet)
    assert read_past_date("25.11", MONDAY) == date(2026, 11, 25)
    assert read_past_date("25 ноября", MONDAY) == date(2026, 11, 25)


def _days_ru(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "день"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "дня"
    return "дней"


# No deadline: the first date in words loads the parser's language data (half a second).
PROPERTY = settings(max_examples=60, deadline=None)
days_back = st.integers(min_value=1, max_value=300)
todays = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@PROPERTY
@given(todays, days_back)
def test_n_days_ago_is_n_days_before_today(today: date, n: int) -> None:
    assert read_past_date(f"{n} {_days_ru(n)} назад", today) == today - timedelta(days=n)
    assert read_past_date(f"{n} days ago", today) == today - timedelta(days=n)


@PROPERTY
@given(todays, st.integers(min_value=0, max_value=3000))
def test_a_full_numeric_date_is_read_exactly(today: date, back: int) -> None:
    day = today - timedelta(days=back)
    assert read_past_date(day.strftime("%d.%m.%Y"), today) == day
    assert read_past_date(day.isoformat(), today) == day


@PROPERTY
@given(todays, st.sampled_from(["четверг", "пятницу", "понедельник"]))
def test_last_weekday_is_within_the_week_before_today(today: date, weekday: str) -> None:
    found = read_past_date(f"в прошлый {weekday}", today)
    assert found is not None and today - timedelta(days=7) <= found < today


@PROPERTY
@given(st.text(max_size=80))
def test_any_text_is_read_or_refused_never_raises(text: str) -> None:
    read_past_date(text, MONDAY)
    read_minutes(text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45", 45),
        ("45 мин", 45),
        ("90 минут", 90),
        ("полчаса", 30),
        ("пол часа", 30),
        ("час", 60),
        ("около часа", 60),
        ("1,5 часа", 90),
        ("полтора часа", 90),
        ("час с половиной", 90),
        ("1 ч 30 мин", 90),
        ("1 час 30", 90),
        ("час двадцать", 80),
        ("два часа", 120),
        ("сорок пять минут", 45),
        ("half an hour", 30),
        ("an hour", 60),
        ("1.5 hours", 90),
        ("an hour and a half", 90),
        ("2 hours", 120),
    ],
)
def test_durations_as_written(text: str, minutes: int) -> None:
    assert read_minutes(text) == minutes


@pytest.mark.parametrize("text", ["", "0", "часок", "2+3", "1:30", "5 5", "много", "0,1 мин"])
def test_what_is_no_duration_is_refused(text: str) -> None:
    assert read_minutes(text) is None


@PROPERTY
@given(st.integers(min_value=1, max_value=480))
def test_minutes_in_digits_with_or_without_a_unit(minutes: int) -> None:
    for text in (f"{minutes}", f"{minutes} мин", f"{minutes} минут", f"{minutes} min"):
        assert read_minutes(text) == minutes


@PROPERTY
@given(st.integers(min_value=1, max_value=7), st.sampled_from([0, 15, 30, 45]))
def test_hours_and_a_fraction(hours: int, extra: int) -> None:
    assert read_minutes(f"{hours} ч {extra} мин" if extra else f"{hours} ч") == hours * 60 + extra
    if extra == 30:
        assert read_minutes(f"{hours},5 часа") == hours * 60 + 30
        assert read_minutes(f"{hours}.5 hours") == hours * 60 + 30
