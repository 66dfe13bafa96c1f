"""The typed steps of /registry: anything but text refused and asked again, an edit begun before
an upgrade goes on, a command on the core leaves the edit with nothing written."""

from __future__ import annotations

from datetime import date

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select

from db.models_registry import MethodEventRecord, PairsOrder
from handlers.certificates import CeCb, buttons
from tests.harness import Harness, joined
from tests.integration.helpers import school_by_short_name, school_chain

SCHOOL = "МБОУ «ОСОШ № 2»"


async def _events(harness: Harness) -> list[MethodEventRecord]:
    async with harness.session_factory() as session:
        return list((await session.execute(select(MethodEventRecord))).scalars())


async def test_a_sticker_a_photo_or_a_typed_level_is_refused_and_asked_again(
    harness: Harness,
) -> None:
    _, curator, _ = await school_chain(harness)
    await curator.send("/registry")
    await curator.press_button("Мероприятие")
    replies = joined(await curator.send_sticker())
    assert "отправьте ответ текстом" in replies and "Название мероприятия" in replies
    replies = joined(await curator.send_photo())
    assert "отправьте ответ текстом" in replies and "Название мероприятия" in replies
    assert "Уровень мероприятия" in joined(await curator.send("Семинар наставников"))
    assert "кнопкой" in joined(await curator.send_sticker())
    await curator.press_button("школьный")
    replies = joined(await curator.send_sticker())
    assert "ДД.ММ.ГГГГ" in replies
    await curator.send("15.10.2026")
    replies = joined(await curator.press_button("Пропустить"))
    assert "Сохранено" in replies and "1) Семинар наставников; школьный; 15.10.2026" in replies
    [event] = await _events(harness)
    assert (event.title, event.held_on, event.result) == (
        "Семинар наставников",
        date(2026, 10, 15),
        None,
    )


async def test_an_edit_begun_before_the_upgrade_goes_on(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    school = await school_by_short_name(harness, SCHOOL)
    key = StorageKey(bot_id=harness.bot.id, chat_id=curator.user.id, user_id=curator.user.id)
    # as the aiogram version kept it: its state's name and a dict of plain values
    await harness.dp.storage.set_state(key, "Registry:order_number")
    await harness.dp.storage.set_data(
        key, {"school_id": school.id, "kind": "pairs", "date": "2026-11-20"}
    )
    replies = joined(await curator.send("112-о"))
    assert "приказ от 20.11.2026 № 112-о" in replies
    assert await harness.dp.storage.get_state(key) is None
    async with harness.session_factory() as session:
        [order] = (await session.execute(select(PairsOrder))).scalars()
    assert (order.signed_on, order.number) == (date(2026, 11, 20), "112-о")


async def test_a_command_on_the_core_leaves_the_edit_and_nothing_is_written(
    harness: Harness,
) -> None:
    _, curator, _ = await school_chain(harness)
    await curator.send("/registry")
    await curator.press_button("Мероприятие")
    await curator.send("Семинар наставников")
    await curator.press_button("школьный")
    replies = joined(await curator.send("/registry"))
    assert "Изменение реестра прервано, ничего не сохранено" in replies
    assert "Реестр: МБОУ «ОСОШ № 2»" in replies  # the command ran
    assert "ДД.ММ.ГГГГ" not in joined(await curator.send("15.10.2026"))  # not a date any more
    assert await _events(harness) == []
    assert "Пропустить" not in curator.buttons()


def test_the_outbox_buttons_of_a_certificate() -> None:
    asked = buttons("certificate_request", {"request_id": 7})
    assert [b.action for b in asked] == [
        CeCb(action="y", id=7).pack(),
        CeCb(action="n", id=7).pack(),
    ]
    assert [b.action for b in buttons("certificate_ready", {"request_id": 7})] == ["ce:get:7"]
    assert buttons("certificate_refused", {"request_id": 7}) == []
