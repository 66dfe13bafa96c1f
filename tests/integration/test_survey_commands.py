"""A command typed in the middle of a survey or of a rating's comment: one open to the person
pauses the survey (its answers kept) and runs; any other is refused with the question again.
A refused comment (empty, too long) says why and asks again with its button."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.surveys import COMMENT_MAX, SurveyKind, SurveyStatus
from bot.settings import Settings
from db.models import School
from db.models_surveys import SurveyAnswer, SurveyRequest
from handlers.surveys import CsCb
from tests.harness import Harness, joined, texts
from tests.integration.survey_world import log_and_confirm, relationship_invite
from tests.integration.test_pair_setup import PairWorld, pair_world


async def _mentee_check(harness: Harness) -> SurveyRequest:
    async with harness.session_factory() as session:
        return (
            await session.execute(
                select(SurveyRequest).where(
                    SurveyRequest.kind == SurveyKind.RELATIONSHIP, SurveyRequest.role == "mentee"
                )
            )
        ).scalar_one()


async def _answers(harness: Harness, kind: SurveyKind) -> dict[str, tuple[int | None, str | None]]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(SurveyAnswer)
            .join(SurveyRequest, SurveyRequest.id == SurveyAnswer.request_id)
            .where(SurveyRequest.kind == kind, SurveyRequest.role == "mentee")
        )
        return {a.question_id: (a.value_int, a.value_text) for a in rows.scalars()}


async def _survey_started(harness: Harness, settings: Settings) -> PairWorld:
    """The mentee's relationship check: question 1 answered, question 2 waiting."""
    world = await pair_world(harness)
    await relationship_invite(harness, settings, world)
    assert "Вопрос 1 из 3" in joined(await world.mentee.press_button("Заполнить анкету"))
    assert "Вопрос 2 из 3" in joined(await world.mentee.press_button("3"))
    return world


async def test_a_command_mid_survey_pauses_it_with_answers_kept_and_runs(
    harness: Harness, settings: Settings
) -> None:
    world = await _survey_started(harness, settings)
    mentee = world.mentee

    text = joined(await mentee.send("/pair"))
    assert "Анкета отложена, ответы сохранены" in text
    assert "Наставник: Петрова Анна Викторовна" in text  # /pair ran
    text = joined(await mentee.send("7"))  # paused: no longer taken as an answer
    assert "Вопрос 3 из 3" not in text
    assert await _answers(harness, SurveyKind.RELATIONSHIP) == {"relationship": (3, None)}

    # /surveys lists it; it resumes at the first question not answered
    text = joined(await mentee.send("/surveys"))
    assert "Анкета отложена" not in text  # already paused: said once
    assert "Как идёт работа в паре" in text
    assert "Вопрос 2 из 3" in joined(await mentee.press_button("Как идёт работа в паре"))
    assert "Вопрос 3 из 3" in joined(await mentee.send("6"))

    # the last question takes any text: /surveys is still a command, not the answer
    text = joined(await mentee.send("/surveys@mentoring_test_bot"))
    assert "Анкета отложена, ответы сохранены" in text and "Опросы" in text
    assert await _answers(harness, SurveyKind.RELATIONSHIP) == {
        "relationship": (3, None),
        "progress": (6, None),
    }
    assert (await _mentee_check(harness)).status is SurveyStatus.PENDING


async def test_an_unknown_or_forbidden_command_mid_survey_asks_the_question_again(
    harness: Harness, settings: Settings
) -> None:
    world = await _survey_started(harness, settings)
    for command in ("/foo", "/match", "/"):  # /match is the curator's, not a mentee's
        replies = texts(await world.mentee.send(command))
        assert "Сейчас идёт заполнение анкеты" in replies[0]
        assert "Вопрос 2 из 3" in replies[1] and "Анкета отложена" not in "\n".join(replies)
        assert world.mentee.buttons()[:3] == ["1", "2", "3"]  # the scale again
    assert await _answers(harness, SurveyKind.RELATIONSHIP) == {"relationship": (3, None)}
    assert "Вопрос 3 из 3" in joined(await world.mentee.send("6"))  # still in the survey


async def test_a_refused_comment_says_why_and_asks_again_with_its_button(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    mentee = world.mentee
    await mentee.press_button("4")
    replies = texts(await mentee.press_button("Добавить комментарий"))
    assert "Напишите комментарий" in replies[-1] and mentee.buttons() == ["Нет, спасибо"]

    for typed, why in (
        ("   ", "Комментарий пустой"),
        ("д" * (COMMENT_MAX + 1), "Комментарий слишком длинный"),
        ("/foo", "не может начинаться с «/»"),
        ("/match", "не может начинаться с «/»"),  # the curator's command, not the mentee's
    ):
        replies = texts(await mentee.send(typed))
        assert why in replies[0], replies
        assert "Напишите комментарий" in replies[1]
        assert mentee.buttons() == ["Нет, спасибо"]
    assert await _answers(harness, SurveyKind.MEETING) == {"rating": (4, None)}

    assert "Комментарий сохранён" in joined(await mentee.send("  Было полезно  "))
    assert await _answers(harness, SurveyKind.MEETING) == {
        "rating": (4, None),
        "comment": (None, "Было полезно"),
    }


async def test_a_command_at_the_comment_step_leaves_it_and_runs(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    mentee = world.mentee
    await mentee.press_button("2")
    await mentee.press_button("Добавить комментарий")
    text = joined(await mentee.send("/pair"))
    assert "Оценка сохранена, комментарий не добавлен" in text
    assert "Наставник: Петрова Анна Викторовна" in text
    assert "Комментарий сохранён" not in joined(await mentee.send("Было скучно"))

    await mentee.press_button("Добавить комментарий")
    text = joined(await mentee.send("/surveys"))
    assert "комментарий не добавлен" in text and "Опросы" in text

    await mentee.press_button("Добавить комментарий")
    assert "Спасибо за оценку" in joined(await mentee.press_button("Нет, спасибо"))
    assert "Комментарий сохранён" not in joined(await mentee.send("Всё-таки скучно"))
    assert await _answers(harness, SurveyKind.MEETING) == {"rating": (2, None)}


async def test_a_command_while_a_survey_file_is_awaited_leaves_the_upload_and_runs(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    async with harness.session_factory() as session:
        school = await session.get(School, world.school_id)
        assert school is not None
    coordinator = world.coordinator
    await coordinator.press(CsCb(a="up", id=school.municipality_id).pack())
    replies = texts(await coordinator.send("не файл"))
    assert "Нужен файл" in replies[0] and "Пришлите файл опроса" in replies[1]
    text = joined(await coordinator.send("/schools"))
    assert "Загрузка опроса отменена" in text and "МБОУ «ОСОШ № 2»" in " ".join(
        coordinator.buttons()
    )
    assert "Нужен файл" not in joined(await coordinator.send("не файл"))
