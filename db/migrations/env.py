"""Alembic environment: async engines, batch mode on SQLite (it cannot ALTER most things)."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from db.engine import create_engine
from db.schema import Base

config = context.config
target_metadata = Base.metadata

MIGRATION_LOCK = 0x6D656E746F72  # "mentor": one key for every replica of the deployment
"""PostgreSQL advisory lock taken in the migrations' transaction: replicas started together
migrate one after the other (the next one finds the schema current and has nothing to do) instead
of racing to create `alembic_version`. SQLite has a single writer and needs none."""


def _run(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # Batch mode rebuilds a table (copy, drop, rename): with foreign keys enforced, dropping
        # a table other rows point at fails. Off for the migration's connection only (SQLite
        # takes this pragma outside a transaction: before the migration's own begins).
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Released by the transaction's commit or rollback, even if the process dies.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


async def _run_async() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_async())
