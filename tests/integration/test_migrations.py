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


def test_orders_forming_pairs_move_into_one_record_each(tmp_path: Path) -> None:
    """0009_approval: the order copies on pairs and on the school become one row per order, the
    pairs point at theirs; the downgrade puts the copies back."""
    import sqlite3

    path = tmp_path / "orders.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url, "0008")
    now = "2026-11-23 07:00:00.000000"
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO municipality (id, name, timezone, created_at) VALUES (1, 'М', 'UTC', ?)",
            (now,),
        )
        for school_id, order in ((1, ("2026-11-20", "112-о")), (2, (None, None))):
            db.execute(
                "INSERT INTO school (id, municipality_id, name, short_name, kind,"
                " pairs_order_date, pairs_order_number, created_at)"
                " VALUES (?, 1, ?, ?, 'school', ?, ?, ?)",
                (school_id, f"Школа {school_id}", f"Ш{school_id}", *order, now),
            )
        db.execute(
            "INSERT INTO person (id, locale, blocked_bot, created_at) VALUES (1, 'ru', 0, ?)",
            (now,),
        )
        for pair_id, school_id, order in (
            (1, 1, ("2026-11-20", "112-о")),  # the school's own order again
            (2, 1, ("2026-11-20", "112-о")),
            (3, 1, ("2026-10-01", None)),  # half an order, kept as it was
            (4, 2, ("2026-11-21", "5")),
            (5, 2, (None, None)),
        ):
            db.execute(
                "INSERT INTO mentorship (id, school_id, mentor_id, form, kind, status,"
                " school_year, order_date, order_number, created_at)"
                " VALUES (?, ?, 1, 'teacher_teacher', 'traditional', 'active', 2026, ?, ?, ?)",
                (pair_id, school_id, *order, now),
            )
    upgrade(url)
    with sqlite3.connect(path) as db:
        orders = db.execute(
            "SELECT id, school_id, signed_on, number FROM pairs_order ORDER BY school_id, signed_on"
        ).fetchall()
        links = dict(db.execute("SELECT id, order_id FROM mentorship").fetchall())
    by_key = {(school, signed, number): oid for oid, school, signed, number in orders}
    assert sorted(by_key) == [
        (1, "2026-10-01", None),
        (1, "2026-11-20", "112-о"),
        (2, "2026-11-21", "5"),
    ]
    assert links == {
        1: by_key[(1, "2026-11-20", "112-о")],
        2: by_key[(1, "2026-11-20", "112-о")],
        3: by_key[(1, "2026-10-01", None)],
        4: by_key[(2, "2026-11-21", "5")],
        5: None,
    }
    downgrade(url, "0008")
    with sqlite3.connect(path) as db:
        pairs = db.execute("SELECT id, order_date, order_number FROM mentorship").fetchall()
        schools = db.execute(
            "SELECT id, pairs_order_date, pairs_order_number FROM school"
        ).fetchall()
    assert sorted(pairs)[1] == (2, "2026-11-20", "112-о") and sorted(pairs)[4] == (5, None, None)
    assert sorted(schools) == [(1, "2026-11-20", "112-о"), (2, "2026-11-21", "5")]
