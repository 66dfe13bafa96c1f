"""Migrations: upgrade, downgrade, upgrade again; and the models equal the migrated schema."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from db.engine import create_engine
from db.migrate import alembic_config, downgrade, upgrade
from db.schema import Base


def _url(tmp_path: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite+aiosqlite:///{tmp_path}/migrations.db"


async def _inspect(url: str) -> tuple[set[str], list[object]]:
    engine = create_engine(url)

    def run(connection: Connection) -> tuple[set[str], list[object]]:
        tables = set(inspect(connection).get_table_names())
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return tables, list(compare_metadata(context, Base.metadata))

    try:
        async with engine.connect() as connection:
            return await connection.run_sync(run)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade_and_models_match(
    tmp_path: Path, migrated_template: str
) -> None:
    """Runs after the session template exists; on PostgreSQL it ends at head for the others."""
    url = _url(tmp_path)
    revisions = [
        r.revision for r in ScriptDirectory.from_config(alembic_config(url)).walk_revisions()
    ]
    assert revisions, "no migrations found"
    await asyncio.to_thread(upgrade, url)
    await asyncio.to_thread(downgrade, url, "base")
    tables, _ = await _inspect(url)
    assert tables <= {"alembic_version"}
    await asyncio.to_thread(upgrade, url)
    tables, differences = await _inspect(url)
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    assert differences == []
