"""The Telegram adapter's way into the core: one aiogram router that turns each update of a
private chat into an `Inbound`, hands it to the core (`Core.receive`: the update's transaction,
the redelivery check, the sender, the step) and delivers the views through the Bot API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, Update

from bot.conversation.core import Core
from bot.conversation.events import Inbound
from bot.messengers.telegram.inbound import from_member, from_message, from_query
from bot.messengers.telegram.outbound import TelegramChannel
from bot.services.clock import Clock
from db.uow import UnitOfWork


class TelegramAdapter:
    def __init__(
        self, core: Callable[[Bot], Core], unit_of_work: Callable[[], UnitOfWork], clock: Clock
    ) -> None:
        self.core = core
        self.unit_of_work = unit_of_work
        self.clock = clock
        self.router = Router(name="telegram")
        self.router.message()(self.on_message)
        self.router.callback_query()(self.on_query)
        self.router.my_chat_member()(self.on_member)

    async def _run(
        self, inbound: Inbound | None, channel: TelegramChannel, trace: dict[str, Any] | None
    ) -> None:
        if inbound is None:  # a group, a channel, another bot: no conversation of ours
            return
        await self.core(channel.bot).receive(
            inbound,
            channel=channel,
            unit_of_work=self.unit_of_work,
            clock=self.clock,
            trace=trace,
        )

    async def on_message(
        self, message: Message, bot: Bot, event_update: Update, trace: dict[str, Any] | None = None
    ) -> None:
        await self._run(from_message(event_update.update_id, message), TelegramChannel(bot), trace)

    async def on_query(
        self,
        callback_query: CallbackQuery,
        bot: Bot,
        event_update: Update,
        trace: dict[str, Any] | None = None,
    ) -> None:
        inbound = from_query(event_update.update_id, callback_query)
        await self._run(inbound, TelegramChannel(bot, callback_query), trace)

    async def on_member(
        self,
        my_chat_member: ChatMemberUpdated,
        bot: Bot,
        event_update: Update,
        trace: dict[str, Any] | None = None,
    ) -> None:
        inbound = from_member(event_update.update_id, my_chat_member)
        await self._run(inbound, TelegramChannel(bot), trace)
