"""The core's conversation state kept in the FSM storage (the database table, or Redis when
configured) that aiogram's storage classes implement.

A Telegram conversation is kept under the key aiogram's FSMContext used, so a conversation
started before the upgrade goes on; another messenger's under the same bot number with its
name as the key's destiny, so its user and chat ids never meet Telegram's."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.storage.base import BaseStorage, StorageKey

from bot.domain.messengers import Account, Messenger
from db.fsm_storage import forget_person, read_conversation, write_conversation


class FsmStateStore:
    def __init__(self, storage: BaseStorage, bot_id: int) -> None:
        self.storage = storage
        self.bot_id = bot_id

    def _key(self, chat: Account) -> StorageKey:
        destiny = "default" if chat.messenger is Messenger.TELEGRAM else chat.messenger.value
        return StorageKey(
            bot_id=self.bot_id, chat_id=chat.chat_id, user_id=chat.user_id, destiny=destiny
        )

    async def load(self, chat: Account) -> tuple[str | None, dict[str, Any]]:
        return await read_conversation(self.storage, self._key(chat))

    async def save(self, chat: Account, step: str | None, data: dict[str, Any]) -> None:
        await write_conversation(self.storage, self._key(chat), step, data)

    async def forget(self, account: Account) -> None:
        await forget_person(self.storage, self.bot_id, account.user_id)
