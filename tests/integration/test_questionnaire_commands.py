"""A command sent mid-questionnaire runs; the questionnaire waits with its answers kept."""

from __future__ import annotations

from sqlalchemy import select

from db.models_matching import QuestionnaireResponse
from tests.harness import Harness, joined
from tests.harness import Person as ChatPerson
from tests.integration.helpers import (
    invite_link_text,
    person_row,
    school_with_people,
    token_from,
)


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


async def _mentor_questionnaire_started(person: ChatPerson) -> None:
    """Subjects and levels answered; the experience question is waiting."""
    await person.send("/profile")
    await person.press_button("Заполнить анкету")
    await person.press_button("Математика")
    await person.press_button("Готово")
    replies = await person.send("3")
    assert "Вопрос 3 из 10" in joined(replies)


async def test_curator_who_mentors_runs_bank_and_match_mid_questionnaire_and_resumes(
    harness: Harness,
) -> None:
    _, curator, _, _, _ = await school_with_people(harness, mentors=0, mentees=1)
    await curator.send("/invite")
    link = await invite_link_text(curator, "Наставника — личная ссылка")
    await curator.send(f"/start {token_from(link)}")  # the curator also mentors
    await _mentor_questionnaire_started(curator)

    replies = await curator.send("/bank")
    text = joined(replies)
    assert "Сейчас идёт заполнение анкеты" not in text
    assert "Анкета отложена, ответы сохранены" in text
    assert "Банк наставников и наставляемых" in text
    assert "Соколов Иван Андреевич" in text

    replies = await curator.send("/match")
    assert "Сейчас идёт заполнение анкеты" not in joined(replies)
    assert "Анкета отложена" not in joined(replies)  # already paused: said once
    assert "Оптимальный подбор" in " ".join(curator.buttons())

    replies = await curator.send("15")  # no questionnaire waiting: not taken as an answer
    assert "Вопрос 4 из 10" not in joined(replies)
    assert await _answers(harness, 200) == {"subjects": ["math"], "levels": ["basic"]}

    replies = await curator.send("/profile")
    assert "заполнено 2 из 10" in joined(replies)
    replies = await curator.press_button("Продолжить")
    assert "Вопрос 3 из 10" in joined(replies)
    await curator.send("15")
    assert (await _answers(harness, 200))["experience_years"] == 15


async def test_mentor_runs_preferences_and_pair_mid_questionnaire(harness: Harness) -> None:
    _, _, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=0)
    await _mentor_questionnaire_started(mentor)
    replies = await mentor.send("/preferences")
    assert "Сейчас анкета предпочтений не проводится" in joined(replies)
    assert "Анкета отложена" in joined(replies)
    await mentor.send("/profile")
    await mentor.press_button("Продолжить")
    replies = await mentor.send("/pair@mentoring_test_bot")
    assert "У вас пока нет действующих пар" in joined(replies)
    assert await _answers(harness, 300) == {"subjects": ["math"], "levels": ["basic"]}


async def test_unknown_or_forbidden_command_mid_questionnaire_asks_the_question_again(
    harness: Harness,
) -> None:
    _, _, _, (mentor, *_), _ = await school_with_people(harness, mentors=1, mentees=0)
    await _mentor_questionnaire_started(mentor)
    for command in ("/foo", "/match", "/"):  # /match is the curator's, not a mentor's
        replies = await mentor.send(command)
        text = joined(replies)
        assert "Сейчас идёт заполнение анкеты" in text
        assert "Вопрос 3 из 10" in text and "педагогический стаж" in text
        assert "Анкета отложена" not in text
    replies = await mentor.send("15")  # still in the flow: the answer is taken
    assert "Вопрос 4 из 10" in joined(replies)
    assert (await _answers(harness, 300))["experience_years"] == 15
