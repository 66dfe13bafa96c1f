"""Fixtures: a migrated database (SQLite by default, PostgreSQL with TEST_DATABASE_URL), FSM
storage (the database, or Redis with TEST_REDIS_URL), a recording bot, the production dispatcher."""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisStorage
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.dispatcher import create_dispatcher
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from db.fsm_storage import SQLAlchemyStorage
from db.migrate import upgrade
from db.schema import Base
from tests.harness import FrozenClock, Harness
from tests.mocked_bot import MockedBot

PG_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")
# A Monday in the middle of a school year, 10:00 in Moscow.
DEFAULT_NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "handler_errors_expected: the test makes a handler fail on purpose and reads the log",
    )


class _Failures(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_handler_failures(request: pytest.FixtureRequest) -> Iterator[None]:
    """A step that raises is answered «Что-то пошло не так», which many assertions would let
    pass: any failure the core (or a runner outside it) logs fails the test, unless the test
    says it causes one on purpose."""
    failures = _Failures()
    names = ("bot.conversation.core", "bot.messengers.telegram.polling", "bot.messengers.max")
    watched = [logging.getLogger(name) for name in names]
    for logger in watched:
        logger.addHandler(failures)
    try:
        yield
    finally:
        for logger in watched:
            logger.removeHandler(failures)
    if failures.records and request.node.get_closest_marker("handler_errors_expected") is None:
        first = failures.records[0]
        detail = repr(first.exc_info[1]) if first.exc_info else ""
        pytest.fail(
            f"a handler failed ({len(failures.records)} logged): {first.getMessage()} {detail}",
            pytrace=False,
        )


def _reset_postgres(url: str) -> None:
    import asyncio

    async def drop() -> None:
        engine = create_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()

    asyncio.run(drop())


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Migrate once per run: a template SQLite file to copy, or the PostgreSQL test database."""
    if PG_URL:
        _reset_postgres(PG_URL)
        upgrade(PG_URL)
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return str(path)


@pytest.fixture
async def database_url(migrated_template: str, tmp_path: Path) -> AsyncIterator[str]:
    if PG_URL:
        engine = create_engine(PG_URL)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        await engine.dispose()
        yield PG_URL
        return
    target = tmp_path / "test.db"
    shutil.copy(migrated_template, target)
    yield f"sqlite+aiosqlite:///{target}"


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def storage(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[BaseStorage]:
    if REDIS_URL:
        redis_storage = RedisStorage.from_url(
            REDIS_URL,
            key_builder=DefaultKeyBuilder(
                prefix=f"test-{uuid.uuid4().hex}", with_bot_id=True, with_destiny=True
            ),
        )
        yield redis_storage
        await redis_storage.close()
        return
    yield SQLAlchemyStorage(session_factory)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=None,
        database_url=database_url,
        bot_username="mentoring_test_bot",
        flood_limit=10_000,  # long flows from one person; flood control has its own test
    )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(DEFAULT_NOW)


@pytest.fixture
async def harness(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    clock: FrozenClock,
) -> AsyncIterator[Harness]:
    bot = MockedBot()
    dp = create_dispatcher(
        settings=settings, session_factory=session_factory, storage=storage, clock=clock
    )
    await dp.emit_startup(bot=bot, dispatcher=dp, bots=[bot], **dp.workflow_data)
    yield Harness(bot=bot, dp=dp, session_factory=session_factory, clock=clock)
    await dp.emit_shutdown(bot=bot, dispatcher=dp, bots=[bot], **dp.workflow_data)
