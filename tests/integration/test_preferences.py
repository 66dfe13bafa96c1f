"""The preference round: opened by the curator, answered from the banks, feeding matching."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery, SendMessage
from sqlalchemy import select

from bot.settings import Settings
from db.models_matching import Preference, PreferenceRound
from tests.harness import Harness, joined
from tests.integration.helpers import (
    fill_mentee_questionnaire,
    fill_mentor_questionnaire,
    person_row,
    school_with_people,
)
from tests.integration.test_pair_setup import sweep


async def _preferences(harness: Harness) -> list[tuple[int, int, int]]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(Preference.chooser_id, Preference.chosen_id, Preference.rank).order_by(
                Preference.chooser_id, Preference.rank
            )
        )
        return [(a, b, c) for a, b, c in rows]


def _button_sent_to(harness: Harness, chat_id: int, label: str) -> str:
    """Callback data of a button in a message the bot sent to `chat_id` on someone else's update."""
    for method in reversed(harness.bot.session.requests):
        if isinstance(method, SendMessage) and int(method.chat_id) == chat_id:
            markup = method.reply_markup
            for row in getattr(markup, "inline_keyboard", []):
                for button in row:
                    if label in button.text and button.callback_data:
                        return str(button.callback_data)
    raise AssertionError(f"no {label!r} button sent to {chat_id}")


async def _pid(harness: Harness, telegram_id: int) -> int:
    row = await person_row(harness, telegram_id)
    assert row is not None
    return row.id


async def test_round_opens_collects_choices_closes_and_feeds_matching(
    harness: Harness, settings: Settings
) -> None:
    _, curator, _, (first, second), mentees = await school_with_people(
        harness, mentors=2, mentees=3
    )
    await fill_mentor_questionnaire(first, deficits="1, 2")
    await fill_mentor_questionnaire(second, deficits="1, 2")
    for mentee in mentees[:2]:
        await fill_mentee_questionnaire(mentee)
    # The third mentee has not sent a questionnaire: not in the bank, not invited.

    replies = await mentees[0].send("/preferences")
    assert "не проводится" in joined(replies)
    replies = await curator.send("/preferences")
    assert "сейчас не проводится" in joined(replies)
    replies = await curator.press_button("Открыть анкету предпочтений")
    assert "Приглашения получат 4 человека, рассылка займёт несколько минут." in joined(replies)
    assert [m.chat_id for m in replies if isinstance(m, SendMessage)] == [200, 200]  # queued
    before = len(harness.bot.session.requests)
    assert (await sweep(harness, settings)).sent == 4  # the outbox delivers them, paced
    invites = [m for m in harness.bot.session.requests[before:] if isinstance(m, SendMessage)]
    invited = sorted(int(m.chat_id) for m in invites if "Общая встреча" in m.text)
    assert invited == [300, 301, 400, 401]
    async with harness.session_factory() as session:
        round_ = (await session.execute(select(PreferenceRound))).scalar_one()
    assert round_.closed_at is None

    # The mentee opens the choice from the invitation and names the second mentor.
    replies = await mentees[0].press(_button_sent_to(harness, 400, "Выбрать"))
    assert "Отметьте до трёх наставников" in joined(replies)
    assert "Соколов" not in " ".join(mentees[0].buttons())  # mentors only
    await mentees[0].press_button("Орлова Нина Павловна")
    replies = await mentees[0].press_button("Готово")
    assert "Ваш выбор сохранён: Орлова Нина Павловна" in joined(replies)
    # The second mentor names the first mentee: mutual choice.
    await second.send("/preferences")
    await second.press_button("Соколов Иван Андреевич")
    # A name can be taken back.
    await first.send("/preferences")
    await first.press_button("Волкова Дарья Олеговна")
    await first.press_button("Соколов Иван Андреевич")
    await first.press_button("Волкова Дарья Олеговна")  # taken back

    mentee_id, mentor2_id = await _pid(harness, 400), await _pid(harness, 301)
    mentor1_id = await _pid(harness, 300)
    assert sorted(await _preferences(harness)) == sorted(
        [(mentee_id, mentor2_id, 1), (mentor2_id, mentee_id, 1), (mentor1_id, mentee_id, 1)]
    )

    replies = await curator.send("/preferences")
    assert "Ответили 3 из 4" in joined(replies)
    replies = await curator.press_button("Завершить приём ответов")
    assert "Выбор сделали: 3" in joined(replies)
    replies = await mentees[0].press(f"pft:{round_.id}:mentee:{mentor1_id}")
    alerts = [m for m in replies if isinstance(m, AnswerCallbackQuery) and m.show_alert]
    assert alerts and "уже завершён" in (alerts[0].text or "")
    assert len(await _preferences(harness)) == 3

    await curator.send("/match")
    replies = await curator.press_button("Оптимальный подбор")
    assert "взаимный выбор: после общей встречи оба назвали друг друга" in joined(replies)


async def test_at_most_three_names(harness: Harness, settings: Settings) -> None:
    _, curator, _, (mentor,), mentees = await school_with_people(harness, mentors=1, mentees=4)
    await fill_mentor_questionnaire(mentor)
    for mentee in mentees:
        await fill_mentee_questionnaire(mentee)
    await curator.send("/preferences")
    await curator.press_button("Открыть анкету предпочтений")
    await sweep(harness, settings)
    await mentor.press(_button_sent_to(harness, 300, "Выбрать"))
    for name in ("Соколов", "Волкова", "Лебедев"):
        await mentor.press_button(name)
    replies = await mentor.press_button("Морозова")
    alerts = [m for m in replies if isinstance(m, AnswerCallbackQuery) and m.show_alert]
    assert alerts and "не более 3" in (alerts[0].text or "")
    assert [rank for _, _, rank in await _preferences(harness)] == [1, 2, 3]
    # A forged colleague id (not in the bank) is refused.
    replies = await mentor.press(mentor.button_data("Соколов").rsplit(":", 1)[0] + ":99999")
    assert "меню устарело" in joined(replies)
    assert len(await _preferences(harness)) == 3


async def test_curator_of_another_school_cannot_open_or_close(harness: Harness) -> None:
    _, curator, school, _, (mentee,) = await school_with_people(harness, mentors=0, mentees=1)
    replies = await mentee.press(f"pfn:{school.id}")
    assert "нет прав" in joined(replies) or "меню устарело" in joined(replies)
    async with harness.session_factory() as session:
        assert (await session.execute(select(PreferenceRound))).first() is None
    await curator.send("/preferences")
    await curator.press_button("Открыть анкету предпочтений")
    async with harness.session_factory() as session:
        round_ = (await session.execute(select(PreferenceRound))).scalar_one()
    replies = await mentee.press(f"pfc:{round_.id}")
    assert "нет прав" in joined(replies)
