"""The Redis lock of a chat (several replicas): one update of a chat at a time across replicas,
the conversation read in the same trip as the lock is taken and given to the core's read once,
only the holder lets go, and aiogram's own isolation (a replica of the previous version during
a rolling upgrade) respects it; the conversation written in one script, readable by aiogram's
RedisStorage, with its expiries. Needs TEST_REDIS_URL, as CI's PostgreSQL + Redis run gives."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

from db.fsm_storage import read_conversation, write_conversation
from db.redis_lock import RedisConversationLock
from tests.conftest import REDIS_URL

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="the shared lock needs TEST_REDIS_URL")
KEY = StorageKey(bot_id=1, chat_id=42, user_id=42)


@pytest.fixture
async def replicas() -> AsyncIterator[tuple[RedisStorage, RedisStorage]]:
    """Two replicas' storages (each its own client) over one Redis, under a prefix of this test."""
    assert REDIS_URL is not None
    keys = DefaultKeyBuilder(prefix=f"test-{uuid.uuid4().hex}", with_bot_id=True, with_destiny=True)
    one = RedisStorage.from_url(REDIS_URL, key_builder=keys)
    two = RedisStorage.from_url(REDIS_URL, key_builder=keys)
    yield one, two
    await one.close()
    await two.close()


def _lock(storage: RedisStorage, timeout: float = 60) -> RedisConversationLock:
    return RedisConversationLock(storage.redis, storage.key_builder, timeout=timeout, poll=0.01)


async def test_one_update_of_a_chat_at_a_time_across_replicas(
    replicas: tuple[RedisStorage, RedisStorage],
) -> None:
    one, two = replicas
    order: list[str] = []
    taken = asyncio.Event()

    async def first() -> None:
        async with _lock(one).lock(KEY):
            order.append("first in")
            taken.set()
            await asyncio.sleep(0.1)
            order.append("first out")

    async def second() -> None:
        await taken.wait()
        async with _lock(two).lock(KEY):
            order.append("second in")

    await asyncio.gather(first(), second())
    assert order == ["first in", "first out", "second in"]


async def test_the_conversation_read_with_the_lock_serves_the_first_read(
    replicas: tuple[RedisStorage, RedisStorage],
) -> None:
    storage, _ = replicas
    await write_conversation(storage, KEY, "notes", {"meeting": 7})
    state_key = storage.key_builder.build(KEY, "state")
    async with _lock(storage).lock(KEY):
        await storage.redis.set(state_key, "changed behind the lock's back")
        # The first read is what the lock's trip brought: no second trip to Redis.
        assert await read_conversation(storage, KEY) == ("notes", {"meeting": 7})
        # Once only: a later read asks Redis again.
        assert (await read_conversation(storage, KEY))[0] == "changed behind the lock's back"
    async with _lock(storage).lock(KEY):
        await write_conversation(storage, KEY, "rating", {})  # the step moves on
        assert await read_conversation(storage, KEY) == ("rating", {})
    other = StorageKey(bot_id=1, chat_id=43, user_id=43)
    async with _lock(storage).lock(KEY):  # another chat's read is not served from this lock
        assert await read_conversation(storage, other) == (None, {})
    async with _lock(storage).lock(other):  # a chat with no conversation yet
        await storage.redis.set(storage.key_builder.build(other, "state"), "too late")
        assert await read_conversation(storage, other) == (None, {})
    assert await read_conversation(storage, KEY) == ("rating", {})  # outside any lock


async def test_only_the_holder_lets_go(replicas: tuple[RedisStorage, RedisStorage]) -> None:
    one, two = replicas
    lock_key = one.key_builder.build(KEY, "lock")
    async with _lock(one, timeout=0.05).lock(KEY):
        await asyncio.sleep(0.1)  # this update outlived the lock's lifetime …
        async with _lock(two).lock(KEY):  # … so another replica's update took it
            assert await one.redis.get(lock_key) is not None
        assert await one.redis.get(lock_key) is None  # that one let go of its own
        await one.redis.set(lock_key, "someone else's")
    assert await one.redis.get(lock_key) == b"someone else's"  # not ours: left alone


async def test_a_replica_of_the_previous_version_waits_for_the_lock(
    replicas: tuple[RedisStorage, RedisStorage],
) -> None:
    one, two = replicas
    previous = RedisEventIsolation(
        redis=two.redis, key_builder=two.key_builder, lock_kwargs={"timeout": 60, "sleep": 0.01}
    )
    order: list[str] = []
    taken = asyncio.Event()

    async def current() -> None:
        async with _lock(one).lock(KEY):
            taken.set()
            await asyncio.sleep(0.1)
            order.append("current out")

    async def earlier() -> None:
        await taken.wait()
        async with previous.lock(KEY):
            order.append("previous in")

    await asyncio.gather(current(), earlier())
    assert order == ["current out", "previous in"]


async def test_a_conversation_written_in_one_script_is_what_aiogram_reads(
    replicas: tuple[RedisStorage, RedisStorage],
) -> None:
    storage, _ = replicas
    await write_conversation(storage, KEY, "notes", {"meeting": 7, "text": "Обсудили план"})
    assert await storage.get_state(KEY) == "notes"
    assert await storage.get_data(KEY) == {"meeting": 7, "text": "Обсудили план"}
    await write_conversation(storage, KEY, None, {})  # the flow ended: nothing of it stays
    assert await storage.get_state(KEY) is None and await storage.get_data(KEY) == {}
    state_key, data_key = (storage.key_builder.build(KEY, part) for part in ("state", "data"))
    assert await storage.redis.exists(state_key, data_key) == 0
    assert REDIS_URL is not None
    expiring = RedisStorage.from_url(
        REDIS_URL, key_builder=storage.key_builder, state_ttl=60, data_ttl=timedelta(minutes=5)
    )
    try:
        await write_conversation(expiring, KEY, "rating", {"score": 4})
        assert 0 < await storage.redis.pttl(state_key) <= 60_000
        assert 60_000 < await storage.redis.pttl(data_key) <= 300_000
    finally:
        await expiring.close()
