"""The one-trip SQLite driver (db/sqlite_driver.py): what a bot on one school's SQLite file would
notice if it kept a transaction open by mistake — a write refused as "database is locked", or a
half-written row — must not happen."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.models import Municipality

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
