"""/link refused: an unknown, expired or used code, an account that is someone's already, a
second account in one messenger, too many wrong codes — each said in the person's language,
nothing linked; and an account that only began registering is moved to the code's person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.invites import create_coordinator_invite
from bot.settings import Settings
from db.models import LinkAttempt
from db.uow import UnitOfWork
from tests.harness import FrozenClock
from tests.integration.link_world import MAX, NAME, OTHER_NAME, TG, World, code_in, world
from tests.memory_messenger import joined

UNKNOWN = "Такого кода нет"


@pytest.fixture
async def shown_code(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings, clock: FrozenClock
) -> tuple[World, str]:
    """A registered Telegram person (7001) who has just been shown a code."""
    linking = world(session_factory, settings, clock)
    telegram = await linking.registered(linking.telegram(7001))
    return linking, code_in(await telegram.send("/link"))


async def test_an_unknown_code_is_refused_and_asked_again_in_the_persons_language(
    shown_code: tuple[World, str],
) -> None:
    linking, _ = shown_code
    stranger = linking.max(9001, language="en")

    shown = joined(await stranger.send("/link ABCD-2345"))

    assert "There is no such code" in shown and "You can try 4 more times" in shown
    assert "There is no such code" in joined(await stranger.send("WXYZ-6789"))  # still asked
    assert await linking.accounts() == [(NAME, TG, 7001)]


async def test_an_expired_code_is_refused_after_15_minutes(shown_code: tuple[World, str]) -> None:
    linking, code = shown_code
    linking.clock.advance(timedelta(minutes=15))

    shown = joined(await linking.max(9001).send(f"/link {code}"))

    assert "Срок действия кода истёк" in shown
    assert await linking.accounts() == [(NAME, TG, 7001)]


async def test_a_code_works_once_and_a_new_one_replaces_the_old(
    shown_code: tuple[World, str],
) -> None:
    linking, code = shown_code
    newer = code_in(await linking.telegram(7001).send("/link"))
    assert UNKNOWN in joined(await linking.max(9001).send(f"/link {code}"))  # replaced

    assert "Готово!" in joined(await linking.max(9001).send(newer))
    used = joined(await linking.max(9002).send(f"/link {newer}"))

    assert "Этот код уже использован" in used
    assert await linking.accounts() == [(NAME, TG, 7001), (NAME, MAX, 9001)]


async def test_an_account_of_another_registered_person_is_not_taken_over(
    shown_code: tuple[World, str],
) -> None:
    linking, code = shown_code
    someone = await linking.registered(linking.max(9001), OTHER_NAME)

    shown = joined(await someone.send(f"/link {code}"))

    assert "Этот аккаунт MAX уже принадлежит другому участнику программы" in shown
    assert await linking.accounts() == [(NAME, TG, 7001), (OTHER_NAME, MAX, 9001)]
    assert "Координатор" in joined(await someone.send("/help"))  # still themselves


async def test_the_persons_own_account_and_a_second_one_in_the_same_messenger(
    shown_code: tuple[World, str],
) -> None:
    linking, code = shown_code
    own = joined(await linking.telegram(7001).send(f"/link {code}"))
    assert "Этот аккаунт Telegram уже подключён к вашему профилю" in own

    second = joined(await linking.telegram(7002).send(f"/link {code}"))
    assert "К вашему профилю уже подключён другой аккаунт Telegram" in second

    assert "Готово!" in joined(await linking.max(9001).send(f"/link {code}"))  # still valid
    assert "уже подключён другой аккаунт MAX" in joined(
        await linking.max(9002).send(f"/link {code_in(await linking.max(9001).send('/link'))}")
    )
    assert await linking.accounts() == [(NAME, TG, 7001), (NAME, MAX, 9001)]


async def test_five_wrong_codes_and_the_account_waits_even_with_the_right_one(
    shown_code: tuple[World, str],
) -> None:
    linking, code = shown_code
    guesser = linking.max(9001)
    for left in (4, 3, 2, 1):
        shown = joined(await guesser.send(f"/link ABCD-{2344 + left}"))
        assert UNKNOWN in shown and f"ещё {left}" in shown
    fifth = joined(await guesser.send("/link ABCD-2399"))
    assert UNKNOWN in fifth
    assert "Слишком много неверных кодов. Попробуйте снова через 15 минут" in fifth

    linking.clock.advance(timedelta(minutes=10))
    locked = joined(await guesser.send(f"/link {code}"))
    assert "Попробуйте снова через 5 минут" in locked
    assert "Готово!" not in locked and await linking.accounts() == [(NAME, TG, 7001)]
    assert UNKNOWN in joined(await linking.max(9002).send("/link ABCD-2399"))  # per account

    linking.clock.advance(timedelta(minutes=4, seconds=59))
    assert "через 1 минуту" in joined(await guesser.send(f"/link {code}"))
    linking.clock.advance(timedelta(seconds=1))  # the window is over, and so is that code
    newer = code_in(await linking.telegram(7001).send("/link"))
    assert "Готово!" in joined(await guesser.send(f"/link {newer}"))
    async with linking.factory() as session:
        left = (await session.execute(select(LinkAttempt.external_user_id))).scalars().all()
    assert left == [9002]  # the linked account's wrong codes are gone


async def test_a_command_leaves_the_question_and_cancel_says_so(
    shown_code: tuple[World, str],
) -> None:
    linking, _ = shown_code
    stranger = linking.max(9001)
    await stranger.send("/link")

    assert "Действие прервано" in joined(await stranger.send("/cancel"))
    assert "только по приглашению" in joined(await stranger.send("ABCD-2345"))  # not a code now


async def test_an_account_that_only_began_registering_moves_to_the_codes_person(
    shown_code: tuple[World, str],
) -> None:
    """Consent given from MAX, the name not yet: the empty person goes, the account is
    the code's person's, and the half-done registration question is not asked any more."""
    linking, code = shown_code
    async with UnitOfWork(linking.factory) as uow:
        invite = await create_coordinator_invite(
            uow, "Округ 2", "Europe/Moscow", linking.clock.now(), timedelta(days=3)
        )
    beginner = linking.max(9001)
    await beginner.start(invite.token)
    await beginner.press_button("Согласен")
    assert await linking.people() == 2

    shown = joined(await beginner.send(f"/link {code}"))

    assert f"Этот аккаунт подключён к профилю «{NAME}»" in shown
    assert await linking.people() == 1
    assert await linking.accounts() == [(NAME, TG, 7001), (NAME, MAX, 9001)]
    assert "Не понял сообщение" in joined(await beginner.send("Иванова Анна Петровна"))
