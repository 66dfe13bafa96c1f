"""A school's people on MAX, through the conversation core with no Telegram: a coordinator
registers by a deep link, adds a school and invites its curator, who registers the same way;
bad input is refused and asked again on the way. What they see and what the database holds."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Messenger
from bot.services.invites import create_coordinator_invite
from bot.settings import Settings
from db.models import MessengerAccount, Person, School
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
