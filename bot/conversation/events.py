"""What a person did, as the core sees it, whatever messenger it came from.

An adapter turns each update of its messenger into one `Inbound`: who sent it, from which chat,
and one event — a command, text, a pressed button, a file, something that is no answer at all,
the start of the conversation (with a deep link's payload) or the bot being blocked/unblocked.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.messengers import Account, FileRef, Messenger


@dataclass(frozen=True, slots=True)
class Sender:
    account: Account
    first_name: str | None = None
    last_name: str | None = None
    language: str | None = None
    """The language the messenger's client reports, if it does (a newcomer's first guess)."""

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass(frozen=True, slots=True)
class Started:
    """The conversation opened (Telegram's /start, MAX's bot_started), with a deep link's
    payload."""

    payload: str | None = None


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    """Lower case, without the slash and without a bot's @name."""
    args: str | None
    text: str
    """The whole message as typed (a flow that does not know the command takes it as text)."""


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Press:
    """A button pressed: its packed action (see bot.conversation.actions)."""

    data: str


@dataclass(frozen=True, slots=True)
class Upload:
    """A photo or a document, kept by the messenger's reference; its bytes on request."""

    file: FileRef
    name: str | None = None
    size: int | None = None
    caption: str | None = None

    @property
    def is_photo(self) -> bool:
        return self.file.kind == "photo"


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A sticker, voice, contact, location …: never an answer to anything the bot asks."""

    kind: str


@dataclass(frozen=True, slots=True)
class Blocked:
    """The person blocked the bot (True) or unblocked it (False)."""

    blocked: bool


Event = Started | Command | Text | Press | Upload | Unsupported | Blocked


def typed(text: str) -> Started | Command | Text:
    """What a person typed: `/name[@bot] args` is a command (`/start payload`: the start, as a
    deep link gives it), anything else text. Messengers send commands as plain text."""
    if text.startswith("/") and len(text) > 1:
        head, _, rest = text.partition(" ")
        name = head[1:].partition("@")[0].lower()
        if name:
            args = rest.strip() or None
            return Started(args) if name == "start" else Command(name, args, text)
    return Text(text)


@dataclass(frozen=True, slots=True)
class Inbound:
    messenger: Messenger
    update_key: int
    """The messenger's id for the update: a redelivery carries the same one."""
    sender: Sender | None
    event: Event
    origin: str | None = None
    """The message the pressed button sits on (its id in the messenger), for edits in place."""
