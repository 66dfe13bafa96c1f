"""The messengers a person can reach the bot from, and their account in one of them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Messenger(StrEnum):
    """Stored by value next to every id a messenger gave out (accounts, update keys, files)."""

    TELEGRAM = "telegram"
    MAX = "max"


@dataclass(frozen=True, slots=True)
class Account:
    """Who a person is in one messenger: their user id there and the chat the bot writes to
    (for Telegram's private chats the same number)."""

    messenger: Messenger
    user_id: int
    chat_id: int


@dataclass(frozen=True, slots=True)
class FileRef:
    """A file a person sent (a photo, a document), kept by the messenger's own id for it: the
    bot stores no file, and the id means something only to that messenger."""

    messenger: Messenger
    kind: str
    file_id: str
