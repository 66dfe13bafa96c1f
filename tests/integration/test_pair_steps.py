"""The typed steps of the pair card on the core: a goal typed, a sticker or a typed answer
where a text or a button is expected, a command that leaves the step, the «today» notice
button."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select

from db.models_mentoring import Mentorship, Program
from tests.harness import Harness, joined
from tests.harness import Person as ChatPerson
from tests.integration.test_pair_setup import pair_world


async def _state(harness: Harness, person: ChatPerson) -> str | None:
    key = StorageKey(bot_id=harness.bot.id, chat_id=person.user.id, user_id=person.user.id)
    return await harness.dp.storage.get_state(key)


async def _goals(harness: Harness, mentorship_id: int) -> list[object]:
    async with harness.session_factory() as session:
        program = (
            await session.execute(select(Program).where(Program.mentorship_id == mentorship_id))
        ).scalar_one()
        return list(program.goals)


async def test_mentor_adds_a_goal_after_a_sticker_is_refused(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/pair")
    assert "Напишите цель программы" in joined(await mentor.press_button("Добавить цель"))

    refused = joined(await mentor.send_sticker())
    assert "Здесь нужен текст" in refused and "Напишите цель программы" in refused
    assert await _state(harness, mentor) == "PairEdit:goal"

    assert "Цель добавлена в программу" in joined(await mentor.send("Провести открытый урок"))
    assert await _state(harness, mentor) is None
    assert len(await _goals(harness, world.mentorship_id)) == 1
    assert "Провести открытый урок" in joined(await mentor.send("/pair"))


async def test_a_typed_answer_where_a_direction_button_is_expected_asks_again(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/pair")
    await mentor.press_button("Добавить пункт плана")
    assert "Выберите направление" in joined(await mentor.send("Подготовка к ВПР"))

    replies = joined(await mentor.send("Предметное"))
    assert "выберите вариант кнопкой" in replies and "Выберите направление" in replies
    assert await _state(harness, mentor) == "PairEdit:item_direction"


async def test_pair_typed_mid_goal_leaves_the_step_and_shows_the_card(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/pair")
    await mentor.press_button("Добавить цель")

    text = joined(await mentor.send("/pair"))
    assert "Изменение пары прервано, ничего не сохранено" in text
    assert "Цели" in text  # the card
    assert await _state(harness, mentor) is None
    assert await _goals(harness, world.mentorship_id) == []


async def test_mentor_ends_early_with_the_notice_given_today(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/pair")
    await mentor.press_button("Завершить")
    await mentor.press_button("По инициативе наставника")

    done = joined(await mentor.press_button("Сегодня"))
    assert done.startswith("Наставничество завершено досрочно. Причина: По инициативе наставника.")
    assert await _state(harness, mentor) is None
    async with harness.session_factory() as session:
        row = await session.get(Mentorship, world.mentorship_id)
    assert row is not None and row.end_notice_date == harness.clock.now().date()
