"""MAX updates (the Bot API's JSON, as a webhook or `GET /updates` delivers it) as core events.

MAX numbers no update: the key that makes a redelivered update recognisable is made from what
identifies it — a message's `mid`, a press's `callback_id`, the user and moment of a start or
stop — hashed to the 63-bit number the processed-update table keeps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from bot.conversation.events import (
    Blocked,
    Event,
    Inbound,
    Press,
    Sender,
    Started,
    Unsupported,
    Upload,
    typed,
)
from bot.domain.messengers import Account, FileRef, Messenger

MAX = Messenger.MAX
_FILES = {"image": "photo", "file": "document"}
"""MAX attachment types a flow may take as a file, by the kind the core knows them by."""


class MalformedUpdate(ValueError):
    """An update that does not follow MAX's schema: logged and skipped, never retried."""


def update_key(*parts: object) -> int:
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & (2**63 - 1)


def _sender(user: Mapping[str, Any], chat_id: int, locale: str | None) -> Sender:
    return Sender(
        Account(MAX, int(user["user_id"]), int(chat_id)),
        user.get("first_name") or None,
        user.get("last_name") or None,
        (locale or "").partition("-")[0] or None,
    )


def _message_event(body: Mapping[str, Any]) -> Event:
    text = body.get("text") or None
    for attachment in body.get("attachments") or ():
        kind = attachment.get("type")
        if kind == "inline_keyboard":
            continue
        payload = attachment.get("payload") or {}
        if kind in _FILES and payload.get("url"):
            ref = FileRef(MAX, _FILES[kind], str(payload["url"]))
            return Upload(ref, attachment.get("filename"), attachment.get("size"), text)
        return Unsupported(str(kind))
    if text is None:
        return Unsupported("empty")
    return typed(text)


def to_inbound(update: Mapping[str, Any]) -> Inbound | None:
    """The update as an event of a person in a dialog with the bot; None for what is none of
    ours (group chats, edits, other bots). Raises MalformedUpdate for a broken one."""
    try:
        return _inbound(update)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise MalformedUpdate(repr(error)) from error


def _inbound(update: Mapping[str, Any]) -> Inbound | None:
    kind = update["update_type"]
    locale = update.get("user_locale")
    if kind == "message_created":
        message = update["message"]
        recipient, sender, body = message["recipient"], message["sender"], message["body"]
        if recipient.get("chat_type", "dialog") != "dialog" or sender.get("is_bot"):
            return None
        key = update_key("m", body["mid"])
        event = _message_event(body)
        return Inbound(MAX, key, _sender(sender, recipient["chat_id"], locale), event)
    if kind == "message_callback":
        callback, message = update["callback"], update.get("message")
        user = callback["user"]
        chat_id = message["recipient"]["chat_id"] if message else user["user_id"]
        origin = message["body"]["mid"] if message else None
        press = Press(str(callback.get("payload") or ""))
        key = update_key("c", callback["callback_id"])
        return Inbound(MAX, key, _sender(user, chat_id, locale), press, origin)
    if kind in ("bot_started", "bot_stopped"):
        user = update["user"]
        key = update_key(kind, user["user_id"], update.get("timestamp"))
        started: Event = (
            Started(update.get("payload") or None) if kind == "bot_started" else Blocked(True)
        )
        return Inbound(MAX, key, _sender(user, update["chat_id"], locale), started)
    return None


def callback_id(update: Mapping[str, Any]) -> str | None:
    if update.get("update_type") != "message_callback":
        return None
    return str(update["callback"]["callback_id"])
