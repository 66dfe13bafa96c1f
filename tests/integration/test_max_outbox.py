"""Reminders to people on MAX: the sweep sends them through maxapi to a fake MAX Bot API on
loopback, with their buttons; MAX's 429 waits and tries again, its 403 `chat.denied` (the
person stopped the bot) marks the person and tells the curators; a sweep holding rows for both
messengers sends each through its own sender."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from maxapi import Bot
from sqlalchemy import select

from bot.dispatcher import create_i18n_core
from bot.domain.mentorship import OutboxStatus
from bot.domain.messengers import Messenger
from bot.messengers.senders import outbox_senders
from bot.scheduler import Sweeper
from bot.services.outbox import SweepReport
from bot.settings import Settings
from db.models import MessengerAccount, Person
from db.models_mentoring import OutboxMessage
from db.uow import UnitOfWork
from handlers.meetings.snooze import RmCb
from tests.e2e.fake_max_api import CHAT_OFFSET, TOKEN, FakeMaxApi
from tests.harness import Harness
from tests.integration.test_pair_setup import PairWorld, Sleeps, pair_world, sent_to

MENTOR_ON_MAX = 7300
"""The mentor's MAX user id (their dialog with the bot is this plus CHAT_OFFSET)."""
DUE = "Пора встретиться с: Соколов Иван Андреевич — по плану встреча до 16.11.2026."


@pytest.fixture
async def max_api() -> AsyncIterator[tuple[FakeMaxApi, Bot]]:
    """The fake MAX Bot API on loopback, and a maxapi Bot pointed at it."""
    fake = FakeMaxApi()
    bot = Bot(TOKEN)
    bot.set_api_url(await fake.serve())
    yield fake, bot
    await bot.close_session()
    await fake.stop()


async def mentor_moves_to_max(harness: Harness) -> PairWorld:
    """The pair of test_pair_setup, whose mentor wrote to the bot from MAX last."""
    world = await pair_world(harness)
    async with harness.session_factory() as session:
        person = await session.get(Person, world.ids[300])
        assert person is not None
        person.last_messenger = Messenger.MAX
        session.add(
            MessengerAccount(
                person_id=person.id,
                messenger=Messenger.MAX,
                external_user_id=MENTOR_ON_MAX,
                chat_id=MENTOR_ON_MAX + CHAT_OFFSET,
                created_at=harness.clock.now(),
            )
        )
        await session.commit()
    return world


async def sweep(
    harness: Harness, settings: Settings, max_bot: Bot, sleeps: Sleeps | None = None
) -> SweepReport:
    core = create_i18n_core(settings.default_locale)
    await core.startup()
    sweeper = Sweeper(
        harness.session_factory,
        outbox_senders(core, telegram=harness.bot, max_bot=max_bot),
        harness.clock,
        settings.reminder_policy,
        rates={Messenger.TELEGRAM: settings.outbox_rate, Messenger.MAX: settings.max_outbox_rate},
        sleep=sleeps or Sleeps(),
    )
    return await sweeper.run_once()


async def _rows(harness: Harness, person_id: int) -> list[tuple[str, OutboxStatus]]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(OutboxMessage.kind, OutboxMessage.status)
            .where(OutboxMessage.person_id == person_id)
            .order_by(OutboxMessage.id)
        )
        return [(kind, OutboxStatus(status)) for kind, status in rows]


async def test_due_reminders_reach_the_mentors_max_dialog_with_their_buttons(
    harness: Harness, settings: Settings, max_api: tuple[FakeMaxApi, Bot]
) -> None:
    fake, max_bot = max_api
    world = await mentor_moves_to_max(harness)
    report = await sweep(harness, settings, max_bot)
    assert report.sent == 4 and sent_to(harness, 300) == []  # nothing to their Telegram chat
    texts = fake.texts(MENTOR_ON_MAX)
    assert len(texts) == 4 and DUE in texts
    assert any(t.startswith("С 02.11.2026 нет записанных встреч") for t in texts)
    due = next(m for m in fake.sent if m["text"] == DUE)
    async with harness.session_factory() as session:
        row_id = await session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.kind == "meeting_due")
        )
    assert row_id is not None
    assert [label for label, _ in due["buttons"]] == [
        "📝 Записать встречу",
        "⏰ Напомнить завтра",
        "⏰ Напомнить через неделю",
    ]
    assert due["buttons"][1][1] == RmCb(id=row_id, days=1).pack()
    assert [s for _, s in await _rows(harness, world.ids[300])] == [OutboxStatus.SENT] * 4
    assert report.times(Messenger.MAX) and not report.times(Messenger.TELEGRAM)


