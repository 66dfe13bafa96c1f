"""Programs and plan items, and the pair-level reads the life of a pair needs (one query each)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import MetaData, Table, func, inspect, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from bot.domain.mentorship import EndReason, MentorshipStatus
from bot.domain.roles import Role
from db.models import Municipality, Person, RoleGrant, School
from db.models_mentoring import Mentorship, MentorshipMentee, PlanItem, Program
from db.models_pair_life import TermChange


@dataclass(frozen=True, slots=True)
class PairPeople:
    """A mentorship with its people, school and time zone, loaded together."""

    mentorship: Mentorship
    mentor: Person
    mentees: tuple[Person, ...]
    timezone: str
    school_name: str
    municipality_id: int


class ProgramsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, program: Program, items: Sequence[PlanItem]) -> Program:
        self._session.add(program)
        await self._session.flush()
        for item in items:
            item.program_id = program.id
            self._session.add(item)
        await self._session.flush()
        return program

    async def of_mentorship(self, mentorship_id: int) -> Program | None:
        rows = await self._session.execute(
            select(Program).where(Program.mentorship_id == mentorship_id)
        )
        return rows.scalar_one_or_none()

    async def items(self, program_id: int) -> list[PlanItem]:
        rows = await self._session.execute(
            select(PlanItem)
            .where(PlanItem.program_id == program_id)
            .order_by(PlanItem.position, PlanItem.id)
        )
        return list(rows.scalars())

    async def item(self, item_id: int) -> PlanItem | None:
        return await self._session.get(PlanItem, item_id)

    async def add_item(self, item: PlanItem) -> PlanItem:
        self._session.add(item)
        await self._session.flush()
        return item

    async def next_position(self, program_id: int) -> int:
        value = await self._session.scalar(
            select(func.max(PlanItem.position)).where(PlanItem.program_id == program_id)
        )
        return int(value or 0) + 1

    async def pair(self, mentorship_id: int) -> PairPeople | None:
        pairs = await self.pairs([mentorship_id])
        return pairs[0] if pairs else None

    async def pairs(self, mentorship_ids: Sequence[int]) -> list[PairPeople]:
        """Mentorships with mentor, current mentees, school name and time zone: two queries."""
        if not mentorship_ids:
            return []
        rows = (
            await self._session.execute(
                select(
                    Mentorship,
                    Person,
                    School.short_name,
                    School.timezone,
                    Municipality.timezone,
                    Municipality.id,
                )
                .join(Person, Person.id == Mentorship.mentor_id)
                .join(School, School.id == Mentorship.school_id)
                .join(Municipality, Municipality.id == School.municipality_id)
                .where(Mentorship.id.in_(mentorship_ids))
                .order_by(Mentorship.id)
            )
        ).all()
        mentee_rows = (
            await self._session.execute(
                select(MentorshipMentee.mentorship_id, Person)
                .join(Person, Person.id == MentorshipMentee.mentee_id)
                .where(
                    MentorshipMentee.mentorship_id.in_(mentorship_ids),
                    MentorshipMentee.left_at.is_(None),
                )
                .order_by(MentorshipMentee.id)
            )
        ).all()
        mentees: dict[int, list[Person]] = {}
        for mentorship_id, person in mentee_rows:
            mentees.setdefault(mentorship_id, []).append(person)
        return [
            PairPeople(
                mentorship=m,
                mentor=mentor,
                mentees=tuple(mentees.get(m.id, ())),
                timezone=school_tz or municipality_tz,
                school_name=short_name,
                municipality_id=municipality_id,
            )
            for m, mentor, short_name, school_tz, municipality_tz, municipality_id in rows
        ]

    async def open_ids_of(self, person_id: int) -> list[int]:
        """Proposed or active mentorships where the person is the mentor or a current mentee."""
        rows = await self._session.execute(
            select(Mentorship.id)
            .outerjoin(MentorshipMentee, MentorshipMentee.mentorship_id == Mentorship.id)
            .where(
                Mentorship.status.in_([MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE]),
                or_(
                    Mentorship.mentor_id == person_id,
                    (MentorshipMentee.mentee_id == person_id) & MentorshipMentee.left_at.is_(None),
                ),
            )
            .distinct()
            .order_by(Mentorship.id)
        )
        return list(rows.scalars())

    async def open_ids_of_schools(self, school_ids: Sequence[int]) -> list[int]:
        rows = await self._session.execute(
            select(Mentorship.id)
            .where(
                Mentorship.school_id.in_(school_ids),
                Mentorship.status.in_([MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE]),
            )
            .order_by(Mentorship.id)
        )
        return list(rows.scalars())

    async def active_with_programs(self) -> list[tuple[Mentorship, Program]]:
        rows = await self._session.execute(
            select(Mentorship, Program)
            .join(Program, Program.mentorship_id == Mentorship.id)
            .where(Mentorship.status == MentorshipStatus.ACTIVE)
            .order_by(Mentorship.id)
        )
        return [(m, p) for m, p in rows]

    async def items_due(self, program_ids: Sequence[int], until: date) -> list[PlanItem]:
        if not program_ids:
            return []
        rows = await self._session.execute(
            select(PlanItem).where(
                PlanItem.program_id.in_(program_ids),
                PlanItem.done_at.is_(None),
                PlanItem.due_date.is_not(None),
                PlanItem.due_date <= until,
            )
        )
        return list(rows.scalars())

    async def curators_of(self, school_ids: Sequence[int]) -> dict[int, list[int]]:
        """School id → person ids of its curators (active grants)."""
        if not school_ids:
            return {}
        rows = await self._session.execute(
            select(RoleGrant.school_id, RoleGrant.person_id)
            .where(
                RoleGrant.school_id.in_(school_ids),
                RoleGrant.role == Role.CURATOR,
                RoleGrant.revoked_at.is_(None),
            )
            .order_by(RoleGrant.person_id)
        )
        result: dict[int, list[int]] = {}
        for school_id, person_id in rows:
            if school_id is not None and person_id not in result.setdefault(school_id, []):
                result[school_id].append(person_id)
        return result

    async def curated_school_timezones(self) -> dict[int, tuple[int, str]]:
        """Curator person id → (one school id, its time zone): for monitoring-date reminders."""
        rows = await self._session.execute(
            select(RoleGrant.person_id, School.id, School.timezone, Municipality.timezone)
            .join(School, School.id == RoleGrant.school_id)
            .join(Municipality, Municipality.id == School.municipality_id)
            .where(RoleGrant.role == Role.CURATOR, RoleGrant.revoked_at.is_(None))
            .order_by(RoleGrant.person_id, School.id)
        )
        result: dict[int, tuple[int, str]] = {}
        for person_id, school_id, school_tz, municipality_tz in rows:
            result.setdefault(person_id, (school_id, school_tz or municipality_tz))
        return result

    async def person_schools(self, person_id: int) -> list[int]:
        rows = await self._session.execute(
            select(RoleGrant.school_id)
            .where(
                RoleGrant.person_id == person_id,
                RoleGrant.revoked_at.is_(None),
                RoleGrant.school_id.is_not(None),
            )
            .distinct()
        )
        return [s for s in rows.scalars() if s is not None]

    async def mentee_deficits(
        self, table: str, mentee_ids: Sequence[int], answer_id: str = "deficits"
    ) -> list[str]:
        """Deficit codes the mentees chose in the intake questionnaire, if its table exists.

        The questionnaire feature is built in parallel: until its table (`person_id`, `answers`
        JSON keyed by question id) is migrated this returns [], and the program starts with goals
        the mentor and curator add by hand.
        """
        if not mentee_ids:
            return []

        def read(sync_session: Session) -> list[str]:
            connection = sync_session.connection()
            if not inspect(connection).has_table(table):
                return []
            columns = {c["name"] for c in inspect(connection).get_columns(table)}
            if not {"person_id", "answers"} <= columns:
                return []
            reflected = Table(table, MetaData(), autoload_with=connection)
            rows = connection.execute(
                select(reflected.c.answers).where(reflected.c.person_id.in_(mentee_ids))
            )
            codes: list[str] = []
            for (answers,) in rows:
                chosen = answers.get(answer_id) if isinstance(answers, dict) else None
                for code in chosen if isinstance(chosen, list) else []:
                    if isinstance(code, str) and code not in codes:
                        codes.append(code)
            return codes

        return await self._session.run_sync(read)

    async def of_mentorship_by_program(self, program_id: int) -> Program | None:
        return await self._session.get(Program, program_id)

    async def close_links(self, mentorship_id: int, reason: EndReason, now: datetime) -> None:
        """Every current mentee leaves the mentorship (and is free for rematching)."""
        await self._session.execute(
            update(MentorshipMentee)
            .where(
                MentorshipMentee.mentorship_id == mentorship_id,
                MentorshipMentee.left_at.is_(None),
            )
            .values(left_at=now, end_reason=reason)
            .execution_options(synchronize_session=False)
        )

    async def close_link(
        self, mentorship_id: int, mentee_id: int, reason: EndReason, now: datetime
    ) -> None:
        """One mentee leaves a group that goes on (and is free for rematching)."""
        await self._session.execute(
            update(MentorshipMentee)
            .where(
                MentorshipMentee.mentorship_id == mentorship_id,
                MentorshipMentee.mentee_id == mentee_id,
                MentorshipMentee.left_at.is_(None),
            )
            .values(left_at=now, end_reason=reason)
            .execution_options(synchronize_session=False)
        )

    async def statuses(self, mentorship_ids: set[int]) -> dict[int, MentorshipStatus]:
        if not mentorship_ids:
            return {}
        rows = await self._session.execute(
            select(Mentorship.id, Mentorship.status).where(Mentorship.id.in_(mentorship_ids))
        )
        return dict(rows.all())

    async def school_timezones(self, school_ids: Sequence[int]) -> dict[int, str]:
        if not school_ids:
            return {}
        rows = await self._session.execute(
            select(School.id, School.timezone, Municipality.timezone)
            .join(Municipality, Municipality.id == School.municipality_id)
            .where(School.id.in_(school_ids))
        )
        return {school_id: own or municipal for school_id, own, municipal in rows}

    async def add_term_change(self, change: TermChange) -> TermChange:
        self._session.add(change)
        await self._session.flush()
        return change

    async def term_change(self, change_id: int) -> TermChange | None:
        return await self._session.get(TermChange, change_id)

    async def pending_term_change(self, mentorship_id: int) -> TermChange | None:
        rows = await self._session.execute(
            select(TermChange).where(
                TermChange.mentorship_id == mentorship_id, TermChange.status == "pending"
            )
        )
        return rows.scalars().first()
