"""The database FSM storage writes only what changes: a question asked again sets the state it
already has, and that costs no statement; a real change is written and survives a restart."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.fsm_storage import SQLAlchemyStorage

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
