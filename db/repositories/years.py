"""School-year closures: the closures, the pairs they touch, and the bulk changes they make."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import EndReason, MentorshipStatus
from db.models import School
from db.models_mentoring import Mentorship, MentorshipMentee
from db.models_years import SchoolYearClosure


class YearsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def closures(self, municipality_id: int) -> list[SchoolYearClosure]:
        rows = await self._session.execute(
            select(SchoolYearClosure)
            .where(SchoolYearClosure.municipality_id == municipality_id)
            .order_by(SchoolYearClosure.school_year)
        )
        return list(rows.scalars())

    async def add_closure(self, closure: SchoolYearClosure) -> None:
        self._session.add(closure)
        await self._session.flush()

    async def active_pairs(
        self, municipality_id: int, up_to_year: int
    ) -> list[tuple[int, int, int]]:
        """(mentorship id, its school year, its school) of the municipality's active pairs of the
        year or earlier: pairs approved later are not the closed year's."""
        rows = await self._session.execute(
            select(Mentorship.id, Mentorship.school_year, Mentorship.school_id)
            .join(School, School.id == Mentorship.school_id)
            .where(
                School.municipality_id == municipality_id,
                Mentorship.status == MentorshipStatus.ACTIVE,
                Mentorship.school_year <= up_to_year,
            )
            .order_by(Mentorship.id)
        )
        return [(pair_id, year, school_id) for pair_id, year, school_id in rows]

    async def carry(self, ids: Sequence[int], to_year: int) -> None:
        if ids:
            await self._session.execute(
                update(Mentorship)
                .where(Mentorship.id.in_(ids))
                .values(school_year=to_year)
                .execution_options(synchronize_session=False)
            )

    async def complete(self, ids: Sequence[int], now: datetime) -> None:
        """The programs are completed; every current mentee leaves the pair."""
        if not ids:
            return
        await self._session.execute(
            update(Mentorship)
            .where(Mentorship.id.in_(ids))
            .values(
                status=MentorshipStatus.COMPLETED,
                ended_at=now,
                end_reason=EndReason.PLAN_COMPLETED,
            )
            .execution_options(synchronize_session=False)
        )
        await self._session.execute(
            update(MentorshipMentee)
            .where(MentorshipMentee.mentorship_id.in_(ids), MentorshipMentee.left_at.is_(None))
            .values(left_at=now, end_reason=EndReason.PLAN_COMPLETED)
            .execution_options(synchronize_session=False)
        )
