"""The core's views as Telegram Bot API calls, for one update."""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from bot.conversation.events import Inbound
from bot.conversation.views import CommandMenu, File, Keyboard, Message, Notice, Rendered
from bot.domain.messengers import FileRef, Messenger

NOTICE_LIMIT = 200
"""Telegram shows at most 200 characters of a button's answer."""
KEYBOARDS = 512
_keyboards: OrderedDict[tuple[tuple[tuple[str, str, bool], ...], ...], InlineKeyboardMarkup] = (
    OrderedDict()
)
"""Built keyboards by their buttons: menus go out with every stray message, and building one
costs a millisecond of pydantic models."""


def markup(buttons: tuple[tuple[tuple[str, str, bool], ...], ...]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    built = _keyboards.get(buttons)
    if built is None:
        built = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(text=label, url=target)
                    if is_url
                    else InlineKeyboardButton(text=label, callback_data=target)
                    for label, target, is_url in row
                ]
                for row in buttons
            ]
        )
        _keyboards[buttons] = built
        if len(_keyboards) > KEYBOARDS:
            _keyboards.popitem(last=False)
    else:
        _keyboards.move_to_end(buttons)
    return built


class TelegramChannel:
    """Answers one update: in its chat, editing the message its button was on when asked."""

    messenger = Messenger.TELEGRAM

    def __init__(self, bot: Bot, query: CallbackQuery | None = None) -> None:
        self.bot = bot
        self.query = query

    async def deliver(self, inbound: Inbound, views: Sequence[Rendered]) -> None:
        assert inbound.sender is not None
        chat_id = inbound.sender.account.chat_id
        for rendered in views:
            view = rendered.view
            if isinstance(view, Notice):
                if self.query is not None:
                    text = rendered.text[:NOTICE_LIMIT] if rendered.text else None
                    await self.bot.answer_callback_query(
                        self.query.id, text=text, show_alert=view.alert
                    )
            elif isinstance(view, Message):
                await self._message(chat_id, inbound.origin, rendered, view.edit)
            elif isinstance(view, Keyboard):
                if inbound.origin is not None:
                    try:
                        await self.bot.edit_message_reply_markup(
                            chat_id=chat_id,
                            message_id=int(inbound.origin),
                            reply_markup=markup(rendered.buttons),
                        )
                    except TelegramBadRequest as error:
                        if "not modified" not in error.message:
                            raise
            elif isinstance(view, File):
                document = BufferedInputFile(view.data, filename=view.name)
                if view.kind == "photo":
                    await self.bot.send_photo(chat_id, document, caption=rendered.text)
                else:
                    await self.bot.send_document(chat_id, document, caption=rendered.text)
            elif isinstance(view, CommandMenu):
                scope = BotCommandScopeChat(chat_id=chat_id)
                if rendered.commands:
                    commands = [BotCommand(command=c, description=d) for c, d in rendered.commands]
                    await self.bot.set_my_commands(commands, scope=scope)
                else:
                    await self.bot.delete_my_commands(scope=scope)

    async def _message(
        self, chat_id: int, origin: str | None, rendered: Rendered, edit: bool
    ) -> None:
        assert rendered.text is not None
        keyboard = markup(rendered.buttons)
        if edit and origin is not None:
            try:
                await self.bot.edit_message_text(
                    rendered.text, chat_id=chat_id, message_id=int(origin), reply_markup=keyboard
                )
                return
            except TelegramBadRequest as error:
                if "not modified" in error.message:
                    return
        await self.bot.send_message(chat_id, rendered.text, reply_markup=keyboard)

    async def download(self, file: FileRef) -> bytes:
        buffer = io.BytesIO()
        await self.bot.download(file.file_id, destination=buffer)
        return buffer.getvalue()

    async def bot_name(self) -> str:
        me = await self.bot.me()
        return me.username or ""
