"""A graceful stop (SIGTERM) in the middle of an outbox sweep: no claimed row is left "sending"."""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import select

from bot.domain.mentorship import OutboxStatus
from bot.domain.messengers import Messenger
from bot.flows import create_i18n_core
from bot.messengers.telegram.sender import TelegramSender
from bot.scheduler import Sweeper
from bot.services.outbox import Outgoing
from bot.settings import Settings
from db.models_mentoring import OutboxMessage
from db.uow import UnitOfWork
from tests.harness import Harness
from tests.integration.test_pair_setup import Sleeps, pair_world, sent_to


class GatedSender:
    """The real Telegram sender, except that the `hold_at`-th message waits for `go`."""

    def __init__(self, inner: TelegramSender, hold_at: int) -> None:
        self._inner = inner
        self._hold_at = hold_at
        self.calls = 0
        self.holding = asyncio.Event()
        self.go = asyncio.Event()

    async def send(self, message: Outgoing) -> None:
        self.calls += 1
        if self.calls == self._hold_at:
            self.holding.set()
            await self.go.wait()
        await self._inner.send(message)


async def _setup(harness: Harness, settings: Settings, hold_at: int) -> tuple[Sweeper, GatedSender]:
    world = await pair_world(harness)
    now = harness.clock.now()
    async with UnitOfWork(harness.session_factory) as uow:
        for index in range(10):
            await uow.outbox.enqueue(
                person_id=world.ids[300],
                kind="program_ending",
                payload={"tz": "Europe/Moscow", "end": "2027-08-02"},
                due_at=now,
                now=now,
                dedupe_key=f"stop:{index}",
            )
        await uow.commit()
    core = create_i18n_core(settings.default_locale)
    await core.startup()
    sender = GatedSender(TelegramSender(harness.bot, core), hold_at)
    sweeper = Sweeper(
        harness.session_factory,
        {Messenger.TELEGRAM: sender},
        harness.clock,
        settings.reminder_policy,
        rates={Messenger.TELEGRAM: 0},
        sleep=Sleeps(),
    )
    return sweeper, sender


async def _statuses(harness: Harness) -> Counter[OutboxStatus]:
    async with harness.session_factory() as session:
        rows = (await session.execute(select(OutboxMessage.status))).scalars()
        return Counter(OutboxStatus(s) for s in rows)


async def test_stop_mid_sweep_sends_the_message_in_hand_and_returns_the_rest(
    harness: Harness, settings: Settings
) -> None:
    sweeper, sender = await _setup(harness, settings, hold_at=3)
    tick = asyncio.create_task(sweeper.tick())
    await asyncio.wait_for(sender.holding.wait(), timeout=20)
    closing = asyncio.create_task(sweeper.close(grace=20))
    await asyncio.sleep(0.05)
    sender.go.set()  # the message in hand goes out within the grace
    await asyncio.wait_for(closing, timeout=30)
    await tick
    statuses = await _statuses(harness)
    assert statuses[OutboxStatus.SENDING] == 0
    assert statuses[OutboxStatus.SENT] == 3 == len(sent_to(harness, 300))
    assert statuses[OutboxStatus.PENDING] >= 7  # back in the queue at once, not in ten minutes
    assert sender.calls == 3  # nothing more was sent after the stop
    await sweeper.tick()  # a stopped sweeper starts no new sweep
    assert sender.calls == 3


async def test_sweep_stuck_past_the_grace_is_cancelled_and_gives_its_rows_back(
    harness: Harness, settings: Settings
) -> None:
    sweeper, sender = await _setup(harness, settings, hold_at=2)
    tick = asyncio.create_task(sweeper.tick())
    await asyncio.wait_for(sender.holding.wait(), timeout=20)
    tick.cancel()  # the scheduler's shutdown cancels its job at once
    await asyncio.wait_for(sweeper.close(grace=0.2), timeout=30)
    statuses = await _statuses(harness)
    assert statuses[OutboxStatus.SENDING] == 0
    assert statuses[OutboxStatus.SENT] == 1 == len(sent_to(harness, 300))
    assert statuses[OutboxStatus.PENDING] >= 9
    # the next start sends them (nothing was lost)
    harness.bot.session.requests.clear()
    sender.go.set()
    core = create_i18n_core(settings.default_locale)
    await core.startup()
    report = await Sweeper(
        harness.session_factory,
        {Messenger.TELEGRAM: TelegramSender(harness.bot, core)},
        harness.clock,
        settings.reminder_policy,
        rates={Messenger.TELEGRAM: 0},
        sleep=Sleeps(),
    ).deliver()
    assert report.sent == statuses[OutboxStatus.PENDING] and len(sent_to(harness, 300)) >= 9
    assert (await _statuses(harness))[OutboxStatus.SENDING] == 0
