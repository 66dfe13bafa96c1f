"""A small in-memory messenger: people talk to the conversation core with no aiogram at all.

Flow tests drive the core through it and assert the views a person would see (in words, in
their language) and the rows in the database. Its people are MAX accounts unless a test asks
for a Telegram one, so every flow tested here is shown to work for a person who is not on
Telegram. `sweep()` delivers the due outbox into the chats the outbox chose, rendered as the
senders render them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversation.actions import Action
from bot.conversation.context import FlowConfig
from bot.conversation.core import Core
from bot.conversation.events import (
    Blocked,
    Event,
    Inbound,
    Press,
    Sender,
    Started,
    Unsupported,
    Upload,
    typed,
)
from bot.conversation.router import Router
from bot.conversation.state import MemoryStateStore
from bot.conversation.views import CommandMenu, File, Keyboard, Message, Notice, Rendered
from bot.domain.messengers import Account, FileRef, Messenger
from bot.domain.reminders import Pacer
from bot.flows import FEATURES, create_i18n_core
from bot.services import outbox
from bot.services.outbox import Outgoing, SweepReport
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.reminders import render
from tests.harness import FrozenClock

MESSENGER = Messenger.MAX


@dataclass
class Shown:
    """One view as the person got it."""

    kind: str
    """message, edit, keyboard, file, notice, menu"""
    text: str | None = None
    buttons: list[tuple[str, str]] = field(default_factory=list)
    file: File | None = None
    alert: bool = False
    commands: list[str] = field(default_factory=list)


class MemoryChannel:
    def __init__(self, network: MemoryMessenger, messenger: Messenger = MESSENGER) -> None:
        self.network = network
        self.messenger = messenger

    async def deliver(self, inbound: Inbound, views: Sequence[Rendered]) -> None:
        assert inbound.sender is not None
        inbox = self.network.inbox(inbound.sender.account)
        for rendered in views:
            view = rendered.view
            buttons = [(label, target) for row in rendered.buttons for label, target, _ in row]
            if isinstance(view, Message):
                kind = "edit" if view.edit and inbound.origin is not None else "message"
                inbox.append(Shown(kind, rendered.text, buttons))
            elif isinstance(view, Keyboard):
                inbox.append(Shown("keyboard", None, buttons))
            elif isinstance(view, File):
                inbox.append(Shown("file", rendered.text, file=view))
            elif isinstance(view, Notice):
                inbox.append(Shown("notice", rendered.text, alert=view.alert))
            elif isinstance(view, CommandMenu):
                inbox.append(Shown("menu", commands=[name for name, _ in rendered.commands]))

    async def download(self, file: FileRef) -> bytes:
        return self.network.files[file.file_id]

    async def bot_name(self) -> str:
        return "mentoring_test_bot"


class MemoryMessenger:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: FrozenClock,
        routers: Sequence[Router] | None = None,
    ) -> None:
        flows = routers or [f.router for f in FEATURES if isinstance(f.router, Router)]
        self.store = MemoryStateStore()
        translator = create_i18n_core(settings.default_locale)
        translator.locales.update(translator.find_locales())
        self.core = Core(
            flows,
            translator=translator,
            store=self.store,
            config=FlowConfig(settings.reminder_policy, settings.invite_ttl, settings.stall_days),
            default_locale=settings.default_locale,
        )
        self.translator = translator
        self.window = settings.reminder_policy.window
        self.session_factory = session_factory
        self.clock = clock
        self.channels = {m: MemoryChannel(self, m) for m in Messenger}
        self.channel = self.channels[MESSENGER]
        self.inboxes: dict[tuple[Messenger, int], list[Shown]] = {}
        """(messenger, chat id) → what the chat shows."""
        self.files: dict[str, bytes] = {}
        self._keys = itertools.count(1)

    def person(
        self,
        user_id: int,
        first_name: str = "Мария",
        language: str = "ru",
        messenger: Messenger = MESSENGER,
    ) -> Talker:
        account = Account(messenger, user_id, user_id)
        return Talker(self, Sender(account, first_name, None, language))

    def inbox(self, chat: Account) -> list[Shown]:
        return self.inboxes.setdefault((chat.messenger, chat.chat_id), [])

    async def feed(self, inbound: Inbound) -> bool:
        return await self.core.receive(
            inbound,
            channel=self.channels[inbound.messenger],
            unit_of_work=lambda: UnitOfWork(self.session_factory),
            clock=self.clock,
        )

    async def sweep(self) -> SweepReport:
        """Deliver what the outbox has due now, each message into the chat it chose."""

        async def no_wait(_: float) -> None:
            return None

        return await outbox.deliver(
            lambda: UnitOfWork(self.session_factory),
            MemoryOutboxSender(self),
            self.clock,
            worker="memory",
            window=self.window,
            pacer=Pacer(per_second=0),
            sleep=no_wait,
        )


class MemoryOutboxSender:
    """The outbox's sender for the memory messenger: renders like the real ones."""

    def __init__(self, network: MemoryMessenger) -> None:
        self.network = network

    async def send(self, message: Outgoing) -> None:
        def translate(key: str, **params: Any) -> str:
            return str(self.network.translator.get(key, message.locale, **params))

        text, laid_out = render(
            translate, message.outbox_id, message.kind, message.payload, message.locale
        )
        buttons = [(label, target) for row in laid_out for label, target, _ in row]
        chat = Account(message.messenger, message.chat_id, message.chat_id)
        self.network.inbox(chat).append(Shown("message", text, buttons))


