"""Updates per second through the production dispatcher, and memory after 10,000 users.

    .venv/bin/python benchmarks/dispatch_bench.py [--updates 2000] [--pg URL [--redis URL]]
        [--skip-memory | --memory-only]

(a) a step that answers at once; (b) a reference step doing one INSERT, one commit and one send
on the same database — both as the conversation core's first routes, so everything around a
step runs for them too (the Telegram adapter, flood control, the unit of work with update
de-duplication, the actor, the conversation state), and both again as bare aiogram handlers in
a bare aiogram Dispatcher, (a0) and (b0), (b0) from as many people as updates; (b1) is (b0)
from one person, whose updates aiogram's per-chat lock (SimpleEventIsolation) takes one at a
time, as the bot's conversation lock does for all the (c) paths but the stranger's;
(c) the project's real paths: reads, a mentor's meeting note (the notes step of /meeting: FSM
read and write), a mentee's questionnaire answer (a checklist toggle: the ticks live in the
conversation state until «Готово», the keyboard is redrawn) and the curator's /status; (c8) the
note, the tick and /help from eight people at once, as (b0) comes (`dispatch_crowd.py`). Updates
are fed eight at a time, as the poller does, to an offline Bot session. Prints (c)/(b) for each
path, (c)/(b0) — the target is at least 0.5 — and (c)/(b1); (a) and (b) against (b0) show the
core's floor: what every path pays before its own work, and with (b0)'s own work. Then the
resident memory after 10,000 distinct people wrote to the bot (target under 250 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiogram import Dispatcher, Router
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User
from sqlalchemy import text

from benchmarks import dispatch_crowd
from bot import flows
from bot.app import create_storage, freeze_startup_objects
from bot.conversation import PUBLIC, Context, Text, Views
from bot.conversation import Message as CoreMessage
from bot.conversation import Router as Flows
from bot.dispatcher import create_dispatcher
from bot.messengers.flood import RedisRateCounter
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from db.fsm_storage import SQLAlchemyStorage
from handlers.menu import COMMANDS
from tests.harness import FrozenClock
from tests.mocked_bot import MockedBot

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
CONCURRENCY = 8
CPU_MS: dict[int, float] = {}
"""This process's CPU milliseconds per update of each measurement, in order: on a shared machine
the rates move with the neighbours' load, the CPU cost much less (the database server's own work
is not in it)."""
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


def _press(user_id: int, data: str) -> Update:
    user = User(id=user_id, is_bot=False, first_name="T", language_code="ru")
    message = Message(message_id=next(_ids), date=NOW, chat=Chat(id=user_id, type="private"))
    query = CallbackQuery(
        id=str(next(_ids)), from_user=user, chat_instance="b", data=data, message=message
    )
    return Update(update_id=next(_ids), callback_query=query)


def _first_button(person: Any, prefix: str) -> str:
    """The newest button the person was shown whose data starts with `prefix`."""
    for method in reversed(person.sent):
        markup = getattr(method, "reply_markup", None)
        if isinstance(markup, InlineKeyboardMarkup):
            for row in markup.inline_keyboard:
                for button in row:
                    if button.callback_data and button.callback_data.startswith(prefix):
                        return button.callback_data
    raise AssertionError(f"no {prefix} button")


async def _rate(
    dp: Dispatcher,
    bot: MockedBot,
    updates: list[Update],
    between: Callable[[], Awaitable[None]] | None = None,
    chunk: int = 40,
) -> float:
    """Updates per second; `between` (untimed) runs before every `chunk` updates."""
    slots = asyncio.Semaphore(CONCURRENCY)

    async def one(update: Update) -> None:
        async with slots:
            await dp.feed_update(bot, update)

    elapsed = cpu = 0.0
    step = chunk if between is not None else len(updates)
    for start in range(0, len(updates), step):
        if between is not None:
            await between()
        started, cpu_started = time.perf_counter(), time.process_time()
        await asyncio.gather(*(one(u) for u in updates[start : start + step]))
        elapsed += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
    bot.session.requests.clear()
    CPU_MS[len(CPU_MS)] = 1000 * cpu / len(updates)
    return len(updates) / elapsed


BARE, NOTE = "§bare", "§note"
REFERENCE = "(b) reference: INSERT + commit + send"
ONE_CHAT = "(b1) reference, bare dispatcher, one person"
INSERT_NOTE = text("INSERT INTO bench_note (id, user_id, body) VALUES (:id, :user, :body)")


def _note_row(message: Message) -> dict[str, Any]:
    return {"id": message.message_id, "user": message.chat.id, "body": message.text}


def _reference_feature() -> SimpleNamespace:
    """(a) and (b) as the core's first routes, in a feature of their own: the adapter, flood
    control, the unit of work with the update-id check, the actor and the conversation state run
    for them as for the real paths."""
    router = Flows("bench", access=PUBLIC)

    @router.text(when=lambda typed: typed.text == BARE)
    async def bare_step(ctx: Context, typed: Text) -> Views:
        return CoreMessage("ok")

    @router.text(when=lambda typed: typed.text.startswith(NOTE))
    async def reference_step(ctx: Context, typed: Text) -> Views:
        row = {"id": next(_ids), "user": ctx.update_key, "body": typed.text}
        await ctx.uow.session.execute(INSERT_NOTE, row)
        await ctx.uow.commit()
        return CoreMessage("ok")

    return SimpleNamespace(router=router)


async def _fresh_database(url: str) -> None:
    from db.schema import Base

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


def _migrate(url: str) -> None:
    """As `python -m bot` does: Alembic in a child process, never in the measured one."""
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "bot", "migrate"], env=env, check=True, cwd=ROOT)


async def measure(url: str, count: int, redis_url: str | None = None) -> dict[str, float]:
    # Imported here: the memory measurement runs without the test world's modules.
    from tests.harness import Harness
    from tests.integration.test_pair_setup import pair_world

    await asyncio.to_thread(_migrate, url)
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
    rates["(a0) bare handler, bare dispatcher"] = await _rate(
        bare, bot, [_message(i, "hi") for i in range(count)]
    )

    reference = Dispatcher()
    reference_router = Router()

    @reference_router.message()
    async def reference_handler(message: Message) -> None:
        async with factory() as session:
            await session.execute(INSERT_NOTE, _note_row(message))
            await session.commit()
        await message.answer("ok")

    reference.include_router(reference_router)
    rates["(b0) reference, bare dispatcher"] = await _rate(
        reference, bot, [_message(i, "note") for i in range(count)]
    )

    # The same from one person, one update at a time as aiogram's own per-chat lock keeps them
    # (the bot's conversation lock does the same): most real paths below are one person's.
    one_chat = Dispatcher(events_isolation=SimpleEventIsolation())
    one_chat_router = Router()
    one_chat_router.message()(reference_handler)
    one_chat.include_router(one_chat_router)
    rates[ONE_CHAT] = await _rate(one_chat, bot, [_message(200, "note") for _ in range(count)])

    settings = Settings(
        _env_file=None,
        database_url=url,
        redis_url=redis_url,
        bot_username="bench_bot",
        flood_limit=10**9,
    )  # type: ignore[call-arg]
    storage, isolation = create_storage(settings, factory)  # as bot.app: Redis when configured
    redis = getattr(storage, "redis", None)
    if redis is not None:
        await redis.flushdb()  # the benchmark's own database: conversations of earlier runs go
    features = flows.FEATURES
    flows.FEATURES = (_reference_feature(), *features)  # type: ignore[assignment]
    try:
        dp = create_dispatcher(
            settings=settings,
            session_factory=factory,
            storage=storage,
            clock=FrozenClock(NOW),
            events_isolation=isolation,
            flood_counter=RedisRateCounter(redis) if redis is not None else None,
        )
    finally:
        flows.FEATURES = features
    await dp.emit_startup(bot=bot, dispatcher=dp, bots=[bot], **dp.workflow_data)
    freeze_startup_objects()  # as bot.app does once the dispatcher started
    harness = Harness(bot=bot, dp=dp, session_factory=factory, clock=FrozenClock(NOW))
    world = await pair_world(harness)  # coordinator 100, curator 200, mentor 300, mentees 401, 402
    await dispatch_crowd.at_notes_step(world.mentor)
    await dispatch_crowd.at_checklist(world.other_mentee)
    toggle = _first_button(world.other_mentee, "qo:")
    crowd = await dispatch_crowd.gather(harness, world, dp.storage, _first_button)
    paths: dict[str, Callable[[int], Update]] = {
        "(c) stranger's message (read path)": lambda i: _message(5_000_000 + i, "здравствуйте"),
        "(c) curator's /help (registered, read path)": lambda i: _message(200, "/help"),
        "(c) coordinator's stray text (registered)": lambda i: _message(100, "текст"),
        "(c) mentor's meeting note (FSM write)": lambda i: _message(300, f"заметка {i}"),
        "(c) mentee's questionnaire answer (checklist tick)": lambda i: _press(402, toggle),
    }
    if "status" in {name for name, _ in COMMANDS}:  # the curator's /status, once it exists
        paths["(c) curator's /status (school figures)"] = lambda i: _message(200, "/status")
    mentor_key = StorageKey(bot_id=bot.id, chat_id=300, user_id=300)
    notes_step = await dp.storage.get_data(mentor_key)

    async def fresh_notes() -> None:  # a meeting's notes are at most a few hundred characters
        await dp.storage.set_data(mentor_key, notes_step)

    # From the curator, as /help and /status below: a registered person with a conversation.
    rates["(a) bare handler"] = await _rate(dp, bot, [_message(200, BARE) for _ in range(count)])
    rates[REFERENCE] = await _rate(dp, bot, [_message(200, f"{NOTE} {i}") for i in range(count)])
    for name, make in paths.items():
        between = fresh_notes if "meeting note" in name else None
        rates[name] = await _rate(dp, bot, [make(i) for i in range(count)], between)

    async def fresh_crowd_notes() -> None:
        await dispatch_crowd.fresh_notes(harness, dp.storage, crowd)

    for name, make in dispatch_crowd.paths(crowd, _message, _press).items():
        between = fresh_crowd_notes if "meeting notes" in name else None
        rates[name] = await _rate(dp, bot, [make(i) for i in range(count)], between)
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
    freeze_startup_objects()
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
    reference, outside = rates[REFERENCE], rates["(b0) reference, bare dispatcher"]
    cpu = list(CPU_MS.values())[-len(rates) :]
    for (name, rate), ms in zip(rates.items(), cpu, strict=True):
        ratio = ""
        if name.startswith(("(a) ", "(b) ")):  # the core's own floor: what every path pays
            ratio = f"  (x)/(b0) = {rate / outside:.2f}"
        if name.startswith("(c"):
            ratio = f"  (c)/(b) = {rate / reference:.2f}  (c)/(b0) = {rate / outside:.2f}"
            ratio += f"  (c)/(b1) = {rate / rates[ONE_CHAT]:.2f}"
        print(f"  {name:<52} {rate:6.0f} updates/s  {ms:5.2f} ms CPU{ratio}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG_URL"))
    parser.add_argument(
        "--redis",
        help="also PostgreSQL with conversations and flood counts in Redis, as a region runs "
        "(a database of its own: the benchmark empties it), e.g. redis://127.0.0.1:6379/15",
    )
    parser.add_argument("--memory-only", action="store_true", help="a fresh process for memory")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite+aiosqlite:///{folder}/bench.db"
        if args.memory_only:
            await asyncio.to_thread(_migrate, sqlite_url)
            before, after = await memory(sqlite_url, args.people)
            print(f"resident memory: {before:.0f} MB at start, {after:.0f} MB after", end=" ")
            print(f"{args.people} people")
            return
        _print("SQLite", await measure(sqlite_url, args.updates))
        if args.pg:
            _print("PostgreSQL", await measure(args.pg, args.updates))
            if args.redis:
                _print("PostgreSQL + Redis", await measure(args.pg, args.updates, args.redis))
        if args.skip_memory:
            return
        before, after = await memory(sqlite_url, args.people)
        print(f"\nresident memory: {before:.0f} MB at start, {after:.0f} MB after", end=" ")
        print(f"{args.people} people")


if __name__ == "__main__":
    asyncio.run(main())
