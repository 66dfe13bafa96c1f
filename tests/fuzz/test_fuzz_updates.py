"""Thousands of random and malformed updates through the production dispatcher.

People in every role send random text (emoji, right-to-left script, exactly 4096 characters),
photos, stickers, voice and contacts where text is expected, edit messages, press random and
forged buttons (also on messages the bot can no longer see), and strangers write from groups and
channels. Whatever state their conversations reach: no unexpected error, every reply within
Telegram's 4096 characters, every button's data within 64 bytes, and a consistent database.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_args

import pytest
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.methods import TelegramMethod
from aiogram.types import (
    CallbackQuery,
    Chat,
    Contact,
    InaccessibleMessage,
    InlineKeyboardMarkup,
    Message,
    Voice,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

import handlers  # noqa: F401
from bot.conversation import Action
from bot.dispatcher import create_dispatcher
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from db.fsm_storage import SQLAlchemyStorage
from db.schema import Base
from handlers.menu import COMMANDS
from tests.conftest import DEFAULT_NOW, PG_URL, REDIS_URL
from tests.harness import FrozenClock, Harness, Person
from tests.integration.helpers import school_chain
from tests.mocked_bot import MockedBot

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))
RTL = "مرحبا بالعالم שלום עולם"
EMOJI = "👩‍🏫📚✅🤝🔥"


def _callback_classes() -> list[type[Action]]:
    seen: list[type[Action]] = []
    stack = list(Action.__subclasses__())
    while stack:
        cls = stack.pop()
        seen.append(cls)
        stack.extend(cls.__subclasses__())
    return seen


def _forged(cls: type[Action], draw: st.DrawFn) -> str | None:
    values: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        annotation = field.annotation
        if annotation is bool:
            values[name] = draw(st.booleans())
        elif annotation is int or int in get_args(annotation):
            values[name] = draw(st.integers(min_value=-5, max_value=60))
        else:
            values[name] = draw(
                st.sampled_from(
                    [
                        "open",
                        "add",
                        "curator",
                        "mentor",
                        "mentee",
                        "coordinator",
                        "x",
                        "",
                        "build",
                        "skip",
                        "del",
                        "1",
                    ]
                )
            )
    try:
        return cls(**values).pack()
    except (ValueError, TypeError):
        return None


TEXTS = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [f"/{name}" for name, _ in COMMANDS]
        + ["/start", "/start abc", "/cancel", "/start " + "A" * 24]
    ),
    st.just("я" * 4096),
    st.just(RTL * 3),
    st.just(EMOJI * 10),
    st.sampled_from(
        [
            "Иванова Мария Петровна",
            "01.09.2025",
            "125-од",
            "kurator@school.ru",
            "+7 818 375-12-34",
            "5",
            "0",
            "-1",
            "да",
        ]
    ),
)


@st.composite
def events(draw: st.DrawFn) -> tuple[str, int, Any]:
    who = draw(st.sampled_from([100, 200, 300, 901, 902]))
    kind = draw(
        st.sampled_from(
            [
                "text",
                "text",
                "text",
                "button",
                "button",
                "forged",
                "photo",
                "sticker",
                "voice",
                "contact",
                "edited",
                "inaccessible",
                "group",
                "channel",
            ]
        )
    )
    if kind in {"text", "edited", "group"}:
        return kind, who, draw(TEXTS)
    if kind == "forged":
        cls = draw(st.sampled_from(_callback_classes()))
        data = _forged(cls, draw) if draw(st.booleans()) else draw(st.text(max_size=64))
        return kind, who, data or "junk"
    if kind == "button":
        return kind, who, draw(st.integers(min_value=0, max_value=30))
    return kind, who, None


def _assert_within_limits(requests: list[TelegramMethod[Any]]) -> None:
    for method in requests:
        message_text = getattr(method, "text", None)
        if isinstance(message_text, str) and type(method).__name__ != "AnswerCallbackQuery":
            assert len(message_text) <= 4096, type(method).__name__
        if type(method).__name__ == "AnswerCallbackQuery" and message_text:
            assert len(message_text) <= 200
        caption = getattr(method, "caption", None)
        if isinstance(caption, str):
            assert len(caption) <= 1024
        markup = getattr(method, "reply_markup", None)
        if isinstance(markup, InlineKeyboardMarkup):
            for row in markup.inline_keyboard:
                for button in row:
                    assert button.callback_data is None or len(button.callback_data.encode()) <= 64


async def _feed(harness: Harness, people: dict[int, Person], event: tuple[str, int, Any]) -> None:
    kind, who, payload = event
    person = people[who]
    now = datetime.now(UTC)
    if kind == "text":
        await person.send(payload)
    elif kind == "button":
        markup_data = [
            b.callback_data
            for m in reversed(person.sent[-20:])
            if isinstance(getattr(m, "reply_markup", None), InlineKeyboardMarkup)
            for row in m.reply_markup.inline_keyboard  # type: ignore[attr-defined]
            for b in row
            if b.callback_data
        ]
        if markup_data:
            await person.press(markup_data[payload % len(markup_data)])
    elif kind == "forged":
        await person.press(payload)
    elif kind == "photo":
        await person.send_photo()
    elif kind == "sticker":
        await person.send_sticker()
    elif kind == "voice":
        await person._feed(
            message=person._message(voice=Voice(file_id="v", file_unique_id="v", duration=3))
        )
    elif kind == "contact":
        await person._feed(
            message=person._message(contact=Contact(phone_number="+70000000000", first_name="X"))
        )
    elif kind == "edited":
        await person._feed(edited_message=person._message(text=payload, edit_date=1))
    elif kind == "inaccessible":
        query = CallbackQuery(
            id="q",
            from_user=person.user,
            chat_instance="ci",
            data="m:help",
            message=InaccessibleMessage(chat=person.chat, message_id=1),
        )
        await person._feed(callback_query=query)
    elif kind == "group":
        group = Chat(id=-1001, type="supergroup", title="Педсовет")
        await harness.feed(
            {
                "message": Message(
                    message_id=1, date=now, chat=group, from_user=person.user, text=payload
                )
            }
        )
    elif kind == "channel":
        channel = Chat(id=-1002, type="channel", title="Новости")
        await harness.feed(
            {"channel_post": Message(message_id=1, date=now, chat=channel, text="пост")}
        )


async def _consistent(harness: Harness) -> None:
    async with harness.session_factory() as session:
        over_used = (
            await session.execute(text("SELECT count(*) FROM invite WHERE uses > max_uses"))
        ).scalar_one()
        assert over_used == 0
        granted_without_consent = (
            await session.execute(
                text(
                    "SELECT count(*) FROM role_grant g JOIN person p ON p.id = g.person_id "
                    "WHERE g.revoked_at IS NULL"
                    " AND (p.consent_given_at IS NULL OR p.consent_withdrawn_at IS NOT NULL)"
                )
            )
        ).scalar_one()
        assert granted_without_consent == 0
        if session.bind.dialect.name == "sqlite":  # type: ignore[union-attr]
            assert (await session.execute(text("PRAGMA foreign_key_check"))).all() == []


def test_random_updates_never_break_the_bot(
    migrated_template: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    loop = asyncio.new_event_loop()
    if PG_URL:
        url = PG_URL

        async def truncate() -> None:
            engine = create_engine(url)
            tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            async with engine.begin() as conn:
                await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            await engine.dispose()

        loop.run_until_complete(truncate())
    else:
        shutil.copy(migrated_template, tmp_path / "fuzz.db")
        url = f"sqlite+aiosqlite:///{tmp_path / 'fuzz.db'}"
    engine = create_engine(url)
    factory = create_session_factory(engine)
    config = Settings(
        _env_file=None, database_url=url, bot_username="mentoring_test_bot", flood_limit=10_000
    )  # type: ignore[call-arg]
    storage: BaseStorage = (
        RedisStorage.from_url(
            REDIS_URL,
            key_builder=DefaultKeyBuilder(
                prefix=f"fuzz-{uuid.uuid4().hex}", with_bot_id=True, with_destiny=True
            ),
        )
        if REDIS_URL
        else SQLAlchemyStorage(factory)
    )
    dp = create_dispatcher(
        settings=config,
        session_factory=factory,
        storage=storage,
        clock=FrozenClock(DEFAULT_NOW),
    )
    bot = MockedBot()
    harness = Harness(bot=bot, dp=dp, session_factory=factory, clock=FrozenClock(DEFAULT_NOW))
    loop.run_until_complete(dp.emit_startup(bot=bot, dispatcher=dp, bots=[bot], **dp.workflow_data))
    coordinator, curator, _ = loop.run_until_complete(school_chain(harness))
    people = {
        100: coordinator,
        200: curator,
        300: harness.person(300, "Анна"),
        901: harness.person(901, "Stranger", language="en"),
        902: harness.person(902, "Без имени", language=None),
    }
    caplog.set_level(logging.ERROR)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(events(), min_size=5, max_size=30))
    def scenario(batch: list[tuple[str, int, Any]]) -> None:
        before = len(bot.session.requests)
        for event in batch:
            loop.run_until_complete(_feed(harness, people, event))
        _assert_within_limits(bot.session.requests[before:])
        failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert failures == [], failures[0].getMessage() + str(failures[0].exc_info)

    try:
        scenario()
        loop.run_until_complete(_consistent(harness))
    finally:
        loop.run_until_complete(
            dp.emit_shutdown(bot=bot, dispatcher=dp, bots=[bot], **dp.workflow_data)
        )
        loop.run_until_complete(storage.close())
        loop.run_until_complete(engine.dispose())
        loop.close()
    fed = next(harness._update_ids) - 1
    print(f"fuzz: {fed} updates, {len(bot.session.requests)} requests")
    assert fed >= EXAMPLES * 6, fed  # over 3,000 updates at the default 400 examples
    assert len(bot.session.requests) > EXAMPLES  # the bot really answered along the way
