"""SQLite through aiosqlite with one trip to its thread per statement instead of four.

aiosqlite runs sqlite3 in a thread of its own; every call crosses to it and back (a queue, the
GIL, a wake-up of the event loop). SQLAlchemy's adapter makes four such calls per SELECT (open a
cursor, execute, fetch all, close) and three per write, which made those crossings most of the
CPU time of a light update. This cursor runs the four steps in one call. It plugs in through
`create_async_engine(module=...)`, SQLAlchemy's public way to give a dialect another DBAPI
module; the rest of the dialect (pooling, transactions, server-side cursors) is unchanged.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

from db.trips import COMMIT_AFTER

_Outcome = tuple[Any, int, int | None, list[Any], bool]


def _execute(connection: sqlite3.Connection, operation: str, parameters: Any) -> _Outcome:
    """In aiosqlite's thread: the whole statement, its rows read before the cursor closes."""
    cursor = connection.cursor()
    try:
        if parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        rows = cursor.fetchall() if cursor.description else []
        if COMMIT_AFTER in operation[:40]:
            connection.commit()
        return (
            cursor.description,
            cursor.rowcount,
            cursor.lastrowid,
            rows,
            connection.in_transaction,
        )
    finally:
        cursor.close()


def _executemany(connection: sqlite3.Connection, operation: str, parameters: Any) -> _Outcome:
    cursor = connection.cursor()
    try:
        cursor.executemany(operation, parameters)
        return cursor.description, cursor.rowcount, cursor.lastrowid, [], connection.in_transaction
    finally:
        cursor.close()


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A client-side cursor holding the outcome of its last statement; nothing open in the
    thread between statements, so closing it costs no trip either."""

    __slots__ = ("_arraysize", "_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> Any:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    async def _async_soft_close(self) -> None:
        """The rows and the description are already here: nothing to close in the thread."""

    def close(self) -> None:
        self._rows.clear()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        try:
            return await_(self._trip(_execute, operation, parameters))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        try:
            return await_(self._trip(_executemany, operation, seq_of_parameters))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    async def _trip(
        self, step: Callable[[sqlite3.Connection, str, Any], _Outcome], operation: str, args: Any
    ) -> None:
        connection: Any = self._connection  # aiosqlite.Connection: its queue to the thread
        adapted: OneTripConnection = self._adapt_connection  # type: ignore[assignment]
        async with adapted._execute_mutex:
            try:
                outcome: _Outcome = await connection._execute(
                    step, connection._conn, operation, args
                )
            except BaseException:
                adapted._in_transaction = True  # unknown: the next commit or rollback goes through
                raise
        self._description, self._rowcount, self._lastrowid, rows, adapted._in_transaction = outcome
        self._rows = collections.deque(rows)

    def nextset(self) -> None:
        """sqlite3 returns one result set per statement."""

    def setinputsizes(self, *inputsizes: Any) -> None:
        """sqlite3 ignores input sizes."""


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """Knows, from its last statement, whether sqlite3 holds a transaction open: a commit or a
    rollback without one (the pool's reset when a session ends after its commit, a read-only
    session's end) is a no-op in sqlite3 and skips the trip to the thread."""

    __slots__ = ("_in_transaction",)
    _cursor_cls = OneTripCursor  # type: ignore[assignment]

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self._in_transaction = True  # not known yet

    def commit(self) -> None:
        if self._in_transaction:
            super().commit()
            self._in_transaction = False

    def rollback(self) -> None:
        if self._in_transaction:
            super().rollback()
            self._in_transaction = False


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> AsyncAdapt_aiosqlite_connection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def one_trip_dbapi() -> OneTripDBAPI:
    return OneTripDBAPI(aiosqlite, sqlite3)
