"""/forget: the person is gone from every table, conversation state and queued message, and the
pairs and groups they were in end (or go on without them) with everyone concerned told."""

from __future__ import annotations

import contextlib
import json
import re
from datetime import date
from typing import Any

from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from sqlalchemy import JSON, Text, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.mentorship import EndReason, MentorshipStatus, OutboxStatus
from bot.domain.messengers import Messenger
from bot.domain.roles import Role
from bot.domain.surveys import SurveyKind
from bot.services import program as program_service
from bot.services import registry
from bot.services.identity import load_actor
from bot.services.mentorships import create_mentorship
from bot.settings import Settings
from db.base import Base
from db.fsm_storage import SQLAlchemyStorage, forget_person
from db.models import School
from db.models_mentoring import AuditEntry, Mentorship, MentorshipMentee, OutboxMessage
from db.uow import UnitOfWork
from tests.harness import Harness, joined
from tests.integration.helpers import fill_mentor_questionnaire
from tests.integration.test_pair_setup import START, PairWorld, pair_world, sent_to, sweep
from tests.integration.test_survey_results import _answered

NAME = "Петрова Анна Викторовна"
POSITION = "Учитель математики"
TELEGRAM_ID = 300
TYPED = (
    "Разбор урока в седьмом классе",  # a meeting topic
    "Договорились о взаимопосещении уроков",  # meeting notes
    "Освоить формирующее оценивание",  # a program goal the mentor typed
    "Не хватает времени на подготовку",  # a free-text survey answer
    "Ожидала больше открытых уроков",  # the final survey's free text
)


async def _traces(harness: Harness, storage: BaseStorage) -> list[str]:
    """Every place, in every column of every table (JSON decoded, \\u escapes included) and in
    the conversation storage, that still holds the mentor's name, position, Telegram id, a
    text they typed or the file they attached."""
    texts = (NAME, POSITION, *TYPED, "ph1")
    number = re.compile(rf"(?<!\d){TELEGRAM_ID}(?!\d)")
    found: list[str] = []

    def look(where: str, value: Any) -> None:
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, int):
            if value == TELEGRAM_ID:
                found.append(f"{where}: {value}")
            return
        if not isinstance(value, str):
            return
        decoded = value
        if value[:1] in "[{":
            with contextlib.suppress(ValueError):
                decoded = json.dumps(json.loads(value), ensure_ascii=False)
        for text in texts:
            if text.casefold() in decoded.casefold():
                found.append(f"{where}: {text!r} in {decoded[:120]!r}")
        if number.search(decoded):
            found.append(f"{where}: {TELEGRAM_ID} in {decoded[:120]!r}")

    async with harness.session_factory() as session:
        for table in Base.metadata.sorted_tables:
            columns = [
                c.cast(Text).label(c.name) if isinstance(c.type, JSON) else c for c in table.columns
            ]
            for row in (await session.execute(select(*columns))).mappings():
                for name, value in row.items():
                    look(f"{table.name}.{name}", value)
    redis = getattr(storage, "redis", None)
    if redis is not None:
        prefix = storage.key_builder.prefix  # type: ignore[attr-defined]
        async for key in redis.scan_iter(match=f"{prefix}:*"):
            look("redis key", key.decode())
            if (await redis.type(key)) in (b"string", "string"):
                look(f"redis {key.decode()}", (await redis.get(key)).decode())
    return found


