"""Deep links that open a conversation with the bot and hand it a payload (an invite token)."""

from __future__ import annotations

from bot.domain.messengers import Messenger

_START = {
    Messenger.TELEGRAM: "https://t.me/{bot}?start={payload}",
    Messenger.MAX: "https://max.ru/{bot}?start={payload}",
}


def start_link(messenger: Messenger, bot: str, payload: str) -> str:
    """The link that starts a chat with the bot named `bot` and gives it `payload`."""
    return _START[messenger].format(bot=bot, payload=payload)
