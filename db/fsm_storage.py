"""aiogram FSM storage in the bot's own database, so that conversations survive a restart.

Used when no Redis is configured (the one-school SQLite default). Each call is its own short
transaction: FSM progress must persist even when the update's business transaction rolls back.
Core statements on a bare connection, not ORM sessions, and a write-through cache of the most
recent conversations: every update reads its state, and this storage serves one process only
(several replicas need Redis, see README), so what this process wrote last is what the table holds.
"""

from __future__ import annotations

import copy
import functools
from collections import OrderedDict
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
from sqlalchemy import Table, Update, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.models import FsmRecord

TABLE: Table = FsmRecord.__table__  # type: ignore[assignment]
CACHED_CONVERSATIONS = 4096
"""Conversations whose state and data stay in memory (a few hundred bytes each)."""

Record = tuple[str | None, dict[str, Any]]
_FIELD = {"state": 0, "data": 1}
"""Position in a Record of each column `_write` may be given."""


_SELECT = select(TABLE.c.state, TABLE.c.data).where(TABLE.c.key == bindparam("storage_key"))


@functools.cache
def _update(columns: tuple[str, ...]) -> Update:
    """The UPDATE of these columns, built once per set of columns (a statement object keeps its
    cache key; one built per call is keyed again every time, which costs more than on SQLite it
    takes to run)."""
    return (
        update(TABLE)
        .where(TABLE.c.key == bindparam("storage_key"))
        .values({name: bindparam(f"new_{name}") for name in columns})
    )


class SQLAlchemyStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        engine = session_factory.kw["bind"]
        assert isinstance(engine, AsyncEngine), "the session factory must be bound to an engine"
        if engine.dialect.name != "sqlite":
            # A state write is one statement: no BEGIN and COMMIT round trips around it. (SQLite
            # begins and commits in its own thread, and switching its mode would cost two trips.)
            engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._engine = engine
        self._keys = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        self._cache: OrderedDict[str, Record | None] = OrderedDict()
        """Storage key → (state, data), or None for a conversation with no row."""

    def _remember(self, storage_key: str, record: Record | None) -> None:
        self._cache[storage_key] = record
        self._cache.move_to_end(storage_key)
        if len(self._cache) > CACHED_CONVERSATIONS:
            self._cache.popitem(last=False)

    async def _write(self, key: StorageKey, values: dict[str, Any]) -> None:
        storage_key = self._keys.build(key)
        known = self._cache.get(storage_key)
        if known is not None and all(known[_FIELD[name]] == v for name, v in values.items()):
            # The row already holds it (a question asked again sets the same state): no write.
            self._cache.move_to_end(storage_key)
            return
        self._cache.pop(storage_key, None)  # unknown until the write has landed
        state, data = known if known is not None else (None, {})
        state = values.get("state", state)
        data = copy.deepcopy(values.get("data", data))  # the cache must not share the caller's
        values = {**values, "updated_at": datetime.now(UTC)}
        parameters = {f"new_{name}": value for name, value in values.items()}
        parameters["storage_key"] = storage_key
        change = _update(tuple(values))
        async with self._engine.connect() as conn:
            if (await conn.execute(change, parameters)).rowcount:
                await conn.commit()
                if known is None:  # the other column is not known here
                    return
            else:
                try:
                    await conn.execute(
                        insert(TABLE).values(
                            key=storage_key, state=state, data=data, updated_at=values["updated_at"]
                        )
                    )
                    await conn.commit()
                except IntegrityError:  # another writer inserted first: update theirs
                    await conn.rollback()
                    await conn.execute(change, parameters)
                    await conn.commit()
                    return
        self._remember(storage_key, (state, data))

    async def _read(self, key: StorageKey) -> Record | None:
        storage_key = self._keys.build(key)
        if storage_key in self._cache:
            self._cache.move_to_end(storage_key)
            return self._cache[storage_key]
        async with self._engine.connect() as conn:
            result = await conn.execute(_SELECT, {"storage_key": storage_key})
            row = result.first()
        record = (row[0], row[1] or {}) if row is not None else None
        self._remember(storage_key, record)
        return record

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
        return copy.deepcopy(record[1]) if record else {}  # callers may change their copy

    async def forget_user(self, bot_id: int, user_id: int) -> None:
        """Drop every conversation of a person who withdrew consent (private chat = user id)."""
        key = StorageKey(bot_id=bot_id, chat_id=user_id, user_id=user_id)
        storage_key = self._keys.build(key)
        self._cache.pop(storage_key, None)
        async with self._engine.begin() as conn:
            await conn.execute(delete(TABLE).where(TABLE.c.key == storage_key))

    async def close(self) -> None:
        return None
