"""Flood control: a person sending too much is told to slow down and briefly ignored.

Runs first, before any database work, so a flood costs the others nothing. Counts live in Redis
when it is configured (every replica sees the same counts), otherwise in this process.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, Update, User

from bot.domain.people import pick_locale

if TYPE_CHECKING:  # redis is imported only by a deployment that configures it (6 MB otherwise)
    from redis.asyncio import Redis


class Translate(Protocol):
    def get(self, key: str, locale: str | None = None, /, **kwargs: Any) -> str: ...


@dataclass(frozen=True, slots=True)
class FloodPolicy:
    limit: int = 20
    """Updates allowed per window; one more and the person is paused."""
    window_seconds: int = 10
    pause_seconds: int = 30


class RateCounter(Protocol):
    async def hit(self, user_id: int, policy: FloodPolicy) -> tuple[bool, bool]:
        """(allowed, warn_now): warn once when a pause starts."""


class MemoryRateCounter:
    """Fixed windows per user; entries older than a minute are swept now and then."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._windows: dict[int, tuple[float, int]] = {}
        self._paused: dict[int, float] = {}
        self._calls = 0

    async def hit(self, user_id: int, policy: FloodPolicy) -> tuple[bool, bool]:
        now = self._clock()
        self._calls += 1
        if self._calls % 1000 == 0:
            self._sweep(now, policy)
        if self._paused.get(user_id, 0.0) > now:
            return False, False
        start, count = self._windows.get(user_id, (now, 0))
        if now - start >= policy.window_seconds:
            start, count = now, 0
        count += 1
        self._windows[user_id] = (start, count)
        if count > policy.limit:
            self._paused[user_id] = now + policy.pause_seconds
            self._windows.pop(user_id, None)
            return False, True
        return True, False

    def _sweep(self, now: float, policy: FloodPolicy) -> None:
        horizon = max(policy.window_seconds, policy.pause_seconds)
        self._windows = {u: w for u, w in self._windows.items() if now - w[0] < horizon}
        self._paused = {u: t for u, t in self._paused.items() if t > now}


class RedisRateCounter:
    def __init__(self, redis: Redis, prefix: str = "flood") -> None:
        self._redis = redis
        self._prefix = prefix

    async def hit(self, user_id: int, policy: FloodPolicy) -> tuple[bool, bool]:
        paused_key = f"{self._prefix}:paused:{user_id}"
        if await self._redis.exists(paused_key):
            return False, False
        window = int(time.time()) // policy.window_seconds
        key = f"{self._prefix}:{user_id}:{window}"
        count = await self._redis.incr(key)
        if count == 1:
            await self._redis.expire(key, policy.window_seconds * 2)
        if count > policy.limit:
            first = await self._redis.set(paused_key, 1, ex=policy.pause_seconds, nx=True)
            return False, bool(first)
        return True, False


def _user(event: Update) -> User | None:
    inner = event.event
    return getattr(inner, "from_user", None) if inner is not None else None


class FloodMiddleware(BaseMiddleware):
    def __init__(
        self,
        counter: RateCounter,
        translate: Translate,
        default_locale: str,
        policy: FloodPolicy = FloodPolicy(),
    ) -> None:
        self._counter = counter
        self._translate = translate
        self._default_locale = default_locale
        self._policy = policy

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = _user(event) if isinstance(event, Update) else None
        if user is None or user.is_bot:
            return await handler(event, data)
        allowed, warn = await self._counter.hit(user.id, self._policy)
        if allowed:
            return await handler(event, data)
        if warn and isinstance(event, Update):
            text = self._translate.get(
                "flood-slow-down",
                pick_locale(user.language_code, self._default_locale),
                seconds=self._policy.pause_seconds,
            )
            inner = event.event
            if isinstance(inner, CallbackQuery):
                await inner.answer(text, show_alert=True)
            elif isinstance(inner, Message):
                await inner.answer(text)
        return None
