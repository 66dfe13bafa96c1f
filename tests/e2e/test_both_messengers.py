"""One `python -m bot` with BOT_TOKEN and MAX_BOT_TOKEN: Telegram by polling and MAX by its
webhook on the bot's web server, over one database. A coordinator registers on Telegram by the
invitation's t.me link, links MAX with /link, and is the same person there: /status on MAX shows
their municipality; the invitation printed a link for each messenger."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from handlers.start import ConsentCb
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.fake_max_api import BOT, FakeMaxApi
from tests.e2e.max_bot import (
    MUNICIPALITY,
    TOKEN,
    BotProcess,
    Talker,
    bot_env,
    by_webhook,
    invite_coordinator,
)

SECRET = "max-hook-secret"
TELEGRAM_USER = 700_000_017
MAX_USER = 7801


@pytest.fixture
async def max_api() -> AsyncIterator[FakeMaxApi]:
    server = FakeMaxApi(token=TOKEN)
    await server.serve()
    yield server
    await server.stop()


@pytest.fixture
async def telegram_api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _telegram_texts(api: FakeBotApi, count: int) -> list[str]:
    return [str((await asyncio.wait_for(api.sent.get(), 60))["text"]) for _ in range(count)]


async def test_one_person_on_telegram_and_max_in_one_process(
    max_api: FakeMaxApi, telegram_api: FakeBotApi, tmp_path: Path, database_url: str
) -> None:
    port = _free_port()
    env = bot_env(
        max_api,
        database_url,
        BOT_TOKEN="123456:E2E-TOKEN-abcdefghijklmnopqrstuvwxyz",
        TELEGRAM_API_URL=telegram_api.base_url,
        MAX_WEBHOOK_URL="https://bot.example.test",
        MAX_WEBHOOK_SECRET=SECRET,
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    telegram_link, max_link, token = await invite_coordinator(env, tmp_path)
    assert telegram_link == f"https://t.me/e2e_bot?start={token}"
    assert max_link == f"https://max.ru/{BOT['username']}?start={token}"

    bot = await BotProcess(env, tmp_path, "both").start()
    try:
        telegram_api.push_text(TELEGRAM_USER, f"/start {token}")
        assert "программу наставничества" in (await _telegram_texts(telegram_api, 2))[0]
        telegram_api.push_callback(TELEGRAM_USER, ConsentCb(agree=True).pack())
        await _telegram_texts(telegram_api, 2)
        telegram_api.push_text(TELEGRAM_USER, "Смирнова Ольга Ивановна")
        await _telegram_texts(telegram_api, 1)
        telegram_api.push_text(TELEGRAM_USER, "Специалист")
        assert "Вы зарегистрированы" in (await _telegram_texts(telegram_api, 2))[0]
        telegram_api.push_text(TELEGRAM_USER, "/link")
        [shown] = await _telegram_texts(telegram_api, 1)
        code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", shown)
        assert code is not None and "MAX" in shown

        await max_api.wait_for(lambda: max_api.subscriptions, 60)
        [subscription] = max_api.subscriptions
        assert subscription["url"] == "https://bot.example.test/max-webhook"
        assert subscription["secret"] == SECRET
        url = f"http://127.0.0.1:{port}/max-webhook"
        person = Talker(max_api, MAX_USER, by_webhook(max_api, url, SECRET))
        stranger = await person.send("/status")
        assert "Смирнова" not in stranger  # not registered on MAX yet
        linked = await person.send(f"/link {code.group(0)}")
        assert "Готово! Этот аккаунт подключён к профилю «Смирнова Ольга Ивановна»" in linked
        status = await person.send("/status")
        assert MUNICIPALITY in status
    finally:
        code_at_exit = await bot.stop()
    bot.ended_cleanly(code_at_exit)
    assert not any(path == "/updates" for _, path, _, _ in max_api.calls)  # MAX by webhook only
    assert any(name == "getUpdates" for name, _ in telegram_api.calls)  # Telegram by polling
