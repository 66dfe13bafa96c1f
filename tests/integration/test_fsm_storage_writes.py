"""The database FSM storage writes only what changes: a question asked again sets the state it
already has, and that costs no statement; a real change is written and survives a restart. A
conversation's step and data are read and written together, and one chat's updates wait for
each other."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.fsm.storage.memory import SimpleEventIsolation
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.fsm_storage import (
    LocalFirstIsolation,
    SQLAlchemyStorage,
    read_conversation,
    write_conversation,
)

KEY = StorageKey(bot_id=1, chat_id=42, user_id=42)


def _statements(factory: async_sessionmaker[AsyncSession]) -> list[str]:
    engine = factory.kw["bind"]
    assert isinstance(engine, AsyncEngine)
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement.split()[0].upper())

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    return seen


async def test_an_unchanged_state_or_data_is_not_written_again(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    storage = SQLAlchemyStorage(session_factory)
    await storage.set_state(KEY, "Flow:step")
    await storage.set_data(KEY, {"r": 7, "sel": ["a"]})
    statements = _statements(session_factory)

    await storage.set_state(KEY, "Flow:step")
    await storage.set_data(KEY, {"r": 7, "sel": ["a"]})
    assert statements == []

    await storage.set_data(KEY, {"r": 7, "sel": ["a", "b"]})
    await storage.set_state(KEY, "Flow:other")
    assert statements == ["UPDATE", "UPDATE"]

    restarted = SQLAlchemyStorage(session_factory)  # a new process reads the table
    assert await restarted.get_state(KEY) == "Flow:other"
    assert await restarted.get_data(KEY) == {"r": 7, "sel": ["a", "b"]}


async def test_a_conversation_without_a_row_is_written_even_when_cleared(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    storage = SQLAlchemyStorage(session_factory)
    assert await storage.get_state(KEY) is None  # remembered: no row
    statements = _statements(session_factory)
    await storage.set_state(KEY, None)
    assert "INSERT" in statements
    assert await SQLAlchemyStorage(session_factory).get_data(KEY) == {}


async def test_a_step_and_its_data_are_written_in_one_statement_and_read_back_together(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    storage = SQLAlchemyStorage(session_factory)
    await write_conversation(storage, KEY, "Flow:step", {"r": 7})
    statements = _statements(session_factory)

    await write_conversation(storage, KEY, "Flow:other", {"r": 7, "sel": ["a"]})
    assert statements == ["UPDATE"]
    await write_conversation(storage, KEY, "Flow:other", {"r": 7, "sel": ["a"]})
    assert statements == ["UPDATE"]  # nothing moved: nothing written

    restarted = SQLAlchemyStorage(session_factory)  # a new process reads the table
    assert await read_conversation(restarted, KEY) == ("Flow:other", {"r": 7, "sel": ["a"]})


async def test_every_storage_reads_and_writes_a_conversation_whole(storage: BaseStorage) -> None:
    """The database's or Redis's (TEST_REDIS_URL), as the tests run."""
    assert await read_conversation(storage, KEY) == (None, {})
    await write_conversation(storage, KEY, "Flow:step", {"r": 7, "sel": ["a"]})
    assert await read_conversation(storage, KEY) == ("Flow:step", {"r": 7, "sel": ["a"]})
    assert await storage.get_state(KEY) == "Flow:step"  # as aiogram's own calls see it
    assert await storage.get_data(KEY) == {"r": 7, "sel": ["a"]}
    await write_conversation(storage, KEY, None, {})
    assert await read_conversation(storage, KEY) == (None, {})


async def test_one_chats_updates_wait_for_each_other_and_other_chats_do_not() -> None:
    isolation = LocalFirstIsolation(SimpleEventIsolation())
    other = StorageKey(bot_id=1, chat_id=43, user_id=43)
    inside: list[int] = []
    most: dict[int, int] = {42: 0, 43: 0}
    both = asyncio.Event()

    async def update(key: StorageKey) -> None:
        async with isolation.lock(key):
            inside.append(key.chat_id)
            most[key.chat_id] = max(most[key.chat_id], inside.count(key.chat_id))
            if len(set(inside)) == 2:
                both.set()
            await asyncio.sleep(0.001)
            inside.remove(key.chat_id)

    await asyncio.gather(*(update(KEY) for _ in range(8)), *(update(other) for _ in range(8)))
    assert most == {42: 1, 43: 1}  # one at a time within a chat
    assert both.is_set()  # while two chats went on side by side
