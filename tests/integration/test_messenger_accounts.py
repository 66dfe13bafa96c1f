"""Messenger accounts: a person is known by an account in a messenger and written to in the
messenger they wrote from last; invite links are built for the messenger they open."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.mentorship import OutboxStatus
from bot.domain.messengers import Messenger
from bot.messengers.links import start_link
from bot.services.identity import load_actor
from bot.settings import Settings
from db.models import MessengerAccount, Person
from db.models_mentoring import OutboxMessage
from db.uow import UnitOfWork
from tests.harness import Harness
from tests.integration.helpers import person_row, school_chain
from tests.integration.test_pair_setup import sent_to, sweep
from tests.integration.test_status_budget import counted

ROUND_STARTED = "Начался контрольный (декабрь – январь) этап мониторинга"


async def _last_messenger(harness: Harness, person_id: int) -> Messenger | None:
    async with harness.session_factory() as session:
        person = await session.get(Person, person_id)
        assert person is not None
        return person.last_messenger


async def test_messages_go_to_the_messenger_the_person_wrote_from_last(
    harness: Harness, settings: Settings
) -> None:
    _, curator, _ = await school_chain(harness)
    row = await person_row(harness, 200)
    assert row is not None
    assert await _last_messenger(harness, row.id) is Messenger.TELEGRAM
    now = harness.clock.now()
    async with harness.session_factory() as session:  # the curator has since written from MAX
        session.add(
            MessengerAccount(
                person_id=row.id,
                messenger=Messenger.MAX,
                external_user_id=7_000_200,
                chat_id=8_000_200,
                created_at=now,
            )
        )
        await session.execute(
            update(Person).where(Person.id == row.id).values(last_messenger=Messenger.MAX)
        )
        await session.commit()
    async with UnitOfWork(harness.session_factory) as uow:
        payload = {"round": "control", "tz": "Europe/Moscow", "opening": "2026-12-01"}
        await uow.outbox.enqueue(
            person_id=row.id, kind="monitoring_round", payload=payload, due_at=now, now=now
        )
        await uow.commit()
    harness.clock.advance(timedelta(hours=10))  # inside the delivery window in Moscow

    await sweep(harness, settings)
    assert not any(ROUND_STARTED in m.text for m in sent_to(harness, 200))
    async with harness.session_factory() as session:
        [queued] = (await session.execute(select(OutboxMessage))).scalars().all()
    assert queued.status is OutboxStatus.PENDING  # kept for the messenger it is meant for
    assert "max" in (queued.last_error or "")

    await curator.send("/help")  # back in Telegram: written to there from now on
    assert await _last_messenger(harness, row.id) is Messenger.TELEGRAM
    harness.clock.advance(timedelta(minutes=5))
    await sweep(harness, settings)
    assert [m.text for m in sent_to(harness, 200) if ROUND_STARTED in m.text]


async def test_the_same_user_id_in_another_messenger_is_someone_else(harness: Harness) -> None:
    await school_chain(harness)
    row = await person_row(harness, 200)
    assert row is not None
    async with UnitOfWork(harness.session_factory) as uow:
        assert await load_actor(uow, Messenger.MAX, 200) is None
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
    assert actor is not None and actor.person_id == row.id
    assert (actor.account.messenger, actor.account.chat_id) == (Messenger.TELEGRAM, 200)


async def test_an_update_finds_its_sender_and_its_key_in_one_statement(
    harness: Harness, engine: AsyncEngine
) -> None:
    """The hot path: the account, the person, their grants and the processed-update check are
    one SELECT; a person writing from the messenger they used last writes nothing more."""
    _, curator, _ = await school_chain(harness)
    await curator.send("/help")
    with counted(engine) as statements:
        replies = await curator.send("/help")
    assert replies
    lookups = [s for s in statements if "messenger_account" in s]
    assert len(lookups) == 1 and "processed_update" in lookups[0]
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE PERSON")]


def test_invite_links_open_the_bot_in_their_messenger() -> None:
    assert start_link(Messenger.TELEGRAM, "mentor_bot", "AbC123") == (
        "https://t.me/mentor_bot?start=AbC123"
    )
    assert start_link(Messenger.MAX, "mentor_bot", "AbC123") == (
        "https://max.ru/mentor_bot?start=AbC123"
    )
