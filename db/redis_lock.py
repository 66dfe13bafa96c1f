"""One chat's updates one at a time across replicas (a lock in Redis), with the chat's
conversation read in the same round trip as the lock is taken, and written in one script.

aiogram's `RedisEventIsolation` takes the lock with redis-py's `Lock` (SET NX, then a script to
let go), and the core then reads the conversation's state and data with an MGET: three commands
around every update, each about 125 µs of redis-py's own CPU besides the trip. Here one script
takes the lock and, when it got it, returns the conversation, which the core's read of the same
chat then takes (`prefetched`) instead of asking Redis again; a second script lets go. The lock's
key and value are the ones aiogram's isolation used, so replicas of the two versions exclude each
other during a rolling upgrade. A conversation's state and data are written by one script too
(a MULTI/EXEC pipeline of the same two writes cost redis-py twice the CPU: 150–180 µs against
75–90).
"""

from __future__ import annotations

import asyncio
import uuid
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from aiogram.fsm.storage.base import BaseEventIsolation, KeyBuilder, StorageKey

if TYPE_CHECKING:  # the client is loaded only where Redis is configured (bot/app.py)
    from redis.asyncio import Redis
    from redis.commands.core import AsyncScript

_ACQUIRE = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return {1, redis.call('GET', KEYS[2]), redis.call('GET', KEYS[3])}
end
return {0}
"""
"""KEYS: the lock, the conversation's state, its data; ARGV: this holder's token, the lock's
lifetime (ms). {1, state, data} when the lock was free, {0} when someone holds it."""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
"""Let go only of our own lock: one that outlived its lifetime may be someone else's by now."""

_WRITE = """
local function put(key, present, value, ms)
    if present == '0' then redis.call('DEL', key)
    elseif ms == '0' then redis.call('SET', key, value)
    else redis.call('SET', key, value, 'PX', ms) end
end
put(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
put(KEYS[2], ARGV[4], ARGV[5], ARGV[6])
return 1
"""
"""KEYS: the conversation's state and data; ARGV for each: '1' to set it ('0' to delete it), the
value, its lifetime in ms ('0': none). A script runs whole: no reader sees one without the other."""
_WRITES: weakref.WeakKeyDictionary[Redis, AsyncScript] = weakref.WeakKeyDictionary()

_PREFETCHED: ContextVar[tuple[str, Any, Any] | None] = ContextVar("prefetched", default=None)
"""(the state's key, the raw state, the raw data) read when this update took its chat's lock."""


def prefetched(state_key: str) -> tuple[Any, Any] | None:
    """The raw (state, data) read with the lock of the chat whose state lives at `state_key`,
    once: what the update writes afterwards is read from Redis again."""
    held = _PREFETCHED.get()
    if held is None or held[0] != state_key:
        return None
    _PREFETCHED.set(None)
    return held[1], held[2]


def forget_prefetched() -> None:
    """The conversation is being written: the copy read with the lock is no longer true."""
    _PREFETCHED.set(None)


def _lifetime_ms(ttl: int | timedelta | None) -> int:
    if ttl is None:
        return 0
    return int(ttl.total_seconds() * 1000) if isinstance(ttl, timedelta) else int(ttl) * 1000


async def write(
    redis: Redis,
    keys: tuple[str, str],
    state: str | None,
    data: str | None,
    ttls: tuple[int | timedelta | None, int | timedelta | None] = (None, None),
) -> None:
    """Set the conversation's state and data (JSON) where given, delete them where None, in one
    trip; the copy read with the lock is forgotten."""
    forget_prefetched()
    script = _WRITES.get(redis)
    if script is None:
        script = _WRITES[redis] = redis.register_script(_WRITE)
    args: list[str | int] = []
    for value, ttl in zip((state, data), ttls, strict=True):
        args += ["0", "", 0] if value is None else ["1", value, _lifetime_ms(ttl)]
    await script(keys=list(keys), args=args)


class RedisConversationLock(BaseEventIsolation):
    def __init__(
        self, redis: Redis, key_builder: KeyBuilder, timeout: float = 60, poll: float = 0.01
    ) -> None:
        """`timeout`: the lock's lifetime in seconds (a crashed replica's lock frees itself);
        `poll`: how often a waiter asks again (a person's second tap waits no longer than that)."""
        self._keys = key_builder
        self._acquire = redis.register_script(_ACQUIRE)
        self._release = redis.register_script(_RELEASE)
        self._lifetime_ms = int(timeout * 1000)
        self._poll = poll

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        build = self._keys.build
        keys = [build(key, "lock"), build(key, "state"), build(key, "data")]
        token = uuid.uuid4().hex
        while True:  # the other holder is another replica: nothing here to wait on but time
            taken = await self._acquire(keys=keys, args=[token, self._lifetime_ms])
            if taken[0]:
                break
            await asyncio.sleep(self._poll)
        before = _PREFETCHED.set((keys[1], taken[1], taken[2]))
        try:
            yield
        finally:
            _PREFETCHED.reset(before)
            await self._release(keys=keys[:1], args=[token])

    async def close(self) -> None:
        return None
