"""What the outbox's senders (one a messenger) share: the row in words, in the recipient's
language, at send time. `bot.messengers.senders` builds them."""

from __future__ import annotations

from typing import Any

from bot.conversation.context import Translator
from bot.services.outbox import Outgoing
from handlers.reminders import RenderedRows, render


def rendered(translator: Translator, message: Outgoing) -> tuple[str, RenderedRows]:
    """The row's text and buttons in its recipient's language."""

    def translate(key: str, **params: Any) -> str:
        return str(translator.get(key, message.locale, **params))

    return render(translate, message.outbox_id, message.kind, message.payload, message.locale)
