"""Meeting log rules: which dates are allowed, the school's "today", durations and formats."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.errors import InvalidInput
from bot.domain.questionnaire_input import AnswerWay, ErrorKey
from bot.domain.spoken_input import read_minutes, read_past_date

NOTES_MAX = 3000
TOPIC_MAX = 300
DURATION_CHOICES = (30, 45, 60, 90)
MAX_DURATION_MIN = 480
UNCONFIRMED_AFTER_DAYS = 3
_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\s*$")


def local_today(now: datetime, timezone: str) -> date:
    """Today where the school is: "today" for a school at UTC+7 starts 7 hours before Moscow's."""
    return now.astimezone(ZoneInfo(timezone)).date()


def parse_date(text: str | None, today: date) -> date:
    """«23.11», «23.11.2026», «23.11.26»: a day without a year is this year's (dates to come:
    a plan item's due date, a notice, a new end; a meeting's day is `parse_held_on`)."""
    if text is None:  # a photo or sticker: the refusal asks for a date
        raise InvalidInput(str(ErrorKey.NOT_TEXT), way=AnswerWay.DATE.value)
    match = _DATE.match(text)
    if match is None:
        raise InvalidInput("meeting-date-unreadable")
    day, month, year_text = match.groups()
    year = today.year if year_text is None else int(year_text)
    if year < 100:
        year += 2000
    try:
        return date(year, int(month), int(day))
    except ValueError:
        raise InvalidInput("meeting-date-unreadable") from None


def parse_held_on(text: str | None, today: date) -> date:
    """The day a meeting was held, as a teacher writes it: «23.11», «позавчера», «в прошлый
    четверг», «3 дня назад», «12 ноября», «last Thursday» (see bot.domain.spoken_input).
    Only reads it: `check_held_on` keeps it out of the future and after the pair's start."""
    if text is None:
        raise InvalidInput(str(ErrorKey.NOT_TEXT), way=AnswerWay.DATE.value)
    value = read_past_date(text, today)
    if value is None:
        raise InvalidInput("meeting-held-on-unreadable")
    return value


def check_held_on(held_on: date, today: date, pair_start: date | None) -> None:
    """Never in the future, never before the pair started."""
    if held_on > today:
        raise InvalidInput("meeting-date-future")
    if pair_start is not None and held_on < pair_start:
        raise InvalidInput("meeting-date-before-start", start=pair_start.strftime("%d.%m.%Y"))


def yesterday(today: date) -> date:
    return today - timedelta(days=1)


def parse_duration(text: str | None) -> int:
    """Minutes from «45», «45 мин», «полчаса», «час», «1,5 часа», «an hour»: 1 to 8 hours."""
    minutes = read_minutes(text or "")
    if minutes is None or not 1 <= minutes <= MAX_DURATION_MIN:
        raise InvalidInput("meeting-duration-invalid", limit=MAX_DURATION_MIN)
    return minutes


def clean_text(text: str | None, limit: int, empty_key: str, long_key: str) -> str:
    value = (text or "").strip()
    if not value:
        raise InvalidInput(empty_key)
    if len(value) > limit:
        raise InvalidInput(long_key, limit=limit)
    return value
