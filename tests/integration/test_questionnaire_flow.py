"""Filling a questionnaire in chat: every kind of bad input, resume, restart, definition change."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    SendMessage,
    TelegramMethod,
)
from sqlalchemy import select

from bot.content.loader import Content
from bot.domain.questionnaire import (
    LocalizedText,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from bot.services import content as content_service
from db.models_matching import QuestionnaireResponse
from tests.harness import Harness, joined, texts
from tests.harness import Person as ChatPerson
from tests.integration.helpers import person_row, school_with_people


async def _response(harness: Harness, telegram_id: int, code: str) -> QuestionnaireResponse:
    person = await person_row(harness, telegram_id)
    assert person is not None
    async with harness.session_factory() as session:
        return (
            await session.execute(
                select(QuestionnaireResponse).where(
                    QuestionnaireResponse.person_id == person.id,
                    QuestionnaireResponse.code == code,
                )
            )
        ).scalar_one()


async def test_registration_invites_to_the_questionnaire(harness: Harness) -> None:
    _, _, _, mentors, mentees = await school_with_people(harness, mentors=1, mentees=1)
    assert "Следующий шаг — анкета" in joined(mentees[0].sent)
    assert "Заполнить анкету" in " ".join(mentees[0].buttons())
    assert "Следующий шаг — анкета" in joined(mentors[0].sent)


async def test_mentee_fills_the_questionnaire_through_every_kind_of_bad_input(
    harness: Harness,
) -> None:
    _, _, school, _, (mentee, *_) = await school_with_people(harness, mentors=0, mentees=1)
    replies = await mentee.send("/profile")
    assert "анкета ещё не заполнена" in joined(replies)
    replies = await mentee.press_button("Заполнить анкету")
    assert "Уважаемый коллега" in joined(replies)
    assert "Вопрос 1 из" in joined(replies)
    assert "К какой категории" in joined(replies)

    # A photo, a sticker and a word that is no option: the same question again, nothing stored.
    replies = await mentee.send_photo()  # the refusal names the buttons this question wants
    assert "Пожалуйста, ответьте кнопкой под вопросом" in joined(replies)
    assert "К какой категории" in joined(replies)
    replies = await mentee.send("Молодой")
    assert "Выберите, пожалуйста, один из предложенных вариантов" in joined(replies)
    assert (await _response(harness, 400, "mentee")).answers == {}
    await mentee.press_button("Молодой специалист")
    assert (await _response(harness, 400, "mentee")).answers == {"category": "young_specialist"}

    replies = await mentee.send("может быть")  # yes/no
    assert "«да» или «нет»" in joined(replies)
    replies = await mentee.press_button("Да")
    assert "Вопрос 3 из" in joined(replies)

    replies = await mentee.send("много")  # integer
    assert "целое число цифрами" in joined(replies)
    replies = await mentee.send("99")
    assert "от 0 до 60" in joined(replies)
    replies = await mentee.send_sticker()
    assert "Пожалуйста, напишите число цифрами" in joined(replies)
    assert "педагогический стаж" in joined(replies)
    await mentee.send("2 года")

    replies = await mentee.press_button("Математика")  # multiple choice: toggles
    assert any(isinstance(m, EditMessageReplyMarkup) for m in replies)
    edited = next(m for m in replies if isinstance(m, EditMessageReplyMarkup))
    assert edited.reply_markup is not None
    labels = [b.text for row in edited.reply_markup.inline_keyboard for b in row]
    assert "✅ Математика" in labels
    await mentee.press_button("Готово")

    replies = await mentee.press_button("Готово")  # levels: nothing chosen
    assert "Выберите хотя бы 1" in joined(replies)
    replies = await mentee.send("2, 9")
    assert "один из предложенных вариантов" in joined(replies)
    await mentee.send("2, 3")

    deficit_buttons = mentee.buttons()[:6]
    for label in deficit_buttons[:5]:
        await mentee.press_button(label)
    replies = await mentee.press_button(deficit_buttons[5])
    alerts = [m for m in replies if isinstance(m, AnswerCallbackQuery) and m.show_alert]
    assert alerts and "не более 5" in (alerts[0].text or "")
    await mentee.press_button("Готово")

    replies = await mentee.send("я" * 1001)  # text over the limit
    assert "Ответ слишком длинный: 1\xa0001" in joined(replies)
    await mentee.send("Как выстроить дисциплину в 7 «Б»")
    replies = await mentee.press_button("Пропустить")  # optional goals
    assert "формат работы" in joined(replies)
    replies = await mentee.press_button("Очно")

    text = joined(replies)
    assert "Анкета наставляемого" in text
    assert "Молодой специалист" in text and "Математика" in text
    assert "— (вопрос пропущен)" in text
    row = await _response(harness, 400, "mentee")
    assert row.submitted_at is None and row.school_id == school.id
    replies = await mentee.press_button("Отправить")
    assert "Анкета отправлена куратору" in joined(replies)

    row = await _response(harness, 400, "mentee")
    assert row.submitted_at == harness.clock.now()
    assert row.version == 1
    assert row.answers["experience_years"] == 2
    assert row.answers["subjects"] == ["math"]
    assert row.answers["levels"] == ["primary", "basic"]
    assert len(row.answers["deficits"]) == 5
    assert row.answers["goals"] is None
    assert row.answers["format"] == "offline"


async def test_dates_are_validated(harness: Harness) -> None:
    _, _, _, _, (mentee, *_) = await school_with_people(harness, mentors=0, mentees=1)
    await mentee.send("/profile")
    await mentee.press_button("Заполнить анкету")
    replies = await mentee.press_button("Недавно пришёл")
    assert "ДД.ММ.ГГГГ" in joined(replies)
    replies = await mentee.send("32.13.2020")
    assert "Не удалось распознать дату" in joined(replies)
    replies = await mentee.send("01.09.2030")
    assert "ещё не наступила" in joined(replies)
    replies = await mentee.send("01.09.2025")
    assert "педагогический стаж" in joined(replies)
    assert (await _response(harness, 400, "mentee")).answers["started_at"] == "2025-09-01"


async def test_cancel_and_restart_lose_nothing_and_resume_at_the_first_unanswered(
    harness: Harness,
) -> None:
    from bot.dispatcher import create_dispatcher

    _, _, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=0)
    await mentor.send("/profile")
    await mentor.press_button("Заполнить анкету")
    await mentor.press_button("Математика")
    await mentor.press_button("Готово")
    await mentor.send("3")  # levels by number: the third, basic
    replies = await mentor.send("/cancel")
    assert "Действие прервано" in joined(replies)
    replies = await mentor.send("15")  # no flow any more: not taken as an answer
    assert "Не понял сообщение" in joined(replies)
    assert "experience_years" not in (await _response(harness, 300, "mentor")).answers

    replies = await mentor.send("/profile")
    assert "заполнено 2 из 10" in joined(replies)
    replies = await mentor.press_button("Продолжить")
    assert "Вопрос 3 из 10" in joined(replies)
    assert "педагогический стаж" in joined(replies)

    restarted = create_dispatcher(
        settings=harness.dp["settings"],
        session_factory=harness.session_factory,
        storage=harness.dp.storage,
        clock=harness.clock,
    )
    await restarted.emit_startup(
        bot=harness.bot, dispatcher=restarted, bots=[harness.bot], **restarted.workflow_data
    )
    harness.dp = restarted
    replies = await mentor.send("15")
    assert "Вопрос 4 из 10" in joined(replies)
    row = await _response(harness, 300, "mentor")
    assert row.answers == {"subjects": ["math"], "levels": ["basic"], "experience_years": 15}


async def test_changed_definition_keeps_fitting_answers_and_asks_the_rest(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, _, _, (mentee, *_) = await school_with_people(harness, mentors=0, mentees=1)
    await mentee.send("/profile")
    await mentee.press_button("Заполнить анкету")
    await mentee.press_button("Испытываю")
    await mentee.send("4")

    # Version 2: the "has_difficulties" category is gone, a 1–5 scale question is new.
    base = content_service.base_content()
    old = base.questionnaire("mentee")
    category = old.question("category")
    assert isinstance(category, SingleChoiceQuestion)
    new_category = dataclasses.replace(
        category, options=tuple(o for o in category.options if o.code != "has_difficulties")
    )
    scale = ScaleQuestion(
        id="confidence",
        text=LocalizedText(ru="Насколько уверенно вы себя чувствуете в классе?"),
        min_value=1,
        max_value=5,
    )
    questions = (new_category, scale, *old.questions[1:])
    changed = dataclasses.replace(old, version=2, questions=questions)
    patched = Content(
        base.deficits, base.subjects, base.levels, {**base.questionnaires, "mentee": changed}
    )
    monkeypatch.setattr(content_service, "base_content", lambda: patched)

    replies = await mentee.send("/profile")
    assert "заполнено 1 из" in joined(replies)  # experience kept, category dropped
    replies = await mentee.press_button("Продолжить")
    assert "К какой категории" in joined(replies)
    assert "Испытываю" not in " ".join(mentee.buttons())
    await mentee.press_button("Осваиваю новую")
    replies = await mentee.send("6")
    assert "от 1 до 5" in joined(replies)
    replies = await mentee.press_button("4")
    row = await _response(harness, 400, "mentee")
    assert row.version == 2
    assert row.answers["confidence"] == 4 and row.answers["experience_years"] == 4
    assert row.answers["category"] == "new_role"
    assert "Какую новую роль" in joined(replies)


async def test_one_person_cannot_reach_another_persons_answers(harness: Harness) -> None:
    _, _, school, _, (first, second) = await school_with_people(harness, mentors=0, mentees=2)
    await first.send("/profile")
    await first.press_button("Заполнить анкету")
    await first.press_button("Молодой специалист")
    row = await _response(harness, 400, "mentee")

    for data in (f"qc:{row.id}", f"qe:{row.id}:0", f"qf:{row.id}", f"qo:{row.id}:1:0"):
        replies = await second.press(data)
        assert "Молодой специалист" not in joined(replies)
        assert "меню устарело" in joined(replies)
    replies = await second.press(f"qs:{school.id}:mentor")  # not a mentor
    assert "нет прав" in joined(replies)
    assert (await _response(harness, 400, "mentee")).answers == {"category": "young_specialist"}


def _labels(method: object) -> list[str]:
    markup = getattr(method, "reply_markup", None)
    assert markup is not None
    return [b.text for row in markup.inline_keyboard for b in row]


async def test_a_sticker_in_a_checklist_keeps_the_ticks_and_done_saves_them(
    harness: Harness,
) -> None:
    _, _, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=0)
    await mentor.send("/profile")
    await mentor.press_button("Заполнить анкету")
    await mentor.press_button("Математика")  # ticked, kept in the conversation until «Готово»
    replies = await mentor.send_sticker()
    refusal, question = texts(replies)
    assert refusal.startswith("Пожалуйста, отметьте подходящие варианты кнопками")
    assert "«Готово»" in refusal and "текстовым сообщением" not in refusal
    assert "Какие предметы вы преподаёте?" in question
    assert "✅ Математика" in _labels(replies[-1])  # asked again with the tick
    # a typed answer that names no option keeps it too
    replies = await mentor.send("Астрология")
    assert "один из предложенных вариантов" in joined(replies)
    assert "✅ Математика" in _labels(replies[-1])
    replies = await mentor.press_button("Готово")
    assert "На каких уровнях образования" in joined(replies)
    assert (await _response(harness, 300, "mentor")).answers == {"subjects": ["math"]}


async def test_a_sticker_is_refused_naming_the_way_each_question_expects(
    harness: Harness,
) -> None:
    """Mentor questionnaire: checklist, number, buttons (single choice, yes/no), free text;
    the mentee's «when did you start» is a date."""
    _, _, _, (mentor, *_), (mentee, *_) = await school_with_people(harness, mentors=1, mentees=1)

    async def refusal(person: ChatPerson) -> str:
        return texts(await person.send_sticker())[0]

    await mentor.send("/profile")
    await mentor.press_button("Заполнить анкету")
    assert "отметьте подходящие варианты кнопками" in await refusal(mentor)
    await mentor.press_button("Математика")
    await mentor.press_button("Готово")
    await mentor.send("3")
    assert (await refusal(mentor)).startswith("Пожалуйста, напишите число цифрами")
    await mentor.send("12")
    assert (await refusal(mentor)).startswith("Пожалуйста, ответьте кнопкой под вопросом")
    await mentor.press_button("Высшая")
    assert (await refusal(mentor)).startswith("Пожалуйста, ответьте кнопкой под вопросом")
    await mentor.press_button("Да")
    await mentor.send("1")
    await mentor.press_button("Очно")
    await mentor.send("2")
    await mentor.press_button("По договорённости")
    assert (await refusal(mentor)).startswith("Пожалуйста, ответьте текстовым сообщением")

    await mentee.send("/profile")
    await mentee.press_button("Заполнить анкету")
    await mentee.press_button("Недавно пришёл")
    assert (await refusal(mentee)).startswith("Пожалуйста, напишите дату текстом")


