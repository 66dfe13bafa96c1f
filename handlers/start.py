"""Onboarding: /start with an invitation, consent, name and position, the first menu."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, InviteInvalid
from bot.domain.invites import looks_like_token
from bot.domain.people import CONSENT_VERSION, clean_position, pick_locale
from bot.domain.roles import Role
from bot.messengers.telegram.accounts import account_of
from bot.services import identity, onboarding
from bot.services.clock import Clock
from bot.services.invites import InviteSummary, describe
from db.uow import UnitOfWork
from handlers.callbacks import ConsentCb
from handlers.ui import menu_keyboard, menu_text, set_commands

router = Router(name=__name__)


class Onboarding(StatesGroup):
    consent = State()
    full_name = State()
    position = State()


def _place(i18n: I18nContext, summary: InviteSummary) -> str:
    return i18n.get(
        "invite-target", role=i18n.get(f"role-{summary.role.value}"), place=summary.place
    )


async def show_menu(message: Message, actor: Actor, i18n: I18nContext, bot: Bot) -> None:
    await message.answer(menu_text(actor, i18n), reply_markup=menu_keyboard(actor, i18n))
    await set_commands(bot, actor, i18n)


async def _ask_consent(message: Message, i18n: I18nContext, summary: InviteSummary) -> None:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get("consent-agree"), callback_data=ConsentCb(agree=True))
    keyboard.button(text=i18n.get("consent-decline"), callback_data=ConsentCb(agree=False))
    keyboard.adjust(1)
    await message.answer(i18n.get("onboarding-hello", target=_place(i18n, summary)))
    await message.answer(
        i18n.get("consent-text", version=CONSENT_VERSION), reply_markup=keyboard.as_markup()
    )


@router.message(CommandStart())
async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor | None,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
) -> None:
    token = (command.args or "").strip()
    if not token:
        await _start_without_token(message, state, actor, i18n, bot)
        return
    if not looks_like_token(token):
        raise InviteInvalid()
    now = clock.now()
    if actor is not None and actor.is_registered:
        summary = await onboarding.redeem_as_known_person(uow, actor.person_id, token, now)
        await message.answer(i18n.get("onboarding-role-added", target=_place(i18n, summary)))
        refreshed = await identity.load_actor(uow, actor.account.messenger, actor.account.user_id)
        assert refreshed is not None
        await show_menu(message, refreshed, i18n, bot)
        return
    summary = await describe(uow, token, now)
    await state.set_data({"token": token})
    if actor is not None:  # consented earlier but never finished: go on with the name
        await state.set_state(Onboarding.full_name)
        await message.answer(i18n.get("onboarding-hello", target=_place(i18n, summary)))
        await message.answer(i18n.get("onboarding-ask-name"))
        return
    await state.set_state(Onboarding.consent)
    await _ask_consent(message, i18n, summary)


async def _start_without_token(
    message: Message, state: FSMContext, actor: Actor | None, i18n: I18nContext, bot: Bot
) -> None:
    current = await state.get_state()
    if current == Onboarding.full_name.state:
        await message.answer(i18n.get("onboarding-ask-name"))
    elif current == Onboarding.position.state:
        await message.answer(i18n.get("onboarding-ask-position"))
    elif current == Onboarding.consent.state:
        await message.answer(i18n.get("consent-waiting"))
    elif actor is not None and actor.is_registered:
        await show_menu(message, actor, i18n, bot)
    else:
        await message.answer(i18n.get("start-stranger"))


@router.message(Command("cancel"))
async def cancel(
    message: Message, state: FSMContext, actor: Actor | None, i18n: I18nContext
) -> None:
    """Leave any flow; what was already saved stays saved."""
    had_flow = await state.get_state() is not None
    await state.clear()
    if actor is None or not actor.is_registered:
        await message.answer(i18n.get("cancel-onboarding" if had_flow else "start-stranger"))
        return
    await message.answer(i18n.get("cancel-done" if had_flow else "cancel-nothing"))
    await message.answer(menu_text(actor, i18n), reply_markup=menu_keyboard(actor, i18n))


@router.message(StateFilter(Onboarding.full_name, Onboarding.position), F.text.startswith("/"))
async def command_during_onboarding(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    """Commands are not names: finish (or /cancel) the registration first."""
    current = await state.get_state()
    key = (
        "onboarding-ask-name"
        if current == Onboarding.full_name.state
        else "onboarding-ask-position"
    )
    await message.answer(i18n.get("onboarding-finish-first"))
    await message.answer(i18n.get(key))


@router.callback_query(Onboarding.consent, ConsentCb.filter())
async def consent_answer(
    query: CallbackQuery,
    callback_data: ConsentCb,
    state: FSMContext,
    uow: UnitOfWork,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    if not callback_data.agree:
        await state.clear()
        await query.message.answer(i18n.get("consent-declined"))
        return
    locale = i18n.locale or pick_locale(query.from_user.language_code)
    await onboarding.give_consent(uow, account_of(query.from_user), locale, clock.now())
    await state.set_state(Onboarding.full_name)
    await query.message.answer(i18n.get("consent-thanks"))
    await query.message.answer(i18n.get("onboarding-ask-name"))


@router.message(Onboarding.consent)
async def consent_typed(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("consent-waiting"))


@router.message(Onboarding.full_name)
async def full_name(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        name = onboarding.check_name(message.text)
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await message.answer(i18n.get("onboarding-ask-name"))
        return
    await state.update_data(full_name=name)
    await state.set_state(Onboarding.position)
    await message.answer(i18n.get("onboarding-ask-position"))


@router.message(Onboarding.position)
async def position(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
) -> None:
    try:
        value = clean_position(message.text)
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await message.answer(i18n.get("onboarding-ask-position"))
        return
    data = await state.get_data()
    assert message.from_user is not None
    account = account_of(message.from_user)
    try:
        summary = await onboarding.complete_registration(
            uow, account, data["full_name"], value, data["token"], clock.now()
        )
    finally:
        await state.clear()
    actor = await identity.load_actor(uow, account.messenger, account.user_id)
    assert actor is not None
    await message.answer(i18n.get("onboarding-done", target=_place(i18n, summary)))
    if summary.role in (Role.MENTOR, Role.MENTEE):
        await message.answer(i18n.get("profile-after-registration"))
    await show_menu(message, actor, i18n, bot)
