"""Flood control on Telegram: an outer middleware that asks the flood gate
(`bot/messengers/flood.py`) first, before any database work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, Update, User

from bot.messengers.flood import FloodGate


def _user(event: Update) -> User | None:
    inner = event.event
    return getattr(inner, "from_user", None) if inner is not None else None


class FloodMiddleware(BaseMiddleware):
    def __init__(self, gate: FloodGate) -> None:
        self._gate = gate

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = _user(event) if isinstance(event, Update) else None
        if user is None or user.is_bot:
            return await handler(event, data)
        allowed, warning = await self._gate.admit(user.id, user.language_code)
        if allowed:
            return await handler(event, data)
        if warning is not None and isinstance(event, Update):
            inner = event.event
            if isinstance(inner, CallbackQuery):
                await inner.answer(warning, show_alert=True)
            elif isinstance(inner, Message):
                await inner.answer(warning)
        return None
