"""The municipal registry: events, and the per-school figures the official forms need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import MentorshipStatus
from bot.domain.roles import Role
from db.models import Person, RoleGrant
from db.models_mentoring import Mentorship
from db.models_registry import MethodEventRecord


class RegistryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_event(self, event: MethodEventRecord) -> MethodEventRecord:
        self._session.add(event)
        await self._session.flush()
        return event

    async def get_event(self, event_id: int) -> MethodEventRecord | None:
        return await self._session.get(MethodEventRecord, event_id)

    async def delete_event(self, event: MethodEventRecord) -> None:
        await self._session.delete(event)

    async def events(
        self, school_ids: Sequence[int], first: date | None = None, last: date | None = None
    ) -> list[MethodEventRecord]:
        stmt = select(MethodEventRecord).where(MethodEventRecord.school_id.in_(school_ids))
        if first is not None:
            stmt = stmt.where(MethodEventRecord.held_on >= first)
        if last is not None:
            stmt = stmt.where(MethodEventRecord.held_on <= last)
        rows = await self._session.execute(
            stmt.order_by(MethodEventRecord.held_on, MethodEventRecord.id)
        )
        return list(rows.scalars())

    async def pair_counts(
        self, school_ids: Sequence[int], first: date, last: date
    ) -> dict[int, tuple[int, int]]:
        """Per school: (pairs and groups that worked during the period, programs completed in it).

        One grouped query: a mentorship counts when it had started by the period's end and had not
        ended before its start; a completed program counts when it ended inside the period.
        """
        start = datetime.combine(first, time.min, tzinfo=UTC)
        end = datetime.combine(last, time.max, tzinfo=UTC)
        worked = (
            Mentorship.status.in_(
                [MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY]
            )
            & (Mentorship.start_date <= last)
            & (Mentorship.ended_at.is_(None) | (Mentorship.ended_at >= start))
        )
        completed = (
            (Mentorship.status == MentorshipStatus.COMPLETED)
            & (Mentorship.ended_at >= start)
            & (Mentorship.ended_at <= end)
        )
        rows = await self._session.execute(
            select(
                Mentorship.school_id,
                func.count().filter(worked),
                func.count().filter(completed),
            )
            .where(Mentorship.school_id.in_(school_ids))
            .group_by(Mentorship.school_id)
        )
        return {school_id: (int(pairs), int(done)) for school_id, pairs, done in rows}

    async def curator_names(self, school_ids: Sequence[int]) -> dict[int, str]:
        """The (first appointed, still active) curator's name per school, in one query."""
        rows = await self._session.execute(
            select(RoleGrant.school_id, Person.full_name)
            .join(Person, Person.id == RoleGrant.person_id)
            .where(
                RoleGrant.school_id.in_(school_ids),
                RoleGrant.role == Role.CURATOR,
                RoleGrant.revoked_at.is_(None),
                Person.full_name.is_not(None),
            )
            .order_by(RoleGrant.id)
        )
        names: dict[int, str] = {}
        for school_id, full_name in rows:
            if school_id is not None and full_name is not None:
                names.setdefault(school_id, full_name)
        return names
