"""Certificate requests and what a certificate of mentoring activity states about a mentor."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import MeetingStatus, MentorshipStatus
from db.models import Person, School
from db.models_mentoring import Meeting, Mentorship, MentorshipMentee
from db.models_years import CertificateRequest
from db.repositories.school_reports import YearPair


class CertificatesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, request: CertificateRequest) -> CertificateRequest:
        self._session.add(request)
        await self._session.flush()
        return request

    async def get(self, request_id: int) -> CertificateRequest | None:
        return await self._session.get(CertificateRequest, request_id)

    async def mentor_schools(self, mentor_id: int) -> list[tuple[int, str]]:
        """(id, short name) of the schools where the person mentored an approved pair (any
        state but proposed), by name: one query."""
        rows = await self._session.execute(
            select(School.id, School.short_name)
            .join(Mentorship, Mentorship.school_id == School.id)
            .where(
                Mentorship.mentor_id == mentor_id,
                Mentorship.status != MentorshipStatus.PROPOSED,
            )
            .distinct()
            .order_by(School.short_name, School.id)
        )
        return [(school_id, name) for school_id, name in rows]

    async def pending_school_ids(self, mentor_id: int) -> set[int]:
        """Schools where a certificate request of the mentor is still waiting for its curator."""
        rows = await self._session.execute(
            select(CertificateRequest.school_id).where(
                CertificateRequest.mentor_id == mentor_id, CertificateRequest.status == "pending"
            )
        )
        return set(rows.scalars())

    async def mentor_pairs(self, mentor_id: int, school_id: int) -> list[YearPair]:
        """The mentor's approved pairs in the school, with every mentee they had: two queries."""
        rows = (
            await self._session.execute(
                select(Mentorship, Person)
                .join(Person, Person.id == Mentorship.mentor_id)
                .where(
                    Mentorship.mentor_id == mentor_id,
                    Mentorship.school_id == school_id,
                    Mentorship.status != MentorshipStatus.PROPOSED,
                )
                .order_by(Mentorship.start_date, Mentorship.id)
            )
        ).all()
        ids = [m.id for m, _ in rows]
        mentees: dict[int, list[Person]] = {}
        if ids:
            for pair_id, person in await self._session.execute(
                select(MentorshipMentee.mentorship_id, Person)
                .join(Person, Person.id == MentorshipMentee.mentee_id)
                .where(MentorshipMentee.mentorship_id.in_(ids))
                .order_by(MentorshipMentee.id)
            ):
                mentees.setdefault(pair_id, []).append(person)
        return [YearPair(m, p, tuple(mentees.get(m.id, ()))) for m, p in rows]

    async def confirmed_meetings(self, mentorship_ids: Sequence[int]) -> dict[int, int]:
        if not mentorship_ids:
            return {}
        rows = await self._session.execute(
            select(Meeting.mentorship_id, func.count(Meeting.id))
            .where(
                Meeting.mentorship_id.in_(mentorship_ids),
                Meeting.status == MeetingStatus.CONFIRMED,
            )
            .group_by(Meeting.mentorship_id)
        )
        return {pair_id: int(count) for pair_id, count in rows}
