"""One person on both messengers: a Telegram person links a MAX account and a MAX person a
Telegram one, with a one-time code; both chats are told; messages go where the person chose;
/mydata shows both accounts and /forget erases both. Through the in-memory messenger (both
messengers at once) and once through Telegram's production dispatcher."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.settings import Settings
from db.models import LinkCode, Person
from db.uow import UnitOfWork
from tests.harness import FrozenClock, Harness
from tests.harness import joined as telegram_joined
from tests.integration.link_world import MAX, NAME, TG, World, code_in, world
from tests.integration.test_status_budget import counted
from tests.memory_messenger import Shown, joined

LINKED_THERE = "К вашему профилю подключён аккаунт"
ROUND = "Начался контрольный (декабрь – январь) этап мониторинга"


@pytest.fixture
def linking(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings, clock: FrozenClock
) -> World:
    return world(session_factory, settings, clock)


async def test_a_telegram_person_links_max_with_the_code_and_both_chats_are_told(
    linking: World,
) -> None:
    telegram = await linking.registered(linking.telegram(7001))
    shown = await telegram.send("/link")

    code = code_in(shown)
    assert f"Отправьте боту в MAX сообщение «/link {code}» в течение 15 минут" in joined(shown)
    async with linking.factory() as session:
        [stored] = (await session.execute(select(LinkCode))).scalars().all()
    assert code.replace("-", "") not in stored.digest and stored.used_at is None

    on_max = linking.max(9001)
    linked = await on_max.send(f"/link {code}")

    assert f"Этот аккаунт подключён к профилю «{NAME}»" in joined(linked)
    assert "те же, что в Telegram" in joined(linked)
    assert any(s.kind == "menu" and "schools" in s.commands for s in linked)  # the same roles
    assert await linking.accounts() == [(NAME, TG, 7001), (NAME, MAX, 9001)]
    assert await linking.people() == 1
    assert "Координатор муниципалитета" in joined(await on_max.send("/help"))

    await linking.network.sweep()
    assert LINKED_THERE + " MAX" in joined(telegram.inbox[-1:])
    assert not any(LINKED_THERE in text for text in joined(on_max.inbox).splitlines())


async def test_a_max_person_links_telegram_answering_the_question_bad_input_asked_again(
    linking: World,
) -> None:
    on_max = await linking.registered(linking.max(9001))
    code = code_in(await on_max.send("/link"))
    telegram = linking.telegram(7001)

    assert "Отправьте код, который бот показал вам" in joined(await telegram.send("/link"))
    for wrong in (telegram.send("привет"), telegram.sticker(), telegram.send("/language")):
        assert "Это не похоже на код" in joined(await wrong)
    linked = await telegram.send(code.lower().replace("-", " "))  # as a person may type it

    assert "те же, что в MAX" in joined(linked)
    assert await linking.accounts() == [(NAME, TG, 7001), (NAME, MAX, 9001)]
    await linking.network.sweep()
    assert LINKED_THERE + " Telegram" in joined(on_max.inbox[-1:])


async def _linked(linking: World) -> int:
    """A Telegram person with a linked MAX account (written from MAX last): their id."""
    telegram = await linking.registered(linking.telegram(7001))
    code = code_in(await telegram.send("/link"))
    await linking.max(9001).send(f"/link {code}")
    await linking.network.sweep()
    async with linking.factory() as session:
        person_id = await session.scalar(select(Person.id).where(Person.full_name == NAME))
    assert person_id is not None
    return person_id


async def _reminder(linking: World, person_id: int) -> tuple[bool, bool]:
    """A reminder queued and swept: whether it reached (Telegram, MAX)."""
    now = linking.clock.now()
    async with UnitOfWork(linking.factory) as uow:
        payload = {"round": "control", "tz": "Europe/Moscow", "opening": "2026-12-01"}
        await uow.outbox.enqueue(
            person_id=person_id, kind="monitoring_round", payload=payload, due_at=now, now=now
        )
        await uow.commit()
    await linking.network.sweep()
    telegram, on_max = linking.telegram(7001).inbox, linking.max(9001).inbox
    reached = (ROUND in joined(telegram[-1:]), ROUND in joined(on_max[-1:]))
    for inbox in (telegram, on_max):
        inbox.append(Shown("marker"))  # the next reminder is looked for after this one
    return reached


async def test_reminders_go_to_the_last_used_messenger_or_the_chosen_one(linking: World) -> None:
    person_id = await _linked(linking)
    assert await _reminder(linking, person_id) == (False, True)  # MAX: written from last

    telegram = linking.telegram(7001)
    shown = await telegram.send("/language")
    question = shown[-1]
    assert question.text == (
        "Куда присылать напоминания, опросы и уведомления? "
        "Сейчас: туда, где вы писали в последний раз."
    )
    assert [label for label, _ in question.buttons] == [
        "✅ Туда, где я писал(а) в последний раз (сейчас Telegram)",
        "Telegram",
        "MAX",
    ]
    chosen = await telegram.press_button("MAX")
    assert "Сохранено. Сообщения будут приходить: MAX." in joined(chosen)
    assert await _reminder(linking, person_id) == (False, True)

    chosen = await telegram.press_button("Telegram")
    assert [label for label, _ in chosen[-1].buttons][1] == "✅ Telegram"
    await linking.max(9001).send("/help")  # written from MAX last: the choice still holds
    assert await _reminder(linking, person_id) == (True, False)

    await telegram.press_button("Туда, где я писал(а)")
    await linking.max(9001).send("/help")
    assert await _reminder(linking, person_id) == (False, True)


async def test_the_choice_is_shown_only_with_accounts_in_two_messengers(linking: World) -> None:
    telegram = await linking.registered(linking.telegram(7001))
    shown = await telegram.send("/language")
    assert [s.text for s in shown] == ["Выберите язык интерфейса:"]
    refused = await telegram.press("w:max")
    assert refused[0].alert and refused[0].text == (
        "Так выбрать нельзя: у вас нет аккаунта в этом мессенджере."
    )


async def test_the_outbox_reads_every_recipients_accounts_in_one_statement(
    linking: World, engine: AsyncEngine
) -> None:
    person_id = await _linked(linking)
    other = await linking.registered(linking.max(9100), "Иванова Анна Петровна")
    async with linking.factory() as session:
        other_id = await session.scalar(select(Person.id).where(Person.id != person_id))
    now = linking.clock.now()
    async with UnitOfWork(linking.factory) as uow:
        for index in range(6):
            await uow.outbox.enqueue(
                person_id=(person_id, other_id)[index % 2],  # type: ignore[arg-type]
                kind="monitoring_round",
                payload={"round": "control", "tz": "Europe/Moscow", "opening": "2026-12-01"},
                due_at=now,
                now=now,
            )
        await uow.commit()
    with counted(engine) as statements:
        report = await linking.network.sweep()
    assert report.sent == 6 and other.inbox
    reads = [s for s in statements if "messenger_account" in s]
    # one per claim (the batch of six; SQLite reads again for the empty one that ends the
    # sweep, PostgreSQL's claim finds nothing first), none per message
    assert 1 <= len(reads) <= 2


async def test_mydata_lists_both_accounts_and_forget_erases_both_with_their_steps(
    linking: World,
) -> None:
    await _linked(linking)
    telegram, on_max = linking.telegram(7001), linking.max(9001)
    await telegram.send("/schools")
    await telegram.press_button("Добавить школу")  # a half-done step in Telegram
    await on_max.send("/link ABCD-2345")  # and one in MAX: asked for the code again
    [file] = [s for s in await on_max.send("/mydata") if s.kind == "file"]
    assert file.file is not None
    exported = json.loads(file.file.data)
    assert [(a["messenger"], a["user_id"]) for a in exported["messenger_accounts"]] == [
        ("telegram", 7001),
        ("max", 9001),
    ]
    assert exported["person"]["last_messenger"] == "max"
    assert linking.network.store.records  # both conversations are kept

    await on_max.send("/forget")
    done = await on_max.press_button("Да, отозвать")

    assert "Согласие отозвано" in joined(done)
    assert await linking.accounts() == []
    assert linking.network.store.records == {}
    assert "только по приглашению" in joined(await telegram.send("Школа № 5"))
    async with linking.factory() as session:
        assert (await session.execute(select(LinkCode))).all() == []


async def test_through_telegram_a_stranger_links_the_account_of_a_max_person(
    harness: Harness, settings: Settings
) -> None:
    """The production dispatcher: the code is shown on MAX, sent as `/link CODE` on Telegram,
    and the Telegram chat gets the person's menu and command list with /link in it."""
    linking = world(harness.session_factory, settings, harness.clock)
    on_max = await linking.registered(linking.max(9001))
    code = code_in(await on_max.send("/link"))
    telegram = harness.person(5001)

    refused = telegram_joined(await telegram.send("/link ABCD-2345"))
    assert "Такого кода нет" in refused and "ещё 4 раза" in refused
    replies = await telegram.send(code)  # the answer to the question the refusal left open

    assert f"Этот аккаунт подключён к профилю «{NAME}»" in telegram_joined(replies)
    menus = [r for r in replies if type(r).__name__ == "SetMyCommands"]
    assert menus and "link" in [c.command for c in menus[0].commands]  # type: ignore[attr-defined]
    assert await linking.accounts() == [(NAME, TG, 5001), (NAME, MAX, 9001)]
    await telegram.send("/language")
    saved = telegram_joined(await telegram.press_button("MAX"))
    assert "Сохранено. Сообщения будут приходить: MAX." in saved
    assert "/link — подключить другой мессенджер" in telegram_joined(await telegram.send("/help"))
