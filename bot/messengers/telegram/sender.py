"""The outbox's Telegram sender: a row in its recipient's language, its buttons as an inline
keyboard; 429 becomes `RetryLater`, 403 (blocked, deactivated) `RecipientBlocked`."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter

from bot.conversation.context import Translator
from bot.messengers.outbox import rendered
from bot.messengers.telegram.outbound import markup
from bot.services import outbox


class TelegramSender:
    """Renders an outbox row in the recipient's language at send time and sends it."""

    def __init__(self, bot: Bot, translator: Translator) -> None:
        self._bot = bot
        self._translator = translator

    async def send(self, message: outbox.Outgoing) -> None:
        text, buttons = rendered(self._translator, message)
        try:
            await self._bot.send_message(message.chat_id, text, reply_markup=markup(buttons))
        except TelegramRetryAfter as error:
            raise outbox.RetryLater(float(error.retry_after)) from error
        except TelegramForbiddenError as error:
            raise outbox.RecipientBlocked() from error
