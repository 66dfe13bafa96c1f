"""The commands every person has, driven through the conversation core with no Telegram at all:
a MAX person sees the same help, languages, data export and withdrawal as a Telegram one."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Account, Messenger
from bot.services.invites import create_coordinator_invite
from bot.services.onboarding import complete_registration, give_consent
from bot.settings import Settings
from db.models import MessengerAccount, Person
from db.uow import UnitOfWork
from tests.harness import FrozenClock
from tests.memory_messenger import MemoryMessenger, Talker, joined

NAME = "Смирнова Ольга Ивановна"


async def register_coordinator(
    session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock, user_id: int
) -> None:
    account = Account(Messenger.MAX, user_id, user_id)
    async with UnitOfWork(session_factory) as uow:
        invite = await create_coordinator_invite(
            uow, "Устьянский муниципальный округ", "Europe/Moscow", clock.now(), timedelta(days=3)
        )
        await give_consent(uow, account, "ru", clock.now())
        await complete_registration(uow, account, NAME, "Специалист", invite.token, clock.now())


@pytest.fixture
async def max_coordinator(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings, clock: FrozenClock
) -> Talker:
    await register_coordinator(session_factory, clock, 7001)
    return MemoryMessenger(session_factory, settings, clock).person(7001, "Ольга")


async def test_help_lists_the_persons_sections_in_their_language(max_coordinator: Talker) -> None:
    shown = await max_coordinator.send("/help")

    text = joined(shown)
    assert "Бот ведёт программу наставничества" in text
    assert "Координатор муниципалитета" in text
    assert "Наставник:" not in text  # not the coordinator's role


async def test_language_switch_answers_in_the_new_language_and_stores_it(
    max_coordinator: Talker, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await max_coordinator.send("/language")
    assert [label for s in max_coordinator.inbox for label, _ in s.buttons] == [
        "Русский",
        "English",
    ]

    shown = await max_coordinator.press_button("English")

    assert [s.kind for s in shown] == ["notice", "edit", "message", "menu"]
    assert shown[1].text == "Interface language: English."
    assert "help" in shown[3].commands and "schools" in shown[3].commands
    async with session_factory() as session:
        locale = await session.scalar(select(Person.locale).where(Person.full_name == NAME))
    assert locale == "en"
    assert "The bot runs" in joined(await max_coordinator.send("/help"))


async def test_my_data_is_a_json_file_with_the_persons_account(max_coordinator: Talker) -> None:
    shown = await max_coordinator.send("/mydata")

    [file] = [s for s in shown if s.kind == "file"]
    assert file.file is not None and file.file.name == "my-data.json"
    assert file.text == "Все сведения, которые бот хранит о вас (формат JSON)."
    exported = json.loads(file.file.data)
    assert NAME in json.dumps(exported, ensure_ascii=False)
    assert "7001" in json.dumps(exported)


async def test_forget_kept_changes_nothing_and_forget_confirmed_erases(
    max_coordinator: Talker, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await max_coordinator.send("/forget")
    kept = await max_coordinator.press_button("Нет, оставить")
    assert [s.text for s in kept if s.kind == "edit"] == ["Хорошо, ничего не меняем."]

    await max_coordinator.send("/forget")
    done = await max_coordinator.press_button("Да, отозвать")

    assert "Согласие отозвано, личные данные удалены." in joined(done)
    assert [s.commands for s in done if s.kind == "menu"] == [[]]  # the person's menu removed
    async with session_factory() as session:
        named = await session.scalar(select(func.count()).where(Person.full_name == NAME))
        accounts = await session.scalar(
            select(func.count())
            .select_from(MessengerAccount)
            .where(MessengerAccount.external_user_id == 7001)
        )
    assert named == 0
    assert accounts == 0


async def test_a_redelivered_press_is_applied_once(max_coordinator: Talker) -> None:
    await max_coordinator.send("/language")
    first = await max_coordinator.press_button("English")
    again = await max_coordinator.redeliver()

    assert first and again == []


async def test_blocking_is_stored_for_the_max_account(
    max_coordinator: Talker, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await max_coordinator.block()
    async with session_factory() as session:
        blocked = await session.scalar(select(Person.blocked_bot).where(Person.full_name == NAME))
    assert blocked is True

    await max_coordinator.block(False)
    async with session_factory() as session:
        blocked = await session.scalar(select(Person.blocked_bot).where(Person.full_name == NAME))
    assert blocked is False
