"""aiogram FSM storage in the bot's own database, so that conversations survive a restart.

Used when no Redis is configured (the one-school SQLite default). Each call is its own short
transaction: FSM progress must persist even when the update's business transaction rolls back.
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
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import FsmRecord


class SQLAlchemyStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        self._factory = session_factory
        self._keys = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def _write(self, key: StorageKey, values: dict[str, Any]) -> None:
        storage_key = self._keys.build(key)
        values = {**values, "updated_at": datetime.now(UTC)}
        async with self._factory() as session:
            result = await session.execute(
                update(FsmRecord).where(FsmRecord.key == storage_key).values(**values)
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                session.add(FsmRecord(key=storage_key, **{"state": None, "data": {}, **values}))
                try:
                    await session.commit()
                except IntegrityError:  # another writer inserted first: update theirs
                    await session.rollback()
                    await session.execute(
                        update(FsmRecord).where(FsmRecord.key == storage_key).values(**values)
                    )
                    await session.commit()
                return
            await session.commit()

    async def _read(self, key: StorageKey) -> FsmRecord | None:
        async with self._factory() as session:
            result = await session.execute(
                select(FsmRecord).where(FsmRecord.key == self._keys.build(key))
            )
            return result.scalar_one_or_none()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        record = await self._read(key)
        return record.state if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, {"data": dict(data)})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = await self._read(key)
        return dict(record.data) if record and record.data else {}

    async def forget_user(self, bot_id: int, user_id: int) -> None:
        """Drop every conversation of a person who withdrew consent (private chat = user id)."""
        key = StorageKey(bot_id=bot_id, chat_id=user_id, user_id=user_id)
        async with self._factory() as session:
            await session.execute(delete(FsmRecord).where(FsmRecord.key == self._keys.build(key)))
            await session.commit()

    async def close(self) -> None:
        return None
