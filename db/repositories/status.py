"""The status reads: grouped counts per school in a fixed number of queries, whatever the size.

Every method takes a list of schools and returns one row per school (or per active pair), so a
school of 10 pairs and a municipality of 1,500 cost the same number of statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    case,
    func,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import MeetingStatus, MentorshipStatus
from bot.domain.status import ActivePair, SchoolCounts, pair_years
from bot.domain.survey_stats import SchoolSurveyStats
from db.models import Person
from db.models_mentoring import Meeting, Mentorship, MentorshipMentee
from db.repositories.schools import SchoolHead
from db.repositories.sql import core_rows, one_of, schools_given
from db.repositories.status_parts import (
    ACTIVE,
    BLOCKED,
    HEAD,
    MEETINGS,
    OPEN,
    PAPERS_NO_CONSENT,
    PAPERS_NO_ORDER,
    PEOPLE,
    STATES,
    as_date,
    figures_statement,
)
from db.repositories.surveys.figures import fold_survey_rows, survey_parameters


@dataclass(frozen=True, slots=True)
class PairLine:
    """One line of the paginated pairs list."""

    mentorship_id: int
    status: MentorshipStatus
    mentor_name: str
    mentee_names: tuple[str, ...]


def _in_year(school_year: int, current: bool) -> ColumnElement[bool]:
    """Of the current year: open pairs whatever their year, closed ones of the year; of a previous
    year: the pairs belonging to it."""
    if not current:
        return Mentorship.school_year == school_year
    return one_of(Mentorship.status, OPEN) | (Mentorship.school_year == school_year)


@dataclass(frozen=True, slots=True)
class Figures:
    """What one figures statement read (see `StatusRepository.figures`)."""

    counts: dict[int, SchoolCounts]
    active: list[ActivePair]
    surveys: dict[int, SchoolSurveyStats]
    head: SchoolHead | None = None


class StatusRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def figures(
        self,
        school_ids: Sequence[int],
        *,
        school_year: int,
        year_from: date,
        year_to: date,
        recent_from: date,
        current: bool = True,
        today: date | None = None,
        surveys_at: datetime | None = None,
        head: bool = False,
    ) -> Figures:
        """People, pairs by state, meetings and blocked people per school and, given `today`, the
        active pairs: one statement (the parts of `_figures`, tagged by their first column).
        Given `surveys_at`, the survey figures of `school_year` at that moment too, in the same
        statement (db/repositories/surveys/figures.py); otherwise none. `head` (one school): the
        school's own row with its time zone too, None if there is no such school.

        Pairs of `school_year`: for the current year the open ones whatever their year and the
        closed ones of the year; for a previous year those belonging to it. Meetings held from
        `year_from` to `year_to` (today for the current year); unconfirmed ones of the current
        year whatever their date. The school years with pairs (`SchoolCounts.years`) come from the
        same grouped rows as the states.
        """
        if not school_ids:
            return Figures({}, [], {})
        window = {"recent_from": recent_from, "year_from": year_from, "year_to": year_to}
        with_surveys = surveys_at is not None
        statement = figures_statement(
            len(school_ids) == 1, current, today is not None, with_surveys, head
        )
        if with_surveys:
            window |= survey_parameters(school_ids, school_year, surveys_at)
        rows = (await core_rows(self._session, statement, schools_given(school_ids) | window)).all()
        people: dict[int, tuple[int, int, int]] = {}
        states: dict[int, dict[MentorshipStatus, int]] = {}
        years: dict[int, set[int]] = {}
        meetings: dict[int, tuple[int, int, int]] = {}
        blocked: dict[int, list[str]] = {}
        active: list[ActivePair] = []
        found: SchoolHead | None = None
        for part, school_id, n1, n2, n3, text, label, first, second, third in rows:
            if part == HEAD:
                found = SchoolHead(school_id, n1, text, label)
            elif part == PEOPLE and school_id is not None:
                people[school_id] = (int(n1), int(n2), int(n3))
            elif part == STATES:
                status = MentorshipStatus(text)
                years.setdefault(school_id, set()).update(pair_years(n1, as_date(first)))
                if n1 == school_year or (current and status in OPEN):
                    by_state = states.setdefault(school_id, {})
                    by_state[status] = by_state.get(status, 0) + int(n2)
            elif part == MEETINGS:
                meetings[school_id] = (int(n1 or 0), int(n2 or 0), int(n3 or 0))
            elif part == BLOCKED and school_id is not None:
                blocked.setdefault(school_id, []).append(text or "—")
            elif part == ACTIVE:
                active.append(
                    ActivePair(
                        mentorship_id=n1,
                        school_id=school_id,
                        mentor_id=n2,
                        mentor_name=text or "—",
                        start=as_date(first) or today or year_to,
                        end=as_date(second),
                        last_held=as_date(third),
                        order_missing=bool(int(n3 or 0) & PAPERS_NO_ORDER),
                        consent_missing=bool(int(n3 or 0) & PAPERS_NO_CONSENT),
                    )
                )
        counts: dict[int, SchoolCounts] = {}
        for school_id in school_ids:
            mentors, mentees, unmatched = people.get(school_id, (0, 0, 0))
            recent, year, pending = meetings.get(school_id, (0, 0, 0))
            counts[school_id] = SchoolCounts(
                mentors=mentors,
                mentees=mentees,
                unmatched_mentees=unmatched,
                pairs_by_state=states.get(school_id, {}),
                meetings_recent=recent,
                meetings_year=year,
                unconfirmed=pending,
                blocked=tuple(blocked.get(school_id, ())),
                years=frozenset(years.get(school_id, ())),
            )
        surveys = fold_survey_rows(rows, school_ids) if with_surveys else {}
        return Figures(counts, active, surveys, found)

    async def pair_years(self, school_ids: Sequence[int]) -> set[int]:
        """The school years the schools' pairs belong to or ran in: one query."""
        if not school_ids:
            return set()
        rows = await self._session.execute(
            select(Mentorship.school_year, func.min(Mentorship.start_date))
            .where(Mentorship.school_id.in_(school_ids))
            .group_by(Mentorship.school_year)
        )
        found: set[int] = set()
        for year, first_start in rows:
            found.update(pair_years(year, as_date(first_start)))
        return found

    async def meetings_by_day(
        self, school_ids: Sequence[int], first_day: date, last_day: date
    ) -> dict[date, int]:
        """Meetings held (not refuted) per day over the schools: one query, a row per day."""
        if not school_ids:
            return {}
        rows = await self._session.execute(
            select(Meeting.held_on, func.count(Meeting.id))
            .join(Mentorship, Mentorship.id == Meeting.mentorship_id)
            .where(
                Mentorship.school_id.in_(school_ids),
                Meeting.status != MeetingStatus.NOT_HELD,
                Meeting.held_on >= first_day,
                Meeting.held_on <= last_day,
            )
            .group_by(Meeting.held_on)
        )
        return {held: int(count) for held, count in rows}

    async def pairs_page(
        self, school_id: int, school_year: int, offset: int, limit: int, current: bool = True
    ) -> tuple[int, list[PairLine]]:
        """(how many, one page of pairs): active first, then proposed, then closed; 3 queries."""
        where = (Mentorship.school_id == school_id, _in_year(school_year, current))
        total = int(
            await self._session.scalar(select(func.count(Mentorship.id)).where(*where)) or 0
        )
        order = case(
            (Mentorship.status == MentorshipStatus.ACTIVE, 0),
            (Mentorship.status == MentorshipStatus.PROPOSED, 1),
            else_=2,
        )
        rows = (
            await self._session.execute(
                select(Mentorship.id, Mentorship.status, Person.full_name)
                .join(Person, Person.id == Mentorship.mentor_id)
                .where(*where)
                .order_by(order, Person.full_name, Mentorship.id)
                .offset(offset)
                .limit(limit)
            )
        ).all()
        ids = [row[0] for row in rows]
        names: dict[int, list[str]] = {}
        if ids:
            mentee_rows = await self._session.execute(
                select(MentorshipMentee.mentorship_id, Person.full_name)
                .join(Person, Person.id == MentorshipMentee.mentee_id)
                .where(MentorshipMentee.mentorship_id.in_(ids))
                .order_by(MentorshipMentee.id)
            )
            for pair_id, name in mentee_rows:
                names.setdefault(pair_id, []).append(name or "—")
        return total, [
            PairLine(pair_id, status, name or "—", tuple(names.get(pair_id, ())))
            for pair_id, status, name in rows
        ]
