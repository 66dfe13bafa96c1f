"""A Bot whose session records every outgoing request and answers like Telegram would.

In the style of aiogram's own tests/mocked_bot.py, but answering by itself (a sent message gets a
message id; commands are accepted) so that end-to-end tests through the dispatcher need no
scripting, while a test can still queue an error (429, 403) for the next call of a method.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import (
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, Document, File, Message, User

BOT_USER = User(id=42, is_bot=True, first_name="Наставничество", username="mentoring_test_bot")


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.failures: dict[type[TelegramMethod[Any]], deque[TelegramAPIError]] = {}
        self._ids = itertools.count(1000)
        self.files: dict[str, bytes] = {}
        """Files people "uploaded", by file id: served to getFile and downloads."""

    def fail_next(self, method: type[TelegramMethod[Any]], error: TelegramAPIError) -> None:
        self.failures.setdefault(method, deque()).append(error)

    async def close(self) -> None:
        return None

    def _message(self, chat_id: int | str, **fields: Any) -> Message:
        return Message(
            message_id=next(self._ids),
            date=datetime.now(UTC),
            chat=Chat(id=int(chat_id), type="private"),
            from_user=BOT_USER,
            **fields,
        )

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.requests.append(method)
        queued = self.failures.get(type(method))
        if queued:
            raise queued.popleft()
        result: Any
        if isinstance(method, GetMe):
            result = BOT_USER
        elif isinstance(method, GetFile):
            size = len(self.files.get(method.file_id, b""))
            result = File(
                file_id=method.file_id,
                file_unique_id=method.file_id,
                file_size=size,
                file_path=f"documents/{method.file_id}",
            )
        elif isinstance(method, SendMessage):
            result = self._message(
                method.chat_id, text=method.text, reply_markup=method.reply_markup
            )
        elif isinstance(method, SendDocument):
            result = self._message(
                method.chat_id,
                document=Document(file_id=f"doc{next(self._ids)}", file_unique_id="u"),
                caption=method.caption,
            )
        elif isinstance(method, SendPhoto):
            result = self._message(method.chat_id, caption=method.caption)
        elif isinstance(method, EditMessageText | EditMessageReplyMarkup):
            result = True
        else:
            result = True
        return result  # type: ignore[no-any-return]

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield self.files[url.rsplit("/", 1)[-1]]


class MockedBot(Bot):
    session: RecordingSession

    def __init__(self) -> None:
        super().__init__("42:TEST-TOKEN-FOR-RECORDING-SESSION", session=RecordingSession())
        self._me = BOT_USER
