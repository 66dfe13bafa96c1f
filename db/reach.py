"""Whether the database can serve: an outage that will pass, or a mistake to say in one line.

Two callers: the start-up (`wait_for_database`: wait for a database that is still starting, stop
with one line for one that cannot work), and an update's failure (`database_outage`: the same
update may succeed later, so it is redelivered rather than acknowledged).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import socket
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy import exc, text
from sqlalchemy.engine import make_url

from db.engine import create_engine

log = logging.getLogger(__name__)

STARTUP_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
"""Waits between attempts to reach the database at start (as for Telegram); the last repeats."""

_PASSING_SQLSTATES = (
    "08",  # connection exception
    "53",  # insufficient resources: too many connections, disk full
    "57P",  # operator intervention: shutting down, starting up ("cannot connect now")
    "40001",  # serialization failure
    "40P01",  # deadlock detected
)
_PASSING_SQLITE = {5, 6, 10, 13}  # SQLITE_BUSY, _LOCKED, _IOERR, _FULL
_NETWORK_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.ECONNABORTED,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ETIMEDOUT,
    errno.EPIPE,
}


class DatabaseUnusable(Exception):
    """The database answered, and the answer will not change by waiting: one line says why."""


def safe_url(url: str) -> str:
    """The URL as it may be printed: the password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlstate(error: BaseException) -> str | None:
    for candidate in (error, getattr(error, "orig", None), error.__cause__):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str):
            return code
    return None


def network_failure(error: BaseException) -> bool:
    """A connection that could not be made or was lost (not a missing file or a bad path)."""
    if isinstance(error, ConnectionError | TimeoutError | socket.gaierror):
        return True
    if isinstance(error, OSError):
        # asyncio's connect to every address of a name: "Multiple exceptions: [Errno 111] …"
        return error.errno in _NETWORK_ERRNOS or str(error).startswith("Multiple exceptions")
    return False


def database_outage(error: BaseException) -> bool:
    """The database could not serve the work now; the same work may succeed once it is back."""
    if network_failure(error):
        return True
    if isinstance(error, exc.TimeoutError | exc.DisconnectionError):  # pool exhausted, lost
        return True
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    code = _sqlstate(error)
    if code is not None:
        return code.startswith(_PASSING_SQLSTATES)
    orig = getattr(error, "orig", None)
    sqlite_code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(sqlite_code, int):
        return sqlite_code & 0xFF in _PASSING_SQLITE
    # asyncpg's "connection is closed" and the like carry no SQLSTATE
    return isinstance(error, exc.InterfaceError) or (
        isinstance(error, exc.DBAPIError) and orig is not None and network_failure(orig)
    )


def _first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def describe_unusable(url: str, error: BaseException) -> str:
    parsed = make_url(url)
    where = safe_url(url)
    code = _sqlstate(error)
    if code == "3D000":
        return (
            f"database {parsed.database!r} does not exist on {parsed.host}:{parsed.port or 5432} "
            f"(DATABASE_URL={where}): create it or correct DATABASE_URL"
        )
    if code in {"28P01", "28000"}:
        return f"the database refused the login (DATABASE_URL={where}): {_first_line(error)}"
    return f"cannot use the database (DATABASE_URL={where}): {_first_line(error)}"


async def _ping(url: str) -> None:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()


async def wait_for_database(
    url: str,
    stop: asyncio.Event | None = None,
    *,
    delays: Sequence[float] = STARTUP_DELAYS,
    ping: Callable[[str], Awaitable[None]] = _ping,
) -> bool:
    """True once the database answers; waits (one line per attempt) while it cannot yet;
    False if `stop` was set (SIGTERM) before it answered. Raises `DatabaseUnusable` for what
    waiting will not mend (no such database, a refused login, a file that cannot be opened)."""
    stop = stop or asyncio.Event()
    attempt = 0
    while True:
        attempt += 1
        try:
            await ping(url)
            if attempt > 1:
                log.info("the database answered at attempt %d", attempt)
            return True
        except Exception as error:
            if not database_outage(error):
                raise DatabaseUnusable(describe_unusable(url, error)) from None
            delay = delays[min(attempt, len(delays)) - 1]
            log.warning(
                "the database is not reachable yet (DATABASE_URL=%s: %s): "
                "attempt %d, next in %.0f s",
                safe_url(url),
                _first_line(error),
                attempt,
                delay,
            )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        if stop.is_set():
            log.info("stopped before the database answered")
            return False
