"""The parts of the status figures' one statement (db/repositories/status.py): grouped reads per
school, each tagged by its first column, all of one shape (db/repositories/sql.py `FIGURES`).

Built once per shape of the request (`functools.cache` on the flags), with the changing values as
bound parameters: `:school` or `:schools`, `:recent_from`, `:year_from`, `:year_to`, and the
survey parts' own (db/repositories/surveys/figures.py).
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from sqlalchemy import Date, Executable, Select, bindparam, case, func, select, union_all

from bot.domain.mentorship import MeetingStatus, MentorshipStatus
from bot.domain.roles import Role
from db.models import Municipality, Person, RoleGrant, School
from db.models_mentoring import Meeting, Mentorship, MentorshipMentee, Program
from db.repositories.mentorships import finished_link
from db.repositories.sql import FIGURES, of_schools, one_of, shaped
from db.repositories.surveys.figures import survey_parts

OPEN = (MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE)


def as_date(value: object) -> date | None:
    """SQLite returns COALESCE of dates as text; PostgreSQL returns a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


PEOPLE, STATES, MEETINGS, BLOCKED, ACTIVE, HEAD = range(1, 7)
PAPERS_NO_ORDER, PAPERS_NO_CONSENT = 1, 2
"""The bits of an active pair's n3: what its papers lack."""
"""The parts of `_figures`, its rows' first column."""


SHAPE = FIGURES
"""The columns of every part of `_figures`, after the part's tag (label unused: the survey parts'
column when they share the statement)."""


@functools.cache
def figures_statement(
    single: bool, current: bool, active: bool, surveys: bool = False, head: bool = False
) -> Executable:
    """Every part in one statement, ordered so that names come sorted and pairs by id; with the
    survey figures' parts (`surveys`, the year's: /status reads both in one trip) and, for one
    school, the school itself with its time zone (`head`)."""
    parts = [_people(single), _states(single), _meetings(single, current), _blocked(single)]
    if active:
        parts.append(_active(single))
    if surveys:
        parts.extend(survey_parts(single, of_year=True))
    if head:
        assert single, "the school's own row is read for one school"
        parts.append(_head())
    union = union_all(*parts)
    part, school, n1, _, _, text = list(union.selected_columns)[:6]
    return union.order_by(part, school, text, n1)


def _people(single: bool) -> Select[Any]:
    """Mentors, mentees and mentees waiting for a mentor per school: without an open pair, and
    not done with a completed program (unless the curator put them back in the bank)."""
    in_pair = (
        select(MentorshipMentee.id)
        .join(Mentorship, Mentorship.id == MentorshipMentee.mentorship_id)
        .where(
            MentorshipMentee.mentee_id == RoleGrant.person_id,
            MentorshipMentee.left_at.is_(None),
            one_of(Mentorship.status, OPEN),
        )
        .exists()
    )
    finished = (
        select(MentorshipMentee.id)
        .join(Mentorship, Mentorship.id == MentorshipMentee.mentorship_id)
        .where(MentorshipMentee.mentee_id == RoleGrant.person_id, finished_link())
        .exists()
    )
    mentee = RoleGrant.role == Role.MENTEE
    waiting = mentee & ~in_pair & ~finished
    return (
        select(
            *shaped(
                PEOPLE,
                SHAPE,
                school=RoleGrant.school_id,
                n1=func.count(
                    func.distinct(case((RoleGrant.role == Role.MENTOR, RoleGrant.person_id)))
                ),
                n2=func.count(func.distinct(case((mentee, RoleGrant.person_id)))),
                n3=func.count(func.distinct(case((waiting, RoleGrant.person_id)))),
            )
        )
        .where(
            of_schools(RoleGrant.school_id, single),
            one_of(RoleGrant.role, (Role.MENTOR, Role.MENTEE)),
            RoleGrant.revoked_at.is_(None),
        )
        .group_by(RoleGrant.school_id)
    )


def _states(single: bool) -> Select[Any]:
    """Pairs by school, state and school year (n1), counted (n2), with the earliest start."""
    return (
        select(
            *shaped(
                STATES,
                SHAPE,
                school=Mentorship.school_id,
                n1=Mentorship.school_year,
                n2=func.count(Mentorship.id),
                text=Mentorship.status,
                first=func.min(Mentorship.start_date),
            )
        )
        .where(of_schools(Mentorship.school_id, single))
        .group_by(Mentorship.school_id, Mentorship.status, Mentorship.school_year)
    )


