"""Mentorships (pairs and groups) and their mentee links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import EndReason, MentorshipStatus
from db.models import Person
from db.models_mentoring import Mentorship, MentorshipMentee


def finished_link() -> ColumnElement[bool]:
    """`bot.domain.mentorship.finished_program` of a mentee link joined with its mentorship, not
    yet put back in the bank: the mentee completed that program and waits for no new mentor."""
    return (
        (Mentorship.status == MentorshipStatus.COMPLETED)
        & (MentorshipMentee.end_reason == EndReason.PLAN_COMPLETED)
        & MentorshipMentee.rebanked_at.is_(None)
    )


class MentorshipsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, mentorship: Mentorship, mentee_ids: Sequence[int]) -> Mentorship:
        """The mentorship with its mentees; a mentee who had completed a program is back in the
        bank by being paired again (the curator chose them)."""
        self._session.add(mentorship)
        await self._session.flush()
        if mentee_ids:
            await self._session.execute(
                update(MentorshipMentee)
                .where(
                    MentorshipMentee.mentee_id.in_(mentee_ids),
                    MentorshipMentee.rebanked_at.is_(None),
                    MentorshipMentee.end_reason == EndReason.PLAN_COMPLETED,
                )
                .values(rebanked_at=mentorship.created_at)
                .execution_options(synchronize_session=False)
            )
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

    async def finished_mentee_ids(self, school_id: int) -> set[int]:
        """Mentees of the school's completed programs not put back in the bank (not matched)."""
        rows = await self._session.execute(
            select(MentorshipMentee.mentee_id)
            .join(Mentorship, MentorshipMentee.mentorship_id == Mentorship.id)
            .where(Mentorship.school_id == school_id, finished_link())
        )
        return set(rows.scalars())

    async def finished_mentees(self, mentorship_id: int) -> list[tuple[int, str]]:
        """(person id, name) of the mentees who completed this program and are not back in the
        bank: the curator may put each back."""
        rows = await self._session.execute(
            select(MentorshipMentee.mentee_id, Person.full_name)
            .join(Mentorship, MentorshipMentee.mentorship_id == Mentorship.id)
            .join(Person, Person.id == MentorshipMentee.mentee_id)
            .where(MentorshipMentee.mentorship_id == mentorship_id, finished_link())
            .order_by(MentorshipMentee.id)
        )
        return [(person_id, name or "—") for person_id, name in rows]

    async def rebank(self, mentorship_id: int, mentee_id: int, now: datetime) -> bool:
        """The mentee of this completed program is back in the bank; False if they already were."""
        link = (
            await self._session.execute(
                select(MentorshipMentee)
                .join(Mentorship, MentorshipMentee.mentorship_id == Mentorship.id)
                .where(
                    MentorshipMentee.mentorship_id == mentorship_id,
                    MentorshipMentee.mentee_id == mentee_id,
                    finished_link(),
                )
            )
        ).scalar_one_or_none()
        if link is None:
            return False
        link.rebanked_at = now
        await self._session.flush()
        return True
