"""Telegram updates as the core's events."""

from __future__ import annotations

from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, User

from bot.conversation.events import (
    Blocked,
    Event,
    Inbound,
    Press,
    Sender,
    Unsupported,
    Upload,
    typed,
)
from bot.domain.messengers import Account, FileRef, Messenger

TELEGRAM = Messenger.TELEGRAM


def sender_of(user: User, chat_id: int) -> Sender:
    return Sender(
        Account(TELEGRAM, user.id, chat_id), user.first_name, user.last_name, user.language_code
    )


def message_event(message: Message) -> Event:
    if message.text is not None:
        return typed(message.text)
    if message.photo:
        photo = message.photo[-1]
        ref = FileRef(TELEGRAM, "photo", photo.file_id)
        return Upload(ref, size=photo.file_size, caption=message.caption)
    if message.document is not None:
        document = message.document
        ref = FileRef(TELEGRAM, "document", document.file_id)
        return Upload(ref, document.file_name, document.file_size, message.caption)
    return Unsupported(message.content_type)


def from_message(update_id: int, message: Message) -> Inbound | None:
    """A private chat's message (groups and channels are no conversation of ours)."""
    if message.chat.type != "private" or message.from_user is None or message.from_user.is_bot:
        return None
    sender = sender_of(message.from_user, message.chat.id)
    return Inbound(TELEGRAM, update_id, sender, message_event(message))


def from_query(update_id: int, query: CallbackQuery) -> Inbound:
    message = query.message
    chat_id = message.chat.id if message is not None else query.from_user.id
    origin = str(message.message_id) if isinstance(message, Message) else None
    return Inbound(
        TELEGRAM, update_id, sender_of(query.from_user, chat_id), Press(query.data or ""), origin
    )


def from_member(update_id: int, event: ChatMemberUpdated) -> Inbound | None:
    status = event.new_chat_member.status
    if status not in {"kicked", "member"} or event.old_chat_member.status == status:
        return None
    sender = sender_of(event.from_user, event.chat.id)
    return Inbound(TELEGRAM, update_id, sender, Blocked(status == "kicked"))
