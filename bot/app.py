"""Building the runtime pieces from settings: bot, storage, engine; and running them."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import create_dispatcher
from bot.services.clock import SystemClock
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from db.fsm_storage import SQLAlchemyStorage

log = logging.getLogger(__name__)


def create_bot(settings: Settings) -> Bot:
    session = None
    if settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(
        token=settings.require_token(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def create_storage(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    """Redis when configured (several replicas); otherwise the database itself. Never memory."""
    if settings.redis_url:
        storage = RedisStorage.from_url(
            settings.redis_url, key_builder=DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        )
        return storage, RedisEventIsolation(redis=storage.redis)
    return SQLAlchemyStorage(session_factory), SimpleEventIsolation()


async def run(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    storage, isolation = create_storage(settings, session_factory)
    bot = create_bot(settings)
    dispatcher = create_dispatcher(
        settings=settings,
        session_factory=session_factory,
        storage=storage,
        clock=SystemClock(),
        events_isolation=isolation,
    )
    try:
        if settings.use_webhook:
            await _run_webhook(settings, bot, dispatcher)
        else:
            await bot.delete_webhook(drop_pending_updates=False)
            await dispatcher.start_polling(bot, handle_signals=True)
    finally:
        await storage.close()
        await bot.session.close()
        await engine.dispose()


async def _run_webhook(settings: Settings, bot: Bot, dispatcher: object) -> None:
    from aiogram import Dispatcher

    assert isinstance(dispatcher, Dispatcher) and settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    app = web.Application()
    SimpleRequestHandler(dispatcher=dispatcher, bot=bot, secret_token=secret).register(
        app, path=settings.webhook_path
    )
    setup_application(app, dispatcher, bot=bot)
    await bot.set_webhook(f"{settings.webhook_url}{settings.webhook_path}", secret_token=secret)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    log.info("webhook listening on %s:%s", settings.webhook_host, settings.webhook_port)
    try:
        import asyncio

        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
