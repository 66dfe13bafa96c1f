"""The MAX adapter against a fake MAX Bot API on loopback: polling and the webhook, the views as
MAX calls within MAX's limits, files through uploads, redelivery, malformed updates."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiogram.fsm.storage.base import BaseStorage
from maxapi import Bot
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversation.context import FlowConfig
from bot.conversation.core import Core
from bot.conversation.router import Router
from bot.domain.messengers import Account, Messenger
from bot.flows import FEATURES, create_i18n_core
from bot.messengers.max.inbound import to_inbound
from bot.messengers.max.outbound import keyboard, parts
from bot.messengers.max.runner import SECRET_HEADER, MaxAdapter, is_outage
from bot.messengers.state import FsmStateStore
from bot.services.invites import create_coordinator_invite
from bot.services.onboarding import complete_registration, give_consent
from bot.settings import Settings
from db.models import Person, ProcessedUpdate
from db.uow import UnitOfWork
from tests.e2e.fake_max_api import BOT, CHAT_OFFSET, TOKEN, FakeMaxApi
from tests.harness import FrozenClock

USER = 5501
NAME = "Смирнова Ольга Ивановна"


async def register(factory: async_sessionmaker[AsyncSession], clock: FrozenClock) -> None:
    account = Account(Messenger.MAX, USER, USER + CHAT_OFFSET)
    async with UnitOfWork(factory) as uow:
        invite = await create_coordinator_invite(
            uow, "Устьянский муниципальный округ", "Europe/Moscow", clock.now(), timedelta(days=3)
        )
        await give_consent(uow, account, "ru", clock.now())
        await complete_registration(uow, account, NAME, "Специалист", invite.token, clock.now())


@pytest.fixture
async def fake() -> AsyncIterator[FakeMaxApi]:
    server = FakeMaxApi()
    await server.serve()
    yield server
    await server.stop()


@pytest.fixture
async def adapter(
    fake: FakeMaxApi,
    session_factory: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    settings: Settings,
    clock: FrozenClock,
) -> AsyncIterator[MaxAdapter]:
    bot = Bot(TOKEN, after_upload_retry_delay=0.05)
    bot.set_api_url(fake.base_url)
    translator = create_i18n_core(settings.default_locale)
    translator.locales.update(translator.find_locales())
    core = Core(
        [f.router for f in FEATURES if isinstance(f.router, Router)],
        translator=translator,
        store=FsmStateStore(storage, BOT["user_id"]),
        config=FlowConfig(settings.reminder_policy, settings.invite_ttl, settings.stall_days),
        default_locale=settings.default_locale,
        is_outage=is_outage,
    )
    await register(session_factory, clock)
    yield MaxAdapter(bot, core, lambda: UnitOfWork(session_factory), clock)
    await bot.close_session()


async def polled(adapter: MaxAdapter, fake: FakeMaxApi, until: Any) -> None:
    """Run the poller until `until()` holds, then stop it as a SIGTERM would."""
    task = asyncio.create_task(adapter.poll(wait=1))
    try:
        await fake.wait_for(until)
    finally:
        adapter.stop()
        await asyncio.wait_for(task, 10)
        adapter.stopping.clear()


async def test_help_by_polling_answers_in_the_persons_dialog(
    adapter: MaxAdapter, fake: FakeMaxApi
) -> None:
    fake.text(USER, "/help")
    await polled(adapter, fake, lambda: fake.texts(USER))

    [text] = fake.texts(USER)
    assert "Бот ведёт программу наставничества" in text
    assert not fake.pending or all(u["update_type"] for _, u in fake.pending)


async def test_a_batch_is_confirmed_only_after_it_is_processed(
    adapter: MaxAdapter, fake: FakeMaxApi
) -> None:
    fake.text(USER, "/help")
    fake.text(USER, "/language")
    await polled(adapter, fake, lambda: len(fake.texts(USER)) == 2)
    assert len(fake.pending) == 2  # answered, not yet confirmed: the next poll confirms them

    await polled(adapter, fake, lambda: any(c[2].get("marker") for c in fake.calls[-1:]))
    assert fake.pending == []
    assert len(fake.texts(USER)) == 2  # confirmed, not answered again


async def test_a_language_button_edits_the_message_and_no_empty_answer_is_sent(
    adapter: MaxAdapter, fake: FakeMaxApi, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    fake.text(USER, "/language")
    await polled(adapter, fake, lambda: fake.texts(USER))
    assert [label for label, _ in fake.sent[-1]["buttons"]] == ["Русский", "English"]

    fake.press(USER, "English")
    await polled(adapter, fake, lambda: any("edited" in m for m in fake.sent))

    edited = [m for m in fake.sent if "edited" in m]
    assert edited[0]["text"] == "Interface language: English."
    assert not [c for c in fake.calls if c[1] == "/answers"]  # MAX has no empty answer
    menu_labels = [label for label, _ in fake.sent[-1]["buttons"]]
    assert "🏫 Schools of the municipality" in menu_labels  # the menu, in the new language
    async with session_factory() as session:
        locale = await session.scalar(select(Person.locale).where(Person.full_name == NAME))
    assert locale == "en"


async def test_my_data_goes_out_as_an_uploaded_file_under_its_own_name(
    adapter: MaxAdapter, fake: FakeMaxApi
) -> None:
    fake.text(USER, "/mydata")
    await polled(adapter, fake, lambda: any(m.get("files") for m in fake.sent))

    [message] = [m for m in fake.sent if m.get("files")]
    [(name, data)] = message["files"]
    assert name == "my-data.json"
    assert NAME in json.dumps(json.loads(data), ensure_ascii=False)
    assert message["text"] == "Все сведения, которые бот хранит о вас (формат JSON)."
    sends = [c for c in fake.calls if c[:2] == ("POST", "/messages")]
    assert len(sends) == 2  # the first met attachment.not.ready and was sent again


async def test_bot_stopped_marks_the_person_as_unreachable(
    adapter: MaxAdapter, fake: FakeMaxApi, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    fake.stop_bot(USER)
    fake.text(USER + 1, "hello from a stranger in a group")  # a stranger: nothing routes it
    await polled(adapter, fake, lambda: len([c for c in fake.calls if c[1] == "/updates"]) > 1)

    async with session_factory() as session:
        blocked = await session.scalar(select(Person.blocked_bot).where(Person.full_name == NAME))
    assert blocked is True


async def test_a_malformed_update_is_skipped_and_the_next_one_served(
    adapter: MaxAdapter, fake: FakeMaxApi, caplog: pytest.LogCaptureFixture
) -> None:
    fake.push({"update_type": "message_created", "message": {"body": {}}})
    fake.text(USER, "/help")
    await polled(adapter, fake, lambda: fake.texts(USER))

    assert "malformed MAX update skipped" in caplog.text
    assert len(fake.texts(USER)) == 1


async def webhook_call(url: str, update: dict[str, Any], secret: str | None) -> tuple[int, str]:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status, await response.text()


async def test_the_webhook_refuses_a_wrong_secret_and_applies_a_redelivery_once(
    adapter: MaxAdapter, fake: FakeMaxApi, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    runner = aiohttp.web.AppRunner(adapter.webhook_app("s3cret", "/max"))
    await runner.setup()
    site = aiohttp.web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}/max"
    update = fake.text(USER, "/help")
    try:
        assert (await webhook_call(url, update, "wrong"))[0] == 401
        assert (await webhook_call(url, update, None))[0] == 401
        async with session_factory() as session:
            stored = await session.scalar(select(func.count()).select_from(ProcessedUpdate))
        assert stored == 0 and fake.texts(USER) == []

        assert (await webhook_call(url, update, "s3cret"))[0] == 200
        assert (await webhook_call(url, update, "s3cret"))[0] == 200  # MAX retries

        assert len(fake.texts(USER)) == 1
        assert (await webhook_call(url, {"no": "schema"}, "s3cret"))[0] == 200  # skipped
    finally:
        await runner.cleanup()


def test_long_texts_are_split_at_line_ends_within_4000_characters() -> None:
    text = "\n".join(f"строка {i:04d} " + "х" * 60 for i in range(200))
    pieces = parts(text)
    assert len(pieces) > 1
    assert all(len(p) <= 4000 for p in pieces)
    assert "\n".join(pieces) == text


def test_keyboards_keep_max_limits() -> None:
    wide = tuple((f"кнопка {i}", f"a:{i}", False) for i in range(10))
    long_label = (("д" * 200, "b:1", False),)
    [attachment] = keyboard((wide, long_label))
    rows = attachment.payload.buttons  # type: ignore[union-attr]
    assert [len(row) for row in rows] == [7, 3, 1]
    assert len(rows[2][0].text) == 128


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ({"update_type": "message_edited", "message": {}}, None),
        ({"update_type": "bot_added", "chat_id": 1, "user": {"user_id": 2}}, None),
    ],
)
def test_updates_that_are_no_conversation_are_ignored(
    update: dict[str, Any], expected: None
) -> None:
    assert to_inbound(update) is expected


def test_a_deep_link_start_and_a_group_message(fake: FakeMaxApi) -> None:
    started = to_inbound(fake.open_bot(7, "tok123"))
    assert started is not None and started.event.__class__.__name__ == "Started"
    assert started.event.payload == "tok123"  # type: ignore[union-attr]
    assert started.sender is not None and started.sender.account.chat_id == 7 + CHAT_OFFSET
    group = fake.text(7, "hi")
    group["message"]["recipient"]["chat_type"] = "chat"
    assert to_inbound(group) is None
