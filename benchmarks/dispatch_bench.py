"""Updates per second through the production dispatcher, and memory after 10,000 users.

    .venv/bin/python benchmarks/dispatch_bench.py [--updates 2000] [--pg URL]

(a) a bare aiogram handler that answers; (b) a reference handler doing one INSERT, one commit and
one send on the same database; (c) the project's real paths through every middleware (flood
control, the unit of work with update de-duplication, the actor, i18n). Updates are fed eight at a
time, as the poller does, to an offline Bot session. Prints (c)/(b) for each path; the target is
at least 0.5. Then the resident memory after 10,000 distinct people wrote to the bot (target
under 250 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiogram import Dispatcher, Router
from aiogram.types import Chat, Message, Update, User
from sqlalchemy import text

from bot.dispatcher import create_dispatcher
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from db.fsm_storage import SQLAlchemyStorage
from db.migrate import upgrade
from db.schema import Base
from tests.harness import FrozenClock, Harness
from tests.integration.helpers import school_chain
from tests.mocked_bot import MockedBot

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
CONCURRENCY = 8
_ids = itertools.count(10_000_000)


def _message(user_id: int, body: str) -> Update:
    user = User(id=user_id, is_bot=False, first_name="T", language_code="ru")
    message = Message(
        message_id=next(_ids),
        date=NOW,
        chat=Chat(id=user_id, type="private"),
        from_user=user,
        text=body,
    )
    return Update(update_id=next(_ids), message=message)


async def _rate(dp: Dispatcher, bot: MockedBot, updates: list[Update]) -> float:
    slots = asyncio.Semaphore(CONCURRENCY)

    async def one(update: Update) -> None:
        async with slots:
            await dp.feed_update(bot, update)

    started = time.perf_counter()
    await asyncio.gather(*(one(u) for u in updates))
    elapsed = time.perf_counter() - started
    bot.session.requests.clear()
    return len(updates) / elapsed


async def _fresh_database(url: str) -> None:
    engine = create_engine(url)
    if url.startswith("postgresql"):
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    async with engine.begin() as conn:
        await conn.execute(text("DROP TABLE IF EXISTS bench_note"))
        await conn.execute(
            text("CREATE TABLE bench_note (id BIGINT PRIMARY KEY, user_id BIGINT, body TEXT)")
        )
    await engine.dispose()


async def measure(url: str, count: int) -> dict[str, float]:
    await asyncio.to_thread(upgrade, url)
    await _fresh_database(url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    bot = MockedBot()
    rates: dict[str, float] = {}

    bare = Dispatcher()
    bare_router = Router()

    @bare_router.message()
    async def bare_handler(message: Message) -> None:
        await message.answer("ok")

    bare.include_router(bare_router)
    rates["(a) bare aiogram handler"] = await _rate(
        bare, bot, [_message(i, "hi") for i in range(count)]
    )

    reference = Dispatcher()
    reference_router = Router()

    @reference_router.message()
    async def reference_handler(message: Message) -> None:
        async with factory() as session:
            await session.execute(
                text("INSERT INTO bench_note (id, user_id, body) VALUES (:id, :user, :body)"),
                {"id": message.message_id, "user": message.chat.id, "body": message.text},
            )
            await session.commit()
        await message.answer("ok")

    reference.include_router(reference_router)
    rates["(b) reference: INSERT + commit + send"] = await _rate(
        reference, bot, [_message(i, "note") for i in range(count)]
    )

    settings = Settings(
        _env_file=None, database_url=url, bot_username="bench_bot", flood_limit=10**9
    )  # type: ignore[call-arg]
    dp = create_dispatcher(
        settings=settings,
        session_factory=factory,
        storage=SQLAlchemyStorage(factory),
        clock=FrozenClock(NOW),
    )
    await dp.emit_startup(bot=bot, dispatcher=dp, bots=[bot], **dp.workflow_data)
    harness = Harness(bot=bot, dp=dp, session_factory=factory, clock=FrozenClock(NOW))
    await school_chain(harness)
    paths: dict[str, Callable[[int], Update]] = {
        "(c) stranger's message (read path)": lambda i: _message(5_000_000 + i, "здравствуйте"),
        "(c) curator's /help (registered, read path)": lambda i: _message(200, "/help"),
        "(c) coordinator's stray text (registered)": lambda i: _message(100, "текст"),
    }
    for name, make in paths.items():
        rates[name] = await _rate(dp, bot, [make(i) for i in range(count)])
    await dp.emit_shutdown(bot=bot, dispatcher=dp, bots=[bot], **dp.workflow_data)
    await engine.dispose()
    return rates


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def memory(url: str, people: int) -> tuple[float, float]:
    engine = create_engine(url)
    factory = create_session_factory(engine)
    bot = MockedBot()
    settings = Settings(
        _env_file=None, database_url=url, bot_username="bench_bot", flood_limit=10**9
    )  # type: ignore[call-arg]
    dp = create_dispatcher(
        settings=settings,
        session_factory=factory,
        storage=SQLAlchemyStorage(factory),
        clock=FrozenClock(NOW),
    )
    await dp.emit_startup(bot=bot, dispatcher=dp, bots=[bot], **dp.workflow_data)
    gc.collect()
    before = _rss_mb()
    for start in range(0, people, 1000):
        await _rate(
            dp, bot, [_message(20_000_000 + i, "/start") for i in range(start, start + 1000)]
        )
    gc.collect()
    after = _rss_mb()
    await engine.dispose()
    return before, after


def _print(title: str, rates: dict[str, float]) -> None:
    print(f"\n{title}")
    reference = rates["(b) reference: INSERT + commit + send"]
    for name, rate in rates.items():
        ratio = f"  (c)/(b) = {rate / reference:.2f}" if name.startswith("(c)") else ""
        print(f"  {name:<48} {rate:8.0f} updates/s{ratio}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG_URL"))
    parser.add_argument("--memory-only", action="store_true", help="a fresh process for memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite+aiosqlite:///{folder}/bench.db"
        if args.memory_only:
            await asyncio.to_thread(upgrade, sqlite_url)
            before, after = await memory(sqlite_url, args.people)
            print(f"resident memory: {before:.0f} MB at start, {after:.0f} MB after", end=" ")
            print(f"{args.people} people")
            return
        _print("SQLite", await measure(sqlite_url, args.updates))
        if args.pg:
            _print("PostgreSQL", await measure(args.pg, args.updates))
        before, after = await memory(sqlite_url, args.people)
        print(f"\nresident memory: {before:.0f} MB at start, {after:.0f} MB after", end=" ")
        print(f"{args.people} people")


if __name__ == "__main__":
    asyncio.run(main())
