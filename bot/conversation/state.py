"""Typed conversation state: where a person is in a flow, and what the flow has kept so far.

A flow declares its steps (`Step`) and its data as a pydantic model; the core keeps both per
person and chat in a `StateStore` (the database by default, Redis when one is configured), so a
questionnaire half answered survives a restart. Step names and field names are what is stored:
renaming one strands the people who are in the middle of that step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from bot.domain.messengers import Account


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    leaving: str | None = None
    """The locale key said when a command takes the person out of this step (None: nothing)."""


class FlowData(BaseModel):
    """Base of a flow's data: what is stored besides the step. Unknown keys are ignored, so an
    older or newer version's data still loads."""

    model_config = ConfigDict(extra="ignore")


M = TypeVar("M", bound=BaseModel)


class StateStore(Protocol):
    async def load(self, chat: Account) -> tuple[str | None, dict[str, Any]]: ...

    async def save(self, chat: Account, step: str | None, data: dict[str, Any]) -> None: ...

    async def forget(self, account: Account) -> None:
        """Every conversation of this account (consent withdrawn)."""


class Conversation:
    """One person's conversation during one update: read once, written when a step changes."""

    def __init__(
        self, store: StateStore, chat: Account, step: str | None, data: dict[str, Any]
    ) -> None:
        self._store = store
        self._chat = chat
        self.step = step
        self._data = data

    def data(self, model: type[M]) -> M:
        return model.model_validate(self._data)

    def raw(self) -> dict[str, Any]:
        """The stored data as it is (for a flow that takes over another's: a copy)."""
        return dict(self._data)

    def at(self, step: Step) -> bool:
        return self.step == step.name

    async def go(self, step: Step, data: BaseModel | None = None) -> None:
        """Move to `step`; `data` (when given) replaces what the flow kept."""
        if data is not None:
            self._data = data.model_dump(mode="json")
        self.step = step.name
        await self._store.save(self._chat, self.step, self._data)

    async def keep(self, data: BaseModel) -> None:
        """Keep `data` in the current step."""
        self._data = data.model_dump(mode="json")
        await self._store.save(self._chat, self.step, self._data)

    async def end(self) -> None:
        if self.step is None and not self._data:
            return
        self.step, self._data = None, {}
        await self._store.save(self._chat, None, {})

    async def forget(self, account: Account) -> None:
        self.step, self._data = None, {}
        await self._store.forget(account)


class MemoryStateStore:
    """Conversations in a dict: for tests and a single process that may lose them."""

    def __init__(self) -> None:
        self.records: dict[Account, tuple[str | None, dict[str, Any]]] = {}

    async def load(self, chat: Account) -> tuple[str | None, dict[str, Any]]:
        step, data = self.records.get(chat, (None, {}))
        return step, dict(data)

    async def save(self, chat: Account, step: str | None, data: dict[str, Any]) -> None:
        if step is None and not data:
            self.records.pop(chat, None)
        else:
            self.records[chat] = (step, dict(data))

    async def forget(self, account: Account) -> None:
        for chat in [c for c in self.records if c.messenger == account.messenger]:
            if account.user_id in (chat.user_id, chat.chat_id):
                del self.records[chat]
