"""Editing a school's registry: the approving orders (date and number) and the curator's
contacts (name, then e-mail and phone, each skippable)."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.people import clean_full_name
from bot.domain.registry import OrderKind, clean_email, clean_phone, parse_past_date
from bot.services import registry
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.kit import leave_for_command, message_of, next_step, reask
from handlers.registry.callbacks import ORDERS, Registry, RegistryCb
from handlers.registry.card import saved, skip_markup, start_step

router = Router(name=__name__)

# --- orders -------------------------------------------------------------------------------


@router.callback_query(
    RegistryCb.filter(F.action == "order"), RegistryCb.filter(F.arg < len(ORDERS))
)
async def order_start(
    query: CallbackQuery,
    callback_data: RegistryCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    kind = ORDERS[callback_data.arg]
    question = i18n.get("registry-ask-order-date", order=i18n.get(f"registry-order-{kind}"))
    await start_step(
        query,
        state,
        uow,
        actor,
        callback_data.school_id,
        Registry.order_date,
        question,
        kind=kind.value,
    )


@router.message(Registry.order_date)
async def order_date(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    try:
        signed_on = parse_past_date(message.text, clock.now().date())
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("registry-ask-date-again"))
        return
    await next_step(
        message,
        state,
        Registry.order_number,
        {"date": signed_on.isoformat()},
        i18n.get("registry-ask-order-number"),
    )


@router.message(Registry.order_number)
async def order_number(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    data = await state.get_data()
    try:
        await registry.set_order(
            uow,
            actor,
            data["school_id"],
            OrderKind(data["kind"]),
            date.fromisoformat(data["date"]),
            message.text or "",
            clock.now(),
        )
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("registry-ask-order-number"))
        return
    await saved(message, state, uow, actor, i18n, data["school_id"])


# --- curator contacts ------------------------------------------------------------------------


@router.callback_query(RegistryCb.filter(F.action == "contacts"))
async def contacts_start(
    query: CallbackQuery,
    callback_data: RegistryCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    question = i18n.get("registry-ask-contact-name")
    await start_step(
        query, state, uow, actor, callback_data.school_id, Registry.contact_name, question
    )


@router.message(Registry.contact_name)
async def contact_name(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    data = await state.get_data()
    try:
        name = clean_full_name(message.text)
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("registry-ask-contact-name"))
        return
    await next_step(
        message,
        state,
        Registry.contact_email,
        {"name": name},
        i18n.get("registry-ask-email"),
        skip_markup(i18n, data["school_id"]),
    )


@router.message(Registry.contact_email)
async def contact_email(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    data = await state.get_data()
    try:
        email = clean_email(message.text)
    except InvalidInput as error:
        question = i18n.get("registry-ask-email")
        await reask(message, i18n, error, question, skip_markup(i18n, data["school_id"]))
        return
    await _to_phone(message, state, i18n, data["school_id"], email)


async def _to_phone(
    message: Message, state: FSMContext, i18n: I18nContext, school_id: int, email: str | None
) -> None:
    await next_step(
        message,
        state,
        Registry.contact_phone,
        {"email": email},
        i18n.get("registry-ask-phone"),
        skip_markup(i18n, school_id),
    )


@router.message(Registry.contact_phone)
async def contact_phone(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    data = await state.get_data()
    try:
        phone = clean_phone(message.text)
    except InvalidInput as error:
        question = i18n.get("registry-ask-phone")
        await reask(message, i18n, error, question, skip_markup(i18n, data["school_id"]))
        return
    await _save_contacts(message, state, uow, actor, i18n, clock, phone)


async def _save_contacts(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    phone: str | None,
) -> None:
    data = await state.get_data()
    await registry.set_contacts(
        uow, actor, data["school_id"], data["name"], data.get("email"), phone, clock.now()
    )
    await saved(message, state, uow, actor, i18n, data["school_id"])


@router.callback_query(RegistryCb.filter(F.action == "skip"), Registry.contact_email)
async def skip_email(
    query: CallbackQuery, callback_data: RegistryCb, state: FSMContext, i18n: I18nContext
) -> None:
    message = message_of(query)
    await query.answer()
    await _to_phone(message, state, i18n, callback_data.school_id, None)


@router.callback_query(RegistryCb.filter(F.action == "skip"), Registry.contact_phone)
async def skip_phone(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    await query.answer()
    await _save_contacts(message, state, uow, actor, i18n, clock, None)
