"""A button of a questionnaire question that no longer applies (its condition changed) is refused
with a clear message, and the person is asked the question that is current; nothing is stored."""

from __future__ import annotations

from sqlalchemy import select

from db.models_matching import QuestionnaireResponse
from tests.harness import Harness, joined
from tests.integration.helpers import person_row, school_with_people

OTHER_QUESTION = "Эта кнопка относится к другому вопросу. Ответьте, пожалуйста, на текущий вопрос."


async def _answers(harness: Harness, telegram_id: int) -> dict[str, object]:
    person = await person_row(harness, telegram_id)
    assert person is not None
    async with harness.session_factory() as session:
        response = (
            await session.execute(
                select(QuestionnaireResponse).where(QuestionnaireResponse.person_id == person.id)
            )
        ).scalar_one()
    return dict(response.answers)


async def test_a_button_of_a_question_hidden_since_is_refused_and_the_current_one_asked(
    harness: Harness,
) -> None:
    _, _, _, _, (mentee,) = await school_with_people(harness, mentors=0, mentees=1)
    await mentee.send("/profile")
    await mentee.press_button("Заполнить анкету")
    asked = joined(await mentee.press_button("Молодой специалист"))
    assert "Это ваш первый учебный год в школе?" in asked
    first_year_yes = mentee.button_data("Да")

    # The mentee scrolls up and changes the category: the first-year question no longer applies.
    category = mentee.button_data("Осваиваю новую")  # the first question's button
    asked = joined(await mentee.press(category))
    assert "Какую новую роль вы осваиваете?" in asked
    stored = await _answers(harness, 400)
    assert stored.get("category") == "new_role"

    # Its old «Да» is refused, the current question is asked again, nothing is stored.
    replies = joined(await mentee.press(first_year_yes))
    assert replies.startswith(OTHER_QUESTION)
    assert "Какую новую роль вы осваиваете?" in replies
    assert await _answers(harness, 400) == stored

    # After /cancel (no conversation state) the same button still leads back to the question.
    await mentee.send("/cancel")
    replies = joined(await mentee.press(first_year_yes))
    assert replies.startswith(OTHER_QUESTION)
    assert "Какую новую роль вы осваиваете?" in replies
    assert await _answers(harness, 400) == stored
    # and the answer typed next is stored for the current question
    await mentee.send("Классный руководитель")
    assert (await _answers(harness, 400)).get("new_role") == "Классный руководитель"
    assert "first_year" not in await _answers(harness, 400)
