"""Drive the production dispatcher like Telegram would: people send messages and press buttons."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aiogram import Dispatcher
from aiogram.methods import EditMessageText, SendDocument, SendMessage, TelegramMethod
from aiogram.types import (
    CallbackQuery,
    Chat,
    ChatMemberBanned,
    ChatMemberMember,
    ChatMemberUpdated,
    Document,
    InlineKeyboardMarkup,
    Message,
    PhotoSize,
    Sticker,
    Update,
    User,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.mocked_bot import BOT_USER, MockedBot


class FrozenClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta


@dataclass
class Harness:
    bot: MockedBot
    dp: Dispatcher
    session_factory: async_sessionmaker[AsyncSession]
    clock: FrozenClock
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    last_update: Update | None = None

    async def feed(self, update_kwargs: dict[str, Any]) -> list[TelegramMethod[Any]]:
        return await self.feed_update(Update(update_id=next(self._update_ids), **update_kwargs))

    async def feed_update(self, update: Update) -> list[TelegramMethod[Any]]:
        before = len(self.bot.session.requests)
        self.last_update = update
        await self.dp.feed_update(self.bot, update)
        return self.bot.session.requests[before:]

    async def redeliver_last(self) -> list[TelegramMethod[Any]]:
        """Telegram sends the same update again (a crash before the acknowledgement)."""
        assert self.last_update is not None
        return await self.feed_update(self.last_update)

    def person(
        self, user_id: int, first_name: str = "Мария", language: str | None = "ru"
    ) -> Person:
        return Person(
            self, User(id=user_id, is_bot=False, first_name=first_name, language_code=language)
        )


@dataclass
class Person:
    """One Telegram user talking to the bot in a private chat."""

    harness: Harness
    user: User
    sent: list[TelegramMethod[Any]] = field(default_factory=list)

    @property
    def chat(self) -> Chat:
        return Chat(id=self.user.id, type="private")

    def _message(self, **fields: Any) -> Message:
        return Message(
            message_id=next(self.harness._message_ids),
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=self.user,
            **fields,
        )

    async def _feed(self, **update: Any) -> list[TelegramMethod[Any]]:
        replies = await self.harness.feed(update)
        self.sent.extend(replies)
        return replies

    async def send(self, text: str) -> list[TelegramMethod[Any]]:
        return await self._feed(message=self._message(text=text))

    async def send_photo(self) -> list[TelegramMethod[Any]]:
        photo = PhotoSize(file_id="ph1", file_unique_id="ph1u", width=10, height=10)
        return await self._feed(message=self._message(photo=[photo]))

    async def send_document(self, filename: str, payload: bytes) -> list[TelegramMethod[Any]]:
        file_id = f"doc-{next(self.harness._message_ids)}"
        self.harness.bot.session.files[file_id] = payload
        document = Document(
            file_id=file_id, file_unique_id=file_id, file_name=filename, file_size=len(payload)
        )
        return await self._feed(message=self._message(document=document))

    async def send_sticker(self) -> list[TelegramMethod[Any]]:
        sticker = Sticker(
            file_id="st1",
            file_unique_id="st1u",
            type="regular",
            width=1,
            height=1,
            is_animated=False,
            is_video=False,
        )
        return await self._feed(message=self._message(sticker=sticker))

    async def press(self, data: str) -> list[TelegramMethod[Any]]:
        query = CallbackQuery(
            id=str(next(self.harness._update_ids)),
            from_user=self.user,
            chat_instance="ci",
            data=data,
            message=Message(
                message_id=next(self.harness._message_ids),
                date=datetime.now(UTC),
                chat=self.chat,
                from_user=BOT_USER,
                text="…",
            ),
        )
        return await self._feed(callback_query=query)

    async def press_button(self, label: str) -> list[TelegramMethod[Any]]:
        """Press the newest button whose text contains `label`, as a person would."""
        return await self.press(self.button_data(label))

    def button_data(self, label: str) -> str:
        for method in reversed(self.sent):
            markup = getattr(method, "reply_markup", None)
            if isinstance(markup, InlineKeyboardMarkup):
                for row in markup.inline_keyboard:
                    for button in row:
                        if label in button.text and button.callback_data:
                            return button.callback_data
        raise AssertionError(f"no button with {label!r} among {self.buttons()}")

    def buttons(self) -> list[str]:
        for method in reversed(self.sent):
            markup = getattr(method, "reply_markup", None)
            if isinstance(markup, InlineKeyboardMarkup):
                return [b.text for row in markup.inline_keyboard for b in row]
        return []

    async def block_bot(self, blocked: bool = True) -> list[TelegramMethod[Any]]:
        old: Any = ChatMemberMember(user=BOT_USER)
        new: Any = ChatMemberBanned(user=BOT_USER, until_date=0)
        if not blocked:
            old, new = new, old
        event = ChatMemberUpdated(
            chat=self.chat,
            from_user=self.user,
            date=datetime.now(UTC),
            old_chat_member=old,
            new_chat_member=new,
        )
        return await self._feed(my_chat_member=event)


def texts(methods: list[TelegramMethod[Any]]) -> list[str]:
    """What a person saw: sent and edited message texts, document captions, alerts."""
    result = []
    for method in methods:
        if isinstance(method, SendMessage | EditMessageText):
            result.append(method.text)
        elif isinstance(method, SendDocument) and method.caption:
            result.append(method.caption)
        elif getattr(method, "text", None) and method.__class__.__name__ == "AnswerCallbackQuery":
            result.append(method.text)  # type: ignore[attr-defined]
    return result


def joined(methods: list[TelegramMethod[Any]]) -> str:
    return "\n".join(texts(methods))
