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


async def test_plan_items_of_existing_pairs_get_their_template_codes(tmp_path: Path) -> None:
    """0009_content: an item copied from the shipped template before items had codes is matched
    by its Russian title (then shown in the reader's language); a typed item stays as typed."""
    import sqlite3

    if os.environ.get("TEST_DATABASE_URL"):
        return  # the data step is the same SQL on both; SQLite lets a bare row in
    url = f"sqlite+aiosqlite:///{tmp_path}/items.db"
    await asyncio.to_thread(upgrade, url, "0008")
    with sqlite3.connect(tmp_path / "items.db") as connection:  # foreign keys off: bare rows
        connection.executemany(
            "INSERT INTO plan_item (program_id, title, direction, position) VALUES (1, ?, ?, ?)",
            [
                ("Посещение уроков наставника и разбор", "methodological", 1),
                ("Разбор ВПР по математике", "subject", 2),
            ],
        )
    await asyncio.to_thread(upgrade, url)
    with sqlite3.connect(tmp_path / "items.db") as connection:
        rows = connection.execute(
            "SELECT title, template_code FROM plan_item ORDER BY position"
        ).fetchall()
    assert rows == [
        ("Посещение уроков наставника и разбор", "lesson_visits"),
        ("Разбор ВПР по математике", None),
    ]
    with sqlite3.connect(tmp_path / "items.db") as connection:
        connection.execute("DELETE FROM plan_item")  # the bare rows would fail SQLite's copy
    await asyncio.to_thread(downgrade, url, "0008")
    with sqlite3.connect(tmp_path / "items.db") as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(plan_item)")]
    assert "template_code" not in columns
