"""The webhook runner: Telegram's requests carrying the agreed secret are processed before they
are answered; any other request is refused and leaves no trace."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram.methods import SendMessage
from aiogram.types import InlineKeyboardMarkup
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.domain.messengers import Messenger
from bot.messengers.telegram.runners import webhook_app
from db.models import MessengerAccount, Person, ProcessedUpdate
from tests.harness import Harness
from tests.integration.helpers import coordinator_token

SECRET = "s3cret-webhook-token"
PATH = "/telegram"
HEADER = "X-Telegram-Bot-Api-Secret-Token"

Client = TestClient[web.Request, web.Application]


@pytest.fixture
async def webhook(harness: Harness) -> AsyncIterator[Client]:
    client: Client = TestClient(TestServer(webhook_app(harness.dp, harness.bot, SECRET, PATH)))
    await client.start_server()
    yield client
    await client.close()


def _message(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_700_000_000,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Ольга", "language_code": "ru"},
            "text": text,
        },
    }


def _press(update_id: int, user_id: int, data: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "chat_instance": "ci",
            "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": "Ольга", "language_code": "ru"},
            "message": {
                "message_id": 1,
                "date": 1_700_000_000,
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": 42, "is_bot": True, "first_name": "Bot"},
                "text": "…",
            },
        },
    }


async def _post(
    client: Client, update: dict[str, Any], secret: str | None = SECRET
) -> tuple[int, str]:
    headers = {HEADER: secret} if secret is not None else {}
    async with client.post(PATH, json=update, headers=headers) as response:
        return response.status, await response.text()


def _sent_to(harness: Harness, chat_id: int) -> list[SendMessage]:
    return [
        r
        for r in harness.bot.session.requests
        if isinstance(r, SendMessage) and int(r.chat_id) == chat_id
    ]


async def _count(harness: Harness, model: type[Any]) -> int:
    async with harness.session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_webhook_with_the_secret_onboards_a_coordinator_through_posted_updates(
    harness: Harness, webhook: Client
) -> None:
    token = await coordinator_token(harness)
    status, _ = await _post(webhook, _message(8_800_001, 9301, f"/start {token}"))
    assert status == 200
    agree = next(
        b.callback_data
        for sent in _sent_to(harness, 9301)
        if isinstance(sent.reply_markup, InlineKeyboardMarkup)
        for row in sent.reply_markup.inline_keyboard
        for b in row
        if "✅" in b.text
    )
    assert agree is not None
    assert (await _post(webhook, _press(8_800_002, 9301, agree)))[0] == 200
    assert (await _post(webhook, _message(8_800_003, 9301, "Смирнова Ольга Ивановна")))[0] == 200
    assert (await _post(webhook, _message(8_800_004, 9301, "Главный специалист")))[0] == 200
    async with harness.session_factory() as session:
        person = (
            await session.execute(
                select(Person)
                .join(MessengerAccount, MessengerAccount.person_id == Person.id)
                .where(
                    MessengerAccount.messenger == Messenger.TELEGRAM,
                    MessengerAccount.external_user_id == 9301,
                )
            )
        ).scalar_one()
    assert person.full_name == "Смирнова Ольга Ивановна"
    assert await _count(harness, ProcessedUpdate) == 4  # each update recorded as applied


async def test_webhook_refuses_a_wrong_or_missing_secret_and_stores_nothing(
    harness: Harness, webhook: Client
) -> None:
    token = await coordinator_token(harness)
    update = _message(8_800_011, 9302, f"/start {token}")
    for secret in ("not-the-secret", "", None):
        status, body = await _post(webhook, update, secret)
        assert status == 401 and body == "Unauthorized"
    assert _sent_to(harness, 9302) == []
    assert await _count(harness, ProcessedUpdate) == 0
    assert await _count(harness, Person) == 0
    # The refused update was not recorded as applied: Telegram's genuine copy goes through.
    status, _ = await _post(webhook, update)
    assert status == 200
    greeting = "\n".join(m.text for m in _sent_to(harness, 9302))
    assert "Вас пригласили в программу наставничества" in greeting


async def test_webhook_answers_a_redelivered_update_without_applying_it_twice(
    harness: Harness, webhook: Client
) -> None:
    update = _message(8_800_021, 9303, "/start")
    assert (await _post(webhook, update))[0] == 200
    assert (await _post(webhook, update))[0] == 200  # Telegram retried: acknowledged again
    (reply,) = _sent_to(harness, 9303)
    assert "только по приглашению" in reply.text
    assert await _count(harness, ProcessedUpdate) == 1


async def test_webhook_acknowledges_a_body_that_is_not_json_and_goes_on(
    harness: Harness, webhook: Client
) -> None:
    async with webhook.post(PATH, data=b"{not json", headers={HEADER: SECRET}) as response:
        assert response.status == 200  # or Telegram would send it for ever
    assert await _count(harness, ProcessedUpdate) == 0
    assert (await _post(webhook, _message(8_800_031, 9304, "/start")))[0] == 200
    assert len(_sent_to(harness, 9304)) == 1
