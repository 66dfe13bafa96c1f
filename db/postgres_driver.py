# SQLAlchemy's asyncpg adapter is not typed: its calls are untyped calls.
# mypy: disable-error-code="no-untyped-call"
"""PostgreSQL through asyncpg with BEGIN sent only when the transaction first needs it.

SQLAlchemy's asyncpg adapter sends BEGIN before a connection's first statement and COMMIT or
ROLLBACK at the end: two round trips around every unit of work, more than most updates' own
statements. Under READ COMMITTED (the default, and the only level this project uses) every
statement reads its own snapshot whether or not a transaction is open, so a plain read outside
a transaction sees what it would see inside one. This cursor therefore runs plain reads without
BEGIN while nothing is written; the first write, locking read (FOR UPDATE …) or advisory lock
begins the transaction as before, and what follows is inside it. A transaction's last write
marked `COMMIT_AFTER` (an update's key) runs alone, without BEGIN and COMMIT, when nothing was
written before it; the commit SQLAlchemy then asks for finds no transaction and costs no trip.
It plugs in through `create_async_engine(module=...)`, as the SQLite driver does.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.dialects.postgresql.asyncpg import (
    AsyncAdapt_asyncpg_connection,
    AsyncAdapt_asyncpg_cursor,
    AsyncAdapt_asyncpg_dbapi,
)
from sqlalchemy.util.concurrency import await_

from db.trips import COMMIT_AFTER

_NEEDS_TRANSACTION = re.compile(
    r"\bFOR\s+(NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b|pg_advisory|nextval|setval|set_config",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1024)
def outside_transaction(operation: str) -> bool:
    """Whether `operation` may run before BEGIN: a plain read, or a unit of work's last write
    (then alone: nothing was written before it)."""
    if COMMIT_AFTER in operation[:40]:  # `prefix_with` writes it after the verb
        return True
    return operation.startswith("SELECT") and _NEEDS_TRANSACTION.search(operation) is None


class DeferredBeginCursor(AsyncAdapt_asyncpg_cursor):
    __slots__ = ()

    async def _prepare_and_execute(self, operation: Any, parameters: Any) -> None:
        adapted: DeferredBeginConnection = self._adapt_connection  # type: ignore[assignment]
        adapted.defer_begin = outside_transaction(operation)
        try:
            await super()._prepare_and_execute(operation, parameters)
        finally:
            adapted.defer_begin = False


class DeferredBeginConnection(AsyncAdapt_asyncpg_connection):
    __slots__ = ("defer_begin",)
    _cursor_cls = DeferredBeginCursor

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.defer_begin = False

    async def _start_transaction(self) -> None:
        if not self.defer_begin:
            await super()._start_transaction()


class DeferredBeginDBAPI(AsyncAdapt_asyncpg_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> AsyncAdapt_asyncpg_connection:
        creator_fn = kw.pop("async_creator_fn", self.asyncpg.connect)
        cache_size = kw.pop("prepared_statement_cache_size", 100)
        name_func = kw.pop("prepared_statement_name_func", None)
        return await_(
            DeferredBeginConnection.create(
                self,
                creator_fn(*arg, **kw),
                prepared_statement_cache_size=cache_size,
                prepared_statement_name_func=name_func,
            )
        )


def deferred_begin_dbapi() -> DeferredBeginDBAPI:
    return DeferredBeginDBAPI(asyncpg)
