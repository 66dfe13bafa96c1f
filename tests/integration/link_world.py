"""People on both messengers for the /link tests: registered through the services, talking
through the in-memory messenger, one database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Account, Messenger
from bot.services.invites import create_coordinator_invite
from bot.services.onboarding import complete_registration, give_consent
from bot.settings import Settings
from db.models import MessengerAccount, Person
from db.uow import UnitOfWork
from tests.harness import FrozenClock
from tests.memory_messenger import MemoryMessenger, Shown, Talker, joined

NAME = "Смирнова Ольга Ивановна"
OTHER_NAME = "Кузнецов Павел Андреевич"
CODE = re.compile(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}\b")
TG, MAX = Messenger.TELEGRAM, Messenger.MAX


async def register(
    factory: async_sessionmaker[AsyncSession],
    clock: FrozenClock,
    account: Account,
    name: str = NAME,
    locale: str = "ru",
) -> None:
    """A coordinator registered from `account`, as the onboarding flow would leave them."""
    async with UnitOfWork(factory) as uow:
        invite = await create_coordinator_invite(
            uow, f"Округ {account.user_id}", "Europe/Moscow", clock.now(), timedelta(days=3)
        )
        await give_consent(uow, account, locale, clock.now())
        await complete_registration(uow, account, name, "Специалист", invite.token, clock.now())


def code_in(shown: list[Shown]) -> str:
    found = CODE.search(joined(shown))
    assert found, joined(shown)
    return found.group(0)


@dataclass
class World:
    network: MemoryMessenger
    factory: async_sessionmaker[AsyncSession]
    clock: FrozenClock

    def telegram(self, user_id: int, language: str = "ru") -> Talker:
        return self.network.person(user_id, "Ольга", language, messenger=TG)

    def max(self, user_id: int, language: str = "ru") -> Talker:
        return self.network.person(user_id, "Ольга", language, messenger=MAX)

    async def registered(self, talker: Talker, name: str = NAME) -> Talker:
        await register(self.factory, self.clock, talker.sender.account, name)
        return talker

    async def accounts(self) -> list[tuple[str | None, Messenger, int]]:
        """(the person's name, messenger, user id) of every account."""
        async with self.factory() as session:
            rows = await session.execute(
                select(
                    Person.full_name, MessengerAccount.messenger, MessengerAccount.external_user_id
                )
                .join(Person, Person.id == MessengerAccount.person_id)
                .order_by(MessengerAccount.external_user_id)
            )
            return [tuple(row) for row in rows]  # type: ignore[misc]

    async def people(self) -> int:
        async with self.factory() as session:
            return len((await session.execute(select(Person.id))).all())


def world(
    factory: async_sessionmaker[AsyncSession], settings: Settings, clock: FrozenClock
) -> World:
    return World(MemoryMessenger(factory, settings, clock), factory, clock)
