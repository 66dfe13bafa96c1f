"""A school's people on MAX, through the conversation core with no Telegram: a coordinator
registers by a deep link, adds a school and invites its curator, who registers the same way and
invites a mentor and a mentee; once their pair is approved, the mentor logs a meeting with a
photo. Bad input is refused and asked again on the way. What they see and what the database
holds."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Messenger
from bot.services.identity import load_actor
from bot.services.invites import create_coordinator_invite
from bot.services.mentorships import create_mentorship
from bot.settings import Settings
from db.models import MessengerAccount, Person, School
from db.models_mentoring import Meeting, MeetingAttachment
from db.uow import UnitOfWork
from tests.harness import FrozenClock
from tests.memory_messenger import MemoryMessenger, Talker, joined


async def onboard(person: Talker, token: str, name: str, position: str) -> str:
    hello = joined(await person.start(token))
    assert "Вас пригласили в программу наставничества" in hello
    await person.press_button("Согласен")
    refused = joined(await person.send("я"))  # not a full name
    assert "Напишите, пожалуйста, ваши фамилию, имя и отчество" in refused
    await person.send(name)
    return joined(await person.send(position))


async def test_a_coordinator_and_a_curator_register_and_set_up_a_school_on_max(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings, clock: FrozenClock
) -> None:
    async with UnitOfWork(session_factory) as uow:
        invite = await create_coordinator_invite(
            uow, "Устьянский муниципальный округ", "Europe/Moscow", clock.now(), timedelta(days=3)
        )
    network = MemoryMessenger(session_factory, settings, clock)
    coordinator = network.person(8001, "Ольга")

    done = await onboard(coordinator, invite.token, "Смирнова Ольга Ивановна", "Специалист")
    assert "Готово! Вы зарегистрированы" in done
    assert any(s.kind == "menu" and "schools" in s.commands for s in coordinator.inbox)

    await coordinator.send("/schools")
    await coordinator.press_button("Добавить школу")
    await coordinator.send("Средняя общеобразовательная школа № 2")
    await coordinator.send("СОШ № 2")
    await coordinator.press_button("школа")
    if any("самостоятельная" in label for s in coordinator.inbox[-2:] for label, _ in s.buttons):
        await coordinator.press_button("самостоятельная")
    await coordinator.send("/schools")
    await coordinator.press_button("СОШ № 2")
    shown = await coordinator.press_button("Пригласить куратора")
    link = joined(shown)
    assert "https://max.ru/mentoring_test_bot?start=" in link  # MAX's own deep link
    token = link.split("?start=", 1)[1].split()[0]

    curator = network.person(8002, "Анна")
    done = await onboard(curator, token, "Петрова Анна Сергеевна", "Заместитель директора")
    assert "Готово! Вы зарегистрированы" in done

    async with session_factory() as session:
        school = await session.scalar(select(School).where(School.short_name == "СОШ № 2"))
        accounts = (
            await session.execute(
                select(MessengerAccount.messenger, MessengerAccount.external_user_id)
                .join(Person, Person.id == MessengerAccount.person_id)
                .order_by(MessengerAccount.external_user_id)
            )
        ).all()
    assert school is not None
    assert accounts == [(Messenger.MAX, 8001), (Messenger.MAX, 8002)]

    status = joined(await curator.send("/status"))
    assert "СОШ № 2" in status

    await curator.send("/invite")
    mentor_link = joined(await curator.press_button("Наставников — общая"))
    mentee_link = joined(await curator.press_button("Наставляемых — общая"))
    mentor, mentee = network.person(8003, "Анна"), network.person(8004, "Иван")
    for person, link, name in (
        (mentor, mentor_link, "Орлова Нина Павловна"),
        (mentee, mentee_link, "Соколов Иван Андреевич"),
    ):
        token = link.split("?start=", 1)[1].split()[0]
        assert "Готово! Вы зарегистрированы" in await onboard(person, token, name, "Учитель")
    await approve(session_factory, clock, school.id, curator, mentor, mentee)
    assert "Встреча записана" in await log_first_meeting(mentor, photo=True)

    async with session_factory() as session:
        meeting = await session.scalar(select(Meeting))
    assert meeting is not None
    assert meeting.notes == "Договорились посетить два урока наставника."
    assert meeting.source_messenger is Messenger.MAX
    async with session_factory() as session:
        kept = (await session.execute(select(MeetingAttachment.messenger))).scalars().all()
    assert kept == [Messenger.MAX]


async def approve(
    session_factory: async_sessionmaker[AsyncSession],
    clock: FrozenClock,
    school_id: int,
    curator: Talker,
    mentor: Talker,
    mentee: Talker,
) -> int:
    """The curator approves the pair through the service (the approval flow has tests of its
    own); the mentee's person id."""
    accounts = [person.sender.account for person in (curator, mentor, mentee)]
    async with UnitOfWork(session_factory) as uow:
        actor = await load_actor(uow, accounts[0].messenger, accounts[0].user_id)
        mentor_row = await uow.people.by_account(accounts[1].messenger, accounts[1].user_id)
        mentee_row = await uow.people.by_account(accounts[2].messenger, accounts[2].user_id)
        assert actor is not None and mentor_row is not None and mentee_row is not None
        await create_mentorship(
            uow,
            actor,
            school_id=school_id,
            mentor_id=mentor_row.id,
            mentee_ids=[mentee_row.id],
            start_date=date(2026, 11, 2),
            now=clock.now(),
        )
        await uow.commit()
    return mentee_row.id


async def log_first_meeting(mentor: Talker, photo: bool = False) -> str:
    """The mentor logs the introductory meeting held yesterday, in person; what they are told."""
    await mentor.send("/meeting")
    await mentor.press_button("Знакомство")
    await mentor.press_button("Вчера")
    await mentor.press_button("60 мин")
    await mentor.press_button("Очно")
    await mentor.send("Ожидания и трудности первого года")
    await mentor.send("Договорились посетить два урока наставника.")
    if photo:
        await mentor.upload("board.jpg", b"\xff\xd8photo", kind="photo")
    return joined(await mentor.press_button("Сохранить"))
