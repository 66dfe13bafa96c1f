"""/pair and the meeting log through the dispatcher: the happy path, refusals, text-as-note."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from bot.domain.meetings import local_today
from bot.domain.mentorship import MeetingFormat, MeetingStage, MeetingStatus
from bot.domain.messengers import Account, Messenger
from bot.domain.reminders import DeliveryWindow
from bot.services import meetings
from bot.services.identity import load_actor
from db.models_mentoring import AuditEntry, Meeting, MeetingAttachment, OutboxMessage
from db.uow import UnitOfWork
from handlers.meetings import MtCb
from handlers.pairs import PrCb
from tests.harness import Harness, joined, texts
from tests.integration.test_pair_setup import pair_world


async def _meetings(harness: Harness) -> list[Meeting]:
    async with harness.session_factory() as session:
        return list((await session.execute(select(Meeting).order_by(Meeting.id))).scalars())


async def test_pair_shows_program_progress_meetings_and_next_step(harness: Harness) -> None:
    world = await pair_world(harness)
    for person in (world.mentor, world.mentee):
        shown = joined(await person.send("/pair"))
        assert "Наставник: Петрова Анна Викторовна" in shown
        assert "Наставляемые: Соколов Иван Андреевич" in shown
        assert "Программа: с 02.11.2026 по 02.08.2027" in shown
        assert "встречи раз в 14 дней" in shown
        assert "План: выполнено 0 из 8" in shown
        assert "Встреч записано: 0" in shown
        assert "Следующий шаг: Знакомство — до 23.11.2026" in shown
    assert "нет действующих пар" in joined(await world.other_mentee.send("/pair"))


async def test_mentor_logs_a_meeting_step_by_step_with_a_photo(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    shown = joined(await mentor.send("/meeting"))  # one pair: no pair question
    assert "Встреча с: Соколов Иван Андреевич" in shown
    assert "✅ Знакомство" in mentor.buttons()  # the next expected stage
    await mentor.press_button("✅ Знакомство")
    await mentor.press_button("Вчера")
    await mentor.press_button("60 мин")
    await mentor.press_button("Очно")
    assert "Напишите, что обсуждали" in joined(
        await mentor.send("Ожидания и трудности первого года")
    )
    await mentor.send("Договорились посетить два урока наставника.")
    assert "Вложений: 1" in joined(await mentor.send_photo())
    saved = joined(await mentor.press_button("Сохранить"))
    assert "Встреча записана: Знакомство, 22.11.2026" in saved

    [meeting] = await _meetings(harness)
    assert meeting.stage is MeetingStage.INTRO and meeting.held_on == date(2026, 11, 22)
    assert (meeting.duration_min, meeting.format) == (60, MeetingFormat.OFFLINE)
    assert meeting.topic == "Ожидания и трудности первого года"
    assert meeting.notes == "Договорились посетить два урока наставника."
    assert meeting.status is MeetingStatus.PENDING and meeting.logged_by_id == world.ids[300]
    assert meeting.source_update_id is not None
    async with harness.session_factory() as session:
        files = (
            await session.execute(
                select(
                    MeetingAttachment.kind, MeetingAttachment.messenger, MeetingAttachment.file_id
                )
            )
        ).all()
        outbox = (await session.execute(select(OutboxMessage))).scalars().all()
        audit = (
            (await session.execute(select(AuditEntry.action).where(AuditEntry.entity == "meeting")))
            .scalars()
            .all()
        )
    assert [tuple(f) for f in files] == [("photo", Messenger.TELEGRAM, "ph1")]
    assert [(o.kind, o.person_id) for o in outbox] == [("meeting_confirm", world.ids[401])]
    assert list(audit) == ["logged"]
    shown = joined(await mentor.send("/pair"))
    assert "Встреч записано: 1" in shown and "22.11.2026 · Знакомство · ждёт подтверждения" in shown
    assert "Следующий шаг: Пробная встреча" in shown


async def test_a_redelivered_update_never_logs_twice(harness: Harness) -> None:
    world = await pair_world(harness)
    draft = meetings.MeetingDraft(
        mentorship_id=world.mentorship_id,
        stage=MeetingStage.INTRO,
        held_on=date(2026, 11, 23),
        duration_min=45,
        format=MeetingFormat.ONLINE,
        topic="Знакомство",
        plan_item_id=None,
        notes=None,
    )
    for _ in range(2):
        async with UnitOfWork(harness.session_factory) as uow:
            actor = await load_actor(uow, Messenger.TELEGRAM, 300)
            assert actor is not None
            await meetings.log_meeting(
                uow, actor, draft, update_id=777, now=harness.clock.now(), window=DeliveryWindow()
            )
    assert [m.source_update_id for m in await _meetings(harness)] == [777]
    # Each messenger numbers its own updates: MAX's update 777 is another meeting.
    async with UnitOfWork(harness.session_factory) as uow:
        in_max = replace(actor, account=Account(Messenger.MAX, 7_000_300, 8_000_300))
        await meetings.log_meeting(
            uow, in_max, draft, update_id=777, now=harness.clock.now(), window=DeliveryWindow()
        )
    logged = [(m.source_messenger, m.source_update_id) for m in await _meetings(harness)]
    assert logged == [(Messenger.TELEGRAM, 777), (Messenger.MAX, 777)]


async def test_dates_in_the_future_or_before_the_start_are_refused_and_asked_again(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/meeting")
    await mentor.press_button("Пробная")
    replies = texts(await mentor.send("24.11.2026"))
    assert "Дата ещё не наступила" in replies[0] and "Когда прошла встреча?" in replies[1]
    replies = texts(await mentor.send("01.11.2026"))
    assert "Пара начала работу 02.11.2026" in replies[0] and "Когда прошла встреча?" in replies[1]
    replies = texts(await mentor.send("31.02.2026"))
    assert "Не удалось прочитать дату" in replies[0]
    replies = texts(await mentor.send_photo())  # the refusal names what the step takes
    assert replies[0].startswith("Пожалуйста, напишите дату текстом")
    assert replies[1].startswith("Когда прошла встреча? Нажмите кнопку или напишите дату")
    assert "Сколько длилась встреча?" in joined(await mentor.send("20.11"))
    assert "Не удалось прочитать длительность" in joined(await mentor.send("часок-другой"))
    assert "Как проходила встреча?" in joined(await mentor.send("50"))
    await mentor.press_button("Онлайн")
    replies = texts(await mentor.send_sticker())  # a topic is text
    assert replies[0].startswith("Пожалуйста, ответьте текстовым сообщением")
    await mentor.send("Рабочая программа по истории")
    await mentor.press_button("Сохранить")
    [meeting] = await _meetings(harness)
    assert (meeting.stage, meeting.held_on, meeting.duration_min) == (
        MeetingStage.TRIAL,
        date(2026, 11, 20),
        50,
    )
    assert meeting.notes is None


async def test_today_is_the_schools_today(harness: Harness) -> None:
    """At 18:30 UTC it is already the 24th in Krasnoyarsk (UTC+7) but still the 23rd in Moscow."""
    harness.clock.current = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
    assert local_today(harness.clock.now(), "Asia/Krasnoyarsk") == date(2026, 11, 24)
    world = await pair_world(harness, timezone="Asia/Krasnoyarsk")
    await world.mentor.send("/meeting")
    await world.mentor.press_button("✅ Знакомство")
    assert "Сколько длилась" in joined(await world.mentor.send("24.11.2026"))


async def test_moscow_school_refuses_tomorrow_at_the_same_moment(harness: Harness) -> None:
    harness.clock.current = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
    world = await pair_world(harness)
    await world.mentor.send("/meeting")
    await world.mentor.press_button("✅ Знакомство")
    assert "Дата ещё не наступила" in joined(await world.mentor.send("24.11.2026"))


async def test_forged_buttons_with_another_pairs_id_are_refused(harness: Harness) -> None:
    world = await pair_world(harness, two_pairs=True)
    mentor, other_pair = world.mentor, world.mentorship_id + 1
    denied = "У вас нет прав на это действие."
    assert texts(await mentor.press(MtCb(action="start", id=other_pair).pack())) == [denied]
    assert texts(await mentor.press(PrCb(action="open", id=other_pair).pack())) == [denied]
    assert texts(await mentor.press(PrCb(action="end", id=other_pair).pack())) == [denied]
    await mentor.send("Заметка о встрече")
    assert texts(await mentor.press(MtCb(action="note", id=other_pair).pack())) == [denied]
    # A mentee sees the program but does not edit it.
    own = world.mentorship_id
    assert texts(await world.mentee.press(PrCb(action="add", id=own).pack())) == [denied]
    assert await _meetings(harness) == []


async def test_mentors_plain_text_is_offered_as_meeting_notes(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    offer = joined(await mentor.send("Разобрали технологическую карту урока"))
    assert "Записать это как заметку о встрече с: Соколов Иван Андреевич?" in offer
    await mentor.press_button("Да, встреча с")
    await mentor.press_button("⚡")  # expected stage, today, 45 min, the program's format
    await mentor.press_button("Нормативная база")  # the topic from the plan
    shown = joined(mentor.sent[-1:])
    assert "Разобрали технологическую карту урока" in shown
    await mentor.press_button("Сохранить")
    [meeting] = await _meetings(harness)
    assert meeting.notes == "Разобрали технологическую карту урока"
    assert (meeting.stage, meeting.held_on, meeting.duration_min, meeting.format) == (
        MeetingStage.INTRO,
        date(2026, 11, 23),
        45,
        MeetingFormat.MIXED,
    )
    assert meeting.topic is not None and meeting.topic.startswith("Нормативная база")
    assert meeting.plan_item_id is not None


async def test_long_notes_with_quotes_and_ampersands_come_back_exactly(harness: Harness) -> None:
    """Plain text, no parse mode: «&» and quotes are shown as typed, and 2,900 characters of notes
    (over Fluent's 2,500-character placeable limit) are shown back and saved whole."""
    world = await pair_world(harness)
    mentor = world.mentor
    notes = 'Обсудили урок в 5 "А" & <план> на четверть. ' + "Разбор урока. " * 200
    notes = notes[:2900]
    await mentor.send(notes)
    await mentor.press_button("Да, встреча с")
    await mentor.press_button("⚡")
    await mentor.press_button("Нормативная база")
    shown = joined(mentor.sent[-1:])
    assert notes in shown
    assert "&amp;" not in shown and "&quot;" not in shown
    assert all(len(text) <= 4096 for text in texts(mentor.sent))
    await mentor.press_button("Сохранить")
    [meeting] = await _meetings(harness)
    assert meeting.notes == notes


async def test_declined_offer_and_a_mentees_text_log_nothing(harness: Harness) -> None:
    world = await pair_world(harness)
    await world.mentor.send("Просто мысль")
    assert "не записываю" in joined(await world.mentor.press_button("Нет"))
    replies = joined(await world.mentee.send("Здравствуйте"))
    assert "Записать это" not in replies
    async with harness.session_factory() as session:
        count = await session.scalar(select(func.count(Meeting.id)))
    assert count == 0


async def test_text_where_a_button_is_expected_asks_the_same_question_again(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/meeting")
    replies = texts(await mentor.send("знакомство"))
    assert replies[0] == "Пожалуйста, выберите вариант кнопкой."
    assert replies[1].startswith("Встреча с: Соколов Иван Андреевич. Какой это этап?")
    await mentor.press_button("✅ Знакомство")
    await mentor.press_button("Сегодня")
    await mentor.press_button("45 мин")
    replies = texts(await mentor.send("очно"))
    assert replies == ["Пожалуйста, выберите вариант кнопкой.", "Как проходила встреча?"]
    assert "Тема встречи" in joined(await mentor.press_button("Очно"))


async def test_dates_and_durations_as_teachers_write_them_are_read_and_echoed(
    harness: Harness,
) -> None:
    """Monday 23.11.2026: «в прошлый четверг» is 19.11, «полчаса» is 30 minutes; each is shown
    back as understood before the meeting is saved, and a date to come is still refused."""
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/meeting")
    await mentor.press_button("✅ Знакомство")
    replies = texts(await mentor.send("завтра"))
    assert "Дата ещё не наступила" in replies[0] and "Когда прошла встреча?" in replies[1]
    replies = texts(await mentor.send("в прошлый четверг"))
    assert replies == [
        "Дата встречи: 19.11.2026, четверг.\n"
        "Сколько длилась встреча? Нажмите кнопку или напишите: 50, «полчаса», «час», «1,5 часа»."
    ]
    replies = texts(await mentor.send("полчаса"))
    assert replies[0].startswith("Записываю: 19.11.2026 (чт), 30 мин.\nКак проходила встреча?")
    await mentor.press_button("Очно")
    await mentor.send("Знакомство")
    await mentor.press_button("Сохранить")
    [meeting] = await _meetings(harness)
    assert (meeting.held_on, meeting.duration_min) == (date(2026, 11, 19), 30)

    await mentor.send("/meeting")
    await mentor.press_button("Рабочая встреча")
    assert "Дата встречи: 21.11.2026, суббота." in joined(await mentor.send("позавчера"))
    assert "Записываю: 21.11.2026 (сб), 90 мин." in joined(await mentor.send("1,5 часа"))


async def test_an_english_speaking_mentor_writes_dates_and_durations_in_english(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/language")
    await mentor.press_button("English")
    await mentor.send("/meeting")
    await mentor.press_button("✅ Introduction")
    replies = texts(await mentor.send("last Thursday"))
    assert replies[0].startswith("Meeting date: Thursday, 19.11.2026.\nHow long was the meeting?")
    replies = texts(await mentor.send("half an hour"))
    assert replies[0].startswith("Noted: 19.11.2026 (Thu), 30 min.\nHow was the meeting held?")
    await mentor.press_button("In person")
    await mentor.send("Getting to know each other")
    await mentor.press_button("Save")
    [meeting] = await _meetings(harness)
    assert (meeting.held_on, meeting.duration_min) == (date(2026, 11, 19), 30)
