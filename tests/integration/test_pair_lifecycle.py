"""Confirmation of meetings, editing the program, ending a pair, and the audit log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.domain.mentorship import (
    EndReason,
    MeetingStatus,
    MentorshipStatus,
    PlanDirection,
    TransitionRefused,
)
from bot.domain.messengers import Messenger
from bot.domain.reminders import DeliveryWindow
from bot.domain.surveys import SurveyKind
from bot.services import lifecycle
from bot.services.identity import load_actor
from bot.settings import Settings
from db.models_mentoring import (
    AuditEntry,
    Meeting,
    Mentorship,
    MentorshipMentee,
    OutboxMessage,
    PlanItem,
    Program,
)
from db.models_pair_life import MeetingAnswer
from db.models_surveys import SurveyRequest
from db.uow import UnitOfWork
from handlers.meetings import McCb
from tests.harness import Harness, joined, texts
from tests.integration.test_pair_setup import PairWorld, pair_world, sent_to, sweep


async def _log_quick_meeting(world: PairWorld, by_mentee: bool = False) -> None:
    person = world.mentee if by_mentee else world.mentor
    await person.send("/meeting")
    await person.press_button("⚡")
    await person.send("Знакомство")
    await person.press_button("Сохранить")


async def _meeting(harness: Harness) -> Meeting:
    async with harness.session_factory() as session:
        return (await session.execute(select(Meeting))).scalar_one()


async def _audit(harness: Harness, entity: str) -> list[tuple[str, int | None]]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(AuditEntry.action, AuditEntry.actor_id)
            .where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_mentee_confirms_a_meeting_the_mentor_logged(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await _log_quick_meeting(world)
    await sweep(harness, settings)
    [question] = sent_to(harness, 401)
    assert "Петрова Анна Викторовна записал(а) встречу «Знакомство» 23.11.2026" in question.text
    world.mentee.sent.append(question)
    assert "Встречу подтверждает другая сторона" in joined(
        await world.mentor.press(world.mentee.button_data("Да, состоялась"))
    )
    assert "Встреча подтверждена." in joined(await world.mentee.press_button("Да, состоялась"))
    meeting = await _meeting(harness)
    assert meeting.status is MeetingStatus.CONFIRMED
    assert meeting.confirmed_by_id == world.ids[401] and meeting.confirmed_at == harness.clock.now()
    assert "уже ответили" in joined(await world.mentee.press_button("Нет, не было"))
    assert await _audit(harness, "meeting") == [
        ("logged", world.ids[300]),
        ("answered", world.ids[401]),
    ]


async def test_not_held_is_flagged_to_the_curator(harness: Harness, settings: Settings) -> None:
    world = await pair_world(harness)
    await _log_quick_meeting(world)
    await sweep(harness, settings)
    world.mentee.sent.extend(sent_to(harness, 401))
    await world.mentee.press_button("Нет, не было")
    assert (await _meeting(harness)).status is MeetingStatus.NOT_HELD
    await sweep(harness, settings)
    [flag] = sent_to(harness, 200)
    assert "наставляемый ответил «не состоялась»" in flag.text
    shown = joined(await world.mentor.send("/pair"))
    assert "Следующий шаг: Знакомство" in shown  # a meeting that did not happen does not count


async def test_mentee_reports_a_meeting_and_the_mentor_confirms(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await _log_quick_meeting(world, by_mentee=True)
    await sweep(harness, settings)
    [question] = [m for m in sent_to(harness, 300) if "записал(а) встречу" in m.text]
    assert "Соколов Иван Андреевич записал(а) встречу" in question.text
    world.mentor.sent.append(question)
    await world.mentor.press_button("Прошла не так")
    meeting = await _meeting(harness)
    assert meeting.status is MeetingStatus.DISPUTED and meeting.confirmed_by_id == world.ids[300]


async def test_a_meeting_unconfirmed_for_three_days_is_flagged_once(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await _log_quick_meeting(world)
    await sweep(harness, settings)
    harness.clock.advance(timedelta(days=2, hours=23))
    await sweep(harness, settings)
    assert not [m for m in sent_to(harness, 200) if "не подтверждена" in m.text]
    harness.clock.advance(timedelta(hours=2))
    await sweep(harness, settings)
    await sweep(harness, settings)
    flags = [m for m in sent_to(harness, 200) if "не подтверждена" in m.text]
    assert len(flags) == 1 and "Петрова Анна Викторовна от 23.11.2026" in flags[0].text


async def test_mentor_edits_the_plan_and_the_mentee_confirms_an_item(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/pair")
    await mentor.press_button("Добавить пункт плана")
    assert "Напишите название" in joined(await mentor.send_photo())
    await mentor.send("Подготовка к ВПР по истории")
    await mentor.press_button("Предметно-профессиональное")
    assert "в пределах программы" in joined(await mentor.send("01.09.2027"))
    # a sticker at the due date: the refusal asks for a date, the title and kind are kept
    assert "Пожалуйста, напишите дату текстом" in joined(await mentor.send_sticker())
    assert "Пункт плана добавлен" in joined(await mentor.send("15.03.2027"))
    await mentor.send("/pair")
    await mentor.press_button("Периодичность")
    assert "раз в 7 дней" in joined(await mentor.press_button("Раз в 7"))
    await mentor.send("/pair")
    await mentor.press_button("Отметить пункт")
    await mentor.press_button("Подготовка к ВПР")
    await world.mentee.send("/pair")
    await world.mentee.press_button("Отметить пункт")
    assert "Подтверждено" in joined(await world.mentee.press_button("Подготовка к ВПР"))
    async with harness.session_factory() as session:
        item = (
            await session.execute(select(PlanItem).where(PlanItem.title.like("Подготовка%")))
        ).scalar_one()
        program = (await session.execute(select(Program))).scalar_one()
    assert item.direction is PlanDirection.SUBJECT and item.due_date == date(2027, 3, 15)
    assert item.done_at is not None and item.confirmed_at is not None
    assert program.cadence_days == 7
    assert [a for a, _ in await _audit(harness, "program")] == [
        "created",
        "item_added",
        "cadence",
        "item_done",
        "item_confirmed",
    ]
    assert "План: выполнено 1 из 9, подтверждено наставляемым 1" in joined(
        await mentor.send("/pair")
    )


async def test_mentor_ends_early_with_notice_and_the_mentee_returns_to_the_bank(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/pair")
    await mentor.press_button("Завершить")
    assert "Пара не сложилась" not in " ".join(mentor.buttons())
    assert "По инициативе куратора" not in " ".join(mentor.buttons())
    await mentor.press_button("По инициативе наставника")
    assert "Дата ещё не наступила" in joined(await mentor.send("30.11.2026"))
    done = joined(await mentor.send("20.11.2026"))
    assert done.startswith("Наставничество завершено досрочно. Причина: По инициативе наставника.")
    assert "снова в банке" in done
    async with harness.session_factory() as session:
        row = await session.get(Mentorship, world.mentorship_id)
        link = (await session.execute(select(MentorshipMentee))).scalar_one()
    assert row is not None and row.status is MentorshipStatus.ENDED_EARLY
    assert row.end_reason is EndReason.MENTOR_INITIATIVE
    assert row.end_notice_date == date(2026, 11, 20)
    assert row.end_date == date(2026, 11, 25)  # Friday + 3 working days
    assert link.left_at is not None and link.end_reason is EndReason.MENTOR_INITIATIVE
    async with UnitOfWork(harness.session_factory) as uow:
        assert await uow.mentorships.open_mentee_ids(world.school_id) == set()
    assert await _audit(harness, "mentorship") == [
        ("created", world.ids[200]),
        ("ended", world.ids[300]),
    ]
    await sweep(harness, settings)
    assert "По инициативе наставника" in sent_to(harness, 401)[0].text
    assert "По инициативе наставника" in sent_to(harness, 200)[0].text
    assert "когда куратор утвердит вашу пару" in joined(await mentor.send("/meeting"))


async def test_curator_completes_the_program_and_a_closed_pair_stays_closed(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    await world.curator.send("/pair")
    await world.curator.press_button("Завершить")
    done = joined(await world.curator.press_button("План выполнен"))
    assert done.startswith("Программа наставничества завершена. Причина: План выполнен.")
    async with harness.session_factory() as session:
        row = await session.get(Mentorship, world.mentorship_id)
    assert row is not None and row.status is MentorshipStatus.COMPLETED
    assert row.end_reason is EndReason.PLAN_COMPLETED and row.end_date == date(2026, 11, 23)
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert actor is not None
        with pytest.raises(TransitionRefused):
            await lifecycle.end(
                uow,
                actor,
                world.mentorship_id,
                EndReason.CURATOR_INITIATIVE,
                notice_date=None,
                now=harness.clock.now(),
                window=DeliveryWindow(),
            )
    assert "нет действующих пар" in joined(await world.mentor.send("/pair"))


async def test_confirmation_buttons_of_a_foreign_meeting_are_refused(harness: Harness) -> None:
    world = await pair_world(harness)
    await _log_quick_meeting(world)
    meeting = await _meeting(harness)
    replies = texts(await world.other_mentee.press(McCb(meeting_id=meeting.id, answer="y").pack()))
    assert replies == ["У вас нет прав на это действие."]
    assert (await _meeting(harness)).status is MeetingStatus.PENDING
    async with harness.session_factory() as session:
        rows = (await session.execute(select(OutboxMessage.kind))).scalars().all()
    assert list(rows) == ["meeting_confirm"]


async def test_term_change_needs_both_sides_and_the_curator(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/pair")
    await mentor.press_button("Продлить или сократить")
    replies = texts(await mentor.send("01.01.2027"))
    assert replies[0] == "Программа длится не меньше 3 месяцев." and "новую дату" in replies[1]
    assert "не больше 12 месяцев" in joined(await mentor.send("03.11.2027"))
    assert "Запрос отправлен" in joined(await mentor.send("15.05.2027"))
    await sweep(harness, settings)
    [ask] = [m for m in sent_to(harness, 401) if "предлагает изменить срок" in m.text]
    assert "окончание 15.05.2027 вместо 02.08.2027" in ask.text
    [approve] = [m for m in sent_to(harness, 200) if "Утвердить?" in m.text]
    world.curator.sent.append(approve)
    assert "ждём остальных ответов" in joined(await world.curator.press_button("Утвердить"))
    async with harness.session_factory() as session:
        program = (await session.execute(select(Program))).scalar_one()
    assert program.end_date == date(2027, 8, 2)  # not yet: the mentee has not agreed
    world.mentee.sent.append(ask)
    assert "срок изменён" in joined(await world.mentee.press_button("Согласен"))
    async with harness.session_factory() as session:
        program = (await session.execute(select(Program))).scalar_one()
        mentorship = await session.get(Mentorship, world.mentorship_id)
    assert program.end_date == date(2027, 5, 15)
    assert mentorship is not None and mentorship.end_date == date(2027, 5, 15)
    assert ("term_changed", world.ids[401]) in await _audit(harness, "program")
    assert [a for a, _ in await _audit(harness, "mentorship")] == [
        "created",
        "term_change_requested",
        "term_change_answered",
        "term_change_answered",
    ]
    await sweep(harness, settings)
    assert any("срок изменён" in m.text for m in sent_to(harness, 300))


async def test_a_refused_term_change_changes_nothing(harness: Harness, settings: Settings) -> None:
    world = await pair_world(harness)
    await world.mentor.send("/pair")
    await world.mentor.press_button("Продлить или сократить")
    await world.mentor.send("15.05.2027")
    await sweep(harness, settings)
    world.mentee.sent.extend(sent_to(harness, 401))
    assert "отклонено" in joined(await world.mentee.press_button("Не согласен"))
    async with harness.session_factory() as session:
        program = (await session.execute(select(Program))).scalar_one()
    assert program.end_date == date(2027, 8, 2)


async def test_completion_notice_comes_before_the_final_survey(
    harness: Harness, settings: Settings
) -> None:
    """Each participant first hears that the program is completed, then gets its final survey."""
    world = await pair_world(harness)
    await world.curator.send("/pair")
    await world.curator.press_button("Завершить")
    await world.curator.press_button("План выполнен")
    await sweep(harness, settings)
    for telegram_id in (300, 401):
        seen = [m.text for m in sent_to(harness, telegram_id)]
        notice = [i for i, text in enumerate(seen) if "завершено" in text]
        survey = [i for i, text in enumerate(seen) if "Итоговая анкета" in text]
        assert notice and survey, seen
        assert notice[0] < survey[0], seen


async def _answers(harness: Harness) -> dict[int, MeetingStatus]:
    async with harness.session_factory() as session:
        rows = await session.execute(select(MeetingAnswer.person_id, MeetingAnswer.answer))
        return dict(rows.all())  # type: ignore[arg-type]


async def test_in_a_group_each_mentee_confirms_and_rates_for_themselves(
    harness: Harness, settings: Settings
) -> None:
    """The mentor of a group logs a meeting: both mentees are asked; the first «да» confirms it,
    the second mentee's «да» is theirs too (not «already answered») and brings their own rating."""
    world = await pair_world(harness, group=True)
    await _log_quick_meeting(world)
    await sweep(harness, settings)
    for mentee, telegram_id in ((world.mentee, 401), (world.other_mentee, 402)):
        [question] = [m for m in sent_to(harness, telegram_id) if "записал(а) встречу" in m.text]
        mentee.sent.append(question)
    first = joined(await world.mentee.press_button("Да, состоялась"))
    assert "Встреча подтверждена." in first and "Как прошла встреча?" in first
    assert (await _meeting(harness)).status is MeetingStatus.CONFIRMED
    second = joined(await world.other_mentee.press_button("Да, состоялась"))
    assert "уже ответили" not in second
    assert "Встреча подтверждена." in second and "Как прошла встреча?" in second
    assert world.other_mentee.buttons() == ["1", "2", "3", "4", "5"]
    assert "ваша оценка: 5" in joined(await world.other_mentee.press_button("5"))
    assert "уже ответили" in joined(await world.other_mentee.press_button("Нет, не было"))
    assert await _answers(harness) == {
        world.ids[401]: MeetingStatus.CONFIRMED,
        world.ids[402]: MeetingStatus.CONFIRMED,
    }
    # nobody was asked to rate twice: one rating request each, none sent in a second message
    await sweep(harness, settings)
    assert not [m for m in sent_to(harness, 402) if "Как прошла встреча" in m.text]
    async with harness.session_factory() as session:
        ratings = (
            await session.execute(
                select(SurveyRequest.person_id).where(SurveyRequest.kind == SurveyKind.MEETING)
            )
        ).scalars()
        assert sorted(ratings) == sorted([world.ids[401], world.ids[402]])


