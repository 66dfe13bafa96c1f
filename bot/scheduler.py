"""The periodic outbox sweep: one APScheduler job plans reminders and delivers the due ones.

There is never one scheduler job per person: every reminder is a row in `outbox`, so a restart
loses nothing and any number of replicas may sweep at once (rows are claimed, never shared).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Messenger
from bot.domain.reminders import Pacer, ReminderPolicy, pacers
from bot.services import outbox, reminders
from bot.services.clock import Clock
from db.uow import UnitOfWork

log = logging.getLogger(__name__)

SWEEP_STOP_GRACE_SECONDS = 5.0
"""At a graceful stop the sweep in hand gets this long to finish its message and give back the
rest of its batch; then it is cancelled, and gives its rows back all the same."""


DEFAULT_RATES = {Messenger.TELEGRAM: 25.0, Messenger.MAX: 28.0}
"""Messages a second (OUTBOX_RATE, MAX_OUTBOX_RATE): under the limit of 30, which the bot's
answers to people share."""


class Sweeper:
    """One sweep = plan what is due, then deliver everything due, each messenger at its pace.

    Each messenger with a sender claims and sends its own rows with its own pacer, at the same
    time as the others: a backlog on MAX never slows Telegram's reminders, nor the other way
    round. Rows for anyone else (a messenger with no sender turned on, no chat at all) go
    through the same `Senders` in a lane of their own: cancelled, or kept for later.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        senders: Mapping[Messenger, outbox.Sender],
        clock: Clock,
        policy: ReminderPolicy,
        *,
        rates: Mapping[Messenger, float] = DEFAULT_RATES,
        worker: str | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        batch: int = 100,
    ) -> None:
        self._factory = session_factory
        self._sender = outbox.Senders(senders)
        self._clock = clock
        self._policy = policy
        self._pacers = pacers({m: rates.get(m, DEFAULT_RATES[m]) for m in senders})
        self._worker = worker or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._sleep = sleep
        self._monotonic = monotonic
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
        report = outbox.SweepReport()
        async with asyncio.TaskGroup() as lanes:
            for messenger, pacer in self._pacers.items():
                lanes.create_task(self._lane(report, pacer, messenger=messenger))
            # everyone else: a messenger with no sender turned on, or no chat to write to
            unpaced = Pacer(per_second=0)
            lanes.create_task(self._lane(report, unpaced, other_than=tuple(self._pacers)))
        return report

    async def _lane(
        self,
        report: outbox.SweepReport,
        pacer: Pacer,
        *,
        messenger: Messenger | None = None,
        other_than: tuple[Messenger, ...] = (),
    ) -> None:
        await outbox.deliver(
            self._uow,
            self._sender,
            self._clock,
            worker=self._worker,
            window=self._policy.window,
            pacer=pacer,
            batch=self._batch,
            sleep=self._sleep,
            monotonic=self._monotonic,
            report=report,
            stopping=lambda: self._stopping,
            messenger=messenger,
            other_than=other_than,
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
