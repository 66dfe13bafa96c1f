"""Commands every registered person has: help, language, cancel, my data, forget me."""

from __future__ import annotations

import json

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.people import SUPPORTED_LOCALES
from bot.services import identity
from bot.services.clock import Clock
from bot.settings import Settings
from db.fsm_storage import forget_person
from db.uow import UnitOfWork
from handlers.callbacks import ForgetCb, LangCb, MenuCb
from handlers.filters import Registered
from handlers.ui import clear_commands, help_text, menu_keyboard, menu_text, set_commands

router = Router(name=__name__)
router.message.filter(Registered())
router.callback_query.filter(Registered())


@router.message(Command("help"))
async def help_command(message: Message, actor: Actor, i18n: I18nContext) -> None:
    await message.answer(help_text(actor, i18n))


@router.callback_query(MenuCb.filter(F.action == "help"))
async def help_button(query: CallbackQuery, actor: Actor, i18n: I18nContext) -> None:
    await query.answer()
    assert query.message is not None
    await query.message.answer(help_text(actor, i18n))


def _language_keyboard(i18n: I18nContext) -> InlineKeyboardBuilder:
    """Each language named in itself, whatever the current one: «Русский», «English»."""
    keyboard = InlineKeyboardBuilder()
    for code in SUPPORTED_LOCALES:
        keyboard.button(text=i18n.get(f"language-name-{code}"), callback_data=LangCb(code=code))
    return keyboard


@router.message(Command("language"))
async def language(message: Message, i18n: I18nContext) -> None:
    await message.answer(
        i18n.get("language-choose"), reply_markup=_language_keyboard(i18n).as_markup()
    )


@router.callback_query(MenuCb.filter(F.action == "language"))
async def language_button(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer()
    assert query.message is not None
    await query.message.answer(
        i18n.get("language-choose"), reply_markup=_language_keyboard(i18n).as_markup()
    )


@router.callback_query(LangCb.filter(F.code.in_(SUPPORTED_LOCALES)))
async def language_chosen(
    query: CallbackQuery,
    callback_data: LangCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    bot: Bot,
) -> None:
    await identity.set_locale(uow, actor, callback_data.code)
    updated = await identity.load_actor(uow, actor.account.messenger, actor.account.user_id)
    assert updated is not None and isinstance(query.message, Message)
    with i18n.use_locale(callback_data.code):
        await query.answer()
        await query.message.edit_text(i18n.get("language-set"))
        await query.message.answer(
            menu_text(updated, i18n), reply_markup=menu_keyboard(updated, i18n)
        )
        await set_commands(bot, updated, i18n)


async def _send_my_data(message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext) -> None:
    data = await identity.export_personal_data(uow, actor)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    await message.answer_document(
        BufferedInputFile(payload, filename="my-data.json"), caption=i18n.get("mydata-caption")
    )


@router.message(Command("mydata"))
async def my_data(message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext) -> None:
    await _send_my_data(message, uow, actor, i18n)


@router.callback_query(MenuCb.filter(F.action == "mydata"))
async def my_data_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _send_my_data(query.message, uow, actor, i18n)


@router.message(Command("forget"))
async def forget(message: Message, i18n: I18nContext) -> None:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get("forget-confirm"), callback_data=ForgetCb(confirm=True))
    keyboard.button(text=i18n.get("forget-keep"), callback_data=ForgetCb(confirm=False))
    keyboard.adjust(1)
    await message.answer(i18n.get("forget-warning"), reply_markup=keyboard.as_markup())


@router.callback_query(ForgetCb.filter())
async def forget_answer(
    query: CallbackQuery,
    callback_data: ForgetCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    bot: Bot,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    if not callback_data.confirm:
        await query.message.edit_text(i18n.get("forget-kept"))
        return
    await identity.forget(uow, actor, clock.now(), settings.reminder_policy.window)
    await forget_person(state.storage, bot.id, actor.account.user_id)
    await query.message.edit_text(i18n.get("forget-done"))
    await clear_commands(bot, actor.account.chat_id)
