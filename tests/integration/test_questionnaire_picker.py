"""The questionnaire summary's «Изменить ответ»: the person picks a question from the numbered
list, answers it again (a bad answer is refused and asked again), and only that answer changes."""

from __future__ import annotations

from sqlalchemy import select

from db.models_matching import QuestionnaireResponse
from tests.harness import Harness, joined
from tests.harness import Person as ChatPerson
from tests.integration.helpers import person_row, school_with_people

MENTOR_ANSWERS = ("8", "3", "15", "1", "да", "1, 2, 3", "3", "2", "4")


async def _response(harness: Harness, telegram_id: int) -> QuestionnaireResponse:
    person = await person_row(harness, telegram_id)
    assert person is not None
    async with harness.session_factory() as session:
        return (
            await session.execute(
                select(QuestionnaireResponse).where(QuestionnaireResponse.person_id == person.id)
            )
        ).scalar_one()


async def _to_summary(mentor: ChatPerson) -> str:
    await mentor.send("/profile")
    await mentor.press_button("Заполнить анкету")
    for answer in MENTOR_ANSWERS:
        await mentor.send(answer)
    return joined(await mentor.press_button("Пропустить"))


async def test_the_picker_lists_the_questions_and_changes_only_the_chosen_answer(
    harness: Harness,
) -> None:
    _, _, _, (mentor,), _ = await school_with_people(harness, mentors=1, mentees=0)
    summary = await _to_summary(mentor)
    assert "8. Скольких наставляемых вы готовы сопровождать одновременно?\n— 2" in summary
    assert mentor.buttons() == ["✏️ Изменить ответ", "📨 Отправить"]
    before = (await _response(harness, 300)).answers

    assert joined(await mentor.press_button("Изменить ответ")) == "Какой ответ изменить?"
    picker = mentor.buttons()
    assert len(picker) == 10
    assert picker[0] == "1. Какие предметы вы преподаёте?"
    # Long questions are cut to fit a button, with an ellipsis.
    assert picker[7] == "8. Скольких наставляемых вы готовы сопровождать одно…"
    assert all(len(label) <= len("10. ") + 50 for label in picker)

    asked = joined(await mentor.press_button("8. Скольких"))
    assert "Вопрос 8 из 10" in asked
    assert "Скольких наставляемых вы готовы сопровождать одновременно?" in asked
    assert "Напишите число от 1 до 5." in asked

    refused = joined(await mentor.send("9"))  # out of range: refused, asked again
    assert refused.startswith("Введите число от 1 до 5.\nВопрос 8 из 10")
    assert (await _response(harness, 300)).answers == before

    summary = joined(await mentor.send("3"))
    assert "8. Скольких наставляемых вы готовы сопровождать одновременно?\n— 3" in summary
    assert "3. Какой у вас педагогический стаж (полных лет)?\n— 15" in summary
    after = await _response(harness, 300)
    changed = {k: v for k, v in after.answers.items() if before.get(k) != v}
    assert list(changed.values()) == [3] and before[next(iter(changed))] == 2
    assert after.answers.keys() == before.keys() and after.submitted_at is None

    assert "Анкета отправлена куратору" in joined(await mentor.press_button("Отправить"))
    sent = await _response(harness, 300)
    assert sent.submitted_at is not None and sent.answers == after.answers


async def test_a_submitted_questionnaire_can_be_corrected_through_the_picker(
    harness: Harness,
) -> None:
    _, _, _, (mentor,), _ = await school_with_people(harness, mentors=1, mentees=0)
    await _to_summary(mentor)
    await mentor.press_button("Отправить")
    submitted = await _response(harness, 300)
    assert submitted.submitted_at is not None

    shown = joined(await mentor.send("/profile"))
    assert "Анкета отправлена куратору. Ответ можно изменить в любой момент." in shown
    await mentor.press_button("Изменить ответ")
    await mentor.press_button("3. Какой у вас")
    summary = joined(await mentor.send("20"))
    assert "3. Какой у вас педагогический стаж (полных лет)?\n— 20" in summary
    corrected = await _response(harness, 300)
    assert 20 in corrected.answers.values() and 15 not in corrected.answers.values()
