"""Engine and session factory, with SQLite tuned for a bot: WAL, foreign keys, a busy timeout."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from db.sqlite_driver import one_trip_dbapi

SQLITE_BUSY_TIMEOUT_MS = 5000
IDLE_PING_SECONDS = 30.0
"""A pooled PostgreSQL connection unused for longer is pinged before it is handed out."""
_RETURNED = "returned_at"


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
    # BEGIN only once the unit of work first writes (db/postgres_driver.py): an update that
    # only reads, and then stores its key, costs two round trips fewer. Imported here: asyncpg
    # is 3 MB a bot on SQLite does not need.
    from db.postgres_driver import deferred_begin_dbapi

    engine = create_async_engine(
        url, module=deferred_begin_dbapi(), pool_size=pool_size, max_overflow=pool_size
    )
    event.listen(engine.sync_engine.pool, "checkin", _returned)
    event.listen(engine.sync_engine.pool, "checkout", functools.partial(_check_alive, engine))
    return engine


def _returned(_dbapi_connection: Any, record: Any) -> None:
    record.info[_RETURNED] = time.monotonic()


def _check_alive(engine: AsyncEngine, dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """Instead of `pool_pre_ping`, whose ping on asyncpg is BEGIN, a query and ROLLBACK — three
    round trips at every checkout, more than an update's own statements. A connection whose
    socket closed (the server restarted or went away: the event loop saw it close) is replaced
    at no cost; one left idle for a while, which a firewall or the server may have dropped
    silently, is pinged as before. A connection that dies in between fails its first statement,
    an outage: the update is not acknowledged and comes again (bot/messengers/telegram)."""
    returned = record.info.get(_RETURNED)
    if returned is None:  # fresh from connect
        return
    if proxy.driver_connection.is_closed():
        raise exc.InvalidatePoolError("the server closed the connection")
    if time.monotonic() - returned > IDLE_PING_SECONDS:
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.InvalidatePoolError("ping failed") from error


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