async def test_button_answers_turn_the_question_into_the_next_one_typed_ones_get_a_new_message(
    harness: Harness,
) -> None:
    _, _, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=0)
    await mentor.send("/profile")

    def kinds(methods: list[TelegramMethod[Any]]) -> list[str]:
        shown = (SendMessage, EditMessageText, EditMessageReplyMarkup)
        return [type(m).__name__ for m in methods if isinstance(m, shown)]

    opened = kinds(await mentor.press_button("Заполнить анкету"))
    assert opened == ["SendMessage", "SendMessage"]  # the intro, then question 1
    assert kinds(await mentor.press_button("Математика")) == ["EditMessageReplyMarkup"]
    replies = await mentor.press_button("Готово")
    assert kinds(replies) == ["EditMessageText"] and "Вопрос 2 из 10" in joined(replies)
    replies = await mentor.send("3")  # typed: the next question below the person's message
    assert kinds(replies) == ["SendMessage"] and "Вопрос 3 из 10" in joined(replies)
    await mentor.send("12")
    replies = await mentor.press_button("Высшая")
    assert kinds(replies) == ["EditMessageText"] and "Вопрос 5 из 10" in joined(replies)
    row = await _response(harness, 300, "mentor")
    assert row.answers == {
        "subjects": ["math"],
        "levels": ["basic"],
        "experience_years": 12,
        "qualification": "highest",
    }
