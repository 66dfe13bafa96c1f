"""One update as a flow sees it: who, in which language, at what time, in which step, and the
ways to answer — instead of a handler's dozen injected parameters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from bot.conversation.actions import Action
from bot.conversation.events import Inbound, Upload
from bot.conversation.state import Conversation
from bot.conversation.views import Button, Message, Rendered, Rows, View, Words, phrase
from bot.domain.actors import Actor
from bot.domain.messengers import Account, FileRef, Messenger
from bot.domain.reminders import ReminderPolicy
from bot.messengers.links import start_link
from bot.services.clock import Clock

if TYPE_CHECKING:
    from db.uow import UnitOfWork


class Translator(Protocol):
    def get(self, message_id: str, locale: str | None = None, /, **kwargs: Any) -> str: ...


class Channel(Protocol):
    """What the core needs from a messenger adapter for one update."""

    messenger: Messenger

    async def deliver(self, inbound: Inbound, views: Sequence[Rendered]) -> None: ...

    async def download(self, file: FileRef) -> bytes: ...

    async def bot_name(self) -> str:
        """The bot's public name in this messenger, for deep links."""


@dataclass(frozen=True, slots=True)
class FlowConfig:
    """The deployment's settings that flows act on."""

    reminder_policy: ReminderPolicy
    invite_ttl: timedelta
    stall_days: int


class Context:
    def __init__(
        self,
        *,
        inbound: Inbound,
        actor: Actor | None,
        locale: str,
        uow: UnitOfWork,
        clock: Clock,
        state: Conversation,
        config: FlowConfig,
        channel: Channel,
        translator: Translator,
        deliver: Callable[[Sequence[View]], Awaitable[None]],
    ) -> None:
        self.inbound = inbound
        self.actor = actor
        self.locale = locale
        self.uow = uow
        self.clock = clock
        self.state = state
        self.config = config
        self.channel = channel
        self._translator = translator
        self._deliver = deliver

    # who and when

    @property
    def messenger(self) -> Messenger:
        return self.inbound.messenger

    @property
    def account(self) -> Account | None:
        return self.inbound.sender.account if self.inbound.sender is not None else None

    @property
    def me(self) -> Actor:
        """The registered person who sent the update (routes that are not PUBLIC have one)."""
        assert self.actor is not None
        return self.actor

    def now(self) -> datetime:
        return self.clock.now()

    @property
    def update_key(self) -> int:
        return self.inbound.update_key

    @property
    def from_button(self) -> bool:
        return self.inbound.origin is not None

    # words

    def t(self, key: str, **args: Any) -> str:
        """The locale key put into words in the reader's language."""
        return self._translator.get(key, self.locale, **args)

    def words(self, text: Words) -> str:
        if isinstance(text, str):
            return text
        return self._translator.get(text.key, self.locale, **text.args)

    # answers

    def reply(self, key: str, /, *, buttons: Rows = (), edit: bool = False, **args: Any) -> Message:
        return Message(phrase(key, **args), buttons, edit)

    def button(self, key: str, action: Action, /, **args: Any) -> Button:
        return Button(phrase(key, **args), action.pack())

    async def send(self, *views: View) -> None:
        """Deliver views now (before the flow goes on: a long export's «preparing …»)."""
        await self._deliver(views)

    # files and links

    async def download(self, upload: Upload) -> bytes:
        return await self.channel.download(upload.file)

    async def start_link(self, payload: str) -> str:
        return start_link(self.messenger, await self.channel.bot_name(), payload)
