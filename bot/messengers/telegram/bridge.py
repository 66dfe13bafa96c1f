"""The Telegram adapter's way into the core: one aiogram router that turns each private-chat
update into an `Inbound`, hands it to the core and delivers the views through the Bot API.

An update no route of the core takes goes on to the routers after this one.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiogram import Bot, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, Update

from bot.conversation.context import FlowConfig, Translator
from bot.conversation.core import Core
from bot.conversation.events import Inbound
from bot.conversation.router import Router as Flows
from bot.conversation.router import Table
from bot.delivery import is_outage
from bot.domain.actors import Actor
from bot.messengers.state import FsmStateStore
from bot.messengers.telegram.inbound import from_member, from_message, from_query
from bot.messengers.telegram.outbound import TelegramChannel
from bot.services.clock import Clock
from db.uow import UnitOfWork


class CoreBridge:
    def __init__(
        self,
        flows: Sequence[Flows],
        *,
        translator: Translator,
        storage: BaseStorage,
        config: FlowConfig,
        default_locale: str,
    ) -> None:
        self.table = Table(flows)
        self._translator = translator
        self._storage = storage
        self._config = config
        self._default_locale = default_locale
        self._cores: dict[int, Core] = {}
        self.router = Router(name="conversation-core")
        self.router.message()(self.on_message)
        self.router.callback_query()(self.on_query)
        self.router.my_chat_member()(self.on_member)

    def core(self, bot: Bot) -> Core:
        core = self._cores.get(bot.id)
        if core is None:
            core = self._cores[bot.id] = Core(
                self.table,
                translator=self._translator,
                store=FsmStateStore(self._storage, bot.id),
                config=self._config,
                default_locale=self._default_locale,
                is_outage=is_outage,
            )
        return core

    async def _run(
        self,
        inbound: Inbound | None,
        channel: TelegramChannel,
        uow: UnitOfWork,
        actor: Actor | None,
        clock: Clock,
    ) -> None:
        if inbound is None:
            raise SkipHandler
        core = self.core(channel.bot)
        if not await core.handle(inbound, channel=channel, uow=uow, actor=actor, clock=clock):
            raise SkipHandler

    async def on_message(
        self,
        message: Message,
        bot: Bot,
        uow: UnitOfWork,
        actor: Actor | None,
        clock: Clock,
        event_update: Update,
    ) -> None:
        inbound = from_message(event_update.update_id, message)
        await self._run(inbound, TelegramChannel(bot), uow, actor, clock)

    async def on_query(
        self,
        callback_query: CallbackQuery,
        bot: Bot,
        uow: UnitOfWork,
        actor: Actor | None,
        clock: Clock,
        event_update: Update,
    ) -> None:
        inbound = from_query(event_update.update_id, callback_query)
        await self._run(inbound, TelegramChannel(bot, callback_query), uow, actor, clock)

    async def on_member(
        self,
        my_chat_member: ChatMemberUpdated,
        bot: Bot,
        uow: UnitOfWork,
        actor: Actor | None,
        clock: Clock,
        event_update: Update,
    ) -> None:
        inbound = from_member(event_update.update_id, my_chat_member)
        await self._run(inbound, TelegramChannel(bot), uow, actor, clock)
