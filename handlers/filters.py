"""Router-level filters: who may enter a router at all."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from bot.domain.actors import Actor
from bot.domain.roles import Role


class Registered(Filter):
    """A consented, named person with at least one role."""

    async def __call__(self, event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None and actor.is_registered


class HasRole(Filter):
    def __init__(self, *roles: Role) -> None:
        self.roles = roles

    async def __call__(self, event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None and actor.is_registered and any(actor.has(r) for r in self.roles)
