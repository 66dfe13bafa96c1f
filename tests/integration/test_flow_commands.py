"""A command typed in the middle of a flow: one the person may use leaves the flow (its state
cleared, nothing half-filled written) and runs; any other is refused and the question repeated.

Covers the meeting log, the approval of a pair in /match, the school registry and the pair card
(the questionnaire has its own tests in test_questionnaire_commands.py)."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select

from db.models import School
from db.models_mentoring import Meeting, Mentorship, Program
from db.models_registry import MethodEventRecord, PairsOrder
from tests.harness import Harness, joined
from tests.harness import Person as ChatPerson
from tests.integration.helpers import (
    fill_mentee_questionnaire,
    fill_mentor_questionnaire,
    school_chain,
    school_with_people,
)
from tests.integration.test_pair_setup import pair_world

MEETING_LEFT = "Запись встречи прервана, встреча не сохранена"
MEETING_FINISH_FIRST = "Сейчас идёт запись встречи"


async def _state(harness: Harness, person: ChatPerson) -> str | None:
    key = StorageKey(bot_id=harness.bot.id, chat_id=person.user.id, user_id=person.user.id)
    return await harness.dp.storage.get_state(key)


async def _meetings(harness: Harness) -> list[Meeting]:
    async with harness.session_factory() as session:
        return list((await session.execute(select(Meeting))).scalars())


async def _to_notes(mentor: ChatPerson) -> None:
    """/meeting up to the notes step: stage, date, duration, format and topic given."""
    await mentor.send("/meeting")
    await mentor.press_button("✅ Знакомство")
    await mentor.press_button("Вчера")
    await mentor.press_button("60 мин")
    await mentor.press_button("Очно")
    replies = await mentor.send("Ожидания и трудности первого года")
    assert "Напишите, что обсуждали" in joined(replies)


# --- The meeting log ------------------------------------------------------------------------


async def test_mentor_runs_certificate_mid_meeting_and_the_meeting_is_not_saved(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await _to_notes(mentor)
    await mentor.send("Договорились посетить два урока.")

    text = joined(await mentor.send("/certificate"))
    assert MEETING_LEFT in text
    assert "справк" in text  # the command ran
    assert MEETING_FINISH_FIRST not in text and "Заметка добавлена" not in text
    assert await _state(harness, mentor) is None
    assert await _meetings(harness) == []

    # Outside the log now: a text is offered as a note, not added to the dropped entry.
    replies = await mentor.send("Обсудили открытый урок")
    assert "Записать это как заметку о встрече" in joined(replies)
    assert "Заметка добавлена" not in joined(replies)
    assert await _meetings(harness) == []


async def test_a_command_at_a_button_step_leaves_the_meeting_log(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/meeting")  # the stage question, answered with buttons
    text = joined(await mentor.send("/certificate@mentoring_test_bot"))
    assert MEETING_LEFT in text and "справк" in text
    assert "выберите вариант кнопкой" not in text
    assert await _state(harness, mentor) is None
    assert await _meetings(harness) == []


async def test_unknown_or_forbidden_command_mid_meeting_is_refused_and_asked_again(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/meeting")
    await mentor.press_button("✅ Знакомство")
    replies = await mentor.send("/foo")
    assert MEETING_FINISH_FIRST in joined(replies)
    assert "Когда прошла встреча?" in joined(replies) and "Вчера" in mentor.buttons()
    await mentor.press_button("Вчера")
    await mentor.press_button("60 мин")
    await mentor.press_button("Очно")
    for command in ("/match", "/schools", "/"):  # the curator's, the coordinator's, no name
        text = joined(await mentor.send(command))
        assert MEETING_FINISH_FIRST in text and "Тема встречи" in text
        assert MEETING_LEFT not in text
    await mentor.send("Ожидания и трудности первого года")  # still in the log: the topic
    text = joined(await mentor.send("/match"))
    assert MEETING_FINISH_FIRST in text and "Напишите, что обсуждали" in text
    replies = await mentor.press_button("Сохранить")
    assert "Встреча записана" in joined(replies)
    [meeting] = await _meetings(harness)
    assert meeting.topic == "Ожидания и трудности первого года" and meeting.notes is None


async def test_a_command_withdraws_the_offer_of_a_text_as_note(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    assert "Записать это как заметку" in joined(await mentor.send("Обсудили план"))
    text = joined(await mentor.send("/certificate"))
    assert "справк" in text and "Записать это как заметку" not in text
    assert MEETING_LEFT not in text  # no entry was started: nothing to say about it
    assert await _state(harness, mentor) is None
    replies = await mentor.send("/foo")  # an unknown command is not offered as a note either
    assert "Записать это как заметку" not in joined(replies)
    assert "Не понял сообщение" in joined(replies)


# --- Approving a pair in /match ---------------------------------------------------------------


async def _mentorships(harness: Harness) -> list[Mentorship]:
    async with harness.session_factory() as session:
        return list((await session.execute(select(Mentorship))).scalars())


async def test_curator_runs_pair_mid_approval_and_approves_later(harness: Harness) -> None:
    _, curator, _, (mentor,), (mentee,) = await school_with_people(harness, mentors=1, mentees=1)
    await fill_mentor_questionnaire(mentor)
    await fill_mentee_questionnaire(mentee)
    await curator.send("/match")
    await curator.press_button("Оптимальный подбор")
    await curator.press_button("Утвердить пару")
    await curator.send("20.11.2026")  # the order date, kept in the flow only

    text = joined(await curator.send("/pair"))
    assert "Утверждение прервано: пара не утверждена" in text
    assert "нет действующих пар" in text  # /pair ran
    assert "Сейчас идёт утверждение пары" not in text
    assert await _state(harness, curator) is None
    replies = await curator.send("112-о")  # not taken as the order number any more
    assert "Не понял сообщение" in joined(replies)
    assert await _mentorships(harness) == []

    await curator.press_button("Утвердить пару")
    await curator.press_button("Изменить форму и вид")  # at a button step this time
    text = joined(await curator.send("/pair"))
    assert "Утверждение прервано" in text and "выберите вариант кнопкой" not in text
    assert await _state(harness, curator) is None

    await curator.press_button("Утвердить пару")
    await curator.press_button("Приказа ещё нет")
    replies = await curator.press_button("Внесу позже")
    assert "Утверждено: наставник Петрова Анна Викторовна" in joined(replies)
    [row] = await _mentorships(harness)
    assert row.order_id is None  # the dropped date stayed out


async def test_forbidden_command_mid_approval_still_asks_to_finish(harness: Harness) -> None:
    _, curator, _, (mentor,), (mentee,) = await school_with_people(harness, mentors=1, mentees=1)
    await fill_mentor_questionnaire(mentor)
    await fill_mentee_questionnaire(mentee)
    await curator.send("/match")
    await curator.press_button("Оптимальный подбор")
    await curator.press_button("Утвердить пару")
    for command in ("/meeting", "/foo"):  # /meeting is for mentors and mentees
        text = joined(await curator.send(command))
        assert "Сейчас идёт утверждение пары" in text and "выберите приказ" in text
        assert "Утверждение прервано" not in text


# --- The school registry --------------------------------------------------------------------


async def _school(harness: Harness, school_id: int) -> School:
    async with harness.session_factory() as session:
        school = await session.get(School, school_id)
        assert school is not None
        return school


async def test_curator_runs_bank_mid_registry_order_and_nothing_is_written(
    harness: Harness,
) -> None:
    _, curator, _ = await school_chain(harness)
    await curator.send("/registry")
    await curator.press_button("Наставнические пары")
    await curator.send("20.11.2026")  # the date; the number is asked next

    text = joined(await curator.send("/bank"))
    assert "Изменение реестра прервано, ничего не сохранено" in text
    assert "Банк наставников и наставляемых" in text
    assert await _state(harness, curator) is None
    async with harness.session_factory() as session:
        assert (await session.execute(select(PairsOrder))).first() is None

    await curator.send("/registry")
    await curator.press_button("Мероприятие")
    text = joined(await curator.send("/bank"))  # a command is not an event's title
    assert "Изменение реестра прервано" in text and "Банк наставников" in text
    async with harness.session_factory() as session:
        assert (await session.execute(select(MethodEventRecord))).first() is None


# --- The pair card --------------------------------------------------------------------------


async def test_mentor_starts_a_meeting_mid_goal_and_no_goal_is_added(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/pair")
    await mentor.press_button("Добавить цель")
    text = joined(await mentor.send("/meeting"))
    assert "Изменение пары прервано, ничего не сохранено" in text
    assert "Встреча с: Соколов Иван Андреевич" in text  # the meeting log began
    async with harness.session_factory() as session:
        program = (
            await session.execute(
                select(Program).where(Program.mentorship_id == world.mentorship_id)
            )
        ).scalar_one()
    assert program.goals == []
