"""SIGKILL in the middle of a registration: nothing lost, nothing doubled after the restart."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import create_engine, create_session_factory
from db.models import Person, RoleGrant
from handlers.start import ConsentCb
from tests.e2e.fake_bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


def _env(api: FakeBotApi, database_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "DATABASE_", "REDIS_", "WEBHOOK_"))
    }
    env.update(
        BOT_TOKEN="123456:E2E-TOKEN-abcdefghijklmnopqrstuvwxyz",
        BOT_USERNAME="e2e_bot",
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
        HEALTH_PORT="0",
    )
    if os.environ.get("TEST_REDIS_URL"):
        env["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
    return env


async def _texts(api: FakeBotApi, count: int) -> list[str]:
    return [(await asyncio.wait_for(api.sent.get(), timeout=120))["text"] for _ in range(count)]


async def _count(database_url: str, model: Any) -> int:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            return int(
                (await session.execute(select(func.count()).select_from(model))).scalar_one()
            )
    finally:
        await engine.dispose()


async def test_sigkill_mid_registration_then_full_redelivery(
    api: FakeBotApi, tmp_path: Path, database_url: str
) -> None:
    env = _env(api, database_url)
    invite = await asyncio.to_thread(
        subprocess.run,
        [
            sys.executable,
            "-m",
            "bot",
            "invite",
            "--role",
            "coordinator",
            "--municipality",
            "Тестовый округ",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    token = invite.stdout.strip().splitlines()[-1]
    user = random.randint(10**8, 10**9)  # fresh FSM keys even in a shared Redis

    async def start() -> asyncio.subprocess.Process:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )

    first = await start()
    try:
        api.push_text(user, f"/start {token}")
        assert "программу наставничества" in (await _texts(api, 2))[0]
        api.push_callback(user, ConsentCb(agree=True).pack())
        assert "фамилию, имя и отчество" in (await _texts(api, 2))[1]
        api.push_text(user, "Смирнова Ольга Ивановна")
        assert "должность" in (await _texts(api, 1))[0]
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()

    api.redeliver_everything()  # Telegram may send every unconfirmed update again
    second = await start()
    try:
        await asyncio.sleep(3)  # the redelivered updates are read and skipped
        api.push_text(user, "Начальник отдела образования")
        texts = await _texts(api, 2)
        assert (
            texts[0] == "Готово! Вы зарегистрированы: муниципальный координатор — Тестовый округ."
        )
        assert "Смирнова Ольга Ивановна" in texts[1]
        assert api.sent.empty(), "a redelivered update was answered again"
    finally:
        second.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(second.wait(), timeout=30) == 0

    assert await _count(database_url, Person) == 1
    assert await _count(database_url, RoleGrant) == 1
