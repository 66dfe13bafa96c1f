"""Running a region: retries, flood control, logs, metrics, health probes, backup and restore."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram.exceptions import (
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import SendMessage
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import create_dispatcher
from bot.domain.messengers import Messenger
from bot.health import Health
from bot.messengers.telegram.calls import RetryMiddleware
from bot.messengers.telegram.runners import mark_chat_blocked, reach_telegram
from bot.observability import JsonFormatter, Metrics, hash_id
from bot.process import ping_database
from bot.settings import Settings
from db.fsm_storage import SQLAlchemyStorage
from db.models import Municipality, ProcessedUpdate
from db.uow import UnitOfWork
from tests.harness import Harness, joined
from tests.integration.helpers import person_row, registered_coordinator
from tests.mocked_bot import MockedBot

ROOT = Path(__file__).resolve().parents[2]


def _retrying_bot(**kwargs: object) -> tuple[MockedBot, list[float]]:
    bot = MockedBot()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    bot.session.middleware(RetryMiddleware(sleep=sleep, **kwargs))  # type: ignore[arg-type]
    return bot, slept


async def test_429_waits_retry_after_and_sends_once() -> None:
    bot, slept = _retrying_bot()
    method = SendMessage(chat_id=1, text="x")
    bot.session.fail_next(
        SendMessage, TelegramRetryAfter(method=method, message="flood", retry_after=7)
    )
    message = await bot.send_message(1, "Напоминание")
    assert message.text == "Напоминание"
    assert slept == [7]
    assert [type(r) for r in bot.session.requests] == [SendMessage, SendMessage]


async def test_network_and_server_errors_back_off_then_give_up() -> None:
    bot, slept = _retrying_bot(attempts=2)
    method = SendMessage(chat_id=1, text="x")
    bot.session.fail_next(SendMessage, TelegramNetworkError(method=method, message="reset"))
    bot.session.fail_next(SendMessage, TelegramServerError(method=method, message="502"))
    await bot.send_message(1, "ok")
    assert slept == [0.5, 1.0]
    for _ in range(3):
        bot.session.fail_next(SendMessage, TelegramServerError(method=method, message="502"))
    with pytest.raises(TelegramServerError):
        await bot.send_message(1, "lost")


async def test_403_marks_the_person_and_stops(harness: Harness) -> None:
    await registered_coordinator(harness)
    bot, slept = _retrying_bot(
        on_forbidden=lambda chat: mark_chat_blocked(harness.session_factory, chat)
    )
    method = SendMessage(chat_id=100, text="x")
    bot.session.fail_next(SendMessage, TelegramForbiddenError(method=method, message="blocked"))
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(100, "Напоминание")
    assert slept == []
    assert len(bot.session.requests) == 1
    row = await person_row(harness, 100)
    assert row is not None and row.blocked_bot


@pytest.fixture
async def strict_harness(
    harness: Harness, settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> Harness:
    """The production flood policy: 20 updates per 10 s, then a 30 s pause."""
    strict = settings.model_copy(update={"flood_limit": 20})
    dp = create_dispatcher(
        settings=strict,
        session_factory=session_factory,
        storage=harness.dp.storage,
        clock=harness.clock,
    )
    await dp.emit_startup(bot=harness.bot, dispatcher=dp, bots=[harness.bot], **dp.workflow_data)
    harness.dp = dp
    return harness


async def test_flooding_person_is_told_once_and_ignored_others_unaffected(
    strict_harness: Harness,
) -> None:
    flooder, other = strict_harness.person(901), strict_harness.person(902)
    for _ in range(20):
        assert "только по приглашению" in joined(await flooder.send("привет"))
    warned = await flooder.send("привет")
    assert "Слишком много сообщений" in joined(warned)
    assert await flooder.send("привет") == []
    assert "только по приглашению" in joined(await other.send("привет"))


async def test_update_log_is_json_with_hashed_user(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    coordinator = await registered_coordinator(harness)
    caplog.set_level(logging.INFO, logger="bot.updates")
    await coordinator.send("/help")
    record = [r for r in caplog.records if r.name == "bot.updates"][-1]
    line = json.loads(JsonFormatter().format(record))
    assert line["outcome"] == "handled"
    assert line["handler"] == "handlers.common.help_command"
    assert line["update_type"] == "message"
    assert line["user"] == hash_id(100, "mentoring") and "100" not in json.dumps(line["user"])
    assert isinstance(line["duration_ms"], float)
    metrics: Metrics = harness.dp["metrics"]
    assert metrics.updates.labels("message", "handled")._value.get() >= 1


async def _client(health: Health) -> TestClient:  # type: ignore[type-arg]
    app = web.Application()
    health.add_routes(app)
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


async def test_health_probes(session_factory: async_sessionmaker[AsyncSession]) -> None:
    metrics = Metrics()
    now = [1000.0]
    polls: list[float | None] = [None]
    health = Health(
        metrics, lambda: ping_database(session_factory), lambda: polls[0], lambda: now[0]
    )
    client = await _client(health)
    try:
        assert (await client.get("/healthz")).status == 503  # never polled yet
        polls[0] = 990.0
        assert (await client.get("/healthz")).status == 200
        now[0] = 1100.0  # last poll 110 s ago
        assert (await client.get("/healthz")).status == 503
        assert (await client.get("/readyz")).status == 200
        metrics.updates.labels("message", "handled").inc()
        body = await (await client.get("/metrics")).text()
        assert 'mentoring_updates_total{outcome="handled",type="message"} 1.0' in body
        assert "mentoring_outbox_backlog" in body
    finally:
        await client.close()

    async def broken() -> None:
        raise ConnectionError("database is down")

    client = await _client(Health(metrics, broken))
    try:
        assert (await client.get("/readyz")).status == 503
        assert (await client.get("/healthz")).status == 200  # webhook mode: no poll to watch
    finally:
        await client.close()


def _cli(args: list[str], database_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


_INSERT = "INSERT INTO municipality (name, timezone, created_at) VALUES "


def _sqlite(db: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as conn, conn:
        return list(conn.execute(sql))


def test_sqlite_backup_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "data" / "bot.db"
    url = f"sqlite+aiosqlite:///{db}"
    assert _cli(["migrate"], url, tmp_path).returncode == 0
    _sqlite(db, _INSERT + "('До', 'Europe/Moscow', '2026-11-23')")
    result = _cli(["backup", str(tmp_path / "backup.db")], url, tmp_path)
    assert result.returncode == 0, result.stderr
    _sqlite(db, _INSERT + "('После', 'Europe/Moscow', '2026-11-23')")
    result = _cli(["restore", str(tmp_path / "backup.db")], url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert _sqlite(db, "SELECT name FROM municipality") == [("До",)]
    missing = _cli(["restore", str(tmp_path / "nope.db")], url, tmp_path)
    assert missing.returncode == 2 and "no backup" in missing.stderr


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="PostgreSQL backup needs TEST_DATABASE_URL"
)
def test_postgres_backup_and_restore_with_pg_dump(tmp_path: Path) -> None:
    import asyncio

    import asyncpg

    base = os.environ["TEST_DATABASE_URL"]
    scratch = base.rsplit("/", 1)[0] + "/backup_check"
    admin = base.replace("postgresql+asyncpg", "postgresql")

    async def recreate() -> None:
        conn = await asyncpg.connect(admin)
        await conn.execute("DROP DATABASE IF EXISTS backup_check")
        await conn.execute("CREATE DATABASE backup_check")
        await conn.close()

    async def names() -> list[str]:
        conn = await asyncpg.connect(scratch.replace("postgresql+asyncpg", "postgresql"))
        rows = await conn.fetch("SELECT name FROM municipality ORDER BY name")
        await conn.close()
        return [r["name"] for r in rows]

    async def insert(name: str) -> None:
        conn = await asyncpg.connect(scratch.replace("postgresql+asyncpg", "postgresql"))
        await conn.execute(
            _INSERT + "($1, 'Europe/Moscow', now())",
            name,
        )
        await conn.close()

    asyncio.run(recreate())
    assert _cli(["migrate"], scratch, tmp_path).returncode == 0
    asyncio.run(insert("До"))
    result = _cli(["backup", str(tmp_path / "dump.pgc")], scratch, tmp_path)
    assert result.returncode == 0, result.stderr
    asyncio.run(insert("После"))
    result = _cli(["restore", str(tmp_path / "dump.pgc")], scratch, tmp_path)
    assert result.returncode == 0, result.stderr
    assert asyncio.run(names()) == ["До"]


async def test_busy_health_port_is_named_in_one_line() -> None:
    import socket

    from bot.health import serve
    from bot.settings import SettingsError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        health = Health(Metrics(), lambda: asyncio.sleep(0))
        with pytest.raises(SettingsError, match=f"HEALTH_PORT: cannot listen on 127.0.0.1:{port}"):
            await serve(health, "127.0.0.1", port)


async def test_first_call_is_retried_with_one_line_per_attempt(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[int] = []

    async def get_me() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise TelegramNetworkError(method=SendMessage(chat_id=1, text="x"), message="refused")

    with caplog.at_level(logging.WARNING, logger="bot.messengers.telegram.runners"):
        assert await reach_telegram(get_me, asyncio.Event(), delays=(0.01, 0.02))
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.messengers.telegram.runners"]
    assert len(calls) == 3
    assert len(lines) == 2 and lines[0].startswith("Telegram is unreachable (")
    assert lines[0].endswith("attempt 1, next in 0 s")
    assert lines[1].endswith("attempt 2, next in 0 s")
    assert all(r.exc_info is None for r in caplog.records)  # one line each, no traceback


async def test_stop_while_telegram_is_unreachable_gives_up_waiting() -> None:
    stop = asyncio.Event()

    async def get_me() -> None:
        stop.set()  # SIGTERM arrives during the first attempt
        raise TelegramServerError(method=SendMessage(chat_id=1, text="x"), message="Bad Gateway")

    assert not await reach_telegram(get_me, stop, delays=(3600.0,))


async def test_update_id_is_kept_and_uncommitted_writes_are_not(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """A read commits only its update id; a handler that wrote without committing loses it all."""
    now = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    async with UnitOfWork(session_factory) as uow:  # a read: nothing written
        assert not await uow.updates.seen(Messenger.TELEGRAM, 1)
        uow.begin_update(Messenger.TELEGRAM, 1, now)
        await uow.finish_update()
    for flushed in (False, True):  # written and left uncommitted (pending, or flushed)
        async with UnitOfWork(session_factory) as uow:
            uow.begin_update(Messenger.TELEGRAM, 2 + flushed, now)
            uow.session.add(Municipality(name=f"Тест {flushed}", timezone="UTC", created_at=now))
            if flushed:
                await uow.session.flush()
            await uow.finish_update()
    async with UnitOfWork(session_factory) as uow:
        uow.session.add(Municipality(name="Сохранённый", timezone="UTC", created_at=now))
        await uow.commit()
    async with UnitOfWork(session_factory) as uow:
        # a bulk UPDATE without commit is not kept either
        uow.begin_update(Messenger.TELEGRAM, 4, now)
        await uow.session.execute(update(Municipality).values(timezone="Asia/Krasnoyarsk"))
        await uow.finish_update()
    async with session_factory() as session:
        ids = (await session.execute(select(ProcessedUpdate.update_id))).scalars().all()
        zones = (await session.execute(select(Municipality.timezone))).scalars().all()
    assert sorted(ids) == [1, 2, 3, 4] and zones == ["UTC"]


async def test_conversation_state_survives_a_restart_and_is_not_shared(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    key = StorageKey(bot_id=1, chat_id=42, user_id=42)
    storage = SQLAlchemyStorage(session_factory)
    assert await storage.get_state(key) is None and await storage.get_data(key) == {}
    await storage.set_state(key, "Flow:step")
    await storage.set_data(key, {"notes": ["первая"]})
    mine = await storage.get_data(key)
    mine["notes"].append("не сохранена")  # a caller's copy, not the stored value
    assert await storage.get_data(key) == {"notes": ["первая"]}
    restarted = SQLAlchemyStorage(session_factory)  # a new process reads the table
    assert await restarted.get_state(key) == "Flow:step"
    assert await restarted.get_data(key) == {"notes": ["первая"]}
    await restarted.set_state(key, None)
    await restarted.forget_user(1, 42)
    assert await restarted.get_data(key) == {} and await restarted.get_state(key) is None
