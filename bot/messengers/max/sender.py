"""The outbox's MAX sender: a row in its recipient's language, its buttons as MAX's inline
keyboard (7 a row, 30 rows), a longer text in parts of 4000 characters.

MAX answers 429 above 30 requests a second per bot or 2 messages a second per chat, with no
`retry_after`: the row waits `RETRY_PAUSE` (both windows are a second long) and is tried again.
403 (`chat.denied`: the person stopped or blocked the bot, «error.dialog.suspended») is
`RecipientBlocked`. A connection error or a 5xx propagates: the sweep keeps the row and tries it
again later, as for Telegram.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial

from maxapi import Bot
from maxapi.exceptions.max import MaxApiError

from bot.conversation.context import Translator
from bot.domain.messengers import Messenger
from bot.domain.reminders import LIMITS
from bot.messengers.max.outbound import send_text
from bot.messengers.outbox import rendered
from bot.services import outbox

RETRY_PAUSE = 1.0
"""Seconds to wait after a 429: MAX gives no retry_after, and its windows are a second long."""
DENIED = "chat.denied"


def refused(error: MaxApiError) -> bool:
    """MAX will not let the bot write to this chat any more."""
    code = error.raw.get("code") if isinstance(error.raw, dict) else None
    return error.code == 403 or code == DENIED


class MaxSender:
    """Renders an outbox row in the recipient's language at send time and sends it to their
    MAX dialog; the parts of a long text are spaced by MAX's per-chat gap."""

    def __init__(
        self,
        bot: Bot,
        translator: Translator,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._bot = bot
        self._translator = translator
        self._pause = partial(sleep, LIMITS[Messenger.MAX].chat_gap)

    async def send(self, message: outbox.Outgoing) -> int:
        text, buttons = rendered(self._translator, message)
        try:
            return await send_text(self._bot, message.chat_id, text, buttons, self._pause)
        except MaxApiError as error:
            if error.code == 429:
                raise outbox.RetryLater(RETRY_PAUSE) from error
            if refused(error):
                raise outbox.RecipientBlocked() from error
            raise
