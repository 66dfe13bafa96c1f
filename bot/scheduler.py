"""The periodic outbox sweep: one APScheduler job plans reminders and delivers the due ones.

There is never one scheduler job per person: every reminder is a row in `outbox`, so a restart
loses nothing and any number of replicas may sweep at once (rows are claimed, never shared).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter
from aiogram_i18n.cores import FluentRuntimeCore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Messenger
from bot.domain.reminders import Pacer, ReminderPolicy
from bot.messengers.telegram.outbound import markup as markup_of
from bot.services import outbox, reminders
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.reminders import render

log = logging.getLogger(__name__)

SWEEP_STOP_GRACE_SECONDS = 5.0
"""At a graceful stop the sweep in hand gets this long to finish its message and give back the
rest of its batch; then it is cancelled, and gives its rows back all the same."""


class TelegramSender:
    """Renders an outbox row in the recipient's language at send time and sends it."""

    def __init__(self, bot: Bot, core: FluentRuntimeCore) -> None:
        self._bot = bot
        self._core = core

    async def send(self, message: outbox.Outgoing) -> None:
        if message.messenger is not Messenger.TELEGRAM:  # kept and retried until one is added
            raise LookupError(f"no adapter sends to {message.messenger} yet")

        def translate(key: str, **params: Any) -> str:
            return str(self._core.get(key, message.locale, **params))

        text, markup = render(
            translate, message.outbox_id, message.kind, message.payload, message.locale
        )
        try:
            await self._bot.send_message(message.chat_id, text, reply_markup=markup_of(markup))
        except TelegramRetryAfter as error:
            raise outbox.RetryLater(float(error.retry_after)) from error
        except TelegramForbiddenError as error:
            raise outbox.RecipientBlocked() from error


class Sweeper:
    """One sweep = plan what is due, then deliver everything due, at Telegram's pace."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        sender: outbox.Sender,
        clock: Clock,
        policy: ReminderPolicy,
        *,
        rate: float = 25.0,
        worker: str | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        batch: int = 100,
    ) -> None:
        self._factory = session_factory
        self._sender = sender
        self._clock = clock
        self._policy = policy
        self._pacer = Pacer(per_second=rate)
        self._worker = worker or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._sleep = sleep
        self._batch = batch
        self._stopping = False
        self._sweep: asyncio.Future[None] | None = None

    def _uow(self) -> UnitOfWork:
        return UnitOfWork(self._factory)

    async def run_once(self) -> outbox.SweepReport:
        async with self._uow() as uow:
            await reminders.plan(uow, self._clock.now(), self._policy)
        return await self.deliver()

    async def deliver(self) -> outbox.SweepReport:
        return await outbox.deliver(
            self._uow,
            self._sender,
            self._clock,
            worker=self._worker,
            window=self._policy.window,
            pacer=self._pacer,
            batch=self._batch,
            sleep=self._sleep,
            stopping=lambda: self._stopping,
        )

    async def tick(self) -> None:
        """The scheduled job: a failing sweep is logged and the next one tries again.

        The sweep runs as a task of its own, so that stopping the scheduler (which cancels its
        jobs at once) leaves it to `close`, which lets it give back what it claimed.
        """
        if self._stopping:
            return
        self._sweep = asyncio.ensure_future(self._logged_sweep())
        await asyncio.shield(self._sweep)

    async def _logged_sweep(self) -> None:
        try:
            report = await self.run_once()
            if report.claimed:
                log.info("outbox sweep: %s", report)
        except Exception:
            log.exception("outbox sweep failed")

    async def close(self, grace: float = SWEEP_STOP_GRACE_SECONDS) -> None:
        """No new sweep; the one in hand finishes the message it is sending and returns the
        rest of its claimed rows to the queue, or is cancelled after `grace` seconds and returns
        them then. Either way no row stays "sending" until the stale-claim timeout."""
        self._stopping = True
        sweep = self._sweep
        if sweep is None or sweep.done():
            return
        _, pending = await asyncio.wait({sweep}, timeout=grace)
        if pending:
            log.warning("outbox sweep still busy after %.0f s: cancelled", grace)
            sweep.cancel()
            await asyncio.wait({sweep}, timeout=grace)


def start_scheduler(sweeper: Sweeper, interval_seconds: int) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        sweeper.tick,
        "interval",
        seconds=interval_seconds,
        id="outbox-sweep",
        max_instances=1,
        coalesce=True,
    )
    scheduler.start()
    return scheduler
