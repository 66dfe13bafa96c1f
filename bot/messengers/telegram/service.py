"""Telegram in a running bot: reach the Bot API, build the dispatcher, then poll or take the
webhook until the bot stops."""

from __future__ import annotations

import asyncio
from functools import partial

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram_i18n.cores import FluentRuntimeCore
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import create_dispatcher
from bot.domain.messengers import Messenger
from bot.messengers.flood import RateCounter
from bot.messengers.telegram.calls import RetryMiddleware
from bot.messengers.telegram.runners import (
    add_webhook,
    mark_chat_blocked,
    reach_telegram,
    run_polling,
)
from bot.messengers.telegram.sender import TelegramSender
from bot.observability import Metrics
from bot.services import outbox
from bot.services.clock import Clock
from bot.settings import Settings


def create_bot(settings: Settings) -> Bot:
    session = None
    if settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    # Plain text, no parse mode: names, notes and school titles typed by people may hold "<" or
    # "&", which Telegram would reject as broken HTML.
    return Bot(token=settings.require_token(), session=session)


class TelegramService:
    """The deployment's Telegram bot: its dispatcher once `connect` reached Telegram."""

    messenger = Messenger.TELEGRAM

    def __init__(
        self,
        settings: Settings,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        storage: BaseStorage,
        isolation: BaseEventIsolation,
        translator: FluentRuntimeCore,
        clock: Clock,
        metrics: Metrics,
        flood_counter: RateCounter | None,
    ) -> None:
        self.settings = settings
        self.bot = create_bot(settings)
        self._factory = session_factory
        self.dispatcher = create_dispatcher(
            settings=settings,
            session_factory=session_factory,
            storage=storage,
            clock=clock,
            events_isolation=isolation,
            metrics=metrics,
            flood_counter=flood_counter,
            translator=translator,
        )
        self._metrics = metrics

    async def connect(self, stop: asyncio.Event) -> bool:
        # Before the retry middleware: its own retries would only stretch each attempt.
        if not await reach_telegram(self.bot.get_me, stop):
            return False
        self.bot.session.middleware(
            RetryMiddleware(
                on_forbidden=partial(mark_chat_blocked, self._factory),
                on_retry_after=self._metrics.telegram_429.inc,
            )
        )
        return True

    def sender(self, translator: FluentRuntimeCore) -> outbox.Sender:
        return TelegramSender(self.bot, translator)

    @property
    def polls(self) -> bool:
        return self.settings.webhook_url is None

    def add_webhook(self, app: web.Application) -> None:
        settings = self.settings
        assert settings.webhook_secret is not None
        secret = settings.webhook_secret.get_secret_value()
        add_webhook(app, self.dispatcher, self.bot, secret, settings.webhook_path)

    async def run(self, stop: asyncio.Event) -> None:
        """Take updates until `stop`: by the webhook when WEBHOOK_URL is set (the bot's web
        server is already listening), else by polling."""
        settings = self.settings
        if settings.webhook_url:
            assert settings.webhook_secret is not None
            await self.bot.set_webhook(
                f"{settings.webhook_url}{settings.webhook_path}",
                secret_token=settings.webhook_secret.get_secret_value(),
            )
            await stop.wait()
            return
        await self.bot.delete_webhook(drop_pending_updates=False)
        await run_polling(self.dispatcher, self.bot, stop)

    def last_poll(self) -> float | None:
        poller = self.dispatcher.workflow_data.get("poller")
        return poller.last_poll_ok if poller is not None else None

    async def close(self) -> None:
        await self.bot.session.close()
