"""A Telegram user as the bot's messenger account."""

from __future__ import annotations

from aiogram.types import User

from bot.domain.messengers import Account, Messenger


def account_of(user: User, chat_id: int | None = None) -> Account:
    """The account of a Telegram user writing in a chat (by default their private chat, whose
    id is the user's)."""
    return Account(Messenger.TELEGRAM, user.id, user.id if chat_id is None else chat_id)
