"""Building the runtime pieces from settings: bot, storage, engine; and running them."""

from __future__ import annotations

import asyncio
import gc
import logging
from functools import partial
from typing import Protocol

from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram_i18n.cores import FluentRuntimeCore
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Messenger
from bot.flows import create_i18n_core, routes
from bot.health import Health
from bot.health import serve as serve_health
from bot.messengers.flood import MemoryRateCounter, RedisRateCounter
from bot.observability import Metrics
from bot.process import (
    forget_processed_updates,
    on_signals,
    ping_database,
    serve_webhooks,
    watch_outbox_backlog,
)
from bot.scheduler import Sweeper, start_scheduler
from bot.services import outbox
from bot.services.clock import SystemClock
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from db.fsm_storage import LocalFirstIsolation, SQLAlchemyStorage
from db.uow import UnitOfWork

log = logging.getLogger(__name__)


def create_storage(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    """Redis when configured (several replicas); otherwise the database itself. Never memory."""
    if settings.redis_url:
        # Imported here: a one-school deployment without Redis does not carry the client (6 MB).
        from aiogram.fsm.storage.redis import RedisStorage

        from db.redis_lock import RedisConversationLock

        storage = RedisStorage.from_url(
            settings.redis_url, key_builder=DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        )
        # One chat's updates wait for each other (in this process first); a waiter on another
        # replica's lock asks again every 10 ms, so a person's second message or tap waits no
        # longer than that. The storage's key builder: a MAX chat's lock names MAX as its
        # destiny, as its state does.
        shared = RedisConversationLock(storage.redis, storage.key_builder, timeout=60, poll=0.01)
        return storage, LocalFirstIsolation(shared)
    return SQLAlchemyStorage(session_factory), SimpleEventIsolation()


async def run(settings: Settings) -> None:
    """The messengers turned on (Telegram, MAX or both) over one database, one outbox sweep, one
    web server for their webhooks and one health server, until SIGTERM."""
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    storage, isolation = create_storage(settings, session_factory)
    stop = asyncio.Event()
    on_signals(stop.set)
    metrics = Metrics()
    translator = create_i18n_core(settings.default_locale)
    services = _services(settings, session_factory, storage, isolation, translator, metrics)
    try:
        for service in services:
            if not await service.connect(stop):
                return
        await _serve(settings, services, session_factory, translator, metrics, stop)
    finally:
        for service in services:
            await service.close()
        await storage.close()
        await engine.dispose()


class Service(Protocol):
    """One messenger of the deployment (bot/messengers/<name>/service.py)."""

    messenger: Messenger

    @property
    def polls(self) -> bool:
        """Long polling; otherwise the webhook (a route on the bot's web server)."""
        ...

    def sender(self, translator: FluentRuntimeCore) -> outbox.Sender: ...
    async def connect(self, stop: asyncio.Event) -> bool: ...
    def add_webhook(self, app: web.Application) -> None: ...
    async def run(self, stop: asyncio.Event) -> None: ...
    def last_poll(self) -> float | None: ...
    async def close(self) -> None: ...


def _services(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    isolation: BaseEventIsolation,
    translator: FluentRuntimeCore,
    metrics: Metrics,
) -> list[Service]:
    """Each messenger's code is imported only when its token turns it on."""
    services: list[Service] = []
    redis = getattr(storage, "redis", None)  # RedisStorage's client, shared by flood control
    if settings.bot_token is not None:
        from bot.messengers.telegram.service import TelegramService

        services.append(
            TelegramService(
                settings,
                session_factory=session_factory,
                storage=storage,
                isolation=isolation,
                translator=translator,
                clock=SystemClock(),
                metrics=metrics,
                flood_counter=RedisRateCounter(redis) if redis is not None else None,
            )
        )
    if settings.max_bot_token is not None:
        from bot.messengers.max.service import MaxService

        services.append(
            MaxService(
                settings,
                unit_of_work=lambda: UnitOfWork(session_factory),
                storage=storage,
                isolation=isolation,
                translator=translator,
                table=routes(),
                clock=SystemClock(),
                metrics=metrics,
                # MAX's people counted apart: their ids may be Telegram people's numbers
                flood_counter=RedisRateCounter(redis, prefix="flood:max")
                if redis is not None
                else MemoryRateCounter(),
            )
        )
    return services


async def _serve(
    settings: Settings,
    services: list[Service],
    session_factory: async_sessionmaker[AsyncSession],
    translator: FluentRuntimeCore,
    metrics: Metrics,
    stop: asyncio.Event,
) -> None:
    freeze_startup_objects()
    sweeper = Sweeper(
        session_factory,
        {service.messenger: service.sender(translator) for service in services},
        SystemClock(),
        settings.reminder_policy,
        rates={Messenger.TELEGRAM: settings.outbox_rate, Messenger.MAX: settings.max_outbox_rate},
    )
    scheduler = start_scheduler(sweeper, settings.outbox_sweep_seconds)
    pruning = asyncio.create_task(forget_processed_updates(session_factory, SystemClock()))
    backlog = asyncio.create_task(watch_outbox_backlog(session_factory, metrics, SystemClock()))
    health_runner = webhooks = None
    try:
        if settings.health_port:
            polling = [service for service in services if service.polls]
            health = Health(
                metrics,
                partial(ping_database, session_factory),
                last_poll=partial(_oldest_poll, polling) if polling else None,
            )
            health_runner = await serve_health(health, settings.health_host, settings.health_port)
        hooked = [service for service in services if not service.polls]
        if hooked:
            app = web.Application()
            for service in hooked:
                service.add_webhook(app)
            webhooks = await serve_webhooks(app, settings.webhook_host, settings.webhook_port, stop)
        await asyncio.gather(*(service.run(stop) for service in services))
    finally:
        scheduler.pause()  # no new sweep; the one in hand gives back what it has not sent
        await sweeper.close()
        pruning.cancel()
        backlog.cancel()
        if webhooks is not None:
            await webhooks.cleanup()  # stops accepting, waits for in-flight requests (bounded)
        if health_runner is not None:
            await health_runner.cleanup()
        scheduler.shutdown(wait=False)


def _oldest_poll(services: list[Service]) -> float | None:
    """The liveness probe's "last poll": the stalest of the messengers that poll."""
    polls = [service.last_poll() for service in services]
    return None if any(poll is None for poll in polls) else min(polls)  # type: ignore[type-var]


def freeze_startup_objects() -> None:
    """Take everything built at start (aiogram's and pydantic's models, the mapped classes, the
    compiled translations: about 400,000 objects) out of the collector's sight.

    The full collections that the updates' garbage triggers then scan only what updates made
    (about 40,000 objects instead of 400,000): 0.1–0.4 ms less CPU per update on the benchmark's
    paths, no memory change (nothing built at start is ever freed anyway).
    """
    gc.collect()
    gc.freeze()
