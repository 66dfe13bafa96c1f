"""A survey's life through the dispatcher: expiry after its grace, closing while being filled,
cancelled with its queued messages when a pair ends early, one tap only, the final survey edited
in place (or sent anew when Telegram will not edit)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import EditMessageText, SendMessage, TelegramMethod

from bot.domain.mentorship import EndReason
from bot.domain.surveys import SurveyKind, SurveyStatus
from bot.settings import Settings
from handlers.surveys import SvCb
from tests.harness import Harness, joined, texts
from tests.integration.survey_world import (
    complete_program,
    end_pair,
    log_and_confirm,
    outbox_rows,
    relationship_invite,
    survey_answers,
    survey_requests,
)
from tests.integration.test_pair_setup import pair_world, sent_to, sweep


async def test_an_unanswered_survey_expires_after_its_grace_and_its_button_says_closed(
    harness: Harness, settings: Settings
) -> None:
    """Due 09.12 (7 days); SURVEY_EXPIRE_DAYS = 14 later, on 23.12, it closes as expired."""
    world = await pair_world(harness)
    await relationship_invite(harness, settings, world)
    harness.clock.advance(timedelta(days=21))  # 23.12, the due date + 14 days: not yet
    await sweep(harness, settings)
    assert {r.status for r in await survey_requests(harness, SurveyKind.RELATIONSHIP)} == {
        SurveyStatus.PENDING
    }
    harness.clock.advance(timedelta(hours=1))
    await sweep(harness, settings)
    assert {r.status for r in await survey_requests(harness, SurveyKind.RELATIONSHIP)} == {
        SurveyStatus.EXPIRED
    }
    assert "Срок этой анкеты истёк" in joined(await world.mentee.press_button("Заполнить анкету"))
    # an expired survey is neither waiting in /surveys nor counted as pending
    assert "Анкет, ожидающих ваших ответов, нет" in joined(await world.mentee.send("/surveys"))


async def test_a_survey_closing_while_it_is_being_filled_ends_the_flow(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await relationship_invite(harness, settings, world)
    assert "Вопрос 1 из 3" in joined(await world.mentee.press_button("Заполнить анкету"))
    harness.clock.advance(timedelta(days=22))
    await sweep(harness, settings)
    assert "Срок этой анкеты истёк" in joined(await world.mentee.send("7"))
    [mine] = [
        r for r in await survey_requests(harness, SurveyKind.RELATIONSHIP) if r.role == "mentee"
    ]
    assert await survey_answers(harness, mine.id) == {}
    # out of the flow: the next message is an ordinary one, not an answer
    assert "истёк" not in joined(await world.mentee.send("8"))


async def test_ending_a_pair_early_cancels_its_pending_surveys_and_their_queued_messages(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    fits = await survey_requests(harness, SurveyKind.FIT)
    assert {r.status for r in fits} == {SurveyStatus.PENDING}
    queued = await outbox_rows(harness, "survey_fit")
    assert {m.status.value for m in queued} == {"pending"}  # not yet sent (before the sweep)
    await world.curator.send("/pair")
    await end_pair(harness, world.mentorship_id, EndReason.MENTOR_INITIATIVE, by=300)
    assert {r.status for r in await survey_requests(harness, SurveyKind.FIT)} == {
        SurveyStatus.CANCELLED
    }
    assert {m.status.value for m in await outbox_rows(harness, "survey_fit")} == {"cancelled"}
    [rating] = await survey_requests(harness, SurveyKind.MEETING)
    assert rating.status is SurveyStatus.CANCELLED  # the mentee had not rated yet
    [mine] = [r for r in fits if r.role == "mentee"]
    shown = joined(await world.mentee.press(SvCb(a="f", id=mine.id, c="good").pack()))
    assert "Эта анкета закрыта" in shown
    assert await survey_answers(harness, mine.id) == {}
    # a completed pair keeps its surveys: completion sends the final ones instead (tested above)


async def test_an_answered_rating_is_closed_a_second_tap_changes_nothing(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    [rating] = await survey_requests(harness, SurveyKind.MEETING)
    await world.mentee.press(SvCb(a="r", id=rating.id, c="4").pack())
    shown = joined(await world.mentee.press(SvCb(a="r", id=rating.id, c="1").pack()))
    assert "уже заполнена, она закрыта" in shown
    assert await survey_answers(harness, rating.id) == {"rating": (4, None)}


async def test_the_final_survey_is_one_message_edited_in_place_while_answered_with_buttons(
    harness: Harness, settings: Settings
) -> None:
    """12 questions: the first one is a new message (after the intro); each button answer turns
    that message into the next question; a typed answer (the person's message now below the
    question) gets the next question as a new message, which the buttons then edit in turn."""
    world = await pair_world(harness)
    await complete_program(harness, world.mentorship_id)
    await sweep(harness, settings)
    [invite] = [m for m in sent_to(harness, 401) if "Итоговая анкета наставляемого" in m.text]
    mentee = world.mentee
    mentee.sent.append(invite)

    def counted(methods: list[TelegramMethod[Any]]) -> tuple[int, int]:
        sends = sum(isinstance(m, SendMessage) for m in methods)
        return sends, sum(isinstance(m, EditMessageText) for m in methods)

    replies = await mentee.press_button("Заполнить анкету")
    assert counted(replies) == (2, 0)  # the intro, then question 1
    seen: list[TelegramMethod[Any]] = []
    for label in ("9", "9", "9"):  # overall, effectiveness, comfort
        seen += await mentee.press_button(label)
    assert counted(seen) == (0, 3)
    assert "Вопрос 4 из 12" in texts(seen)[-1]
    replies = await mentee.send_sticker()  # refused: the reason and the question, as new messages
    assert counted(replies) == (2, 0) and "Вопрос 4 из 12" in joined(replies)
    assert texts(replies)[0].startswith("Пожалуйста, ответьте кнопкой под вопросом")  # a scale
    replies = await mentee.send("8")  # one_to_one typed: the next question below it
    assert counted(replies) == (1, 0) and "Вопрос 5 из 12" in joined(replies)
    seen = []
    for label in ("9", "9", "Раз в месяц", "Да", "Да", "Нет", "10"):
        seen += await mentee.press_button(label)
    assert counted(seen) == (0, 7)
    assert "Вопрос 12 из 12" in texts(seen)[-1]
    replies = await mentee.press_button("Пропустить")  # the last, optional: the thanks in place
    assert counted(replies) == (0, 1) and "отправлена" in joined(replies)
    [mine] = [r for r in await survey_requests(harness, SurveyKind.FINAL) if r.role == "mentee"]
    assert mine.status is SurveyStatus.ANSWERED
    answers = await survey_answers(harness, mine.id)
    assert answers["one_to_one"] == (8, None) and answers["nps"] == (10, None)
    assert answers["expected"] == (None, None) and len(answers) == 12


async def test_a_question_telegram_will_not_edit_any_more_comes_as_a_new_message(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await relationship_invite(harness, settings, world)
    assert "Вопрос 1 из 3" in joined(await world.mentee.press_button("Заполнить анкету"))
    harness.bot.session.fail_next(
        EditMessageText,
        TelegramBadRequest(
            method=EditMessageText(text="…"), message="Bad Request: message can't be edited"
        ),
    )
    replies = await world.mentee.press_button("7")
    assert [type(m) for m in replies if isinstance(m, SendMessage | EditMessageText)] == [
        EditMessageText,
        SendMessage,
    ]
    assert "Вопрос 2 из 3" in joined(replies)
