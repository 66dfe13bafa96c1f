"""Pure rules of a pair's life: program term, dates of meetings, stages, notice period."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.meetings import check_held_on, local_today, parse_date, parse_duration
from bot.domain.mentorship import MeetingStage
from bot.domain.program import (
    add_months,
    check_cadence,
    check_term,
    clean_title,
    next_stage,
    notice_end,
    plan_progress,
)

TODAY = date(2026, 11, 23)


def test_program_lasts_three_to_twelve_months() -> None:
    start = date(2026, 1, 31)
    assert add_months(start, 1) == date(2026, 2, 28)
    check_term(start, date(2026, 4, 30))
    check_term(start, date(2027, 1, 31))
    with pytest.raises(InvalidInput) as short:
        check_term(start, date(2026, 4, 29))
    assert short.value.key == "program-term-too-short"
    with pytest.raises(InvalidInput) as long:
        check_term(start, date(2027, 2, 1))
    assert long.value.key == "program-term-too-long"
    with pytest.raises(InvalidInput):
        check_cadence(0)
    with pytest.raises(InvalidInput):
        clean_title("   ")


def test_meeting_dates() -> None:
    assert parse_date("20.11", TODAY) == date(2026, 11, 20)
    assert parse_date("20.11.25", TODAY) == date(2025, 11, 20)
    assert parse_date("1/9/2026", TODAY) == date(2026, 9, 1)
    for bad in ("", "завтра", "32.01.2026", None):
        with pytest.raises(InvalidInput):
            parse_date(bad, TODAY)
    with pytest.raises(InvalidInput) as sticker:
        parse_date(None, TODAY)
    assert (sticker.value.key, sticker.value.params) == ("q-error-not-text", {"way": "date"})
    check_held_on(TODAY, TODAY, date(2026, 11, 2))
    with pytest.raises(InvalidInput) as future:
        check_held_on(date(2026, 11, 24), TODAY, None)
    assert future.value.key == "meeting-date-future"
    with pytest.raises(InvalidInput) as early:
        check_held_on(date(2026, 11, 1), TODAY, date(2026, 11, 2))
    assert early.value.params == {"start": "02.11.2026"}


def test_local_today_follows_the_school() -> None:
    moment = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
    assert local_today(moment, "Europe/Moscow") == date(2026, 11, 23)
    assert local_today(moment, "Asia/Krasnoyarsk") == date(2026, 11, 24)


def test_durations_and_stages() -> None:
    assert parse_duration("45") == 45 and parse_duration("90 мин") == 90
    assert parse_duration("полчаса") == 30 and parse_duration("1,5 часа") == 90
    for bad in ("0", "часок", "481", "9 часов", None):
        with pytest.raises(InvalidInput):
            parse_duration(bad)
    assert next_stage([]) is MeetingStage.INTRO
    assert next_stage([MeetingStage.INTRO]) is MeetingStage.TRIAL
    assert next_stage([MeetingStage.INTRO, MeetingStage.TRIAL]) is MeetingStage.PLANNING
    assert next_stage(list(MeetingStage)[:3]) is MeetingStage.WORKING


def test_notice_of_early_end_is_three_working_days() -> None:
    assert notice_end(date(2026, 11, 23)) == date(2026, 11, 26)  # Monday → Thursday
    assert notice_end(date(2026, 11, 20)) == date(2026, 11, 25)  # Friday → Wednesday
    assert notice_end(date(2026, 11, 20), frozenset({date(2026, 11, 23)})) == date(2026, 11, 26)


def test_plan_progress_counts() -> None:
    progress = plan_progress([(True, True), (True, False), (False, False)])
    assert (progress.total, progress.done, progress.confirmed) == (3, 2, 1)
