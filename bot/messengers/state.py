"""The core's conversation state kept in the FSM storage (the database table, or Redis when
configured) that aiogram's storage classes implement.

A Telegram conversation is kept under the key aiogram's FSMContext used, so a conversation
started before the upgrade goes on; another messenger's under the same bot number with its
name as the key's destiny, so its user and chat ids never meet Telegram's."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any

from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, StorageKey

from bot.domain.messengers import Account
from db.fsm_storage import destiny_of, forget_person, read_conversation, write_conversation


class FsmStateStore:
    def __init__(
        self, storage: BaseStorage, bot_id: int, isolation: BaseEventIsolation | None = None
    ) -> None:
        self.storage = storage
        self.bot_id = bot_id
        self.isolation = isolation

    def lock(self, chat: Account) -> AbstractAsyncContextManager[None]:
        """One update of a chat at a time (across replicas with Redis): its step is read and
        written whole. Telegram's dispatcher takes the same lock itself; an adapter that
        processes updates concurrently (MAX's webhook) takes it here."""
        assert self.isolation is not None, "built without event isolation"
        return self.isolation.lock(self._key(chat))

    def _key(self, chat: Account) -> StorageKey:
        return StorageKey(
            bot_id=self.bot_id,
            chat_id=chat.chat_id,
            user_id=chat.user_id,
            destiny=destiny_of(chat.messenger),
        )

    async def load(self, chat: Account) -> tuple[str | None, dict[str, Any]]:
        return await read_conversation(self.storage, self._key(chat))

    async def save(self, chat: Account, step: str | None, data: dict[str, Any]) -> None:
        await write_conversation(self.storage, self._key(chat), step, data)

    async def forget(self, account: Account) -> None:
        await forget_person(
            self.storage, self.bot_id, account.user_id, account.messenger, every_bot=True
        )
