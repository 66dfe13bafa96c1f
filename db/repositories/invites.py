"""Invitations."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Invite


class InvitesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, invite: Invite) -> Invite:
        self._session.add(invite)
        await self._session.flush()
        return invite

    async def by_digest(self, digest: str) -> Invite | None:
        result = await self._session.execute(select(Invite).where(Invite.token_digest == digest))
        return result.scalar_one_or_none()

    async def created_by(self, person_id: int) -> list[Invite]:
        result = await self._session.execute(
            select(Invite).where(Invite.created_by_id == person_id).order_by(Invite.id)
        )
        return list(result.scalars())

    async def consume(self, invite_id: int) -> bool:
        """Count one use, atomically: two people racing for the last use cannot both win."""
        result = await self._session.execute(
            update(Invite)
            .where(Invite.id == invite_id, Invite.uses < Invite.max_uses)
            .values(uses=Invite.uses + 1)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
