"""The audit log: every change to a pair, program or meeting, with who and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models_mentoring import AuditEntry


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def record(
        self,
        *,
        actor_id: int | None,
        entity: str,
        entity_id: int,
        action: str,
        changes: dict[str, Any],
        at: datetime,
    ) -> None:
        """Added to the update's transaction: the change and its audit entry commit together."""
        self._session.add(
            AuditEntry(
                at=at,
                actor_id=actor_id,
                entity=entity,
                entity_id=entity_id,
                action=action,
                changes=changes,
            )
        )

    async def history(self, entity: str, entity_id: int) -> list[AuditEntry]:
        rows = await self._session.execute(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id)
        )
        return list(rows.scalars())
