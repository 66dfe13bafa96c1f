"""The PostgreSQL driver (db/postgres_driver.py) sends BEGIN only when a unit of work first needs
a transaction. What a region would notice if it went wrong: a write not rolled back with a failed
update, a row lock or an advisory lock released too early, an update's key lost — none may
happen; and an update that only reads costs no BEGIN and COMMIT."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.domain.messengers import Messenger
from db.fsm_storage import SQLAlchemyStorage
from db.models import Municipality, ProcessedUpdate
from db.postgres_driver import outside_transaction
from db.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
needs_postgres = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="the PostgreSQL driver needs PostgreSQL"
)


async def stored_keys(factory: async_sessionmaker[AsyncSession]) -> list[int]:
    async with factory() as session:
        return list((await session.execute(select(ProcessedUpdate.update_id))).scalars())


@asynccontextmanager
async def begins(engine: AsyncEngine) -> AsyncIterator[list[str]]:
    """What the driver sent to open and close transactions (asyncpg's own calls); the pool's
    first connection is opened (and the dialect set up) before the count."""
    from asyncpg.transaction import Transaction

    async with engine.connect() as connection:
        await connection.execute(select(1))

    sent: list[str] = []
    start, commit = Transaction.start, Transaction.commit

    async def started(self: Transaction) -> None:
        sent.append("BEGIN")
        await start(self)

    async def committed(self: Transaction) -> None:
        sent.append("COMMIT")
        await commit(self)

    Transaction.start, Transaction.commit = started, committed  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        Transaction.start, Transaction.commit = start, commit  # type: ignore[method-assign]


def test_only_plain_reads_and_a_last_write_run_before_begin() -> None:
    assert outside_transaction("SELECT person.id FROM person WHERE person.id = $1")
    assert outside_transaction("INSERT /* and commit */ INTO processed_update VALUES ($1)")
    assert not outside_transaction("INSERT INTO municipality (name) VALUES ($1)")
    assert not outside_transaction("SELECT id FROM outbox_message FOR UPDATE SKIP LOCKED")
    assert not outside_transaction("SELECT id FROM outbox_message FOR NO KEY UPDATE")
    assert not outside_transaction("SELECT pg_advisory_xact_lock($1)")
    assert not outside_transaction("WITH x AS (DELETE FROM t RETURNING 1) SELECT * FROM x")


@needs_postgres
async def test_a_read_only_update_stores_its_key_without_begin_or_commit(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with begins(engine) as sent, UnitOfWork(session_factory) as uow:
        uow.begin_update(Messenger.TELEGRAM, 7, NOW)
        await uow.people.arrival(Messenger.TELEGRAM, 7, 42)  # the update's first read
        await uow.finish_update()
    assert sent == []
    assert await stored_keys(session_factory) == [7]


@needs_postgres
async def test_a_write_begins_and_a_failed_update_leaves_nothing(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with begins(engine) as sent, UnitOfWork(session_factory) as uow:
        uow.begin_update(Messenger.TELEGRAM, 8, NOW)
        await uow.people.arrival(Messenger.TELEGRAM, 8, 42)
        uow.session.add(Municipality(name="Первый", timezone="UTC", created_at=NOW))
        await uow.session.flush()
        # the step fails here: the unit of work ends without a commit
    assert sent == ["BEGIN"]
    async with session_factory() as session:
        assert (await session.execute(select(Municipality.name))).all() == []
    assert await stored_keys(session_factory) == []
    async with begins(engine) as sent, UnitOfWork(session_factory) as uow:
        uow.begin_update(Messenger.TELEGRAM, 9, NOW)
        uow.session.add(Municipality(name="Второй", timezone="UTC", created_at=NOW))
        await uow.commit()
    assert sent == ["BEGIN", "COMMIT"]  # the row and the key in one transaction
    async with session_factory() as session:
        assert (await session.execute(select(Municipality.name))).scalars().all() == ["Второй"]
    assert await stored_keys(session_factory) == [9]


@needs_postgres
async def test_a_row_lock_and_an_advisory_lock_are_held_until_the_commit(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as setup:
        setup.add(Municipality(name="Первый", timezone="UTC", created_at=NOW))
        await setup.commit()
    lock_row = text("SELECT id FROM municipality FOR UPDATE")
    try_row = text("SELECT id FROM municipality FOR UPDATE NOWAIT")
    advisory = text("SELECT pg_advisory_xact_lock(4242)")
    try_advisory = text("SELECT pg_try_advisory_lock(4242)")
    async with session_factory() as first, session_factory() as second:
        await first.execute(lock_row)
        await first.execute(advisory)
        with pytest.raises(DBAPIError, match="lock"):  # the row is still locked by `first`
            await second.execute(try_row)
        await second.rollback()
        assert (await second.execute(try_advisory)).scalar_one() is False
        await first.commit()
        assert len((await second.execute(try_row)).all()) == 1  # released with the commit
        await second.execute(text("SELECT pg_advisory_unlock_all()"))
        await second.rollback()


@needs_postgres
async def test_a_conversation_state_write_is_one_statement_without_begin(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    key = StorageKey(bot_id=1, chat_id=42, user_id=42)
    storage = SQLAlchemyStorage(session_factory)
    await storage.set_state(key, "Flow:step")  # the row's first write: an INSERT
    async with begins(engine) as sent:
        await storage.set_state(key, "Flow:other")
    assert sent == []
    assert await SQLAlchemyStorage(session_factory).get_state(key) == "Flow:other"
