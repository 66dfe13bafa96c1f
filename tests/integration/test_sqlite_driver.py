"""The one-trip SQLite driver (db/sqlite_driver.py): what a bot on one school's SQLite file would
notice if it kept a transaction open by mistake — a write refused as "database is locked", or a
half-written row — must not happen."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from bot.domain.messengers import Messenger
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.models import Municipality, ProcessedUpdate
from db.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
INSERT = text("INSERT INTO municipality (name, timezone, created_at) VALUES (:name, 'UTC', :now)")


async def test_a_failed_write_is_rolled_back_and_leaves_the_file_writable(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await asyncio.to_thread(upgrade, url)  # Alembic runs its own event loop
    engine = create_engine(url)
    factory = create_session_factory(engine)
    try:
        async with factory() as first, factory() as second:
            await second.execute(select(1))  # `second` holds a connection of its own from here
            first.add(Municipality(name="Первый", timezone="UTC", created_at=NOW))
            await first.flush()
            with pytest.raises(IntegrityError):  # the same name twice: refused mid-transaction
                await first.execute(INSERT, {"name": "Первый", "now": NOW})
            await first.rollback()
            with pytest.raises(IntegrityError):  # a refused write as a transaction's first
                await first.execute(INSERT, {"name": None, "now": NOW})
            await first.rollback()
            # While `first` is still checked out, another connection writes at once: neither
            # failed transaction holds the file's write lock.
            second.add(Municipality(name="Второй", timezone="UTC", created_at=NOW))
            await second.commit()
        async with factory() as session:  # a read-only session ends without a transaction
            names = (await session.execute(select(Municipality.name))).scalars().all()
        assert names == ["Второй"]
    finally:
        await engine.dispose()


async def test_an_update_key_is_committed_in_the_same_trip_as_its_insert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The update's key is the transaction's last statement: its INSERT and the commit are one
    trip to SQLite's thread, after the handler's own rows; both are there for a new session."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    trips: list[str] = []
    passed = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        trips.append(str(args[1]).split()[0] if len(args) > 1 else fn.__name__)
        return await passed(self, fn, *args, **kwargs)

    try:
        async with factory() as warm:  # the pool's connection opened outside the count
            await warm.execute(select(1))
        monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
        async with UnitOfWork(factory) as uow:  # a read: the key alone
            uow.begin_update(Messenger.TELEGRAM, 1, NOW)
            await uow.finish_update()
        assert trips == ["INSERT"]
        trips.clear()
        async with UnitOfWork(factory) as uow:  # a write: the handler's row, then the key
            uow.begin_update(Messenger.TELEGRAM, 2, NOW)
            uow.session.add(Municipality(name="Первый", timezone="UTC", created_at=NOW))
            await uow.commit()
            await uow.finish_update()  # the key went in with the commit: nothing more
        assert trips == ["INSERT", "INSERT"]
        monkeypatch.undo()
        async with factory() as session:
            keys = (await session.execute(select(ProcessedUpdate.update_id))).scalars().all()
            names = (await session.execute(select(Municipality.name))).scalars().all()
        assert sorted(keys) == [1, 2]
        assert names == ["Первый"]
    finally:
        await engine.dispose()
