"""Feedback through the dispatcher: the one-tap rating, "a good fit?", surveys of several
questions with their bad-input paths, reminders and escalations, at-risk signals, bad-fit ending."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.domain.mentorship import EndReason, MentorshipStatus
from bot.domain.surveys import SurveyKind, SurveyStatus
from bot.settings import Settings
from db.models_mentoring import Mentorship, MentorshipMentee
from handlers.surveys import SvCb
from tests.harness import Harness, joined, texts
from tests.integration.survey_world import (
    complete_program,
    log_and_confirm,
    outbox_rows,
    survey_answers,
    survey_buttons,
    survey_requests,
)
from tests.integration.test_pair_setup import PairWorld, pair_world, sent_to, sweep


async def test_a_confirmed_meeting_turns_into_a_one_tap_rating_with_an_optional_comment(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    seen = await log_and_confirm(harness, settings, world)
    assert "Встреча подтверждена." in seen[-1] and "Как прошла встреча?" in seen[-1]
    assert world.mentee.buttons() == ["1", "2", "3", "4", "5"]
    assert "ваша оценка: 4" in joined(await world.mentee.press_button("4"))
    [rating] = await survey_requests(harness, SurveyKind.MEETING)
    assert rating.person_id == world.ids[401] and rating.status is SurveyStatus.ANSWERED
    assert rating.school_id == world.school_id and rating.school_year == 2026
    assert await survey_answers(harness, rating.id) == {"rating": (4, None)}
    await world.mentee.press_button("Добавить комментарий")
    replies = texts(await world.mentee.send_photo())
    assert replies[0].startswith("Пожалуйста, ответьте текстовым сообщением")
    assert "Напишите комментарий" in replies[1]
    assert "Комментарий сохранён" in joined(await world.mentee.send("Разобрали мой урок, полезно"))
    assert await survey_answers(harness, rating.id) == {
        "rating": (4, None),
        "comment": (None, "Разобрали мой урок, полезно"),
    }
    # the mentor does not rate (MENTOR_RATES_MEETINGS is off) and is never shown the rating
    assert not [r for r in await survey_requests(harness, SurveyKind.MEETING) if r.role == "mentor"]
    await sweep(harness, settings)
    assert not [m for m in sent_to(harness, 300) if "4" in m.text and "оцен" in m.text]


async def test_a_forged_or_foreign_rating_button_changes_nothing(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    [rating] = await survey_requests(harness, SurveyKind.MEETING)
    assert "устарело" in joined(await world.mentor.press(SvCb(a="r", id=rating.id, c="5").pack()))
    assert "устарело" in joined(await world.mentee.press(SvCb(a="r", id=rating.id, c="9").pack()))
    assert await survey_answers(harness, rating.id) == {}


async def test_the_first_meeting_asks_both_sides_whether_the_pair_is_a_good_fit(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    fits = await survey_requests(harness, SurveyKind.FIT)
    assert sorted(r.person_id for r in fits) == sorted([world.ids[300], world.ids[401]])
    await sweep(harness, settings)
    mentor_msgs = [m for m in sent_to(harness, 300) if "сложилась" in m.text]
    assert len(mentor_msgs) == 1 and "Соколов Иван Андреевич" in mentor_msgs[0].text
    world.mentor.sent.extend(mentor_msgs)
    assert "Рады" in joined(await world.mentor.press_button("Да, подходим"))
    mentee_msgs = [m for m in sent_to(harness, 401) if "сложилась" in m.text]
    world.mentee.sent.extend(mentee_msgs)
    assert "Куратор узнает" in joined(await world.mentee.press_button("Нет, не сложилось"))
    assert "уже заполнена" in joined(await world.mentee.press_button("Нет, не сложилось"))
    # the curator is alerted with a button that ends the pair as a bad fit
    await sweep(harness, settings)
    [alert] = [m for m in sent_to(harness, 200) if "может понадобиться помощь" in m.text]
    assert "один из участников ответил, что пара не сложилась" in alert.text
    world.curator.sent.append(alert)
    assert any("Открыть" in b for b in world.curator.buttons()), world.curator.buttons()
    await world.curator.press_button("Завершить пару")
    assert "Пара завершена" in joined(await world.curator.press_button("Да, завершить"))
    async with harness.session_factory() as session:
        mentorship = await session.get(Mentorship, world.mentorship_id)
        link = (await session.execute(select(MentorshipMentee))).scalar_one()
    assert mentorship is not None and mentorship.status is MentorshipStatus.ENDED_EARLY
    assert mentorship.end_reason is EndReason.BAD_FIT and link.end_reason is EndReason.BAD_FIT
    # a second confirmed meeting never asks "a good fit?" again (checked by the dedupe key)
    assert len(await survey_requests(harness, SurveyKind.FIT)) == 2


async def test_only_a_curator_ends_a_pair_as_bad_fit_and_only_after_a_bad_fit_answer(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    end = SvCb(a="endy", id=world.mentorship_id).pack()
    assert "Никто из пары" in joined(await world.curator.press(end))
    assert "нет прав" in joined(await world.mentee.press(end))
    async with harness.session_factory() as session:
        mentorship = await session.get(Mentorship, world.mentorship_id)
    assert mentorship is not None and mentorship.status is MentorshipStatus.ACTIVE


async def test_relationship_check_is_sent_reminded_escalated_and_low_scores_alert(
    harness: Harness, settings: Settings
) -> None:
    """Started 02.11: the check falls due on 02.12 (30 days), reminder 2 days, curator 7."""
    world = await pair_world(harness)
    harness.clock.advance(timedelta(days=9))  # 02.12.2026
    await sweep(harness, settings)
    invites = [m for m in sent_to(harness, 401) if "Как идёт работа в паре" in m.text]
    assert len(invites) == 1 and "до 09.12.2026" in invites[0].text
    mentor_invites = [m for m in sent_to(harness, 300) if "Как идёт работа в паре" in m.text]
    assert len(mentor_invites) == 1
    await sweep(harness, settings)  # planned once, whichever sweep
    assert len(await survey_requests(harness, SurveyKind.RELATIONSHIP)) == 2
    harness.clock.advance(timedelta(days=2))
    await sweep(harness, settings)
    await sweep(harness, settings)
    reminders = [m for m in sent_to(harness, 401) if m.text.startswith("Напоминаем")]
    assert len(reminders) == 1
    # the mentee fills it: a wrong answer is refused with the question asked again
    world.mentee.sent.extend(invites)
    shown = joined(await world.mentee.press_button("Заполнить анкету"))
    assert "Вопрос 1 из 3" in shown and "Насколько комфортно" in shown
    replies = texts(await world.mentee.send("двенадцать"))
    assert "числом" in replies[0].lower() or "число" in replies[0].lower()
    assert "Вопрос 1 из 3" in replies[1]
    assert "от 1 до 10" in joined(await world.mentee.send("12"))
    await world.mentee.press_button("3")
    shown = joined(await world.mentee.send("6"))  # a typed number on a scale counts too
    assert "Вопрос 3 из 3" in shown
    assert "отправлена" in joined(await world.mentee.press_button("Пропустить"))
    [mine] = [
        r for r in await survey_requests(harness, SurveyKind.RELATIONSHIP) if r.role == "mentee"
    ]
    assert mine.status is SurveyStatus.ANSWERED
    assert await survey_answers(harness, mine.id) == {
        "relationship": (3, None),
        "progress": (6, None),
        "need_help": (None, None),
    }
    await sweep(harness, settings)
    [risk] = [m for m in sent_to(harness, 200) if "может понадобиться помощь" in m.text]
    assert "низкая оценка работы в паре" in risk.text
    # the mentor did not answer: after 7 days the curator hears of it, once
    harness.clock.advance(timedelta(days=5))
    await sweep(harness, settings)
    await sweep(harness, settings)
    overdue = [m for m in sent_to(harness, 200) if "пока не заполнил" in m.text]
    assert overdue and all("Петрова Анна Викторовна" in m.text for m in overdue)
    assert len(overdue) == 1


async def test_two_low_ratings_in_a_row_alert_the_curator(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    for _ in range(2):
        await log_and_confirm(harness, settings, world)
        await world.mentee.press_button("2")
        world.mentee.sent.clear()
    await sweep(harness, settings)
    alerts = [m for m in sent_to(harness, 200) if "две низкие оценки" in m.text]
    assert len(alerts) == 1


async def _rate_meetings(
    harness: Harness, settings: Settings, world: PairWorld, ratings: list[int]
) -> list[str]:
    """Meetings logged, confirmed and rated in turn; the at-risk alerts the curator got."""
    for value in ratings:
        await log_and_confirm(harness, settings, world)
        await world.mentee.press_button(str(value))
        world.mentee.sent.clear()
        await sweep(harness, settings)
    return [m.text for m in sent_to(harness, 200) if "может понадобиться помощь" in m.text]


async def test_low_ratings_alert_once_per_episode(harness: Harness, settings: Settings) -> None:
    """2, 1, 2 is one episode of low ratings: one alert, not one per low rating after the first."""
    world = await pair_world(harness)
    alerts = await _rate_meetings(harness, settings, world, [2, 1, 2])
    assert len(alerts) == 1 and "две низкие оценки" in alerts[0]


async def test_a_good_rating_ends_the_episode_and_the_next_one_alerts_again(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    alerts = await _rate_meetings(harness, settings, world, [2, 1, 4, 2, 1])
    assert len(alerts) == 2 and all("две низкие оценки" in a for a in alerts)


async def _fill_relationship_check(harness: Harness, world: PairWorld, score: str) -> None:
    """The mentee fills the relationship check that has just arrived with `score` (1–10)."""
    [invite] = [m for m in sent_to(harness, 401) if "Просим заполнить анкету" in m.text][-1:]
    world.mentee.sent.append(invite)
    await world.mentee.press_button("Заполнить анкету")
    await world.mentee.press_button(score)
    await world.mentee.send("6")
    assert "отправлена" in joined(await world.mentee.press_button("Пропустить"))


async def test_low_relationship_scores_at_30_and_60_days_are_one_episode(
    harness: Harness, settings: Settings
) -> None:
    """Low at 30 days and still low at 60: the curator heard at 30 days and is not told again."""
    world = await pair_world(harness)
    harness.clock.advance(timedelta(days=9))  # 02.12.2026: the 30-day check
    await sweep(harness, settings)
    await _fill_relationship_check(harness, world, "3")
    await sweep(harness, settings)
    harness.clock.advance(timedelta(days=30))  # 01.01.2027: the 60-day check
    await sweep(harness, settings)
    invites = [m for m in sent_to(harness, 401) if m.text.startswith("Просим заполнить анкету")]
    assert len(invites) == 2 and "до 08.01.2027" in invites[1].text
    await _fill_relationship_check(harness, world, "2")
    await sweep(harness, settings)
    alerts = [m for m in sent_to(harness, 200) if "низкая оценка работы в паре" in m.text]
    assert len(alerts) == 1


async def test_completing_the_program_sends_final_surveys_and_closing_feedback_waits_for_both(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await world.curator.send("/pair")
    await complete_program(harness, world.mentorship_id)
    finals = await survey_requests(harness, SurveyKind.FINAL)
    assert sorted((r.role, r.person_id) for r in finals) == sorted(
        [("mentor", world.ids[300]), ("mentee", world.ids[401])]
    )
    await sweep(harness, settings)
    [invite] = [m for m in sent_to(harness, 401) if "Итоговая анкета наставляемого" in m.text]
    world.mentee.sent.append(invite)
    await world.mentee.press_button("Заполнить анкету")
    for _ in range(6):  # overall … expectations (group is optional: skipped by a typed value)
        await world.mentee.press_button("9")
    await world.mentee.press_button("Раз в месяц")
    await world.mentee.press_button("Да")
    await world.mentee.press_button("Да")
    await world.mentee.press_button("Нет")
    await world.mentee.press_button("10")
    assert "отправлена" in joined(await world.mentee.send("Ожидала помощи с ОГЭ — получила"))
    # the mentor has not submitted: the mentee cannot read the mentor's feedback, nor the other way
    shown = joined(await world.mentee.press(SvCb(a="cl", id=world.mentorship_id).pack()))
    assert "когда вы оба заполните" in shown
    shown = joined(await world.mentor.press(SvCb(a="cl", id=world.mentorship_id).pack()))
    assert "когда вы оба заполните" in shown and "ОГЭ" not in shown
    assert "Итоговый отзыв" not in " ".join(b for b in await survey_buttons(world.mentee))
    assert not await outbox_rows(harness, "survey_closing")
    # the mentor submits too: both are told, and each reads the other's closing feedback
    [invite] = [m for m in sent_to(harness, 300) if "Итоговая анкета наставника" in m.text]
    world.mentor.sent.append(invite)
    await world.mentor.press_button("Заполнить анкету")
    for _ in range(7):  # overall … engagement
        await world.mentor.press_button("8")
    await world.mentor.press_button("Раз в неделю")
    assert "Вопрос 10 из 12" in joined(await world.mentor.press_button("Да"))  # enough meetings
    assert "Вопрос 11 из 12" in joined(await world.mentor.press_button("Да"))  # would go on
    await world.mentor.press_button("9")  # NPS
    assert "отправлена" in joined(await world.mentor.send("Иван Андреевич вырос как учитель"))
    closings = await outbox_rows(harness, "survey_closing")
    assert sorted(m.person_id for m in closings) == sorted([world.ids[300], world.ids[401]])
    shown = joined(await world.mentee.press(SvCb(a="cl", id=world.mentorship_id).pack()))
    assert "Итоговый отзыв: Петрова Анна Викторовна" in shown and "вырос как учитель" in shown
    assert "ОГЭ" not in shown  # the mentee reads the mentor's answers, not their own
    shown = joined(await world.mentor.press(SvCb(a="cl", id=world.mentorship_id).pack()))
    assert "Итоговый отзыв: Соколов Иван Андреевич" in shown and "ОГЭ" in shown
    # /surveys lists the pair whose closing feedback each can read, with a button to open it
    for person, other in ((world.mentee, "Петрова"), (world.mentor, "Соколов")):
        buttons = await survey_buttons(person)
        assert [b for b in buttons if "Итоговый отзыв" in b and other in b], buttons
        assert other in joined(await person.press_button("Итоговый отзыв"))
    # someone outside the pair reads nothing
    assert "устарело" in joined(
        await world.other_mentee.press(SvCb(a="cl", id=world.mentorship_id).pack())
    )
