"""Processed update ids: the de-duplication of redelivered updates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProcessedUpdate


class UpdatesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def seen(self, update_id: int) -> bool:
        result = await self._session.execute(
            select(ProcessedUpdate.update_id).where(ProcessedUpdate.update_id == update_id)
        )
        return result.first() is not None

    def mark(self, update_id: int, now: datetime) -> None:
        self._session.add(ProcessedUpdate(update_id=update_id, processed_at=now))

    async def forget_before(self, moment: datetime) -> int:
        result = await self._session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < moment)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
