"""Flood control: a person sending too much is told to slow down and briefly ignored.

Asked first by every messenger's adapter, before any database work, so a flood costs the others
nothing. Counts live in Redis when it is configured (every replica sees the same counts),
otherwise in this process; each messenger counts its own people (their ids may coincide).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from bot.domain.people import pick_locale
from bot.settings import Settings

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


_HIT = """
if redis.call('EXISTS', KEYS[2]) == 1 then return {0, 0} end
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if count > tonumber(ARGV[2]) then
    local first = redis.call('SET', KEYS[2], 1, 'EX', ARGV[3], 'NX')
    return {0, first and 1 or 0}
end
return {1, 0}
"""
"""One person's update counted in one round trip: KEYS the window's count and the pause; ARGV the
count's lifetime, the limit and the pause (seconds)."""


class RedisRateCounter:
    def __init__(self, redis: Redis, prefix: str = "flood") -> None:
        self._prefix = prefix
        self._hit = redis.register_script(_HIT)

    async def hit(self, user_id: int, policy: FloodPolicy) -> tuple[bool, bool]:
        window = int(time.time()) // policy.window_seconds
        keys = [f"{self._prefix}:{user_id}:{window}", f"{self._prefix}:paused:{user_id}"]
        args = [policy.window_seconds * 2, policy.limit, policy.pause_seconds]
        allowed, warn = await self._hit(keys=keys, args=args)
        return bool(allowed), bool(warn)


class FloodGate:
    """Whether a person's update may go on, and the warning to give when their pause starts."""

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
        self.policy = policy

    async def admit(self, user_id: int, language: str | None) -> tuple[bool, str | None]:
        """(allowed, the slow-down warning to send once, in the client's language)."""
        allowed, warn = await self._counter.hit(user_id, self.policy)
        if allowed or not warn:
            return allowed, None
        text = self._translate.get(
            "flood-slow-down",
            pick_locale(language, self._default_locale),
            seconds=self.policy.pause_seconds,
        )
        return False, text


def flood_gate(settings: Settings, translate: Translate, counter: RateCounter) -> FloodGate:
    """The deployment's gate (FLOOD_LIMIT, FLOOD_WINDOW_SECONDS, FLOOD_PAUSE_SECONDS)."""
    policy = FloodPolicy(
        settings.flood_limit, settings.flood_window_seconds, settings.flood_pause_seconds
    )
    return FloodGate(counter, translate, settings.default_locale, policy)
