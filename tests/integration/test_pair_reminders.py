"""Reminders from the outbox: timing, quiet hours, holidays, time zones, 429, 403, snooze, races."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter
from aiogram.methods import SendMessage
from sqlalchemy import func, select

from bot.domain.mentorship import OutboxStatus
from bot.domain.messengers import Messenger
from bot.scheduler import Sweeper
from bot.services.outbox import Outgoing
from bot.settings import Settings
from db.models_mentoring import OutboxMessage
from db.uow import UnitOfWork
from tests.harness import Harness, joined
from tests.integration.helpers import by_telegram_id, school_chain
from tests.integration.test_pair_setup import Sleeps, make_sweeper, pair_world, sent_to, sweep


def _texts(harness: Harness, chat_id: int) -> list[str]:
    return [m.text for m in sent_to(harness, chat_id)]


async def _outbox(harness: Harness) -> list[OutboxMessage]:
    async with harness.session_factory() as session:
        return list(
            (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        )


async def test_due_and_stalled_reminders_go_to_the_mentor_then_the_curator_once(
    harness: Harness, settings: Settings
) -> None:
    """Started 02.11, meets every 14 days, nothing logged: due 16.11, stalled (21 days) 23.11."""
    await pair_world(harness)
    await sweep(harness, settings)
    await sweep(harness, settings)
    mentor = _texts(harness, 300)
    assert len(mentor) == 4  # two sweeps, each reminder once
    assert "Пора встретиться с: Соколов Иван Андреевич — по плану встреча до 16.11.2026." in mentor
    assert any(t.startswith("С 02.11.2026 нет записанных встреч") for t in mentor)
    assert [t[-13:] for t in mentor if t.startswith("Срок пункта плана")] == [
        "— 09.11.2026.",
        "— 23.11.2026.",
    ]
    assert _texts(harness, 200) == []
    harness.clock.advance(timedelta(days=10))  # 03.12: not yet 21 + 11 days
    await sweep(harness, settings)
    assert not [t for t in _texts(harness, 200) if "не встречается" in t]
    harness.clock.advance(timedelta(days=1))  # 04.12
    await sweep(harness, settings)
    await sweep(harness, settings)
    stalled = [t for t in _texts(harness, 200) if "не встречается" in t]
    assert stalled == [
        "Пара Петрова Анна Викторовна — Соколов Иван Андреевич не встречается с 02.11.2026. "
        "Возможно, нужна помощь куратора."
    ]


async def test_a_logged_meeting_resets_the_cadence(harness: Harness, settings: Settings) -> None:
    world = await pair_world(harness)
    await world.mentor.send("/meeting")
    await world.mentor.press_button("⚡")
    await world.mentor.send("Знакомство")
    await world.mentor.press_button("Сохранить")
    harness.bot.session.requests.clear()
    await sweep(harness, settings)
    due = [t for t in _texts(harness, 300) if "Пора встретиться" in t or "нет записанных" in t]
    assert due == []  # met today: no meeting is due and the pair is not stalled
    harness.clock.advance(timedelta(days=14))
    await sweep(harness, settings)
    due = [t for t in _texts(harness, 300) if "Пора встретиться" in t]
    assert due == ["Пора встретиться с: Соколов Иван Андреевич — по плану встреча до 07.12.2026."]


async def test_quiet_hours_postpone_to_the_morning_in_the_schools_time_zone(
    harness: Harness, settings: Settings
) -> None:
    harness.clock.current = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)  # 22:00 in Moscow
    await pair_world(harness)
    report = await sweep(harness, settings)
    assert report.sent == 0 and _texts(harness, 300) == []
    assert {o.due_at for o in await _outbox(harness)} == {datetime(2026, 11, 24, 5, 0, tzinfo=UTC)}
    harness.clock.current = datetime(2026, 11, 24, 4, 59, tzinfo=UTC)
    assert (await sweep(harness, settings)).sent == 0
    harness.clock.current = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)  # 08:00 in Moscow
    assert (await sweep(harness, settings)).sent == 4


async def test_krasnoyarsk_school_is_quiet_while_moscow_is_not(
    harness: Harness, settings: Settings
) -> None:
    """14:30 UTC is 17:30 in Moscow but 21:30 in Krasnoyarsk (UTC+7): wait for 08:00 there."""
    harness.clock.current = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    await pair_world(harness, timezone="Asia/Krasnoyarsk")
    assert (await sweep(harness, settings)).sent == 0
    assert {o.due_at for o in await _outbox(harness)} == {datetime(2026, 11, 24, 1, 0, tzinfo=UTC)}
    harness.clock.current = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    assert (await sweep(harness, settings)).sent == 4


async def test_holidays_postpone_reminders_to_the_first_morning_after(
    harness: Harness, settings: Settings
) -> None:
    holidays = settings.model_copy(update={"holidays": "2026-11-23..2026-11-24"})
    await pair_world(harness)
    assert (await sweep(harness, holidays)).sent == 0
    assert {o.due_at for o in await _outbox(harness)} == {datetime(2026, 11, 25, 5, 0, tzinfo=UTC)}


async def test_a_row_due_at_night_is_held_back_at_send_time(
    harness: Harness, settings: Settings
) -> None:
    """A row queued for the day but claimed after 21:00 (a late sweep) waits for the morning."""
    world = await pair_world(harness)
    async with UnitOfWork(harness.session_factory) as uow:
        await uow.outbox.enqueue(
            person_id=world.ids[300],
            kind="program_ending",
            payload={
                "mentorship_id": world.mentorship_id,
                "tz": "Europe/Moscow",
                "end": "2027-08-02",
            },
            due_at=harness.clock.now(),
            now=harness.clock.now(),
            dedupe_key="manual",
        )
        await uow.commit()
    harness.clock.current = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)  # 21:30 in Moscow
    sweeper = await make_sweeper(harness, settings)
    report = await sweeper.deliver()
    assert report.postponed == 1 and report.sent == 0
    [row] = [o for o in await _outbox(harness) if o.dedupe_key == "manual"]
    assert row.status is OutboxStatus.PENDING
    assert row.due_at == datetime(2026, 11, 24, 5, 0, tzinfo=UTC)


async def test_429_waits_retry_after_and_sends_without_losing_anything(
    harness: Harness, settings: Settings
) -> None:
    await pair_world(harness)
    retry = TelegramRetryAfter(
        method=SendMessage(chat_id=300, text="x"), message="Too Many Requests", retry_after=7
    )
    harness.bot.session.fail_next(SendMessage, retry)
    sleeps = Sleeps()
    report = await sweep(harness, settings, sleeps)
    assert 7 in sleeps.waits
    assert report.retried == 1 and report.sent == 4
    first, *others = _texts(harness, 300)  # the refused attempt, then every reminder once
    assert len(others) == 4 and first in others
    assert {o.status for o in await _outbox(harness)} == {OutboxStatus.SENT}


async def test_403_marks_the_person_blocked_and_tells_the_curator(
    harness: Harness, settings: Settings
) -> None:
    await pair_world(harness)
    forbidden = TelegramForbiddenError(
        method=SendMessage(chat_id=300, text="x"), message="Forbidden: bot was blocked by the user"
    )
    harness.bot.session.fail_next(SendMessage, forbidden)
    report = await sweep(harness, settings)
    assert report.blocked == 1 and report.cancelled == 3  # the other reminders are not tried
    async with harness.session_factory() as session:
        person = (await session.execute(by_telegram_id(300))).scalar_one()
    assert person.blocked_bot is True
    rows = await _outbox(harness)
    assert [(o.kind, o.status) for o in rows if o.person_id == person.id] == [
        ("meeting_due", OutboxStatus.FAILED),
        ("stalled_mentor", OutboxStatus.CANCELLED),
        ("plan_item_due", OutboxStatus.CANCELLED),
        ("plan_item_due", OutboxStatus.CANCELLED),
    ]
    assert ["Петрова Анна Викторовна заблокировал(а) бота" in t for t in _texts(harness, 200)] == [
        True
    ]
    before = len(harness.bot.session.requests)
    await sweep(harness, settings)
    assert harness.bot.session.requests[before:] == []  # no more retries


async def test_snooze_brings_the_reminder_back_tomorrow(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await sweep(harness, settings)
    due = next(m for m in sent_to(harness, 300) if m.text.startswith("Пора встретиться"))
    world.mentor.sent.append(due)  # the buttons under this reminder are the newest ones
    assert world.mentor.buttons() == [
        "📝 Записать встречу",
        "⏰ Напомнить завтра",
        "⏰ Напомнить через неделю",
    ]
    answer = joined(await world.mentor.press_button("Напомнить завтра"))
    assert "Напомню 24.11.2026 10:00" in answer
    harness.clock.advance(timedelta(hours=23, minutes=59))
    await sweep(harness, settings)
    assert len(_texts(harness, 300)) == 4
    harness.clock.advance(timedelta(minutes=1))
    await sweep(harness, settings)
    again = [t for t in _texts(harness, 300)[4:] if "Пора" in t]
    assert again == ["Пора встретиться с: Соколов Иван Андреевич — по плану встреча до 16.11.2026."]
    # Someone else's reminder cannot be snoozed.
    assert "Это меню устарело" in joined(
        await world.mentee.press(world.mentor.button_data("Напомнить через неделю"))
    )


async def test_reminders_speak_the_recipients_language(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await world.mentor.send("/language")
    await world.mentor.press_button("English")
    await sweep(harness, settings)
    assert any(t.startswith("Time to meet Соколов Иван Андреевич") for t in _texts(harness, 300))


async def test_monitoring_round_opening_reaches_curators(
    harness: Harness, settings: Settings
) -> None:
    harness.clock.current = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    await pair_world(harness, start=datetime(2026, 11, 30).date())
    await sweep(harness, settings)
    await sweep(harness, settings)
    rounds = [t for t in _texts(harness, 200) if "этап мониторинга" in t]
    assert rounds == [
        "Начался контрольный (декабрь – январь) этап мониторинга наставничества. "
        "Проверьте данные школы для муниципальных форм."
    ]


async def test_a_curator_who_has_just_registered_is_reminded_the_next_morning(
    harness: Harness, settings: Settings
) -> None:
    """The control round opened on 01.12; the curator joins at 10:00 Moscow on 02.12 and sees
    their menu; the round's reminder waits for 10:00 on 03.12, not seconds after registering."""
    harness.clock.current = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
    await school_chain(harness)
    harness.bot.session.requests.clear()
    harness.clock.advance(timedelta(seconds=30))
    await sweep(harness, settings)
    assert _texts(harness, 200) == []
    rows = [o for o in await _outbox(harness) if o.kind == "monitoring_round"]
    assert [o.due_at for o in rows] == [datetime(2026, 12, 3, 7, 0, tzinfo=UTC)]
    harness.clock.current = datetime(2026, 12, 3, 6, 59, tzinfo=UTC)
    await sweep(harness, settings)
    assert _texts(harness, 200) == []
    harness.clock.current = datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
    await sweep(harness, settings)
    await sweep(harness, settings)
    rounds = [t for t in _texts(harness, 200) if "этап мониторинга" in t]
    assert len(rounds) == 1


