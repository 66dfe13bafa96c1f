"""Pure reminder rules: quiet hours, holidays, time zones, cadence, stalls, pacing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.domain.reminders import (
    DeliveryWindow,
    Pacer,
    cadence_due,
    deliverable_at,
    first_reminder_at,
    monitoring_dates,
    parse_holidays,
    retry_delay,
    sent_within_limits,
    stall_dates,
)

WINDOW = DeliveryWindow()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "timezone", "expected"),
    [
        (utc(2026, 11, 23, 7, 0), "Europe/Moscow", utc(2026, 11, 23, 7, 0)),  # 10:00: now
        (utc(2026, 11, 23, 18, 0), "Europe/Moscow", utc(2026, 11, 24, 5, 0)),  # 21:00 → 08:00
        (utc(2026, 11, 23, 3, 0), "Europe/Moscow", utc(2026, 11, 23, 5, 0)),  # 06:00 → 08:00
        (utc(2026, 11, 23, 14, 0), "Asia/Krasnoyarsk", utc(2026, 11, 24, 1, 0)),  # 21:00 there
        (utc(2026, 11, 23, 13, 59), "Asia/Krasnoyarsk", utc(2026, 11, 23, 13, 59)),  # 20:59
        (utc(2026, 11, 23, 0, 59), "Asia/Krasnoyarsk", utc(2026, 11, 23, 1, 0)),  # 07:59
    ],
)
def test_quiet_hours_in_the_schools_time_zone(
    moment: datetime, timezone: str, expected: datetime
) -> None:
    assert deliverable_at(moment, timezone, WINDOW) == expected


def test_holidays_move_to_the_first_working_morning_after() -> None:
    window = DeliveryWindow(holidays=parse_holidays("2026-12-29..2027-01-11"))
    assert deliverable_at(utc(2026, 12, 30, 9, 0), "Europe/Moscow", window) == utc(
        2027, 1, 12, 5, 0
    )
    # The evening before a holiday is quiet hours, then the holiday itself: both skipped.
    assert deliverable_at(utc(2026, 12, 28, 19, 0), "Europe/Moscow", window) == utc(
        2027, 1, 12, 5, 0
    )


def test_quiet_hours_that_do_not_cross_midnight() -> None:
    window = DeliveryWindow(quiet_start=time(13, 0), quiet_end=time(14, 0))
    assert deliverable_at(utc(2026, 11, 23, 10, 30), "Europe/Moscow", window) == utc(
        2026, 11, 23, 11, 0
    )
    assert not DeliveryWindow(quiet_start=time(8), quiet_end=time(8)).is_quiet(utc(2026, 1, 1))


def test_holiday_spec_parsing() -> None:
    assert parse_holidays(" 2026-11-04 , 2026-12-31..2027-01-01") == {
        date(2026, 11, 4),
        date(2026, 12, 31),
        date(2027, 1, 1),
    }
    assert parse_holidays("") == frozenset()
    with pytest.raises(ValueError, match="ends before"):
        parse_holidays("2027-01-08..2026-12-29")
    with pytest.raises(ValueError, match="Invalid isoformat"):
        parse_holidays("29.12.2026")


def test_cadence_and_stall_dates() -> None:
    start = date(2026, 11, 2)
    assert cadence_due(None, start, 14) == date(2026, 11, 16)
    assert cadence_due(date(2026, 11, 20), start, 14) == date(2026, 12, 4)
    stall = stall_dates(None, start, 21)
    assert (stall.mentor_due, stall.curator_due) == (date(2026, 11, 23), date(2026, 12, 4))
    stall = stall_dates(date(2026, 11, 10), start, 20)
    assert (stall.mentor_due, stall.curator_due) == (date(2026, 11, 30), date(2026, 12, 10))


def test_monitoring_rounds_open_in_december_and_april() -> None:
    assert monitoring_dates(date(2026, 11, 23))[:2] == [
        (date(2026, 12, 1), "control"),
        (date(2027, 4, 1), "main"),
    ]
    assert (date(2026, 12, 1), "control") in monitoring_dates(date(2026, 12, 5))


def test_pacer_keeps_25_per_second_overall_and_one_per_second_per_chat() -> None:
    pacer = Pacer(per_second=25)
    now, log = 0.0, []
    for index in range(200):
        chat = index % 60
        now += pacer.delay(chat, now)
        pacer.sent(chat, now)
        log.append((chat, now))
    assert sent_within_limits(log, 25, 1.0)
    assert 7.0 <= now <= 8.1  # 200 messages at 25/s take about 8 seconds, no more
    assert not sent_within_limits([(1, 0.0), (1, 0.5)], 25, 1.0)
    assert not sent_within_limits([(c, 0.01 * c) for c in range(26)], 25, 1.0)


def test_pacer_waits_a_second_between_messages_to_one_chat() -> None:
    pacer = Pacer()
    pacer.sent(7, 10.0)
    assert pacer.delay(7, 10.25) == pytest.approx(0.75)
    assert pacer.delay(8, 10.25) == 0.0
    assert Pacer(per_second=0).delay(7, 10.0) == 0.0  # pacing off (benchmark overhead run)


def test_retry_delay_grows_and_is_capped() -> None:
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 10)] == [60, 120, 240, 3600]


@pytest.mark.parametrize(
    ("registered", "timezone", "holidays", "expected"),
    [
        # 10:00 in Moscow on 02.12 → 10:00 on 03.12
        (utc(2026, 12, 2, 7, 0), "Europe/Moscow", "", utc(2026, 12, 3, 7, 0)),
        # 23:30 in Moscow on 02.12 → 10:00 on 03.12; 00:30 on 03.12 → 10:00 on 04.12
        (utc(2026, 12, 2, 20, 30), "Europe/Moscow", "", utc(2026, 12, 3, 7, 0)),
        (utc(2026, 12, 2, 21, 30), "Europe/Moscow", "", utc(2026, 12, 4, 7, 0)),
        # 20:00 UTC is 03:00 on 03.12 in Krasnoyarsk → 10:00 on 04.12 there
        (utc(2026, 12, 2, 20, 0), "Asia/Krasnoyarsk", "", utc(2026, 12, 4, 3, 0)),
        # the next day is a holiday → the first working morning after it (08:00)
        (utc(2026, 12, 30, 7, 0), "Europe/Moscow", "2026-12-31..2027-01-08", utc(2027, 1, 9, 5, 0)),
    ],
)
def test_first_reminders_wait_for_the_morning_after_registration(
    registered: datetime, timezone: str, holidays: str, expected: datetime
) -> None:
    window = DeliveryWindow(holidays=parse_holidays(holidays))
    assert first_reminder_at(registered, timezone, window) == expected
