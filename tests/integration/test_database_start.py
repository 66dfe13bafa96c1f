"""Replicas meeting their database at start: several at once, one too early, one misdirected."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.e2e.tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("TEST_DATABASE_URL")
needs_postgres = pytest.mark.skipif(not PG_URL, reason="PostgreSQL start-up needs it")


def _env(database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "DATABASE_", "WEBHOOK_", "REDIS_"))
    }
    env.update(DATABASE_URL=database_url, PYTHONPATH=str(ROOT), **(extra or {}))
    return env


async def _cli(
    *args: str, database_url: str, cwd: Path, extra: dict[str, str] | None = None
) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=_env(database_url, extra),
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


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@needs_postgres
async def test_a_database_that_does_not_exist_is_named_in_one_line(tmp_path: Path) -> None:
    assert PG_URL is not None
    name = f"{make_url(PG_URL).database}_missing_{uuid.uuid4().hex[:6]}"
    url = make_url(PG_URL).set(database=name, password="s3cret")
    code, _, err = await _cli(
        database_url=url.render_as_string(hide_password=False),
        cwd=tmp_path,
        extra={"BOT_TOKEN": "123456:E2E-TOKEN-abcdefghijklmnopqrstuvwxyz"},
    )  # the replica's default command: `run`
    assert code != 0
    line = _one_line(err)
    assert f"database '{name}' does not exist" in line
    assert url.render_as_string(hide_password=True) in line and "s3cret" not in line


async def test_a_database_file_that_cannot_be_opened_is_named_in_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    url = f"sqlite+aiosqlite:///{blocker}/bot.db"
    code, _, err = await _cli("migrate", database_url=url, cwd=tmp_path)
    assert code != 0
    line = _one_line(err)
    assert line.startswith("error: ") and url in line


@needs_postgres
async def test_a_database_still_starting_is_waited_for(fresh_database: str, tmp_path: Path) -> None:
    """Nothing listens yet: the replica says so in one line per attempt, then migrates."""
    parsed = make_url(fresh_database)
    probe = TcpProxy(parsed.host or "127.0.0.1", parsed.port or 5432)
    await probe.start()  # a free port for the database to appear on later
    await probe.cut()
    late = parsed.set(host="127.0.0.1", port=probe.port).render_as_string(hide_password=False)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "migrate",
        env=_env(late),
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    waiting = (await asyncio.wait_for(process.stderr.readline(), timeout=120)).decode()
    assert "the database is not reachable yet" in waiting and "attempt 1" in waiting, waiting
    proxy = TcpProxy(parsed.host or "127.0.0.1", parsed.port or 5432, port=probe.port)
    await proxy.start()  # the database is up
    try:
        _, rest = await asyncio.wait_for(process.communicate(), timeout=180)
    finally:
        await proxy.cut()
    assert process.returncode == 0, rest.decode()
    assert "Traceback" not in rest.decode()
    import asyncpg

    conn = await asyncpg.connect(parsed.set(drivername="postgresql").render_as_string(False))
    try:
        assert len(await conn.fetch("SELECT version_num FROM alembic_version")) == 1
    finally:
        await conn.close()


async def test_sigterm_while_waiting_for_the_database_stops_cleanly(tmp_path: Path) -> None:
    """As while waiting for Telegram: the stop is obeyed at once, without a traceback."""
    probe = TcpProxy("127.0.0.1", 1)
    await probe.start()  # a free port nobody listens on
    await probe.cut()
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{probe.port}/nowhere"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env=_env(url, {"BOT_TOKEN": "123456:E2E-TOKEN-abcdefghijklmnopqrstuvwxyz"}),
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    waiting = (await asyncio.wait_for(process.stderr.readline(), timeout=120)).decode()
    assert "the database is not reachable yet" in waiting, waiting
    process.send_signal(signal.SIGTERM)  # the replica's own process, as `docker stop` does
    _, rest = await asyncio.wait_for(process.communicate(), timeout=30)
    output = waiting + rest.decode(errors="replace")
    assert process.returncode == 0, output
    assert "stopped before the database answered" in output and "Traceback" not in output
