"""A webhook replica (`python -m bot` with WEBHOOK_URL) whose PostgreSQL goes away and comes back:
the update posted meanwhile is refused (so Telegram retries it), then applied exactly once."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from db.engine import create_engine, create_session_factory
from db.models import ProcessedUpdate
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.tcp_proxy import TcpProxy
from tests.e2e.test_bot_process import _stop, free_port

ROOT = Path(__file__).resolve().parents[2]
SECRET = "e2e-webhook-secret"

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="cutting the database needs PostgreSQL"
)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


async def _post(port: int, update: dict[str, Any]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with (
        aiohttp.ClientSession() as client,
        client.post(f"http://127.0.0.1:{port}/webhook", json=update, headers=headers) as answer,
    ):
        return answer.status


async def _applied(database_url: str, update_id: int) -> int:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            query = select(func.count()).select_from(ProcessedUpdate)
            return int(
                await session.scalar(query.where(ProcessedUpdate.update_id == update_id)) or 0
            )
    finally:
        await engine.dispose()


async def test_webhook_replica_refuses_an_update_while_its_database_is_cut(
    api: FakeBotApi, tmp_path: Path, database_url: str
) -> None:
    parsed = make_url(database_url)
    proxy = TcpProxy(parsed.host or "127.0.0.1", parsed.port or 5432)
    await proxy.start()
    through_proxy = parsed.set(host="127.0.0.1", port=proxy.port)
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "DATABASE_", "REDIS_", "WEBHOOK_"))
    }
    env.update(
        BOT_TOKEN="123456:E2E-TOKEN-abcdefghijklmnopqrstuvwxyz",
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=through_proxy.render_as_string(hide_password=False),
        WEBHOOK_URL="https://bot.example.org",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
        HEALTH_PORT="0",
        PYTHONPATH=str(ROOT),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    update_id = api.next_update_id()
    update = {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": 5301, "type": "private"},
            "from": {"id": 5301, "is_bot": False, "first_name": "T", "language_code": "ru"},
            "text": "/start",
        },
    }
    try:
        await asyncio.wait_for(api.wait_for_call("setWebhook", lambda _: True), timeout=120)
        await proxy.cut()
        assert await _post(port, update) >= 500  # not acknowledged: Telegram sends it again
        assert api.sent.empty()
        await proxy.start()
        assert await _post(port, update) == 200  # Telegram's retry, the database back
        reply = await asyncio.wait_for(api.sent.get(), timeout=30)
        assert int(reply["chat_id"]) == 5301 and "только по приглашению" in reply["text"]
        assert await _post(port, update) == 200  # a further copy changes nothing
        assert api.sent.empty()
        assert await _applied(database_url, update_id) == 1
    finally:
        output = await _stop(process)
        await proxy.cut()
    assert process.returncode == 0, output[-3000:]
    assert "deferred, Telegram will deliver it again" in output
