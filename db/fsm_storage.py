"""aiogram FSM storage in the bot's own database, so that conversations survive a restart.

Used when no Redis is configured (the one-school SQLite default). Each call is its own short
transaction: FSM progress must persist even when the update's business transaction rolls back.
Core statements on a bare connection, not ORM sessions: every update reads its state once, so
this path is kept as short as it can be.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.models import FsmRecord

TABLE: Table = FsmRecord.__table__  # type: ignore[assignment]


class SQLAlchemyStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        engine = session_factory.kw["bind"]
        assert isinstance(engine, AsyncEngine), "the session factory must be bound to an engine"
        self._engine = engine
        self._keys = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def _write(self, key: StorageKey, values: dict[str, Any]) -> None:
        storage_key = self._keys.build(key)
        values = {**values, "updated_at": datetime.now(UTC)}
        table = TABLE
        change = update(table).where(table.c.key == storage_key).values(**values)
        async with self._engine.connect() as conn:
            if (await conn.execute(change)).rowcount:
                await conn.commit()
                return
            try:
                await conn.execute(
                    insert(table).values(
                        **{"key": storage_key, "state": None, "data": {}, **values}
                    )
                )
                await conn.commit()
            except IntegrityError:  # another writer inserted first: update theirs
                await conn.rollback()
                await conn.execute(change)
                await conn.commit()

    async def _read(self, key: StorageKey) -> tuple[str | None, dict[str, Any] | None] | None:
        table = TABLE
        async with self._engine.connect() as conn:
            result = await conn.execute(
                select(table.c.state, table.c.data).where(table.c.key == self._keys.build(key))
            )
            row = result.first()
        return (row[0], row[1]) if row is not None else None

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        record = await self._read(key)
        return record[0] if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, {"data": dict(data)})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = await self._read(key)
        return dict(record[1]) if record and record[1] else {}

    async def forget_user(self, bot_id: int, user_id: int) -> None:
        """Drop every conversation of a person who withdrew consent (private chat = user id)."""
        key = StorageKey(bot_id=bot_id, chat_id=user_id, user_id=user_id)
        table = TABLE
        async with self._engine.begin() as conn:
            await conn.execute(delete(table).where(table.c.key == self._keys.build(key)))

    async def close(self) -> None:
        return None
