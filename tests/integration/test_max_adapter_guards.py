"""What the MAX adapter does before and around the core: flood control (a person over the limit
is told once and ignored), one update of a chat at a time (webhook deliveries arrive
concurrently), and the update's log line and counters."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation

from bot.app import create_storage
from bot.domain.messengers import Account, Messenger
from bot.flows import create_i18n_core
from bot.messengers.flood import FloodGate, FloodPolicy, MemoryRateCounter
from bot.messengers.max.runner import MaxAdapter
from bot.messengers.state import FsmStateStore
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from tests.conftest import REDIS_URL
from tests.e2e.fake_max_api import FakeMaxApi
from tests.integration.test_max_adapter import USER, adapter, fake, polled

__all__ = ["adapter", "fake"]  # the fixtures, shared with the adapter's own tests


async def test_a_flood_is_told_once_to_slow_down_then_ignored(
    adapter: MaxAdapter, fake: FakeMaxApi
) -> None:
    translator = create_i18n_core("ru")
    adapter.gate = FloodGate(MemoryRateCounter(), translator, "ru", FloodPolicy(3, 60, 60))
    for _ in range(6):
        fake.text(USER, "/help")
    await polled(adapter, fake, lambda: not fake.pending or len(fake.texts(USER)) >= 4)
    await polled(adapter, fake, lambda: True)  # the marker confirms the batch

    texts = fake.texts(USER)
    assert len(texts) == 4  # three answers, one warning, then silence
    assert sum("Бот ведёт программу наставничества" in t for t in texts) == 3
    assert "Слишком много сообщений" in texts[3]


async def test_one_update_of_a_chat_at_a_time(adapter: MaxAdapter, fake: FakeMaxApi) -> None:
    """Two webhook deliveries of one chat at once: the second waits for the first."""
    store = FsmStateStore(MemoryStorage(), 9000, SimpleEventIsolation())
    entered: list[int] = []
    overlaps: list[int] = []
    inside: set[int] = set()

    @asynccontextmanager
    async def watched(account: Account) -> AsyncIterator[None]:
        async with store.lock(account):
            entered.append(account.user_id)
            if inside:
                overlaps.append(account.user_id)
            inside.add(account.user_id)
            try:
                await asyncio.sleep(0.05)  # long enough for the other delivery to arrive
                yield
            finally:
                inside.discard(account.user_id)

    adapter.lock = watched
    updates = [fake.text(USER, "/help"), fake.text(USER, "/language")]
    await asyncio.gather(*(adapter.process(u) for u in updates))
    assert entered == [USER, USER] and overlaps == []
    assert len(fake.texts(USER)) == 2


async def test_each_update_is_counted_and_logged_with_a_pseudonym(
    adapter: MaxAdapter, fake: FakeMaxApi, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="bot.updates"):
        await adapter.process(fake.text(USER, "/help"))
    [line] = [r for r in caplog.records if r.name == "bot.updates"]
    assert line.update_type == "message_created"  # type: ignore[attr-defined]
    assert line.outcome == "handled"  # type: ignore[attr-defined]
    assert line.user not in (None, str(USER))  # type: ignore[attr-defined]
    counted = adapter.metrics.updates.labels("message_created", "handled")._value.get()
    assert counted == 1


@pytest.mark.skipif(not REDIS_URL, reason="the shared lock lives in Redis: needs TEST_REDIS_URL")
async def test_a_max_chats_lock_in_redis_names_max_as_its_destiny(database_url: str) -> None:
    """The deployment's Redis isolation builds a MAX chat's lock key (aiogram's default key
    builder refuses any destiny but Telegram's default one)."""
    settings = Settings(_env_file=None, database_url=database_url, redis_url=REDIS_URL)
    storage, isolation = create_storage(
        settings, create_session_factory(create_engine(database_url))
    )
    store = FsmStateStore(storage, 9000, isolation)
    try:
        async with store.lock(Account(Messenger.MAX, USER, USER + 1)):
            held = [k async for k in storage.redis.scan_iter(match="fsm:9000:*:max:lock")]  # type: ignore[attr-defined]
        assert held != []
    finally:
        await storage.close()
