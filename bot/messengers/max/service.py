"""MAX in a running bot: reach the API, name the bot, set its command menu, then poll or take the
webhook until the bot stops."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram_i18n.cores import FluentRuntimeCore
from aiohttp import web
from maxapi import Bot
from maxapi.enums.update import UpdateType
from maxapi.exceptions.max import MaxApiError, MaxConnection
from maxapi.types.command import BotCommand

from bot.conversation.router import Table
from bot.conversation.views import Words
from bot.domain.messengers import Messenger
from bot.flows import create_core
from bot.messengers.flood import RateCounter, flood_gate
from bot.messengers.max.runner import MaxAdapter, is_outage
from bot.messengers.max.sender import MaxSender
from bot.messengers.reach import reach
from bot.messengers.state import FsmStateStore
from bot.observability import Metrics
from bot.process import SHUTDOWN_GRACE_SECONDS
from bot.services import outbox
from bot.services.clock import Clock
from bot.settings import Settings, SettingsError
from db.uow import UnitOfWork
from handlers.menu import everyone_menu

log = logging.getLogger(__name__)

UPDATE_TYPES = [
    UpdateType.MESSAGE_CREATED,
    UpdateType.MESSAGE_CALLBACK,
    UpdateType.BOT_STARTED,
    UpdateType.BOT_STOPPED,
]
"""What the webhook subscribes to: everything the adapter reads, nothing it would skip."""


def create_max_bot(settings: Settings) -> Bot:
    bot = Bot(settings.require_max_token(), auto_check_subscriptions=False)
    bot.set_api_url(settings.max_api_url)
    return bot


def _max_pause(error: BaseException, delay: float) -> float | None:
    """MAX down, overloaded or asking to slow down: wait; anything else is not an outage."""
    if isinstance(error, MaxConnection):
        return delay
    if isinstance(error, MaxApiError) and (error.code >= 500 or error.code == 429):
        return delay
    return None


class MaxService:
    """One MAX bot of the deployment: its adapter once `connect` reached MAX."""

    messenger = Messenger.MAX

    def __init__(
        self,
        settings: Settings,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        storage: BaseStorage,
        isolation: BaseEventIsolation,
        translator: FluentRuntimeCore,
        table: Table,
        clock: Clock,
        metrics: Metrics,
        flood_counter: RateCounter,
    ) -> None:
        self.settings = settings
        self.bot = create_max_bot(settings)
        self._unit_of_work = unit_of_work
        self._storage = storage
        self._isolation = isolation
        self._translator = translator
        self._table = table
        self._clock = clock
        self._metrics = metrics
        self._gate = flood_gate(settings, translator, flood_counter)
        self.adapter: MaxAdapter | None = None

    async def connect(self, stop: asyncio.Event) -> bool:
        """`GET /me` until MAX answers: the bot's id keys its conversations, its name its links.
        False if the bot was stopped first; a refused token is a setting error."""
        found = []

        async def get_me() -> None:
            found.append(await self.bot.get_me())

        try:
            if not await reach(get_me, stop, _max_pause, name="MAX", log=log):
                return False
        except MaxApiError as error:
            if error.code in {401, 403}:
                raise SettingsError("MAX_BOT_TOKEN: MAX refused the token") from None
            raise
        me = found[-1]
        name = (self.settings.max_bot_username or "").lstrip("@") or me.username or str(me.user_id)
        store = FsmStateStore(self._storage, me.user_id, self._isolation)
        core = create_core(self.settings, self._table, self._translator, store, is_outage)
        self.adapter = MaxAdapter(
            self.bot,
            core,
            self._unit_of_work,
            self._clock,
            name,
            gate=self._gate,
            metrics=self._metrics,
            salt=self.settings.require_max_token(),
            lock=store.lock,
        )
        await self.set_command_menu()
        return True

    async def set_command_menu(self) -> None:
        """MAX keeps one list for everybody: every command, in the deployment's language."""
        locale = self.settings.default_locale
        commands = [
            BotCommand(name=name, description=self._text(words, locale))
            for name, words in everyone_menu().commands
        ]
        await self.bot.set_commands(*commands)

    def sender(self, translator: FluentRuntimeCore) -> outbox.Sender:
        return MaxSender(self.bot, translator)

    def _text(self, words: Words, locale: str) -> str:
        if isinstance(words, str):
            return words
        return str(self._translator.get(words.key, locale, **words.args))

    @property
    def polls(self) -> bool:
        return self.settings.max_webhook_url is None

    def add_webhook(self, app: web.Application) -> None:
        assert self.adapter is not None and self.settings.max_webhook_secret is not None
        secret = self.settings.max_webhook_secret.get_secret_value()
        self.adapter.add_webhook(app, secret, self.settings.max_webhook_path)

    async def run(self, stop: asyncio.Event) -> None:
        """Take updates until `stop`: by the webhook when MAX_WEBHOOK_URL is set (the bot's web
        server is already listening), else by long polling (any subscription is removed first:
        MAX delivers by one or the other)."""
        assert self.adapter is not None
        settings = self.settings
        if settings.max_webhook_url:
            assert settings.max_webhook_secret is not None
            await self.bot.subscribe_webhook(
                f"{settings.max_webhook_url}{settings.max_webhook_path}",
                update_types=UPDATE_TYPES,
                secret=settings.max_webhook_secret.get_secret_value(),
            )
            await stop.wait()
            return
        await self.bot.delete_webhook()
        polling = asyncio.create_task(self.adapter.poll())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        self.adapter.stop()
        try:
            await asyncio.wait_for(asyncio.shield(polling), SHUTDOWN_GRACE_SECONDS)
        except TimeoutError:
            log.warning("MAX update still running after %.0f s: cancelled", SHUTDOWN_GRACE_SECONDS)
            polling.cancel()

    def last_poll(self) -> float | None:
        return self.adapter.last_poll_ok if self.adapter is not None else None

    async def close(self) -> None:
        await self.bot.close_session()
