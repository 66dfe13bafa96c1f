"""The outbox's senders for the messengers turned on: what the running bot hands the sweep."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.conversation.context import Translator
from bot.domain.messengers import Messenger
from bot.services.outbox import Sender

if TYPE_CHECKING:
    import aiogram
    import maxapi


def outbox_senders(
    translator: Translator,
    *,
    telegram: aiogram.Bot | None = None,
    max_bot: maxapi.Bot | None = None,
) -> dict[Messenger, Sender]:
    """A sender for each messenger turned on (the one not turned on imports nothing of it)."""
    senders: dict[Messenger, Sender] = {}
    if telegram is not None:
        from bot.messengers.telegram.sender import TelegramSender

        senders[Messenger.TELEGRAM] = TelegramSender(telegram, translator)
    if max_bot is not None:
        from bot.messengers.max.sender import MaxSender

        senders[Messenger.MAX] = MaxSender(max_bot, translator)
    return senders
