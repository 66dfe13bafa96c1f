"""Query budget: the curator's and the coordinator's status cost the same number of statements
for a small school and for one ten times bigger (pairs and meetings), counted on the engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.mentorship import (
    MeetingStage,
    MeetingStatus,
    MentoringForm,
    MentoringKind,
    MentorshipStatus,
)
from bot.domain.messengers import Account, Messenger
from bot.domain.roles import Grant, Role, Scope
from bot.domain.schools import SchoolKind
from bot.services import status
from db.models import Municipality, Person, RoleGrant, School
from db.models_mentoring import Meeting, Mentorship, MentorshipMentee, Program
from db.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
SCHOOL_BUDGET = 2
MUNICIPALITY_BUDGET = 3


@contextmanager
def counted(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


async def seed(
    factory: async_sessionmaker[AsyncSession], schools: int, pairs: int, meetings: int
) -> tuple[int, list[int]]:
    """A municipality of `schools` schools, each with `pairs` active pairs (every fifth one
    stalled) and `meetings` meetings per pair; returns (municipality id, school ids)."""
    async with factory() as session:
        municipality = Municipality(
            name=f"Округ {schools}-{pairs}", timezone="Europe/Moscow", created_at=NOW
        )
        session.add(municipality)
        await session.flush()
        school_ids = []
        for s in range(schools):
            school = School(
                municipality_id=municipality.id,
                name=f"Школа {s}",
                short_name=f"Школа {s}",
                kind=SchoolKind.SCHOOL,
                created_at=NOW,
            )
            session.add(school)
            await session.flush()
            school_ids.append(school.id)
            for p in range(pairs):
                mentor = Person(full_name=f"Наставник {s}-{p}", locale="ru", created_at=NOW)
                mentee = Person(
                    full_name=f"Наставляемый {s}-{p}",
                    locale="ru",
                    created_at=NOW,
                    blocked_bot=p == 0,
                )
                session.add_all([mentor, mentee])
                await session.flush()
                for person, role in ((mentor, Role.MENTOR), (mentee, Role.MENTEE)):
                    session.add(
                        RoleGrant(
                            person_id=person.id,
                            role=role,
                            municipality_id=municipality.id,
                            school_id=school.id,
                            granted_at=NOW,
                        )
                    )
                start = date(2026, 9, 1)
                pair = Mentorship(
                    school_id=school.id,
                    mentor_id=mentor.id,
                    form=MentoringForm.TEACHER_TEACHER,
                    kind=MentoringKind.TRADITIONAL,
                    status=MentorshipStatus.ACTIVE,
                    school_year=2026,
                    start_date=start,
                    created_at=NOW,
                )
                session.add(pair)
                await session.flush()
                session.add(
                    MentorshipMentee(mentorship_id=pair.id, mentee_id=mentee.id, joined_on=start)
                )
                session.add(
                    Program(
                        mentorship_id=pair.id,
                        goals=[],
                        mode="mixed",
                        cadence_days=14,
                        start_date=start,
                        end_date=date(2026, 12, 1),
                        updated_at=NOW,
                    )
                )
                last = date(2026, 10, 1) if p % 5 == 0 else date(2026, 11, 20)
                for m in range(meetings):
                    session.add(
                        Meeting(
                            mentorship_id=pair.id,
                            stage=MeetingStage.WORKING,
                            held_on=last - timedelta(days=m),
                            status=MeetingStatus.CONFIRMED,
                            created_at=NOW,
                        )
                    )
        await session.commit()
        return municipality.id, school_ids


def _actor(role: Role, scope: Scope) -> Actor:
    account = Account(Messenger.TELEGRAM, 1, 1)
    return Actor(1, account, "ru", "Проверяющий", (Grant(role, scope),))


async def _measure(
    engine: AsyncEngine,
    factory: async_sessionmaker[AsyncSession],
    schools: int,
    pairs: int,
    year: int = 0,
    now: datetime = NOW,
) -> tuple[int, int, int]:
    """(statements of a school's status, of the municipality's, pairs of the year shown)."""
    municipality_id, school_ids = await seed(factory, schools, pairs, meetings=pairs)
    curator = _actor(Role.CURATOR, Scope.school(school_ids[0], municipality_id))
    coordinator = _actor(Role.COORDINATOR, Scope.municipality(municipality_id))
    status.SCHOOL_ZONES.clear()  # this process has not shown this school's status yet
    async with UnitOfWork(factory) as uow:
        with counted(engine) as school_statements:
            view = await status.school(uow, curator, school_ids[0], now, 21, year)
        with counted(engine) as again:  # its zone is known now: the school read alongside
            assert await status.school(uow, curator, school_ids[0], now, 21, year) == view
        assert len(again) == SCHOOL_BUDGET - 1
        with counted(engine) as municipality_statements:
            whole = await status.municipality(uow, coordinator, municipality_id, now, 21, year)
    assert len(whole.schools) == schools
    assert view.counts.meetings_year == pairs * pairs
    if year == 0:
        assert len(view.stalled) == len(range(0, pairs, 5))
        assert view.counts.blocked == (f"Наставляемый {0}-0",)
    else:  # a previous year: its totals, nothing about today
        assert view.school_year == year and not view.current and view.stalled == ()
    return len(school_statements), len(municipality_statements), view.total_pairs


async def test_status_runs_a_fixed_number_of_queries_whatever_the_size(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    small = await _measure(engine, session_factory, schools=2, pairs=3)
    big = await _measure(engine, session_factory, schools=20, pairs=30)
    assert small[2] == 3 and big[2] == 30
    assert small[0] == big[0] == SCHOOL_BUDGET
    assert small[1] == big[1] == MUNICIPALITY_BUDGET


async def test_a_previous_years_status_runs_a_fixed_number_of_queries_too(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    # A year later, 2026–2027 (every seeded pair and meeting) is the previous school year.
    later = datetime(2027, 10, 4, 7, 0, tzinfo=UTC)
    small = await _measure(engine, session_factory, schools=2, pairs=3, year=2026, now=later)
    big = await _measure(engine, session_factory, schools=20, pairs=30, year=2026, now=later)
    assert small[2] == 3 and big[2] == 30
    # The same statements as the current year's (without the active pairs' part).
    assert small[0] == big[0] == SCHOOL_BUDGET
    assert small[1] == big[1] == MUNICIPALITY_BUDGET


async def test_a_known_zone_is_checked_against_the_school_read_alongside(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """The one-statement status after the first: a school whose time zone changed meanwhile is
    shown in its new zone's day, a curator of another school is still refused, and a school that
    is not there is still not found."""
    municipality_id, [first, second] = await seed(session_factory, 2, 1, meetings=1)
    evening = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # 23:00 in Moscow, 08:00 on Kamchatka
    curator = _actor(Role.CURATOR, Scope.school(first, municipality_id))
    other = _actor(Role.CURATOR, Scope.school(second, municipality_id))
    status.SCHOOL_ZONES.clear()
    async with UnitOfWork(session_factory) as uow:
        assert (await status.school(uow, curator, first, evening, 21)).today == date(2026, 11, 23)
    async with session_factory() as session:
        school = await session.get(School, first)
        assert school is not None
        school.timezone = "Asia/Kamchatka"
        await session.commit()
    async with UnitOfWork(session_factory) as uow:
        assert (await status.school(uow, curator, first, evening, 21)).today == date(2026, 11, 24)
        assert status.SCHOOL_ZONES[first] == "Asia/Kamchatka"
        with pytest.raises(AccessDenied):
            await status.school(uow, other, first, evening, 21)
        status.SCHOOL_ZONES[first + 1000] = "Europe/Moscow"
        with pytest.raises(NotFound):
            await status.school(uow, curator, first + 1000, evening, 21)
