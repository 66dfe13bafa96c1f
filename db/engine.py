"""Engine and session factory, with SQLite tuned for a bot: WAL, foreign keys, a busy timeout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from db.sqlite_driver import one_trip_dbapi

SQLITE_BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of an SQLite file, so that the zero-set-up default just works."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def create_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    ensure_sqlite_dir(url)
    if url.startswith("sqlite"):
        # One trip to aiosqlite's thread per statement (db/sqlite_driver.py) instead of four.
        # A file's pool is sized as PostgreSQL's: an update may hold two connections (its unit of
        # work and a conversation-state write), and a connection opened past the pool is a new
        # thread and file handle, closed again when it is returned.
        pool: dict[str, Any] = {}
        if make_url(url).database not in (None, "", ":memory:"):
            pool = {"pool_size": pool_size, "max_overflow": pool_size}
        engine = create_async_engine(url, module=one_trip_dbapi(), **pool)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
