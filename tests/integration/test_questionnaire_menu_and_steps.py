"""The menu's questionnaire, bank and preferences buttons do what their commands do; a document
is no answer; /help keeps the questionnaire waiting; a questionnaire half answered before an
upgrade (its conversation state as the earlier version stored it) goes on with its ticks."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select

from db.models_matching import QuestionnaireResponse
from tests.harness import Harness, joined, texts
from tests.harness import Person as ChatPerson
from tests.integration.helpers import person_row, school_with_people


async def _answers(harness: Harness, telegram_id: int) -> dict[str, object]:
    person = await person_row(harness, telegram_id)
    assert person is not None
    async with harness.session_factory() as session:
        row = (
            await session.execute(
                select(QuestionnaireResponse).where(QuestionnaireResponse.person_id == person.id)
            )
        ).scalar_one()
    return dict(row.answers)


async def _at_experience(mentor: ChatPerson) -> None:
    await mentor.send("/profile")
    await mentor.press_button("Заполнить анкету")
    await mentor.press_button("Математика")
    await mentor.press_button("Готово")
    assert "Вопрос 3 из 10" in joined(await mentor.send("3"))


async def test_menu_buttons_open_the_questionnaire_the_bank_and_the_preferences(
    harness: Harness,
) -> None:
    _, curator, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=1)
    await mentor.send("/start")
    shown = joined(await mentor.press_button("📝 Заполнить анкету"))
    assert shown == joined(await mentor.send("/profile"))
    assert mentor.button_data("Заполнить анкету").startswith("qs:")  # the start, not the menu
    shown = joined(await mentor.press_button("🗳 Анкета предпочтений"))
    assert "Сейчас анкета предпочтений не проводится" in shown

    await curator.send("/start")
    shown = joined(await curator.press_button("🗂 Банк наставников"))
    assert "Банк наставников и наставляемых" in shown
    assert shown == joined(await curator.send("/bank"))
    assert "Напомнить" in " ".join(curator.buttons())


async def test_a_document_is_refused_and_the_question_asked_again(harness: Harness) -> None:
    _, _, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=0)
    await _at_experience(mentor)
    replies = texts(await mentor.send_document("stazh.txt", b"15"))
    assert replies[0].startswith("Пожалуйста, напишите число цифрами")
    assert "Вопрос 3 из 10" in replies[-1]
    await mentor.send("15")
    assert (await _answers(harness, 300))["experience_years"] == 15


async def test_help_mid_questionnaire_keeps_the_question_waiting(harness: Harness) -> None:
    _, _, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=0)
    await _at_experience(mentor)
    shown = joined(await mentor.send("/help"))
    assert "Бот ведёт программу наставничества" in shown and "Анкета отложена" not in shown
    assert "Сейчас идёт заполнение анкеты" in joined(await mentor.send("/ 15"))  # no command
    assert "Вопрос 4 из 10" in joined(await mentor.send("15"))
    assert (await _answers(harness, 300))["experience_years"] == 15


async def test_ticks_kept_by_the_earlier_version_are_saved_with_done(harness: Harness) -> None:
    _, _, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=0)
    await mentor.send("/profile")
    await mentor.press_button("Заполнить анкету")
    _, response_id, position = mentor.button_data("Готово").split(":")
    # the state as the aiogram version wrote it: QFlow.answering and its dict
    key = StorageKey(bot_id=harness.bot.id, chat_id=mentor.user.id, user_id=mentor.user.id)
    await harness.dp.storage.set_state(key, "QFlow:answering")
    await harness.dp.storage.set_data(
        key, {"r": int(response_id), "q": int(position), "sel": ["math"]}
    )
    replies = await mentor.press_button("Готово")
    assert "На каких уровнях образования" in joined(replies)
    assert await _answers(harness, 300) == {"subjects": ["math"]}
