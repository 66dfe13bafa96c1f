"""Outer middlewares: one unit of work per update, and the actor who sent it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User
from aiogram_i18n.managers import BaseManager
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.actors import Actor
from bot.domain.messengers import Messenger
from bot.domain.people import pick_locale
from bot.services.identity import arrival, load_actor
from db.uow import UnitOfWork

log = logging.getLogger(__name__)
TELEGRAM = Messenger.TELEGRAM


class UnitOfWorkMiddleware(BaseMiddleware):
    """Opens the update's single transaction and resolves the actor inside it.

    The update id is written in that same transaction, so a redelivered update (a crash before
    the acknowledgement, a webhook retry, a second replica) is recognised and skipped.
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._factory = session_factory

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        sender = user.id if user is not None and not user.is_bot else None
        async with UnitOfWork(self._factory) as uow:
            if isinstance(event, Update):
                seen, data["actor"] = await arrival(uow, TELEGRAM, event.update_id, sender)
                if seen:
                    log.info("update %s was already applied: skipped", event.update_id)
                    return None
                uow.begin_update(TELEGRAM, event.update_id, data["clock"].now())
            else:
                actor = await load_actor(uow, TELEGRAM, sender) if sender is not None else None
                data["actor"] = actor
            data["uow"] = uow
            result = await handler(event, data)
            await uow.finish_update()
            return result


class ActorLocaleManager(BaseManager):
    """The stored language of a known person; the Telegram client's for a newcomer."""

    async def get_locale(
        self, event_from_user: User | None = None, actor: Actor | None = None, **_: Any
    ) -> str:
        if actor is not None:
            return actor.locale
        client = event_from_user.language_code if event_from_user else None
        return pick_locale(client, self.default_locale or "ru")

    async def set_locale(self, locale: str, **_: Any) -> None:
        """Languages are changed through the identity service, inside the update's transaction."""
