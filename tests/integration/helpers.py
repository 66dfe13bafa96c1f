"""Shortcuts that put people into the database the way the bot itself does (through chat)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Select, select

from bot.domain.messengers import Messenger
from bot.services.identity import load_actor
from bot.services.invites import create_coordinator_invite
from bot.services.mentorships import create_mentorship
from db.models import MessengerAccount, Person, RoleGrant, School
from db.uow import UnitOfWork
from tests.harness import Harness, texts
from tests.harness import Person as ChatPerson

TTL = timedelta(days=14)


async def coordinator_token(
    harness: Harness, municipality: str = "Устьянский муниципальный округ"
) -> str:
    async with UnitOfWork(harness.session_factory) as uow:
        created = await create_coordinator_invite(
            uow, municipality, "Europe/Moscow", harness.clock.now(), TTL
        )
    return created.token


async def onboard(person: ChatPerson, token: str, name: str, position: str) -> None:
    await person.send(f"/start {token}")
    await person.press(person.button_data("✅"))
    await person.send(name)
    await person.send(position)


def token_from(text: str) -> str:
    return text.split("/start ", 1)[1].split()[0]


async def registered_coordinator(harness: Harness, user_id: int = 100) -> ChatPerson:
    coordinator = harness.person(user_id, "Ольга")
    await onboard(
        coordinator,
        await coordinator_token(harness),
        "Смирнова Ольга Ивановна",
        "Главный специалист управления образования",
    )
    return coordinator


async def add_school(coordinator: ChatPerson, name: str, short_name: str) -> None:
    await coordinator.send("/schools")
    await coordinator.press_button("Добавить школу")
    await coordinator.send(name)
    await coordinator.send(short_name)
    await coordinator.press_button("школа")
    if "самостоятельная" in " ".join(coordinator.buttons()):
        await coordinator.press_button("самостоятельная")


async def invite_link_text(person: ChatPerson, button: str) -> str:
    replies = await person.press_button(button)
    return next(t for t in texts(replies) if "/start " in t)


def by_telegram_id(telegram_id: int) -> Select[tuple[Person]]:
    """The person whose Telegram account has this user id."""
    return (
        select(Person)
        .join(MessengerAccount, MessengerAccount.person_id == Person.id)
        .where(
            MessengerAccount.messenger == Messenger.TELEGRAM,
            MessengerAccount.external_user_id == telegram_id,
        )
    )


async def person_row(harness: Harness, telegram_id: int) -> Person | None:
    async with harness.session_factory() as session:
        return (await session.execute(by_telegram_id(telegram_id))).scalar_one_or_none()


async def grants(harness: Harness, person_id: int) -> list[RoleGrant]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(RoleGrant).where(
                RoleGrant.person_id == person_id, RoleGrant.revoked_at.is_(None)
            )
        )
        return list(rows.scalars())


async def school_by_short_name(harness: Harness, short_name: str) -> School:
    async with harness.session_factory() as session:
        return (
            await session.execute(select(School).where(School.short_name == short_name))
        ).scalar_one()


async def school_chain(harness: Harness) -> tuple[ChatPerson, ChatPerson, School]:
    """A coordinator, a school, and the school's registered curator."""
    coordinator = await registered_coordinator(harness)
    await add_school(
        coordinator,
        "Муниципальное бюджетное общеобразовательное учреждение «Октябрьская средняя школа № 2»",
        "МБОУ «ОСОШ № 2»",
    )
    school = await school_by_short_name(harness, "МБОУ «ОСОШ № 2»")
    await coordinator.send("/schools")
    await coordinator.press_button("ОСОШ")
    link = await invite_link_text(coordinator, "Пригласить куратора")
    curator = harness.person(200, "Елена")
    await onboard(
        curator, token_from(link), "Кузнецова Елена Сергеевна", "Заместитель директора по УВР"
    )
    return coordinator, curator, school


async def school_with_people(
    harness: Harness, mentors: int = 1, mentees: int = 2
) -> tuple[ChatPerson, ChatPerson, School, list[ChatPerson], list[ChatPerson]]:
    """A coordinator, a school, its curator, registered mentors (300…) and mentees (400…)."""
    coordinator, curator, school = await school_chain(harness)
    await curator.send("/invite")
    mentors_link = token_from(await invite_link_text(curator, "Наставников — общая"))
    mentees_link = token_from(await invite_link_text(curator, "Наставляемых — общая"))
    names = ["Петрова Анна Викторовна", "Орлова Нина Павловна", "Зайцев Пётр Ильич"]
    mentee_names = [
        "Соколов Иван Андреевич",
        "Волкова Дарья Олеговна",
        "Лебедев Олег Сергеевич",
        "Морозова Ксения Игоревна",
    ]
    mentor_people, mentee_people = [], []
    for index in range(mentors):
        person = harness.person(300 + index, "Анна")
        await onboard(person, mentors_link, names[index], "Учитель математики")
        mentor_people.append(person)
    for index in range(mentees):
        person = harness.person(400 + index, "Иван")
        await onboard(person, mentees_link, mentee_names[index], "Учитель истории")
        mentee_people.append(person)
    return coordinator, curator, school, mentor_people, mentee_people


async def fill_mentor_questionnaire(
    person: ChatPerson, deficits: str = "1, 2, 3", capacity: str = "2", subjects: str = "8"
) -> None:
    """The mentor questionnaire typed as a teacher could (numbers of options), then sent."""
    await person.send("/profile")
    await person.press_button("Заполнить анкету")
    for answer in (subjects, "3", "15", "1", "да", deficits, "3", capacity, "4"):
        await person.send(answer)
    await person.press_button("Пропустить")
    await person.press_button("Отправить")


async def fill_mentee_questionnaire(
    person: ChatPerson, deficits: str = "1, 2", subjects: str = "8"
) -> None:
    await person.send("/profile")
    await person.press_button("Заполнить анкету")
    for answer in ("1", "да", "1", subjects, "3", deficits, "Как готовить уроки по ФГОС"):
        await person.send(answer)
    await person.press_button("Пропустить")
    await person.send("3")
    await person.press_button("Отправить")


async def approve_directly(
    harness: Harness,
    school_id: int,
    *,
    mentor: int = 300,
    mentee: int = 400,
    curator: int = 200,
    start: date = date(2026, 11, 2),
) -> int:
    """The curator approves the pair of these Telegram users through the service (the chat's
    approval flow has tests of its own); returns the mentorship's id."""
    mentor_row, mentee_row = await person_row(harness, mentor), await person_row(harness, mentee)
    assert mentor_row is not None and mentee_row is not None
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, curator)
        assert actor is not None
        created = await create_mentorship(
            uow,
            actor,
            school_id=school_id,
            mentor_id=mentor_row.id,
            mentee_ids=[mentee_row.id],
            start_date=start,
            now=harness.clock.now(),
        )
        await uow.commit()
    return created.id