@dataclass
class Talker:
    """One person in a private chat with the bot."""

    network: MemoryMessenger
    sender: Sender
    last: Inbound | None = None

    @property
    def inbox(self) -> list[Shown]:
        return self.network.inbox(self.sender.account)

    async def _event(self, event: Event, origin: str | None = None) -> list[Shown]:
        before = len(self.inbox)
        messenger = self.sender.account.messenger
        self.last = Inbound(messenger, next(self.network._keys), self.sender, event, origin)
        handled = await self.network.feed(self.last)
        assert handled, f"no route took {event!r}"
        return self.inbox[before:]

    async def redeliver(self) -> list[Shown]:
        assert self.last is not None
        before = len(self.inbox)
        await self.network.feed(self.last)
        return self.inbox[before:]

    async def start(self, payload: str | None = None) -> list[Shown]:
        return await self._event(Started(payload))

    async def send(self, text: str) -> list[Shown]:
        return await self._event(typed(text))

    async def upload(
        self, name: str, data: bytes, caption: str | None = None, kind: str = "document"
    ) -> list[Shown]:
        file_id = f"file-{next(self.network._keys)}"
        self.network.files[file_id] = data
        ref = FileRef(self.sender.account.messenger, kind, file_id)
        return await self._event(Upload(ref, name, len(data), caption))

    async def sticker(self) -> list[Shown]:
        return await self._event(Unsupported("sticker"))

    async def block(self, blocked: bool = True) -> list[Shown]:
        return await self._event(Blocked(blocked))

    async def press(self, action: Action | str) -> list[Shown]:
        data = action if isinstance(action, str) else action.pack()
        return await self._event(Press(data), origin="1")

    async def press_button(self, label: str) -> list[Shown]:
        """Press the newest button whose label contains `label`, as a person would."""
        for shown in reversed(self.inbox):
            for text, target in reversed(shown.buttons):
                if label in text:
                    return await self.press(target)
        raise AssertionError(f"no button with {label!r}")


def texts(shown: list[Shown]) -> list[str]:
    return [s.text for s in shown if s.text]


def joined(shown: list[Shown]) -> str:
    return "\n".join(texts(shown))


def message_kinds(shown: list[Shown]) -> list[str]:
    return [s.kind for s in shown]
