"""Included last: domain errors, unexpected failures, stale buttons and stray messages."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, Message
from aiogram_i18n import I18nContext

from bot.delivery import is_outage
from bot.domain.actors import Actor
from bot.domain.errors import DomainError
from handlers.ui import menu_keyboard, menu_text

router = Router(name=__name__)
log = logging.getLogger(__name__)


async def _reply(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        query = update.callback_query
        try:
            await query.answer(text[:200], show_alert=True)
        except TelegramBadRequest:  # already answered by the handler: say it in the chat
            if isinstance(query.message, Message):
                await query.message.answer(text)
    elif update.message is not None:
        await update.message.answer(text)


@router.error(ExceptionTypeFilter(DomainError))
async def domain_error(event: ErrorEvent, i18n: I18nContext) -> None:
    error = event.exception
    assert isinstance(error, DomainError)
    await _reply(event, i18n.get(error.key, **error.params))


def _code_failure(event: ErrorEvent) -> bool:
    """An outage is nobody's error here: it goes back up unhandled, and the update is not
    acknowledged (bot.delivery), so Telegram sends it again and the person gets the answer."""
    return not is_outage(event.exception)


@router.error(_code_failure)
async def unexpected_error(event: ErrorEvent, i18n: I18nContext | None = None) -> None:
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
    if i18n is not None:
        try:
            await _reply(event, i18n.get("error-unexpected"))
        except Exception:  # the apology itself failed (network): the log above is what counts
            log.warning("could not tell the user about update %s", event.update.update_id)


@router.callback_query()
async def stale_button(query: CallbackQuery, actor: Actor | None, i18n: I18nContext) -> None:
    """A button from an old menu, a finished flow or another version of the bot."""
    await query.answer(i18n.get("error-stale"), show_alert=True)
    if actor is not None and actor.is_registered and isinstance(query.message, Message):
        await query.message.answer(menu_text(actor, i18n), reply_markup=menu_keyboard(actor, i18n))


@router.message(F.chat.type == "private")
async def stray_message(message: Message, actor: Actor | None, i18n: I18nContext) -> None:
    if actor is None or not actor.is_registered:
        await message.answer(i18n.get("start-stranger"))
        return
    await message.answer(i18n.get("stray-message"))
    await message.answer(menu_text(actor, i18n), reply_markup=menu_keyboard(actor, i18n))
