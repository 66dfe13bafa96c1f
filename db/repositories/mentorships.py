"""Mentorships (pairs and groups) and their mentee links."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import EndReason, MentorshipStatus
from db.models_mentoring import Mentorship, MentorshipMentee


class MentorshipsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, mentorship: Mentorship, mentee_ids: Sequence[int]) -> Mentorship:
        self._session.add(mentorship)
        await self._session.flush()
        for mentee_id in mentee_ids:
            self._session.add(
                MentorshipMentee(
                    mentorship_id=mentorship.id,
                    mentee_id=mentee_id,
                    joined_on=mentorship.start_date,
                )
            )
        await self._session.flush()
        return mentorship

    async def get(self, mentorship_id: int) -> Mentorship | None:
        return await self._session.get(Mentorship, mentorship_id)

    async def mentee_ids(self, mentorship_id: int) -> list[int]:
        rows = await self._session.execute(
            select(MentorshipMentee.mentee_id)
            .where(
                MentorshipMentee.mentorship_id == mentorship_id, MentorshipMentee.left_at.is_(None)
            )
            .order_by(MentorshipMentee.id)
        )
        return list(rows.scalars())

    async def bad_fit_couples(self, school_ids: Sequence[int]) -> set[tuple[int, int]]:
        """(mentor person id, mentee person id) couples that already ended as a bad fit."""
        rows = await self._session.execute(
            select(Mentorship.mentor_id, MentorshipMentee.mentee_id)
            .join(MentorshipMentee, MentorshipMentee.mentorship_id == Mentorship.id)
            .where(
                Mentorship.school_id.in_(school_ids),
                (MentorshipMentee.end_reason == EndReason.BAD_FIT)
                | (Mentorship.end_reason == EndReason.BAD_FIT),
            )
        )
        return {(mentor, mentee) for mentor, mentee in rows}

    async def open_load(self, mentor_ids: Sequence[int]) -> dict[int, int]:
        """How many mentees each mentor has in proposed or active mentorships (capacity use)."""
        rows = await self._session.execute(
            select(Mentorship.mentor_id, MentorshipMentee.mentee_id)
            .join(MentorshipMentee, MentorshipMentee.mentorship_id == Mentorship.id)
            .where(
                Mentorship.mentor_id.in_(mentor_ids),
                Mentorship.status.in_([MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE]),
                MentorshipMentee.left_at.is_(None),
            )
        )
        load: dict[int, int] = {}
        for mentor_id, _ in rows:
            load[mentor_id] = load.get(mentor_id, 0) + 1
        return load

    async def open_mentee_ids(self, school_id: int) -> set[int]:
        """Mentees of the school who are already in a proposed or active mentorship."""
        rows = await self._session.execute(
            select(MentorshipMentee.mentee_id)
            .join(Mentorship, MentorshipMentee.mentorship_id == Mentorship.id)
            .where(
                Mentorship.school_id == school_id,
                Mentorship.status.in_([MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE]),
                MentorshipMentee.left_at.is_(None),
            )
        )
        return set(rows.scalars())
