"""A pair split across messengers, in one database: the curator and the mentor on MAX, the mentee
on Telegram. The mentor logs a meeting on MAX; the mentee is asked to confirm it in Telegram (the
outbox writes to the messenger the person uses) and confirms it there; the curator's /status on
MAX counts the confirmed meeting."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Account, Messenger
from bot.domain.roles import Role
from bot.domain.schools import SchoolKind
from bot.services.identity import load_actor
from bot.services.invites import create_coordinator_invite, create_school_invite
from bot.services.onboarding import complete_registration, give_consent
from bot.services.schools import add_school, municipalities_of
from bot.settings import Settings
from db.models_mentoring import Meeting
from db.uow import UnitOfWork
from tests.harness import FrozenClock
from tests.integration.test_core_max_year import approve, log_first_meeting, onboard
from tests.memory_messenger import MemoryMessenger, joined

COORDINATOR, CURATOR, MENTOR, MENTEE = 8101, 8102, 8103, 8104
TTL = timedelta(days=3)


async def _school_with_curator_on_max(
    factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> int:
    """Seeded through the services (their chat flows have tests of their own)."""
    people = {COORDINATOR: "Смирнова Ольга Ивановна", CURATOR: "Петрова Анна Сергеевна"}

    async def register(user: int, token: str) -> None:
        account = Account(Messenger.MAX, user, user)
        async with UnitOfWork(factory) as uow:
            await give_consent(uow, account, "ru", clock.now())
            await complete_registration(uow, account, people[user], "Педагог", token, clock.now())

    async with UnitOfWork(factory) as uow:
        created = await create_coordinator_invite(
            uow, "Устьянский муниципальный округ", "Europe/Moscow", clock.now(), TTL
        )
    await register(COORDINATOR, created.token)
    async with UnitOfWork(factory) as uow:
        coordinator = await load_actor(uow, Messenger.MAX, COORDINATOR)
        assert coordinator is not None
        (municipality,) = await municipalities_of(uow, coordinator)
        school = await add_school(
            uow, coordinator, municipality.id, "Школа № 5", "Школа № 5", SchoolKind.SCHOOL, None,
            clock.now(),
        )  # fmt: skip
        curator_invite = await create_school_invite(
            uow, coordinator, Role.CURATOR, school.id, clock.now(), TTL, shared=False
        )
    await register(CURATOR, curator_invite.token)
    return school.id


async def test_a_mentor_on_max_and_a_mentee_on_telegram_share_one_meeting(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings, clock: FrozenClock
) -> None:
    school_id = await _school_with_curator_on_max(session_factory, clock)
    network = MemoryMessenger(session_factory, settings, clock)
    curator = network.person(CURATOR, "Анна")
    mentor = network.person(MENTOR, "Нина")
    mentee = network.person(MENTEE, "Иван", messenger=Messenger.TELEGRAM)

    await curator.send("/invite")
    mentor_link = joined(await curator.press_button("Наставников — общая"))
    mentee_link = joined(await curator.press_button("Наставляемых — общая"))
    assert "https://max.ru/" in mentor_link  # the curator is on MAX: MAX's own links
    for person, link, name in (
        (mentor, mentor_link, "Орлова Нина Павловна"),
        (mentee, mentee_link, "Соколов Иван Андреевич"),  # a MAX link's token, opened in Telegram
    ):
        token = link.split("?start=", 1)[1].split()[0]
        assert "Готово! Вы зарегистрированы" in await onboard(person, token, name, "Учитель")

    mentee_id = await approve(session_factory, clock, school_id, curator, mentor, mentee)
    assert "Встреча записана" in await log_first_meeting(mentor)

    asked_before = len(mentee.inbox)
    report = await network.sweep()
    assert report.sent >= 1
    asked = joined(mentee.inbox[asked_before:])
    assert "записал(а) встречу «Знакомство»" in asked  # in the mentee's Telegram chat
    assert network.inbox(Account(Messenger.MAX, MENTEE, MENTEE)) == []  # nothing on MAX

    await mentee.press_button("Да, состоялась")
    async with session_factory() as session:
        meeting = await session.scalar(select(Meeting))
    assert meeting is not None and meeting.source_messenger is Messenger.MAX
    assert meeting.confirmed_at is not None and meeting.confirmed_by_id == mentee_id

    status = joined(await curator.send("/status"))
    assert "не подтверждено второй стороной: 0" in status
