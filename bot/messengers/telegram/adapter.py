"""The Telegram adapter's way into the core: three handlers on the dispatcher itself (no router
of its own to walk through) that turn each update of a private chat into an `Inbound`, hand it
to the core (`Core.receive`: the update's transaction, the redelivery check, the sender, the
step) and deliver the views through the Bot API."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot, Router
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, TelegramObject, Update

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

    def attach(self, router: Router) -> None:
        """Take messages, button presses and blocks on `router` (the dispatcher)."""
        router.message.register(self.on_message)
        router.callback_query.register(self.on_query)
        router.my_chat_member.register(self.on_member)

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


class ConversationLock(BaseMiddleware):
    """aiogram's FSM middleware less its read: one chat's updates wait for each other (the
    events isolation, by the same key), and the core reads the conversation itself, once, inside
    the lock. aiogram's read of the raw state at every update had no reader (on Redis, a GET)."""

    def __init__(self, fsm: FSMContextMiddleware) -> None:
        self._fsm = fsm

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        context = self._fsm.resolve_event_context(data["bot"], data)
        if context is None:
            return await handler(event, data)
        async with self._fsm.events_isolation.lock(key=context.key):
            return await handler(event, data)
