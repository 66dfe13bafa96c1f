"""No update lost, none applied twice: redelivery, poison updates, acknowledgement order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from sqlalchemy import func, select

from bot.messengers.telegram.polling import ReliablePoller
from db.models import ProcessedUpdate, RoleGrant, School
from tests.e2e.fake_bot_api import FakeBotApi
from tests.harness import Harness
from tests.integration.helpers import coordinator_token, registered_coordinator


async def _count(harness: Harness, model: type[object]) -> int:
    async with harness.session_factory() as session:
        return (await session.execute(select(func.count()).select_from(model))).scalar_one()  # type: ignore[arg-type]


async def test_redelivered_update_is_not_applied_twice(harness: Harness) -> None:
    coordinator = await registered_coordinator(harness)
    await coordinator.send("/schools")
    await coordinator.press_button("Добавить школу")
    await coordinator.send("Средняя школа № 1 посёлка Октябрьский")
    await coordinator.send("СОШ № 1")
    replies = await coordinator.press_button("школа")  # the first school: saved at once
    assert "добавлена" in " ".join(getattr(m, "text", "") or "" for m in replies)
    assert await _count(harness, School) == 1
    again = await harness.redeliver_last()
    assert again == []
    assert await _count(harness, School) == 1


async def test_redelivered_registration_step_grants_one_role(harness: Harness) -> None:
    person = harness.person(700)
    await person.send(f"/start {await coordinator_token(harness)}")
    await person.press_button("Согласен")
    await person.send("Иванова Мария Петровна")
    await person.send("Начальник отдела образования")
    assert await harness.redeliver_last() == []
    assert await _count(harness, RoleGrant) == 1


async def test_read_only_updates_are_remembered_too(harness: Harness) -> None:
    coordinator = await registered_coordinator(harness)
    before = await _count(harness, ProcessedUpdate)
    await coordinator.send("/help")
    assert await _count(harness, ProcessedUpdate) == before + 1
    assert await harness.redeliver_last() == []


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def real_bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
    bot = Bot("123456:POLL-TOKEN-abcdefghijklmnopqrstuvwxyz", session=session)
    yield bot
    await session.close()


def _message(api: FakeBotApi, user_id: int, text: str) -> dict[str, object]:
    return {
        "update_id": api.next_update_id(),
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "T", "language_code": "ru"},
            "text": text,
        },
    }


async def test_poison_update_is_skipped_and_the_rest_answered(
    harness: Harness, api: FakeBotApi, real_bot: Bot
) -> None:
    poller = ReliablePoller(harness.dp, real_bot, poll_timeout=1)
    first_id = api.next_update_id() + 1
    api.push_raw(_message(api, 801, "/start"))
    api.push_raw({"update_id": api.next_update_id(), "message": {"date": "yesterday", "text": 5}})
    api.push_raw(_message(api, 802, "/start"))
    task = asyncio.create_task(poller.run())
    first = await asyncio.wait_for(api.sent.get(), timeout=20)
    second = await asyncio.wait_for(api.sent.get(), timeout=20)
    assert sorted(int(m["chat_id"]) for m in (first, second)) == [801, 802]
    api.push_raw(_message(api, 803, "/start"))  # and it keeps going after the poison
    third = await asyncio.wait_for(api.sent.get(), timeout=20)
    assert int(third["chat_id"]) == 803
    poller.stop()
    await asyncio.wait_for(task, timeout=10)
    assert poller.offset == first_id + 4  # four updates read (the poison one too), all confirmed


async def test_batch_is_acknowledged_only_after_it_was_processed(
    harness: Harness, api: FakeBotApi, real_bot: Bot
) -> None:
    poller = ReliablePoller(harness.dp, real_bot, poll_timeout=1)
    api.push_raw(_message(api, 811, "/start"))
    task = asyncio.create_task(poller.run())
    await asyncio.wait_for(api.sent.get(), timeout=20)
    # wait for the acknowledgement itself (a getUpdates with an offset), however slow the machine
    await asyncio.wait_for(
        api.wait_for_call("getUpdates", lambda payload: bool(payload.get("offset"))), timeout=20
    )
    poller.stop()
    await asyncio.wait_for(task, timeout=10)
    calls = [
        (name, payload.get("offset"))
        for name, payload in api.calls
        if name in {"getUpdates", "sendMessage"}
    ]
    reply_at = next(i for i, (name, _) in enumerate(calls) if name == "sendMessage")
    acks = [i for i, (name, offset) in enumerate(calls) if name == "getUpdates" and offset]
    assert acks and min(acks) > reply_at, calls


async def test_stop_while_waiting_returns_promptly(
    harness: Harness, api: FakeBotApi, real_bot: Bot
) -> None:
    poller = ReliablePoller(harness.dp, real_bot, poll_timeout=20)
    task = asyncio.create_task(poller.run())
    await asyncio.sleep(0.3)
    poller.stop()
    await asyncio.wait_for(task, timeout=3)