async def test_in_a_group_a_no_after_a_yes_keeps_the_meeting_and_flags_the_curator(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness, group=True)
    await _log_quick_meeting(world)
    await sweep(harness, settings)
    for mentee, telegram_id in ((world.mentee, 401), (world.other_mentee, 402)):
        mentee.sent.extend(m for m in sent_to(harness, telegram_id) if "записал(а)" in m.text)
    await world.mentee.press_button("Да, состоялась")
    shown = joined(await world.other_mentee.press_button("Нет, не было"))
    assert "Встреча не состоялась." in shown and "Как прошла встреча" not in shown
    assert (await _meeting(harness)).status is MeetingStatus.CONFIRMED  # it counts
    await sweep(harness, settings)
    [flag] = [m for m in sent_to(harness, 200) if "расходятся" in m.text]
    assert "Волкова Дарья Олеговна" in flag.text and "не состоялась" in flag.text
    world.curator.sent.append(flag)
    assert "Открыть пару" in " ".join(world.curator.buttons())
    assert await _answers(harness) == {
        world.ids[401]: MeetingStatus.CONFIRMED,
        world.ids[402]: MeetingStatus.NOT_HELD,
    }


async def test_in_a_group_a_yes_after_a_no_confirms_the_meeting(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness, group=True)
    await _log_quick_meeting(world)
    await sweep(harness, settings)
    for mentee, telegram_id in ((world.mentee, 401), (world.other_mentee, 402)):
        mentee.sent.extend(m for m in sent_to(harness, telegram_id) if "записал(а)" in m.text)
    await world.mentee.press_button("Нет, не было")
    assert (await _meeting(harness)).status is MeetingStatus.NOT_HELD
    shown = joined(await world.other_mentee.press_button("Да, состоялась"))
    assert "Как прошла встреча?" in shown
    meeting = await _meeting(harness)
    assert meeting.status is MeetingStatus.CONFIRMED and meeting.confirmed_by_id == world.ids[402]
    await sweep(harness, settings)
    curator = [m.text for m in sent_to(harness, 200)]
    assert any("ответил «не состоялась»" in t for t in curator), curator
    assert any("расходятся" in t and "Волкова Дарья Олеговна" in t for t in curator), curator
    # the mentee who said «no» is not asked to rate a meeting they say did not happen
    assert not [m for m in sent_to(harness, 401) if "Как прошла встреча" in m.text]