async def _fill_everything(harness: Harness, settings: Settings, world: PairWorld) -> None:
    """The mentor uses every feature: questionnaire, meetings with notes and a photo, a goal,
    ratings and surveys with text, reminders queued and sent, a certificate request, and a
    conversation left half-way."""
    mentor = world.mentor
    await fill_mentor_questionnaire(mentor)
    await mentor.send("/meeting")
    await mentor.press_button("⚡")
    await mentor.send(TYPED[0])
    await mentor.send(TYPED[1])
    await mentor.send_photo()
    await mentor.press_button("Сохранить")
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, TELEGRAM_ID)
        assert actor is not None
        await program_service.add_goal(
            uow, actor, world.mentorship_id, TYPED[2], harness.clock.now()
        )
    await _answered(
        harness,
        world,
        world.ids[300],
        Role.MENTOR,
        SurveyKind.RELATIONSHIP,
        {"need_help": TYPED[3]},
        tag="rel",
    )
    await _answered(
        harness,
        world,
        world.ids[300],
        Role.MENTOR,
        SurveyKind.FINAL,
        {"overall": 7, "frequency": "weekly", "expected": TYPED[4]},
        tag="fin",
    )
    await mentor.send("/certificate")
    await sweep(harness, settings)  # the mentee's confirmation question and the curator's
    assert NAME in joined(sent_to(harness, 401))  # request went out, naming the mentor
    await mentor.send("/meeting")  # a second meeting: its confirmation is still queued
    await mentor.press_button("⚡")
    await mentor.send("Вторая встреча")
    await mentor.press_button("Сохранить")
    await mentor.send("/meeting")  # and a third one left half-way: a conversation state
    await mentor.press_button("⚡")


async def test_forget_leaves_no_trace_of_the_person_anywhere(
    harness: Harness, settings: Settings, storage: BaseStorage
) -> None:
    world = await pair_world(harness)
    await _fill_everything(harness, settings, world)
    async with harness.session_factory() as session:
        queued = (await session.execute(select(OutboxMessage))).scalars().all()
    assert {o.status for o in queued} >= {OutboxStatus.SENT, OutboxStatus.PENDING}
    before = await _traces(harness, storage)
    assert any(t.startswith("outbox.payload") for t in before)  # the fill reached everywhere
    assert any(t.startswith("fsm_state.key") or t.startswith("redis") for t in before)

    replies = await world.mentor.send("/mydata")
    document = next(m for m in replies if isinstance(m, SendDocument))
    assert isinstance(document.document, BufferedInputFile)
    exported = json.loads(document.document.data)
    everything = json.dumps(exported, ensure_ascii=False)
    for text in (NAME, POSITION, *TYPED, "ph1"):
        assert text in everything  # what is stored is what /mydata shows
    assert {m["role"] for m in exported["mentorships"]} == {"mentor"}
    assert exported["certificate_requests"][0]["status"] == "pending"
    assert {m["kind"] for m in exported["messages"]}
    assert {c["action"] for c in exported["changes_made"]} >= {"logged", "goal_added"}

    await world.mentor.send("/forget")
    assert "Согласие отозвано" in joined(await world.mentor.press_button("Да, отозвать"))

    assert await _traces(harness, storage) == []
    async with harness.session_factory() as session:
        mine = (
            (
                await session.execute(
                    select(OutboxMessage).where(OutboxMessage.person_id == world.ids[300])
                )
            )
            .scalars()
            .all()
        )
    assert mine and all(o.payload == {} for o in mine)
    assert OutboxStatus.PENDING not in {o.status for o in mine}
    async with UnitOfWork(harness.session_factory) as uow:
        stats = await uow.surveys.school_stats([world.school_id], 2026)
    assert stats[world.school_id].mentor_satisfaction.count == 1  # the totals stay
    async with UnitOfWork(harness.session_factory) as uow:
        kept = await uow.surveys.export(world.ids[300])
    answers = {q: v for survey in kept for q, v in survey["answers"].items()}
    assert answers == {"overall": 7, "frequency": "weekly"}  # an option chosen is no text


