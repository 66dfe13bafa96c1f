"""An update that an outage stopped is not acknowledged, so Telegram delivers it again; a poison
update is acknowledged once (logged, the person told), by the webhook as by polling."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.methods import SendMessage
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

import handlers.start
from bot.messengers.telegram.polling import ReliablePoller
from bot.messengers.telegram.runners import webhook_app
from db.engine import create_engine
from db.models import ProcessedUpdate
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.tcp_proxy import TcpProxy
from tests.harness import Harness

SECRET = "webhook-secret"
PATH = "/telegram"
PG = bool(os.environ.get("TEST_DATABASE_URL"))
needs_postgres = pytest.mark.skipif(not PG, reason="cutting the database needs PostgreSQL")


@pytest.fixture
async def proxy(database_url: str) -> AsyncIterator[TcpProxy | None]:
    """On PostgreSQL, the bot reaches its database through a relay the test can cut."""
    if not database_url.startswith("postgresql"):
        yield None
        return
    parsed = make_url(database_url)
    relay = TcpProxy(parsed.host or "127.0.0.1", parsed.port or 5432)
    await relay.start()
    yield relay
    await relay.cut()


@pytest.fixture
async def engine(database_url: str, proxy: TcpProxy | None) -> AsyncIterator[AsyncEngine]:
    url = database_url
    if proxy is not None:
        url = make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    engine = create_engine(url, pool_size=5)
    yield engine
    await engine.dispose()


def _start(update_id: int, user_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "T", "language_code": "ru"},
            "text": "/start",
        },
    }


@pytest.fixture
async def webhook(harness: Harness) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    client = TestClient(TestServer(webhook_app(harness.dp, harness.bot, SECRET, PATH)))
    await client.start_server()
    yield client
    await client.close()


async def _post(client: TestClient, update: dict[str, Any]) -> int:  # type: ignore[type-arg]
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with client.post(PATH, json=update, headers=headers) as response:
        return response.status


def _texts(harness: Harness, chat_id: int) -> list[str]:
    return [
        r.text
        for r in harness.bot.session.requests
        if isinstance(r, SendMessage) and r.chat_id == chat_id
    ]


async def _applied(harness: Harness, update_id: int) -> int:
    async with harness.session_factory() as session:
        return int(
            await session.scalar(
                select(func.count())
                .select_from(ProcessedUpdate)
                .where(ProcessedUpdate.update_id == update_id)
            )
            or 0
        )


@needs_postgres
async def test_webhook_update_during_a_database_outage_is_refused_then_applied_once(
    harness: Harness,
    webhook: TestClient,  # type: ignore[type-arg]
    proxy: TcpProxy,
) -> None:
    update = _start(7_700_001, 9101)
    await proxy.cut()
    assert await _post(webhook, update) == 503  # Telegram will send it again
    assert _texts(harness, 9101) == []
    await proxy.start()  # the database is back; Telegram's retry arrives
    assert await _post(webhook, update) == 200
    assert len(_texts(harness, 9101)) == 1 and "только по приглашению" in _texts(harness, 9101)[0]
    assert await _post(webhook, update) == 200  # one more copy: recognised, not applied again
    assert len(_texts(harness, 9101)) == 1
    assert await _applied(harness, 7_700_001) == 1


@pytest.mark.handler_errors_expected
async def test_webhook_poison_update_is_acknowledged_once_and_the_person_told(
    harness: Harness,
    webhook: TestClient,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(*args: object) -> None:
        raise KeyError("a bug in the handler")

    monkeypatch.setattr(handlers.start, "_start_without_token", broken)
    assert await _post(webhook, _start(7_700_002, 9102)) == 200  # not retried for ever
    assert _texts(harness, 9102) == ["Что-то пошло не так. Попробуйте ещё раз через минуту."]
    malformed = {"update_id": 7_700_003, "message": {"date": "yesterday", "text": 5}}
    assert await _post(webhook, malformed) == 200  # as polling skips it
    assert await _post(webhook, _start(7_700_004, 9103)) == 200  # and the rest goes on
    assert len(_texts(harness, 9102) + _texts(harness, 9103)) == 2


@needs_postgres
async def test_polling_keeps_an_update_an_outage_stopped_until_it_is_applied(
    harness: Harness, proxy: TcpProxy
) -> None:
    api = FakeBotApi()
    await api.start()
    session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
    bot = Bot("123456:POLL-TOKEN-abcdefghijklmnopqrstuvwxyz", session=session)
    poller = ReliablePoller(harness.dp, bot, poll_timeout=1, max_backoff=1)
    try:
        await proxy.cut()
        update_id = api.next_update_id()
        api.push_raw(_start(update_id, 9104))
        task = asyncio.create_task(poller.run())

        def polls_at(offset: int) -> int:
            return sum(
                1
                for name, p in api.calls
                if name == "getUpdates" and int(p.get("offset") or 0) == offset
            )

        for _ in range(200):  # served again: the offset stays at the deferred update
            if polls_at(update_id) >= 2:
                break
            await asyncio.sleep(0.1)
        assert polls_at(update_id) >= 2 and api.sent.empty()
        await proxy.start()
        reply = await asyncio.wait_for(api.sent.get(), timeout=30)
        assert int(reply["chat_id"]) == 9104 and "только по приглашению" in reply["text"]
        await asyncio.wait_for(
            api.wait_for_call("getUpdates", lambda p: int(p.get("offset") or 0) == update_id + 1),
            30,
        )
        poller.stop()
        await asyncio.wait_for(task, timeout=10)
        assert api.sent.empty() and await _applied(harness, update_id) == 1
    finally:
        poller.stop()
        await session.close()
        await api.stop()


@pytest.mark.handler_errors_expected
async def test_polling_skips_an_update_that_fails_alone_round_after_round(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error that looks like an outage but strikes one update only, while the others go
    through, is that update's own: after a few rounds it is skipped, not retried for ever
    (it would hold back every update after it)."""
    original = handlers.start._start_without_token

    async def fails_for_one(ctx: Any, *args: Any) -> Any:
        if ctx.account.chat_id == 9201:
            raise ConnectionResetError("a bug that looks like a network failure")
        return await original(ctx, *args)

    monkeypatch.setattr(handlers.start, "_start_without_token", fails_for_one)
    api = FakeBotApi()
    await api.start()
    session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
    bot = Bot("123456:POLL-TOKEN-abcdefghijklmnopqrstuvwxyz", session=session)
    poller = ReliablePoller(harness.dp, bot, poll_timeout=1, max_backoff=0.1, max_lone_deferrals=3)
    try:
        stuck = api.next_update_id()
        api.push_raw(_start(stuck, 9201))
        api.push_raw(_start(api.next_update_id(), 9202))
        task = asyncio.create_task(poller.run())
        reply = await asyncio.wait_for(api.sent.get(), timeout=30)
        assert int(reply["chat_id"]) == 9202
        await asyncio.wait_for(
            api.wait_for_call("getUpdates", lambda p: int(p.get("offset") or 0) > stuck + 1), 30
        )
        api.push_raw(_start(api.next_update_id(), 9203))  # and the rest goes on
        reply = await asyncio.wait_for(api.sent.get(), timeout=30)
        assert int(reply["chat_id"]) == 9203
        poller.stop()
        await asyncio.wait_for(task, timeout=10)
        assert api.sent.empty()  # 9202 answered once though its batch came three times
        assert await _applied(harness, stuck) == 0
    finally:
        poller.stop()
        await session.close()
        await api.stop()
