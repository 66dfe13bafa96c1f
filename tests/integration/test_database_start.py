"""Replicas meeting their database at start: several at once, one too early, one misdirected."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("TEST_DATABASE_URL")
needs_postgres = pytest.mark.skipif(not PG_URL, reason="PostgreSQL start-up needs it")


def _env(database_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "DATABASE_", "WEBHOOK_", "REDIS_"))
    }
    env.update(DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    return env


async def _cli(*args: str, database_url: str, cwd: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=_env(database_url),
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=180)
    assert process.returncode is not None
    return process.returncode, out.decode(errors="replace"), err.decode(errors="replace")


async def _admin(sql: str) -> None:
    import asyncpg

    assert PG_URL is not None
    url = make_url(PG_URL).set(drivername="postgresql", database="postgres")
    conn = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture
async def fresh_database() -> AsyncIterator[str]:
    """An empty PostgreSQL database of this test's own, next to the test database."""
    assert PG_URL is not None
    name = f"{make_url(PG_URL).database}_start_{uuid.uuid4().hex[:8]}"
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_MIGRATE_AT_SIGNAL = """
import sys, time
from pathlib import Path
from db.migrate import upgrade
start = Path(sys.argv[2])
while not start.exists():  # every replica imported and ready: they begin at the same moment
    time.sleep(0.01)
upgrade(sys.argv[1])
"""


@needs_postgres
async def test_replicas_started_together_on_an_empty_database_all_migrate(
    fresh_database: str, tmp_path: Path
) -> None:
    start = tmp_path / "go"
    replicas = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            _MIGRATE_AT_SIGNAL,
            fresh_database,
            str(start),
            env=_env(fresh_database),
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(4)
    ]
    await asyncio.sleep(3)  # imports done (a replica that is late only makes the race easier)
    start.touch()
    for replica in replicas:
        _, err = await asyncio.wait_for(replica.communicate(), timeout=180)
        assert replica.returncode == 0, err.decode(errors="replace")[-2000:]
    import asyncpg

    url = make_url(fresh_database).set(drivername="postgresql")
    conn = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        versions = await conn.fetch("SELECT version_num FROM alembic_version")
        people = await conn.fetchval("SELECT count(*) FROM person")
    finally:
        await conn.close()
    assert len(versions) == 1 and people == 0