def _meetings(single: bool, current: bool) -> Select[Any]:
    """Meetings held since `:recent_from` and since `:year_from` up to `:year_to`, and those
    waiting for confirmation (of the current year: whatever their date)."""
    recent_from, year_from = (
        bindparam("recent_from", type_=Date),
        bindparam("year_from", type_=Date),
    )
    held = Meeting.status != MeetingStatus.NOT_HELD
    waiting = Meeting.status == MeetingStatus.PENDING
    since = Meeting.held_on >= year_from
    in_window = since | waiting if current else since
    return (
        select(
            *shaped(
                MEETINGS,
                SHAPE,
                school=Mentorship.school_id,
                n1=func.sum(case((held & (Meeting.held_on >= recent_from), 1), else_=0)),
                n2=func.sum(case((held & (Meeting.held_on >= year_from), 1), else_=0)),
                n3=func.sum(case((waiting, 1), else_=0)),
            )
        )
        .join(Mentorship, Mentorship.id == Meeting.mentorship_id)
        .where(
            of_schools(Mentorship.school_id, single),
            in_window,
            Meeting.held_on <= bindparam("year_to", type_=Date),
        )
        .group_by(Mentorship.school_id)
    )


def _blocked(single: bool) -> Select[Any]:
    """The names of the schools' people who blocked the bot."""
    return (
        select(*shaped(BLOCKED, SHAPE, school=RoleGrant.school_id, text=Person.full_name))
        .join(Person, Person.id == RoleGrant.person_id)
        .where(
            of_schools(RoleGrant.school_id, single),
            RoleGrant.revoked_at.is_(None),
            Person.blocked_bot.is_(True),
        )
        .distinct()
    )


def _active(single: bool) -> Select[Any]:
    """Active pairs (n1) with their mentor (n2, text), program's dates, last meeting held and
    what their papers lack (n3, bits)."""
    last = (
        select(Meeting.mentorship_id, func.max(Meeting.held_on).label("last_held"))
        .join(Mentorship, Mentorship.id == Meeting.mentorship_id)
        .where(
            of_schools(Mentorship.school_id, single),
            Mentorship.status == MentorshipStatus.ACTIVE,
            Meeting.status != MeetingStatus.NOT_HELD,
        )
        .group_by(Meeting.mentorship_id)
        .subquery()
    )
    return (
        select(
            *shaped(
                ACTIVE,
                SHAPE,
                school=Mentorship.school_id,
                n1=Mentorship.id,
                n2=Mentorship.mentor_id,
                n3=case((Mentorship.order_id.is_(None), PAPERS_NO_ORDER), else_=0)
                + case(
                    (
                        Mentorship.mentor_consent_date.is_(None)
                        | Mentorship.agreement_date.is_(None)
                        | Mentorship.agreement_number.is_(None),
                        PAPERS_NO_CONSENT,
                    ),
                    else_=0,
                ),
                text=Person.full_name,
                first=func.coalesce(Program.start_date, Mentorship.start_date),
                second=func.coalesce(Program.end_date, Mentorship.end_date),
                third=last.c.last_held,
            )
        )
        .join(Person, Person.id == Mentorship.mentor_id)
        .outerjoin(Program, Program.mentorship_id == Mentorship.id)
        .outerjoin(last, last.c.mentorship_id == Mentorship.id)
        .where(
            of_schools(Mentorship.school_id, single),
            Mentorship.status == MentorshipStatus.ACTIVE,
        )
    )


def _head() -> Select[Any]:
    """The school (`:school`) with its municipality (n1), short name (text) and time zone (label:
    its own, or its municipality's), as `SchoolsRepository.school_head` reads it."""
    return (
        select(
            *shaped(
                HEAD,
                SHAPE,
                school=School.id,
                n1=School.municipality_id,
                text=School.short_name,
                label=func.coalesce(func.nullif(School.timezone, ""), Municipality.timezone),
            )
        )
        .join(Municipality, Municipality.id == School.municipality_id)
        .where(School.id == bindparam("school"))
    )
