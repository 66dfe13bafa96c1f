"""Flood counting as every replica sees it (Redis) and as one process does (memory): the same
answers — allowed up to the limit, then one warning, then silence for the pause, others go on."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import pytest

from bot.messengers.flood import FloodPolicy, MemoryRateCounter, RateCounter, RedisRateCounter
from tests.conftest import REDIS_URL

POLICY = FloodPolicy(limit=3, window_seconds=60, pause_seconds=45)
_runs = itertools.count()


@pytest.fixture(params=["memory", "redis"])
async def counter(request: pytest.FixtureRequest) -> AsyncIterator[RateCounter]:
    if request.param == "memory":
        yield MemoryRateCounter()
        return
    if REDIS_URL is None:
        pytest.skip("the Redis counter needs TEST_REDIS_URL")
    from redis.asyncio import Redis

    redis = Redis.from_url(REDIS_URL)
    prefix = f"test-flood-{next(_runs)}"
    try:
        yield RedisRateCounter(redis, prefix=prefix)
        assert 0 < await redis.ttl(f"{prefix}:paused:1") <= POLICY.pause_seconds
        await redis.delete(*[key async for key in redis.scan_iter(f"{prefix}:*")])
    finally:
        await redis.aclose()


async def test_a_person_past_the_limit_is_warned_once_and_others_go_on(
    counter: RateCounter,
) -> None:
    assert [await counter.hit(1, POLICY) for _ in range(3)] == [(True, False)] * 3
    assert await counter.hit(1, POLICY) == (False, True)  # the pause starts: warned once
    assert await counter.hit(1, POLICY) == (False, False)  # paused: silence
    assert await counter.hit(2, POLICY) == (True, False)  # someone else is not affected
