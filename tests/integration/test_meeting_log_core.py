"""The meeting log on the messenger-neutral core: a log half-way under the aiogram version goes
on, documents with their captions, /meeting inside the log, stickers and files where they do not
fit, and the offer of a text as notes withdrawn by a file."""

from __future__ import annotations

from datetime import date

from aiogram.fsm.storage.base import StorageKey
from aiogram.types import Document
from sqlalchemy import select

from bot.domain.mentorship import MeetingFormat, MeetingStage
from bot.domain.messengers import Messenger
from db.models_mentoring import Meeting, MeetingAttachment
from tests.harness import Harness, joined, texts
from tests.harness import Person as ChatPerson
from tests.integration.test_pair_setup import pair_world


def _key(harness: Harness, person: ChatPerson) -> StorageKey:
    return StorageKey(bot_id=harness.bot.id, chat_id=person.user.id, user_id=person.user.id)


async def _meetings(harness: Harness) -> list[Meeting]:
    async with harness.session_factory() as session:
        return list((await session.execute(select(Meeting).order_by(Meeting.id))).scalars())


async def _files(harness: Harness) -> list[tuple[str, Messenger, str]]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(
                MeetingAttachment.kind, MeetingAttachment.messenger, MeetingAttachment.file_id
            ).order_by(MeetingAttachment.id)
        )
        return [(kind, messenger, file_id) for kind, messenger, file_id in rows.all()]


async def _send_document(person: ChatPerson, file_id: str, caption: str) -> list[object]:
    document = Document(file_id=file_id, file_unique_id=file_id, file_name="plan.pdf")
    return list(await person._feed(message=person._message(document=document, caption=caption)))


async def test_a_log_left_half_way_by_the_aiogram_version_goes_on_and_saves(
    harness: Harness,
) -> None:
    """The step names and the state keys are what the aiogram version stored: a mentor at the
    notes step during the upgrade adds a document and saves, the older file kept as Telegram's."""
    world = await pair_world(harness)
    mentor = world.mentor
    key = _key(harness, mentor)
    await harness.dp.storage.set_state(key, "MeetingLog:notes")
    await harness.dp.storage.set_data(
        key,
        {
            "notes": "Обсудили план",
            "att": [["photo", "old-photo"]],
            "pair_id": world.mentorship_id,
            "mode": "offline",
            "stage": "intro",
            "held_on": "2026-11-22",
            "duration": 60,
            "format": "offline",
            "topic": "Ожидания",
            "item_id": None,
        },
    )
    replies = joined(await _send_document(mentor, "doc-new", "Конспект урока"))
    assert "Вложений: 2" in replies
    assert "Встреча записана: Знакомство, 22.11.2026" in joined(
        await mentor.press_button("Сохранить")
    )
    [meeting] = await _meetings(harness)
    assert meeting.notes == "Обсудили план\nКонспект урока"
    assert (meeting.stage, meeting.format, meeting.duration_min) == (
        MeetingStage.INTRO,
        MeetingFormat.OFFLINE,
        60,
    )
    assert meeting.held_on == date(2026, 11, 22) and meeting.topic == "Ожидания"
    assert await _files(harness) == [
        ("photo", Messenger.TELEGRAM, "old-photo"),
        ("document", Messenger.TELEGRAM, "doc-new"),
    ]
    assert await harness.dp.storage.get_state(key) is None


async def test_meeting_typed_inside_the_log_starts_it_again_without_a_word_about_it(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/meeting")
    await mentor.press_button("✅ Знакомство")
    text = joined(await mentor.send("/meeting"))
    assert "Какой это этап?" in text and "прервана" not in text
    assert await harness.dp.storage.get_state(_key(harness, mentor)) == "MeetingLog:stage"


async def test_a_sticker_or_a_file_where_a_button_is_expected_asks_again(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send("/meeting")
    for replies in (await mentor.send_sticker(), await mentor.send_photo()):
        shown = texts(replies)
        assert shown[0] == "Пожалуйста, выберите вариант кнопкой."
        assert "Какой это этап?" in shown[1]
    await mentor.press_button("✅ Знакомство")
    replies = texts(await mentor.send_photo())  # a date is typed or chosen
    assert "Когда прошла встреча?" in replies[-1]
    assert await _meetings(harness) == []


async def test_a_file_withdraws_the_offer_of_a_text_as_notes(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    assert "Записать это как заметку" in joined(await mentor.send("Обсудили план"))
    assert "Не понял сообщение" in joined(await mentor.send_sticker())
    assert await harness.dp.storage.get_state(_key(harness, mentor)) is None
    assert await _meetings(harness) == []
