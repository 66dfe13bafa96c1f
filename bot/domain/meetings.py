"""Meeting log rules: which dates are allowed, the school's "today", durations and formats."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.errors import InvalidInput
from bot.domain.mentorship import MeetingStatus
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


def confirmers(logged_by: int | None, mentor_id: int, mentee_ids: Sequence[int]) -> list[int]:
    """Who is asked «… записал(а) встречу. Она состоялась?»: the mentees when the mentor logged
    it (each of a group's, for themselves), the mentor when a mentee did."""
    if logged_by == mentor_id:
        return list(mentee_ids)
    return [mentor_id]


@dataclass(frozen=True, slots=True)
class MeetingAnswered:
    """What one participant's answer does to a meeting others may have answered already."""

    status: MeetingStatus
    """The meeting's status after it: the first answer sets it; the first «yes» confirms it (it
    counts as soon as one participant confirms), and a later «no» leaves it confirmed."""
    first_confirmation: bool
    """This «yes» made the meeting confirmed: ratings and «a good fit?» are asked now."""
    refuted: bool
    """The first answer was «no» or «not as described»: the curator is told (as for a pair)."""
    contested: bool
    """The participants now disagree (a «no» beside a «yes»): the curator is told who said what."""


def answer_meeting(current: MeetingStatus, answer: MeetingStatus) -> MeetingAnswered:
    """One participant's answer (confirmed, not held, disputed) to a meeting now `current`."""
    yes = answer is MeetingStatus.CONFIRMED
    if current is MeetingStatus.PENDING:
        return MeetingAnswered(answer, yes, not yes, False)
    was_confirmed = current is MeetingStatus.CONFIRMED
    return MeetingAnswered(
        MeetingStatus.CONFIRMED if yes else current,
        yes and not was_confirmed,
        False,
        yes != was_confirmed,
    )
