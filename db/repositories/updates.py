"""Processed update keys (messenger, update id): the de-duplication of redelivered updates."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import OutboxStatus
from bot.domain.messengers import Messenger
from db.models import ProcessedUpdate
from db.models_mentoring import OutboxMessage
from db.repositories.sql import core_rows
from db.trips import COMMIT_AFTER

_PROCESSED = cast(Table, ProcessedUpdate.__table__)
_MARK = insert(_PROCESSED).values(
    messenger=bindparam("messenger"),
    update_id=bindparam("update_id"),
    processed_at=bindparam("processed_at"),
)
"""Built once: every update runs it (see db/repositories/people.py on statement building)."""
_MARK_AND_COMMIT = _MARK.prefix_with(COMMIT_AFTER)
"""The same as the transaction's last statement: on SQLite committed in the same trip to the
database's thread; on PostgreSQL, after reads only, run without BEGIN and COMMIT (db/trips.py)."""


class UpdatesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def seen(self, messenger: Messenger, update_id: int) -> bool:
        result = await self._session.execute(
            select(ProcessedUpdate.update_id).where(
                ProcessedUpdate.messenger == messenger, ProcessedUpdate.update_id == update_id
            )
        )
        return result.first() is not None

    async def mark(
        self, messenger: Messenger, update_id: int, now: datetime, *, last: bool = False
    ) -> None:
        """A plain INSERT on the session's connection: the ORM's flush machinery and its
        per-statement setup cost more than the statement itself.
        `last`: nothing else is written before the commit that follows at once."""
        parameters = {"messenger": messenger, "update_id": update_id, "processed_at": now}
        await core_rows(self._session, _MARK_AND_COMMIT if last else _MARK, parameters)

    async def forget_before(self, moment: datetime) -> int:
        result = await self._session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < moment)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def ping(self) -> None:
        await self._session.execute(select(1))

    async def outbox_backlog(self, now: datetime) -> int:
        result = await self._session.execute(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.due_at <= now)
        )
        return int(result.scalar_one())
