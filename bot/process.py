"""What the running process does whatever messengers it serves: stop on SIGTERM, serve the
webhooks, prune processed update keys, watch the outbox backlog, ping the database."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from datetime import timedelta

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.observability import Metrics
from bot.services.clock import Clock
from db.uow import UnitOfWork

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 20.0
"""In-flight updates get this long after SIGTERM; the container's stop grace period is longer."""

PROCESSED_UPDATES_KEPT = timedelta(hours=24)


def on_signals(callback: object) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):  # not on every platform
            loop.add_signal_handler(sig, callback)  # type: ignore[arg-type]


async def serve_webhooks(
    app: web.Application, host: str, port: int, stop: asyncio.Event
) -> web.AppRunner:
    """Start the bot's web server for the messengers' webhooks; the caller cleans it up after
    `stop`, which stops accepting and waits for in-flight requests (bounded)."""
    runner = web.AppRunner(app, shutdown_timeout=SHUTDOWN_GRACE_SECONDS)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("webhooks listening on %s:%s", host, port)
    return runner


async def forget_processed_updates(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, every: float = 3600.0
) -> None:
    """Keep processed update ids for 24 hours: long enough for any redelivery."""
    while True:
        try:
            async with UnitOfWork(session_factory) as uow:
                removed = await uow.updates.forget_before(clock.now() - PROCESSED_UPDATES_KEPT)
                await uow.commit()
            log.debug("forgot %s processed update ids", removed)
        except Exception:
            log.exception("could not prune processed update ids")
        await asyncio.sleep(every)


async def ping_database(session_factory: async_sessionmaker[AsyncSession]) -> None:
    async with UnitOfWork(session_factory) as uow:
        await uow.updates.ping()


async def watch_outbox_backlog(
    session_factory: async_sessionmaker[AsyncSession],
    metrics: Metrics,
    clock: Clock,
    every: float = 30.0,
) -> None:
    """Keep the outbox backlog gauge fresh: reminders due and not yet sent."""
    while True:
        try:
            async with UnitOfWork(session_factory) as uow:
                metrics.outbox_backlog.set(await uow.updates.outbox_backlog(clock.now()))
        except Exception:
            log.exception("could not read the outbox backlog")
        await asyncio.sleep(every)