async def test_program_end_in_14_days_asks_for_the_final_meeting(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    harness.clock.current = datetime(2027, 7, 19, 7, 0, tzinfo=UTC)  # 14 days before 02.08.2027
    await sweep(harness, settings)
    for chat in (300, 401):
        assert any("заканчивается 02.08.2027" in t for t in _texts(harness, chat))
    assert world.mentorship_id


class RecordingSender:
    def __init__(self) -> None:
        self.sent: list[int] = []

    async def send(self, message: Outgoing) -> None:
        await asyncio.sleep(0)
        self.sent.append(message.outbox_id)


async def test_two_sweeps_at_once_never_send_a_reminder_twice(
    harness: Harness, settings: Settings
) -> None:
    """Two replicas claim from one outbox (PostgreSQL: SKIP LOCKED; SQLite: conditional UPDATE)."""
    world = await pair_world(harness)
    now = harness.clock.now()
    async with UnitOfWork(harness.session_factory) as uow:
        for index in range(300):
            await uow.outbox.enqueue(
                person_id=world.ids[300 + 101 * (index % 2)],
                kind="program_ending",
                payload={"tz": "Europe/Moscow", "end": "2027-08-02"},
                due_at=now,
                now=now,
                dedupe_key=f"race:{index}",
            )
        await uow.commit()
    sender = RecordingSender()
    sweepers = [
        Sweeper(
            harness.session_factory,
            {Messenger.TELEGRAM: sender},
            harness.clock,
            settings.reminder_policy,
            rates={Messenger.TELEGRAM: 0},
            worker=f"replica-{n}",
            sleep=Sleeps(),
            batch=20,
        )
        for n in range(2)
    ]
    reports = await asyncio.gather(*(s.deliver() for s in sweepers))
    assert sorted(sender.sent) == sorted(set(sender.sent)) and len(sender.sent) == 300
    assert all(r.sent > 0 for r in reports)  # both replicas really worked
    async with harness.session_factory() as session:
        sent = await session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.status == OutboxStatus.SENT)
        )
    assert sent == 300