async def test_a_mentor_who_forgets_ends_the_pair_and_everyone_is_told(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await world.mentor.send("/forget")
    await world.mentor.press_button("Да, отозвать")
    async with harness.session_factory() as session:
        pair = await session.get(Mentorship, world.mentorship_id)
        link = (await session.execute(select(MentorshipMentee))).scalar_one()
    assert pair is not None
    assert (pair.status, pair.end_reason) == (
        MentorshipStatus.ENDED_EARLY,
        EndReason.CONSENT_WITHDRAWN,
    )
    assert link.left_at is not None and link.end_reason is EndReason.CONSENT_WITHDRAWN

    harness.bot.session.requests.clear()
    await sweep(harness, settings)
    for chat_id in (401, 200):  # the mentee and the curator
        told = joined(sent_to(harness, chat_id))
        assert "Наставничество (имя удалено) — Соколов Иван Андреевич завершено" in told
        assert "Отзыв согласия на обработку персональных данных" in told
        assert NAME not in told
    assert sent_to(harness, 300) == []

    status = joined(await world.curator.send("/status"))
    assert "Наставников: 0" in status and "из них без пары: 2" in status  # back in the bank
    assert "работают 0" in status  # no pair runs without its mentor
    assert "Петрова" not in status
    assert "нет действующих пар" in joined(await world.mentee.send("/pair"))


async def test_a_mentee_who_leaves_a_group_leaves_it_running(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert actor is not None
        group = await create_mentorship(
            uow,
            actor,
            school_id=world.school_id,
            mentor_id=world.ids[300],
            mentee_ids=[world.ids[402], world.ids[401]],
            start_date=START,
            now=harness.clock.now(),
        )
        await uow.commit()
        group_id = group.id
    await world.other_mentee.send("/forget")  # Волкова, in the group only
    await world.other_mentee.press_button("Да, отозвать")
    harness.bot.session.requests.clear()
    async with harness.session_factory() as session:
        kept = await session.get(Mentorship, group_id)
        links = (
            (
                await session.execute(
                    select(MentorshipMentee).where(MentorshipMentee.mentorship_id == group_id)
                )
            )
            .scalars()
            .all()
        )
    assert kept is not None and kept.status is MentorshipStatus.ACTIVE
    assert {(link.mentee_id, link.end_reason) for link in links} == {
        (world.ids[402], EndReason.CONSENT_WITHDRAWN),
        (world.ids[401], None),
    }
    await sweep(harness, settings)
    for chat_id in (300, 200):  # the mentor and the curator
        told = joined(sent_to(harness, chat_id))
        assert "вышел из неё (Отзыв согласия на обработку персональных данных)" in told
        assert "Группа продолжает работу" in told
        assert "Волкова" not in told
    assert sent_to(harness, 401) == []


async def test_a_mentee_who_forgets_ends_their_pair_and_the_mentor_is_told(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await world.mentee.send("/forget")
    await world.mentee.press_button("Да, отозвать")
    harness.bot.session.requests.clear()
    await sweep(harness, settings)
    for chat_id in (300, 200):  # the mentor and the curator
        told = joined(sent_to(harness, chat_id))
        assert f"Наставничество {NAME} — (имя удалено) завершено" in told
        assert "Соколов" not in told
    async with harness.session_factory() as session:
        pair = await session.get(Mentorship, world.mentorship_id)
    assert pair is not None and pair.end_reason is EndReason.CONSENT_WITHDRAWN


async def test_a_curator_who_forgets_leaves_the_registry_and_the_audit_log(
    harness: Harness, storage: BaseStorage
) -> None:
    world = await pair_world(harness)
    curator_name, curator_email = "Кузнецова Елена Сергеевна", "kuznetsova@school.example"
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert actor is not None
        await registry.set_contacts(
            uow,
            actor,
            world.school_id,
            curator_name,
            curator_email,
            "+7 900 123-45-67",
            harness.clock.now(),
        )
    await world.curator.send("/forget")
    await world.curator.press_button("Да, отозвать")
    async with harness.session_factory() as session:
        school = await session.get(School, world.school_id)
        audit = (await session.execute(select(AuditEntry.changes))).scalars().all()
        pair = await session.get(Mentorship, world.mentorship_id)
    assert school is not None
    assert (school.curator_full_name, school.curator_email, school.curator_phone) == (
        None,
        None,
        None,
    )
    assert curator_name not in json.dumps(audit, ensure_ascii=False)
    assert pair is not None and pair.status is MentorshipStatus.ACTIVE  # not a member: it runs


async def test_a_pair_that_has_not_started_yet_ends_too(harness: Harness) -> None:
    world = await pair_world(harness, start=date(2026, 12, 1))  # today is 23.11.2026
    await world.mentor.send("/forget")
    assert "Согласие отозвано" in joined(await world.mentor.press_button("Да, отозвать"))
    async with harness.session_factory() as session:
        pair = await session.get(Mentorship, world.mentorship_id)
    assert pair is not None and pair.end_reason is EndReason.CONSENT_WITHDRAWN


async def test_every_conversation_of_the_person_goes_and_only_theirs(
    storage: BaseStorage, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    mine = [
        StorageKey(bot_id=42, chat_id=300, user_id=300),
        StorageKey(bot_id=42, chat_id=300, user_id=300, destiny="survey"),
        StorageKey(bot_id=42, chat_id=-100500, user_id=300),  # a group chat
    ]
    others = [
        StorageKey(bot_id=42, chat_id=3000, user_id=3000),  # an id that begins like theirs
        StorageKey(bot_id=42, chat_id=1300, user_id=1300),
        StorageKey(bot_id=42, chat_id=300, user_id=300, destiny="max"),  # MAX's 300: not them
    ]
    for key in (*mine, *others):
        await storage.set_state(key, "Flow:step")
        await storage.set_data(key, {"draft": "текст"})
    await forget_person(storage, 42, 300)
    for key in mine:
        assert await storage.get_state(key) is None and await storage.get_data(key) == {}
    for key in others:
        assert await storage.get_state(key) == "Flow:step"
    if isinstance(storage, SQLAlchemyStorage):  # a new process reads the table, not the cache
        fresh = SQLAlchemyStorage(session_factory)
        assert [await fresh.get_state(key) for key in (*mine, *others)] == [
            None,
            None,
            None,
            "Flow:step",
            "Flow:step",
            "Flow:step",
        ]


async def test_a_max_accounts_conversations_go_and_telegrams_same_number_stays(
    storage: BaseStorage,
) -> None:
    """A MAX account's keys carry MAX as their destiny: forgetting it clears those alone, not
    a Telegram person's whose id happens to be the same number."""
    max_chat = StorageKey(bot_id=42, chat_id=900, user_id=300, destiny="max")
    telegram = StorageKey(bot_id=42, chat_id=300, user_id=300)
    for key in (max_chat, telegram):
        await storage.set_state(key, "Flow:step")
    await forget_person(storage, 42, 300, Messenger.MAX)
    assert await storage.get_state(max_chat) is None
    assert await storage.get_state(telegram) == "Flow:step"


async def test_forgetting_from_one_messengers_bot_clears_the_other_bots_conversations(
    storage: BaseStorage,
) -> None:
    """Telegram's bot and MAX's bot key their conversations by their own ids: a person who
    forgets from Telegram loses the MAX conversation kept under the MAX bot as well."""
    on_max_bot = StorageKey(bot_id=9000, chat_id=900, user_id=300, destiny="max")
    on_telegram_bot = StorageKey(bot_id=42, chat_id=300, user_id=300)
    someone_else = StorageKey(bot_id=9000, chat_id=901, user_id=301, destiny="max")
    for key in (on_max_bot, on_telegram_bot, someone_else):
        await storage.set_state(key, "Flow:step")
    await forget_person(storage, 42, 300, Messenger.MAX, every_bot=True)
    assert await storage.get_state(on_max_bot) is None
    assert await storage.get_state(on_telegram_bot) == "Flow:step"  # Telegram's 300 is not them
    assert await storage.get_state(someone_else) == "Flow:step"
    await forget_person(storage, 9000, 300, Messenger.TELEGRAM, every_bot=True)
    assert await storage.get_state(on_telegram_bot) is None
