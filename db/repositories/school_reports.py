"""Reads for the curator's school files: the pairs of a school year with all their people, their
meetings, programs and plans; a few queries each, whatever the number of pairs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person
from db.models_mentoring import Meeting, Mentorship, MentorshipMentee, PlanItem, Program
from db.models_registry import PairsOrder


@dataclass(frozen=True, slots=True)
class YearPair:
    """A pair that worked in the school year, with every mentee it had (also those who left)."""

    mentorship: Mentorship
    mentor: Person
    mentees: tuple[Person, ...]
    order: PairsOrder | None = None
    """The approving order, if entered."""


def active_in(school_year: int, first_day: date, last_day: date) -> ColumnElement[bool]:
    """Pairs of the school year: started in it, or started before and not ended before it."""
    since = datetime.combine(first_day, time(0), UTC)
    return or_(
        Mentorship.school_year == school_year,
        and_(
            Mentorship.start_date.is_not(None),
            Mentorship.start_date <= last_day,
            or_(Mentorship.ended_at.is_(None), Mentorship.ended_at >= since),
        ),
    )


class SchoolReportsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def pairs(
        self, school_ids: Sequence[int], school_year: int, first_day: date, last_day: date
    ) -> list[YearPair]:
        """Two queries: the pairs with their mentors, then every mentee link of those pairs."""
        if not school_ids:
            return []
        rows = (
            await self._session.execute(
                select(Mentorship, Person, PairsOrder)
                .join(Person, Person.id == Mentorship.mentor_id)
                .outerjoin(PairsOrder, PairsOrder.id == Mentorship.order_id)
                .where(
                    Mentorship.school_id.in_(school_ids),
                    active_in(school_year, first_day, last_day),
                )
                .order_by(Person.full_name, Mentorship.id)
            )
        ).all()
        ids = [m.id for m, _, _ in rows]
        mentees: dict[int, list[Person]] = {}
        if ids:
            for pair_id, person in await self._session.execute(
                select(MentorshipMentee.mentorship_id, Person)
                .join(Person, Person.id == MentorshipMentee.mentee_id)
                .where(MentorshipMentee.mentorship_id.in_(ids))
                .order_by(MentorshipMentee.id)
            ):
                mentees.setdefault(pair_id, []).append(person)
        return [
            YearPair(m, mentor, tuple(mentees.get(m.id, ())), order) for m, mentor, order in rows
        ]

    async def meetings(
        self, mentorship_ids: Sequence[int], first_day: date, last_day: date
    ) -> list[Meeting]:
        if not mentorship_ids:
            return []
        rows = await self._session.execute(
            select(Meeting)
            .where(
                Meeting.mentorship_id.in_(mentorship_ids),
                Meeting.held_on >= first_day,
                Meeting.held_on <= last_day,
            )
            .order_by(Meeting.held_on, Meeting.id)
        )
        return list(rows.scalars())

    async def programs(
        self, mentorship_ids: Sequence[int]
    ) -> tuple[dict[int, Program], dict[int, list[PlanItem]]]:
        """Programs by mentorship id and their plan items by program id: two queries."""
        if not mentorship_ids:
            return {}, {}
        programs = {
            p.mentorship_id: p
            for p in (
                await self._session.execute(
                    select(Program).where(Program.mentorship_id.in_(mentorship_ids))
                )
            ).scalars()
        }
        items: dict[int, list[PlanItem]] = {}
        if programs:
            for item in (
                await self._session.execute(
                    select(PlanItem)
                    .where(PlanItem.program_id.in_([p.id for p in programs.values()]))
                    .order_by(PlanItem.program_id, PlanItem.position, PlanItem.id)
                )
            ).scalars():
                items.setdefault(item.program_id, []).append(item)
        return programs, items