async def test_a_sweep_sends_each_messengers_rows_through_its_own_sender(
    harness: Harness, settings: Settings, max_api: tuple[FakeMaxApi, Bot]
) -> None:
    fake, max_bot = max_api
    world = await mentor_moves_to_max(harness)
    async with UnitOfWork(harness.session_factory) as uow:  # and one for the curator, on Telegram
        await uow.outbox.enqueue(
            person_id=world.ids[200],
            kind="monitoring_round",
            payload={"round": "control", "tz": "Europe/Moscow", "opening": "2026-12-01"},
            due_at=harness.clock.now(),
            now=harness.clock.now(),
        )
        await uow.commit()
    report = await sweep(harness, settings, max_bot)
    assert report.sent == 5
    [curators] = [m.text for m in sent_to(harness, 200)]
    assert curators.startswith("Начался контрольный (декабрь – январь) этап мониторинга")
    assert len(fake.texts(MENTOR_ON_MAX)) == 4 and curators not in fake.texts(MENTOR_ON_MAX)
    assert [chat for chat, _ in report.times(Messenger.TELEGRAM)] == [200]
    assert {chat for chat, _ in report.times(Messenger.MAX)} == {MENTOR_ON_MAX + CHAT_OFFSET}


async def test_maxs_429_waits_and_the_reminder_goes_once(
    harness: Harness, settings: Settings, max_api: tuple[FakeMaxApi, Bot]
) -> None:
    fake, max_bot = max_api
    world = await mentor_moves_to_max(harness)
    fake.refuse_next(429, "too.many.requests", "Too many requests")
    sleeps = Sleeps()
    report = await sweep(harness, settings, max_bot, sleeps)
    assert report.retried == 1 and report.sent == 4
    assert 1.0 in sleeps.waits  # MAX names no retry_after: a second, its windows' length
    texts = fake.texts(MENTOR_ON_MAX)
    assert len(texts) == 4 == len(set(texts)) and DUE in texts
    assert [s for _, s in await _rows(harness, world.ids[300])] == [OutboxStatus.SENT] * 4


async def test_a_mentor_who_stopped_the_bot_on_max_is_marked_and_the_curator_told(
    harness: Harness, settings: Settings, max_api: tuple[FakeMaxApi, Bot]
) -> None:
    fake, max_bot = max_api
    world = await mentor_moves_to_max(harness)
    fake.refuse_next(403, "chat.denied", "Key: error.dialog.suspended, args: [7300,].")
    report = await sweep(harness, settings, max_bot)
    assert report.blocked == 1 and report.cancelled == 3
    # Nothing went to MAX; the one thing this sweep may have sent is the curator's notice on
    # Telegram, if the Telegram lane claimed it before it finished.
    assert not report.times(Messenger.MAX) and fake.texts(MENTOR_ON_MAX) == []
    assert report.sent == len(report.times(Messenger.TELEGRAM)) <= 1
    async with harness.session_factory() as session:
        person = await session.get(Person, world.ids[300])
    assert person is not None and person.blocked_bot is True
    assert await _rows(harness, world.ids[300]) == [
        ("meeting_due", OutboxStatus.FAILED),
        ("stalled_mentor", OutboxStatus.CANCELLED),
        ("plan_item_due", OutboxStatus.CANCELLED),
        ("plan_item_due", OutboxStatus.CANCELLED),
    ]
    # The curator, on Telegram, hears of it (in this sweep or the next one: the Telegram lane
    # may have finished before the MAX lane queued the notice).
    await sweep(harness, settings, max_bot)
    told = [m.text for m in sent_to(harness, 200)]
    assert ["Петрова Анна Викторовна заблокировал(а) бота" in t for t in told] == [True]
    harness.clock.advance(timedelta(minutes=5))
    calls = len(fake.calls)
    await sweep(harness, settings, max_bot)
    assert [c for c in fake.calls[calls:] if c[:2] == ("POST", "/messages")] == []
