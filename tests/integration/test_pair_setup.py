"""A pair approved by the curator gets its program from the template; helpers for pair tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.domain.mentorship import PlanDirection
from bot.domain.messengers import Messenger
from bot.flows import create_i18n_core
from bot.messengers.telegram.sender import TelegramSender
from bot.scheduler import Sweeper
from bot.services.identity import load_actor
from bot.services.mentorships import create_mentorship
from bot.services.outbox import SweepReport
from bot.settings import Settings
from db.models_mentoring import AuditEntry, Mentorship, PlanItem, Program
from db.uow import UnitOfWork
from tests.harness import Harness, Person
from tests.integration.helpers import (
    invite_link_text,
    onboard,
    person_row,
    school_by_short_name,
    school_chain,
    token_from,
)

START = date(2026, 11, 2)
"""Three weeks before the test clock's Monday 23.11.2026."""


@dataclass
class PairWorld:
    coordinator: Person
    curator: Person
    mentor: Person
    mentee: Person
    other_mentee: Person
    mentorship_id: int
    school_id: int
    ids: dict[int, int]  # telegram id → person id


async def pair_world(
    harness: Harness,
    start: date = START,
    timezone: str | None = None,
    two_pairs: bool = False,
    group: bool = False,
) -> PairWorld:
    """Coordinator 100, curator 200, mentor 300, mentees 401 and 402; one pair (300 → 401).

    With `two_pairs`, mentor 301 gets mentee 402 in a second pair of the same school; with
    `group`, the mentorship is a group: mentor 300 with mentees 401 and 402. Everyone
    registered the day before (a person's reminders wait for the morning after registering).
    """
    now = harness.clock.now()
    harness.clock.advance(-timedelta(days=1))
    coordinator, curator, _ = await school_chain(harness)
    await curator.send("/invite")
    mentors_link = token_from(await invite_link_text(curator, "Наставников — общая"))
    mentees_link = token_from(await invite_link_text(curator, "Наставляемых — общая"))
    mentor = harness.person(300, "Анна")
    await onboard(mentor, mentors_link, "Петрова Анна Викторовна", "Учитель математики")
    mentee = harness.person(401, "Иван")
    await onboard(mentee, mentees_link, "Соколов Иван Андреевич", "Учитель истории")
    other = harness.person(402, "Дарья")
    await onboard(other, mentees_link, "Волкова Дарья Олеговна", "Учитель физики")
    telegram_ids = [100, 200, 300, 401, 402]
    if two_pairs:
        await onboard(harness.person(301, "Нина"), mentors_link, "Орлова Нина Павловна", "Учитель")
        telegram_ids.append(301)
    harness.clock.current = now
    ids = {}
    for telegram_id in telegram_ids:
        row = await person_row(harness, telegram_id)
        assert row is not None
        ids[telegram_id] = row.id
    school = await school_by_short_name(harness, "МБОУ «ОСОШ № 2»")
    async with UnitOfWork(harness.session_factory) as uow:
        if timezone is not None:
            db_school = await uow.schools.get_school(school.id)
            assert db_school is not None
            db_school.timezone = timezone
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert actor is not None
        created = await create_mentorship(
            uow,
            actor,
            school_id=school.id,
            mentor_id=ids[300],
            mentee_ids=[ids[401], ids[402]] if group else [ids[401]],
            start_date=start,
            now=harness.clock.now(),
        )
        if two_pairs:
            await create_mentorship(
                uow,
                actor,
                school_id=school.id,
                mentor_id=ids[301],
                mentee_ids=[ids[402]],
                start_date=start,
                now=harness.clock.now(),
            )
        await uow.commit()
        mentorship_id = created.id
    harness.bot.session.requests.clear()
    for person in (coordinator, curator, mentor, mentee, other):
        person.sent.clear()
    return PairWorld(coordinator, curator, mentor, mentee, other, mentorship_id, school.id, ids)


async def test_approval_creates_the_program_from_the_template(harness: Harness) -> None:
    world = await pair_world(harness)
    async with harness.session_factory() as session:
        program = (await session.execute(select(Program))).scalar_one()
        items = (await session.execute(select(PlanItem).order_by(PlanItem.position))).scalars()
        items = list(items)
        mentorship = await session.get(Mentorship, world.mentorship_id)
        audit = (
            await session.execute(
                select(AuditEntry.entity, AuditEntry.action).order_by(AuditEntry.id)
            )
        ).all()
    assert program.mentorship_id == world.mentorship_id
    assert (program.start_date, program.end_date) == (START, date(2027, 8, 2))
    assert mentorship is not None and mentorship.end_date == date(2027, 8, 2)
    assert program.cadence_days == 14 and program.goals == []
    assert len(items) == 8 and items[0].due_date == date(2026, 11, 9)
    assert {i.direction for i in items} >= {PlanDirection.LEGAL, PlanDirection.METHODOLOGICAL}
    assert items[-1].due_date == date(2027, 7, 26)  # a week before the end
    assert [tuple(a) for a in audit] == [("mentorship", "created"), ("program", "created")]


class Sleeps:
    """An injected sleep: records how long the sweep wanted to wait, and waits for nothing."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


async def make_sweeper(
    harness: Harness, settings: Settings, sleeps: Sleeps | None = None, worker: str = "test"
) -> Sweeper:
    core = create_i18n_core(settings.default_locale)
    await core.startup()
    return Sweeper(
        harness.session_factory,
        {Messenger.TELEGRAM: TelegramSender(harness.bot, core)},
        harness.clock,
        settings.reminder_policy,
        worker=worker,
        sleep=sleeps or Sleeps(),
    )


async def sweep(harness: Harness, settings: Settings, sleeps: Sleeps | None = None) -> SweepReport:
    return await (await make_sweeper(harness, settings, sleeps)).run_once()


def sent_to(harness: Harness, chat_id: int) -> list[SendMessage]:
    return [
        r
        for r in harness.bot.session.requests
        if isinstance(r, SendMessage) and r.chat_id == chat_id
    ]
